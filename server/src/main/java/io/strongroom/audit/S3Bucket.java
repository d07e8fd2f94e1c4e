package io.strongroom.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.platform.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A bucket on any S3-compatible store (S3, OSS, MinIO, ...), through the AWS SDK v2 over the
 * JDK's HTTP client. A PUT stores an object whole or not at all, and the same name again
 * replaces it. The SDK does not retry here: delivery retries with its own backoff, so a bucket
 * that is down costs one quick failure per round, not a pile of hidden retries.
 */
final class S3Bucket implements AuditBucket, AutoCloseable {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String prefix;
    private final String bucket;
    private final S3Client client;

    private S3Bucket(String name, String prefix, String bucket, S3Client client) {
        this.name = requireNonNull(name, "name");
        this.prefix = requireNonNull(prefix, "prefix");
        this.bucket = requireNonNull(bucket, "bucket");
        this.client = requireNonNull(client, "client");
    }

    static S3Bucket of(Config.BucketConfig config, Path home) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config, home))
                .forcePathStyle(Boolean.TRUE.equals(config.pathStyle()))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(override -> override.apiCallTimeout(CALL_TIMEOUT).retryStrategy(retry -> retry.maxAttempts(1)));
        if (config.endpoint() != null) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        return new S3Bucket(config.name(), config.prefix(), config.bucket(), builder.build());
    }

    /** The access key from the bucket's credentials file, else from the environment; the secret is never logged. */
    private static AwsCredentialsProvider credentials(Config.BucketConfig config, Path home) {
        if (config.credentialsFile() == null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        Path file = home.resolve(config.credentialsFile());
        try {
            JsonNode json = new ObjectMapper().readTree(Files.readString(file));
            JsonNode id = json.get("AccessKeyId");
            JsonNode secret = json.get("SecretAccessKey");
            if (id == null || secret == null) {
                throw new IllegalArgumentException("audit bucket " + config.name() + ": " + file
                        + " must hold {\"AccessKeyId\": ..., \"SecretAccessKey\": ...}");
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id.asText(), secret.asText()));
        } catch (IOException e) {
            throw new IllegalArgumentException("audit bucket " + config.name() + ": cannot read its credentials file " + file
                    + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public void checkWritable() throws IOException {
        try {
            client.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("the S3 bucket " + bucket + " cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String objectName, byte[] content) throws IOException {
        try {
            client.putObject(request -> request.bucket(bucket).key(objectName).contentType("application/gzip"),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("storing " + objectName + " in the S3 bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        try {
            List<String> names = new ArrayList<>();
            client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(namePrefix))
                    .contents().forEach(object -> names.add(object.key()));
            names.sort(null);
            return names;
        } catch (SdkException e) {
            throw new IOException("listing " + namePrefix + " in the S3 bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String objectName) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(request -> request.bucket(bucket).key(objectName)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("reading " + objectName + " from the S3 bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3 bucket " + name + " (" + bucket + ")";
    }
}

package io.strongroom.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server's configuration: {@code $STRONGROOM_HOME/strongroom.yaml}, every field optional,
 * a few overridable from the environment ({@code STRONGROOM_API_PORT}, {@code STRONGROOM_DOMAIN},
 * {@code STRONGROOM_ENDPOINT_PORT}, {@code STRONGROOM_AUDIT_INTERVAL}). No secret is ever held here, only paths to secret files.
 */
public record Config(
        String domain,
        Listener api,
        Listener endpoint,
        List<RegionConfig> regions,
        StoreConfig store,
        HsmConfig hsm,
        String sealingKeyFile,
        AuditConfig audit) {

    public record Listener(String host, Integer port) {
    }

    /** A region: its id ({@code cn-hangzhou}), name, and the short code that instance and key ids carry. */
    public record RegionConfig(String id, String name, String code) {
    }

    /** {@code kind} is {@code sqlite} (default, a file in the data directory) or {@code postgresql}. */
    public record StoreConfig(String kind, String url, String user, String passwordFile) {
    }

    public record HsmConfig(Integer minimumNodes, Duration callTimeout, Duration healthCheckInterval, String cryptoUser) {
    }

    /**
     * Security audit: the buckets instances may deliver to, the delivery interval, and whether a
     * request whose record cannot be made durable is refused ({@code failClosed}: cryptographic
     * calls, default true; {@code failClosedManagement}: management calls, default false).
     * {@code node} names this server in object names (default: the host name).
     * {@code operatorLogRetention}: how long this node keeps the records that belong to no
     * instance ({@code audit-operator/} in the data directory; default 90 days).
     */
    public record AuditConfig(List<BucketConfig> buckets, Duration interval, Boolean failClosed, Boolean failClosedManagement,
                              String node, Duration operatorLogRetention) {
    }

    /**
     * A bucket, by the name operators pick it by. {@code kind} {@code local}: {@code directory}
     * (relative to the data directory unless absolute, and it must exist). {@code kind} {@code s3}:
     * any S3-compatible store: {@code bucket} (default: the name), {@code endpoint} (default: AWS),
     * {@code region} (default us-east-1), {@code pathStyle}, and the access key from
     * {@code credentialsFile} (JSON {@code {"AccessKeyId": ..., "SecretAccessKey": ...}}) or else
     * from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}.
     */
    public record BucketConfig(String name, String kind, String directory, String prefix, String endpoint, String region,
                               String bucket, String credentialsFile, Boolean pathStyle) {
    }

    public static final List<BucketConfig> DEFAULT_BUCKETS = List.of(
            new BucketConfig("demo-audit", "local", "buckets/demo-audit", "AuditLogs", null, null, null, null, null));

    public static final List<RegionConfig> DEFAULT_REGIONS = List.of(
            new RegionConfig("cn-hangzhou", "China (Hangzhou)", "hzz"),
            new RegionConfig("cn-shanghai", "China (Shanghai)", "shh"),
            new RegionConfig("cn-beijing", "China (Beijing)", "bjj"),
            new RegionConfig("cn-shenzhen", "China (Shenzhen)", "szz"),
            new RegionConfig("cn-hongkong", "China (Hong Kong)", "hkk"),
            new RegionConfig("ap-southeast-3", "Malaysia (Kuala Lumpur)", "kul"),
            new RegionConfig("ap-southeast-1", "Singapore (Singapore)", "sgp"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    /** Fills every absent field with its default. */
    public Config {
        domain = Objects.requireNonNullElse(domain, "localhost");
        api = listener(api, "127.0.0.1", 8443);
        endpoint = listener(endpoint, "127.0.0.1", 9443);
        regions = regions == null || regions.isEmpty() ? DEFAULT_REGIONS : List.copyOf(regions);
        store = store == null ? new StoreConfig("sqlite", null, null, null)
                : new StoreConfig(Objects.requireNonNullElse(store.kind(), "sqlite"), store.url(), store.user(), store.passwordFile());
        hsm = hsm == null ? new HsmConfig(null, null, null, null) : hsm;
        hsm = new HsmConfig(
                Objects.requireNonNullElse(hsm.minimumNodes(), 2),
                Objects.requireNonNullElse(hsm.callTimeout(), Duration.ofSeconds(5)),
                Objects.requireNonNullElse(hsm.healthCheckInterval(), Duration.ofSeconds(5)),
                Objects.requireNonNullElse(hsm.cryptoUser(), "kmsuser"));
        sealingKeyFile = Objects.requireNonNullElse(sealingKeyFile, "secrets/node-sealing.key");
        audit = audit(audit);
        for (RegionConfig region : regions) {
            if (region.id() == null || region.code() == null || !region.code().matches("[a-z0-9]{2,6}")) {
                throw new IllegalArgumentException("every region needs an id and a code of 2 to 6 lower-case letters or digits");
            }
        }
    }

    private static AuditConfig audit(AuditConfig audit) {
        AuditConfig given = audit == null ? new AuditConfig(null, null, null, null, null, null) : audit;
        List<BucketConfig> buckets = given.buckets() == null ? DEFAULT_BUCKETS : given.buckets().stream()
                .map(Config::bucket).toList();
        for (BucketConfig bucket : buckets) {
            if (bucket.name() == null || !bucket.name().matches("[a-z0-9][a-z0-9.-]{1,62}")) {
                throw new IllegalArgumentException("every audit bucket needs a name of 2 to 63 lower-case letters, digits, '.' or '-'");
            }
            boolean local = bucket.kind().equals("local") && bucket.directory() != null;
            if (!local && !bucket.kind().equals("s3")) {
                throw new IllegalArgumentException("audit bucket " + bucket.name() + ": kind must be 'local' (with a 'directory') or 's3'");
            }
        }
        Duration interval = Objects.requireNonNullElse(given.interval(), Duration.ofHours(1));
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("audit.interval must be at least PT1S");
        }
        Duration retention = Objects.requireNonNullElse(given.operatorLogRetention(), Duration.ofDays(90));
        if (retention.compareTo(interval) < 0) {
            throw new IllegalArgumentException("audit.operatorLogRetention must be at least audit.interval");
        }
        return new AuditConfig(buckets, interval, Objects.requireNonNullElse(given.failClosed(), true),
                Objects.requireNonNullElse(given.failClosedManagement(), false), given.node(), retention);
    }

    private static BucketConfig bucket(BucketConfig bucket) {
        String kind = Objects.requireNonNullElse(bucket.kind(), "local");
        String prefix = Objects.requireNonNullElse(bucket.prefix(), "AuditLogs");
        if (!kind.equals("s3")) {
            return new BucketConfig(bucket.name(), kind, bucket.directory(), prefix, null, null, null, null, null);
        }
        return new BucketConfig(bucket.name(), kind, null, prefix, bucket.endpoint(), Objects.requireNonNullElse(bucket.region(), "us-east-1"),
                Objects.requireNonNullElse(bucket.bucket(), bucket.name()), bucket.credentialsFile(),
                Objects.requireNonNullElse(bucket.pathStyle(), false));
    }

    private static Listener listener(Listener listener, String host, int port) {
        return listener == null ? new Listener(host, port)
                : new Listener(Objects.requireNonNullElse(listener.host(), host), Objects.requireNonNullElse(listener.port(), port));
    }

    public static Config defaults() {
        return new Config(null, null, null, null, null, null, null, null);
    }

    /** Reads the configuration file (defaults when it does not exist), then the environment overrides. */
    public static Config load(Path file, Map<String, String> environment) {
        Config config = defaults();
        if (Files.exists(file)) {
            try {
                Config read = YAML.readValue(file.toFile(), Config.class);
                config = read == null ? config : read;
            } catch (UnrecognizedPropertyException e) {
                throw new IllegalArgumentException("unknown setting '" + e.getPropertyName() + "' in " + file);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return config.withEnvironment(environment);
    }

    private Config withEnvironment(Map<String, String> environment) {
        String apiPort = environment.get("STRONGROOM_API_PORT");
        String endpointPort = environment.get("STRONGROOM_ENDPOINT_PORT");
        String auditInterval = environment.get("STRONGROOM_AUDIT_INTERVAL");
        return new Config(
                environment.getOrDefault("STRONGROOM_DOMAIN", domain),
                apiPort == null ? api : new Listener(api.host(), port("STRONGROOM_API_PORT", apiPort)),
                endpointPort == null ? endpoint : new Listener(endpoint.host(), port("STRONGROOM_ENDPOINT_PORT", endpointPort)),
                regions, store, hsm, sealingKeyFile,
                auditInterval == null ? audit : new AuditConfig(audit.buckets(), duration("STRONGROOM_AUDIT_INTERVAL", auditInterval),
                        audit.failClosed(), audit.failClosedManagement(), audit.node(), audit.operatorLogRetention()));
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT1H or PT20S, not '" + value + "'");
        }
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number from 0 to 65535, not '" + value + "'");
        }
    }

    public String toYaml() {
        try {
            return YAML.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

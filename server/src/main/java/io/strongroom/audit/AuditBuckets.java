package io.strongroom.audit;

import io.strongroom.platform.Config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured audit buckets ({@code audit.buckets}), by name: local directories and S3-compatible buckets. */
public final class AuditBuckets {
    private final Map<String, AuditBucket> byName = new LinkedHashMap<>();

    public AuditBuckets(List<AuditBucket> buckets) {
        buckets.forEach(bucket -> byName.put(bucket.name(), bucket));
    }

    /** The buckets of the configuration; a local directory bucket's relative directory is under {@code home}. */
    public static AuditBuckets of(Config.AuditConfig config, Path home) {
        return new AuditBuckets(config.buckets().stream()
                .map(bucket -> bucket.kind().equals("s3") ? (AuditBucket) S3Bucket.of(bucket, home)
                        : new LocalDirectoryBucket(bucket.name(), home.resolve(bucket.directory()), bucket.prefix()))
                .toList());
    }

    public Optional<AuditBucket> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}

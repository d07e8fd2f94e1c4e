package io.strongroom.audit;

import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.Certificates;
import io.strongroom.platform.Config;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Security audit for every face: the pipelines hand each request's record to {@link #record},
 * which makes it durable before the response goes out; {@link #enable} and {@link #disable}
 * switch an instance's audit; {@link AuditDelivery} moves sealed intervals to the buckets.
 *
 * <p>Where a record goes: a record that names an existing instance goes to that instance's spool
 * partition, and so to its bucket while its audit is Enabled. Every other record (the request
 * named no instance, or a refused one named an instance that does not exist) belongs to the
 * operator and goes to this node's {@link OperatorAuditLog}.
 */
public final class SecurityAudit implements AuditTrail, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);

    private final AuditSpool spool;
    private final AuditBuckets buckets;
    private final AuditRepository settings;
    private final InstanceService instances;
    private final Config.AuditConfig config;
    private final AuditDelivery delivery;
    private final AuditSigner signer;
    private final OperatorAuditLog operatorLog;
    private final Set<String> knownInstances = ConcurrentHashMap.newKeySet();

    public SecurityAudit(Config.AuditConfig config, AuditBuckets buckets, AuditRepository settings, InstanceService instances,
                         AuditSpool spool, OperatorAuditLog operatorLog, AuditSigner signer, Path digestChains) {
        this.config = requireNonNull(config, "config");
        this.signer = requireNonNull(signer, "signer");
        this.buckets = requireNonNull(buckets, "buckets");
        this.settings = requireNonNull(settings, "settings");
        this.instances = requireNonNull(instances, "instances");
        this.spool = requireNonNull(spool, "spool");
        this.operatorLog = requireNonNull(operatorLog, "operatorLog");
        this.delivery = new AuditDelivery(spool, buckets, settings::routes, signer, new DigestChain(digestChains),
                config.node() != null ? config.node() : hostName(), config.interval());
    }

    /**
     * Makes the record durable. When it cannot be written, a cryptographic call (or any call, with
     * {@code audit.failClosedManagement}) is refused with {@code AUDIT_UNAVAILABLE}; otherwise the
     * failure is logged and the request answered.
     */
    @Override
    public void record(AuditRecord record, boolean cryptographic) {
        try {
            String json = AuditFormat.json(record);
            Optional<String> instance = instanceOf(record);
            if (instance.isPresent()) {
                spool.append(instance.get(), json);
            } else {
                operatorLog.append(json);
            }
        } catch (RuntimeException e) {
            boolean failClosed = cryptographic ? config.failClosed() : config.failClosedManagement();
            LOG.error("audit record of request {} ({}) not written{}: {}", record.requestId(), record.apiName(),
                    failClosed ? "; the request is refused" : "", e.getMessage());
            if (failClosed) {
                throw new StrongroomException(ErrorCode.AUDIT_UNAVAILABLE, "the request could not be audited (its audit record "
                        + "could not be written to the local spool), so it is refused; the server log says why");
            }
        }
    }

    /**
     * The instance a record belongs to: the one it names, when that exists. A request is answered
     * with success only once its instance was found, so only refusals and failures are looked up
     * (once per instance: instances are never deleted).
     */
    private Optional<String> instanceOf(AuditRecord record) {
        Optional<String> named = record.instanceId().filter(id -> id.matches("[A-Za-z0-9-]{1,64}"));
        if (named.isEmpty() || record.statusCode() < 400 || knownInstances.contains(named.get())) {
            return named;
        }
        try {
            instances.describe(named.get());
            knownInstances.add(named.get());
            return named;
        } catch (StrongroomException e) {
            return e.code() == ErrorCode.INSTANCE_NOT_FOUND ? Optional.empty() : named;
        }
    }

    /** Disabled → Enabled with {@code bucketName} (a configured bucket that takes objects now); unchanged on refusal. */
    public Instance enable(String instanceId, String bucketName) {
        instances.describe(instanceId);
        AuditBucket bucket = bucket(bucketName);
        try {
            bucket.checkWritable();
        } catch (IOException | RuntimeException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "the audit bucket " + bucketName
                    + " cannot take objects now (" + e.getMessage() + "); security audit stays as it was");
        }
        settings.enable(instanceId, bucketName, Instant.now().toString());
        LOG.info("security audit of instance {} enabled to bucket {}", instanceId, bucketName);
        return instances.describe(instanceId);
    }

    /** Enabled → Disabled. Records from before this moment still go to the bucket audit had; later ones are not delivered. */
    public Instance disable(String instanceId) {
        instances.describe(instanceId);
        settings.disable(instanceId, Instant.now().toString());
        LOG.info("security audit of instance {} disabled", instanceId);
        return instances.describe(instanceId);
    }

    /** The instance's audit state, its bucket, and what waits for delivery. */
    public AuditStatus status(String instanceId) {
        Instance instance = instances.describe(instanceId);
        Optional<String> bucket = bucketOf(instanceId);
        return new AuditStatus(instanceId, instance.securityAudit(), bucket, delivery.backlog(instanceId), delivery.lastDelivered(instanceId),
                delivery.lastError(bucket.orElse("")));
    }

    /** The bucket an instance's audit goes to, while Enabled. */
    public Optional<String> bucketOf(String instanceId) {
        return Optional.ofNullable(settings.routes().get(instanceId)).filter(route -> route.disabledAt().isEmpty())
                .map(AuditRepository.Route::bucket);
    }

    /**
     * Checks the instance's delivered objects in {@code bucketName} against its signed digests, for
     * intervals starting in [from, to) when given (see {@link AuditVerifier}).
     */
    public AuditVerifier.Report verify(String instanceId, String bucketName, Optional<Instant> from, Optional<Instant> to) {
        instances.describe(instanceId);
        AuditBucket bucket = bucket(bucketName);
        byte[] publicKey = signer.publicKey(instanceId).orElseThrow(() -> new StrongroomException(ErrorCode.INCORRECT_INSTANCE_STATUS,
                "instance " + instanceId + " has no audit signing key yet, so nothing of it can be verified: the key is made "
                        + "when its first digest is written (audit Enabled, an interval delivered, instance connected)"));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "From (" + from.get() + ") must be before To (" + to.get() + ")");
        }
        try {
            // Not while this node is between storing log objects and their digest: that would look like extra objects.
            synchronized (delivery) {
                return new AuditVerifier(bucket, instanceId, publicKey).verify(from, to);
            }
        } catch (IOException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "the audit bucket " + bucketName + " cannot be read now ("
                    + e.getMessage() + ")");
        }
    }

    /** The PEM of the instance's public audit key, which checks its digests' signatures. */
    public String publicKeyPem(String instanceId) {
        instances.describe(instanceId);
        byte[] publicKey = signer.publicKey(instanceId).orElseThrow(() -> new StrongroomException(ErrorCode.NOT_FOUND,
                "instance " + instanceId + " has no audit signing key yet: it is made when its first digest is written"));
        return Certificates.pem("PUBLIC KEY", publicKey);
    }

    private AuditBucket bucket(String bucketName) {
        if (bucketName == null || bucketName.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Bucket is required; the configured audit buckets are: "
                    + String.join(", ", buckets.names()));
        }
        return buckets.find(bucketName).orElseThrow(() -> new StrongroomException(ErrorCode.INVALID_PARAMETER,
                "there is no audit bucket " + bucketName + "; the configured audit buckets (audit.buckets) are: "
                        + String.join(", ", buckets.names())));
    }

    public List<String> bucketNames() {
        return buckets.names();
    }

    /** This server's name in object names ({@code audit.node}, default the host name). */
    public String node() {
        return delivery.node();
    }

    public AuditDelivery delivery() {
        return delivery;
    }

    /** The instances whose records have a bucket: audit Enabled, or Disabled after being Enabled. */
    Set<String> routedInstances() {
        return settings.routes().keySet();
    }

    AuditSpool spool() {
        return spool;
    }

    public OperatorAuditLog operatorLog() {
        return operatorLog;
    }

    /** Instance records made durable by this server since it started, and the fsyncs that took (for the benchmark). */
    public SpoolActivity spoolActivity() {
        return new SpoolActivity(spool.lines(), spool.syncs());
    }

    /** How many records the instance spool made durable and how many fsyncs that took (group commit shares them). */
    public record SpoolActivity(long records, long syncs) {
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9-]", "-");
            return name.isEmpty() ? "node" : name;
        } catch (IOException e) {
            return "node";
        }
    }

    @Override
    public void close() {
        spool.close();
        operatorLog.close();
    }
}

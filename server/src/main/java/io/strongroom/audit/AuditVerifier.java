package io.strongroom.audit;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Proves an instance's delivered audit objects complete and untampered with only the bucket and
 * the instance's public audit key: every digest is well formed and signed by that key, each node's
 * digests form an unbroken chain, every object a digest names is there with the SHA-256 and size it
 * names, and no log object is in no digest. Each failure is a {@link Finding} naming the object.
 *
 * <p>{@code from}/{@code to} limit the check to intervals starting in [from, to); the link from the
 * first digest in range to the one before it is checked when that one is in the bucket.
 */
public final class AuditVerifier {
    /** What is wrong with one object. */
    public enum Problem {
        /** Named by a digest (or as a digest's previous), but not in the bucket. */
        MISSING,
        /** Its bytes are not those a digest names, or (a digest) it is malformed or its signature does not verify. */
        ALTERED,
        /** It holds the bytes a digest names for another object, or a digest is out of its chain's order. */
        REORDERED,
        /** A log object no digest names: added, replayed under a new name, or delivered after the newest digest. */
        EXTRA
    }

    public record Finding(Problem problem, String objectName, String message) {
    }

    public record Report(String instanceId, int digests, int objects, List<String> nodes, Optional<Instant> first,
                         Optional<Instant> last, List<Finding> findings) {
        public boolean valid() {
            return findings.isEmpty();
        }
    }

    private record Parsed(String name, byte[] content, AuditDigest digest) {
    }


    private final AuditBucket bucket;
    private final String instanceId;
    private final PublicKey publicKey;
    private final String keyFingerprint;
    private final List<Finding> findings = new ArrayList<>();

    public AuditVerifier(AuditBucket bucket, String instanceId, byte[] publicKeySpki) {
        this.bucket = requireNonNull(bucket, "bucket");
        this.instanceId = requireNonNull(instanceId, "instanceId");
        try {
            this.publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicKeySpki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the public audit key is not an EC public key: " + e.getMessage(), e);
        }
        this.keyFingerprint = AuditDigest.sha256Hex(publicKeySpki);
    }

    public Report verify(Optional<Instant> from, Optional<Instant> to) throws IOException {
        findings.clear();
        List<String> names = bucket.list(AuditObjectNames.instanceFolder(bucket.prefix(), instanceId));
        Map<String, byte[]> digestContent = new HashMap<>();
        Map<String, List<Parsed>> chains = new TreeMap<>();
        List<String> logObjects = new ArrayList<>();
        for (String name : names) {
            Optional<Instant> start = AuditObjectNames.intervalStart(name);
            if (name.endsWith(".digest")) {
                byte[] content = bucket.get(name).orElse(null);
                if (content == null) {
                    continue;
                }
                digestContent.put(name, content);
                if (inRange(start, from, to)) {
                    parse(name, content).ifPresent(parsed -> chains.computeIfAbsent(parsed.digest().node(), node -> new ArrayList<>()).add(parsed));
                }
            } else if (inRange(start, from, to)) {
                logObjects.add(name);
            }
        }
        Map<String, AuditDigest.Entry> named = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        int digests = 0;
        for (List<Parsed> chain : chains.values()) {
            chain.sort(Comparator.comparing((Parsed parsed) -> parsed.digest().intervalStart()).thenComparing(Parsed::name));
            for (int i = 0; i < chain.size(); i++) {
                Parsed parsed = chain.get(i);
                checkLink(parsed, i == 0 ? null : chain.get(i - 1), digestContent);
                parsed.digest().objects().forEach(entry -> named.put(entry.name(), entry));
                first = first == null || parsed.digest().intervalStart().isBefore(first) ? parsed.digest().intervalStart() : first;
                last = last == null || parsed.digest().intervalStart().isAfter(last) ? parsed.digest().intervalStart() : last;
                digests++;
            }
        }
        checkObjects(named);
        for (String name : logObjects) {
            if (!named.containsKey(name)) {
                findings.add(new Finding(Problem.EXTRA, name, name + " is in no digest: it was added or replayed after delivery, "
                        + "or delivered after the newest digest (digests follow within one delivery round while the instance is "
                        + "connected to its HSM cluster)"));
            }
        }
        return new Report(instanceId, digests, named.size(), List.copyOf(chains.keySet()), Optional.ofNullable(first),
                Optional.ofNullable(last), List.copyOf(findings));
    }

    /** The digest, if it is well formed, canonical, for this instance, under its own name and signed by the instance's key. */
    private Optional<Parsed> parse(String name, byte[] content) {
        AuditDigest digest;
        try {
            digest = AuditDigest.parse(content);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(Problem.ALTERED, name, "digest " + name + " is malformed: " + e.getMessage()));
            return Optional.empty();
        }
        if (!Arrays.equals(digest.bytes(), content)) {
            findings.add(new Finding(Problem.ALTERED, name, "digest " + name + " is not in the canonical form it was written in"));
            return Optional.empty();
        }
        if (!digest.keyFingerprint().equals(keyFingerprint) || !signatureVerifies(digest)) {
            findings.add(new Finding(Problem.ALTERED, name, "digest " + name + " is not signed by the audit key of instance "
                    + instanceId + (digest.keyFingerprint().equals(keyFingerprint) ? " (its signature does not verify)"
                    : " (it names key " + digest.keyFingerprint() + ", the instance's is " + keyFingerprint + ")")));
            return Optional.empty();
        }
        String expected = AuditObjectNames.digest(bucket.prefix(), instanceId, digest.node(), digest.intervalStart(), digest.interval());
        if (!digest.instanceId().equals(instanceId) || !expected.equals(name)) {
            findings.add(new Finding(Problem.REORDERED, name, "digest " + name + " is the digest " + expected
                    + " stored under another name"));
            return Optional.empty();
        }
        return Optional.of(new Parsed(name, content, digest));
    }

    private boolean signatureVerifies(AuditDigest digest) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(digest.signedPart());
            return verifier.verify(digest.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private void checkLink(Parsed digest, Parsed before, Map<String, byte[]> digestContent) {
        Optional<AuditDigest.Entry> previous = digest.digest().previous();
        if (before == null) {
            if (previous.isPresent() && digestContent.containsKey(previous.get().name())) {
                checkBytes(previous.get(), digestContent.get(previous.get().name()), Map.of());
            }
            return;
        }
        if (previous.isEmpty()) {
            findings.add(new Finding(Problem.REORDERED, digest.name(), "digest " + digest.name() + " starts a new chain after "
                    + before.name() + " (the node's chain state was lost, or the digest was replayed)"));
        } else if (!previous.get().name().equals(before.name())) {
            String missing = previous.get().name();
            if (digestContent.containsKey(missing)) {
                findings.add(new Finding(Problem.REORDERED, digest.name(), "digest " + digest.name() + " follows " + missing
                        + ", but " + before.name() + " comes between them"));
            } else {
                findings.add(new Finding(Problem.MISSING, missing, "digest " + missing + " is missing: " + digest.name()
                        + " follows it"));
            }
        } else {
            checkBytes(previous.get(), before.content(), Map.of());
        }
    }

    private void checkObjects(Map<String, AuditDigest.Entry> named) throws IOException {
        Map<String, String> nameOfHash = new HashMap<>();
        named.values().forEach(entry -> nameOfHash.put(entry.sha256(), entry.name()));
        for (AuditDigest.Entry entry : named.values()) {
            Optional<byte[]> content = bucket.get(entry.name());
            if (content.isEmpty()) {
                findings.add(new Finding(Problem.MISSING, entry.name(), entry.name() + " is missing: a digest names it"));
            } else {
                checkBytes(entry, content.get(), nameOfHash);
            }
        }
    }

    private void checkBytes(AuditDigest.Entry entry, byte[] content, Map<String, String> nameOfHash) {
        String actual = AuditDigest.sha256Hex(content);
        if (actual.equals(entry.sha256()) && content.length == entry.size()) {
            return;
        }
        String other = nameOfHash.get(actual);
        if (other != null && !other.equals(entry.name())) {
            findings.add(new Finding(Problem.REORDERED, entry.name(), entry.name() + " holds the content of " + other));
        } else {
            findings.add(new Finding(Problem.ALTERED, entry.name(), entry.name() + " was altered: its SHA-256 is " + actual
                    + ", the digest names " + entry.sha256()));
        }
    }

    private static boolean inRange(Optional<Instant> start, Optional<Instant> from, Optional<Instant> to) {
        if (start.isEmpty()) {
            return from.isEmpty() && to.isEmpty();
        }
        return from.map(at -> !start.get().isBefore(at)).orElse(true) && to.map(at -> start.get().isBefore(at)).orElse(true);
    }
}

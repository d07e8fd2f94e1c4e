package io.strongroom.key;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One version of a key: its material (for a key pair, its private key) wrapped by the instance's
 * domain key (RFC 5649) and, for a key pair, its public key (X.509 SubjectPublicKeyInfo, DER;
 * empty for secret keys). The wrapped bytes are useless without the HSM; still, they are never printed.
 */
public final class KeyVersion {
    private final String keyVersionId;
    private final String keyId;
    private final byte[] wrappedMaterial;
    private final byte[] publicKey;
    private final Instant creationDate;

    public KeyVersion(String keyVersionId, String keyId, byte[] wrappedMaterial, byte[] publicKey, Instant creationDate) {
        this.keyVersionId = requireNonNull(keyVersionId, "keyVersionId");
        this.keyId = requireNonNull(keyId, "keyId");
        this.wrappedMaterial = requireNonNull(wrappedMaterial, "wrappedMaterial").clone();
        this.publicKey = requireNonNull(publicKey, "publicKey").clone();
        this.creationDate = requireNonNull(creationDate, "creationDate");
    }

    public String keyVersionId() {
        return keyVersionId;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] wrappedMaterial() {
        return wrappedMaterial.clone();
    }

    /** The public key (X.509 SubjectPublicKeyInfo, DER) of a key pair; empty for a secret key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public Instant creationDate() {
        return creationDate;
    }


    @Override
    public String toString() {
        return "KeyVersion[" + keyVersionId + " of " + keyId + ", wrapped material redacted]";
    }
}

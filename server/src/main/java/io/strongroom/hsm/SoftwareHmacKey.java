package io.strongroom.hsm;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * An HMAC key held in process memory, for the SOFTWARE protection level. It only computes MACs,
 * with the hash its key spec names; {@code toString} shows no material and {@link #destroy} zeroes it, after which every
 * operation fails as a disconnected HSM would. Thread safe.
 */
public final class SoftwareHmacKey implements ProcessMemoryKey {
    private final byte[] material;
    private boolean destroyed;

    /** Takes a copy of material unwrapped inside a token; the caller zeroes its own array. */
    public static SoftwareHmacKey copyOf(byte[] material) {
        return new SoftwareHmacKey(material);
    }

    private SoftwareHmacKey(byte[] material) {
        if (material.length < 16) {
            throw new IllegalArgumentException("an HMAC key is at least 16 bytes");
        }
        this.material = material.clone();
    }

    public synchronized byte[] hmac(HmacAlgorithm algorithm, byte[] message) throws HsmException {
        if (destroyed) {
            throw new HsmException(HsmFailure.UNREACHABLE, "the key is no longer loaded: the instance was disconnected");
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jdkName());
            mac.init(new SecretKeySpec(material, algorithm.jdkName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.INTERNAL, algorithm + " failed");
        }
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(material, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "SoftwareHmacKey[material redacted]";
    }
}

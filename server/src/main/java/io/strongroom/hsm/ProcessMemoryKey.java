package io.strongroom.hsm;

/** Key material held in process memory for the SOFTWARE protection level; {@link #destroy} makes it unusable. */
public sealed interface ProcessMemoryKey permits SoftwareKey, SoftwarePrivateKey, SoftwareHmacKey {
    /** Forgets (and where the JDK allows, zeroes) the material. Idempotent. */
    void destroy();
}

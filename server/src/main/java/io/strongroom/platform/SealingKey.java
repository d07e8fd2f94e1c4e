package io.strongroom.platform;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The node sealing key: 256 random bits in a file readable by the server's user alone
 * ({@code secrets/node-sealing.key} by default; point {@code sealingKeyFile} at a tmpfs or a
 * secret mount to keep it off the data disk). It seals what the server must keep to restart
 * unattended (HSM credentials of connected instances, instance CA keys) with AES-256-GCM,
 * bound to a context string so a sealed value cannot be moved to another row.
 *
 * <p>Sealed format: {@code v1:} + base64(12-byte nonce || ciphertext || 16-byte tag).
 */
public final class SealingKey {
    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private SealingKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        Arrays.fill(material, (byte) 0);
    }

    /** Loads the key file, creating it (0600) on first use. */
    public static SealingKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                DataDirectory.writeSecret(file, Base64.getEncoder().encode(fresh));
                Arrays.fill(fresh, (byte) 0);
            }
            byte[] material = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (material.length != 32) {
                throw new IllegalArgumentException("the sealing key file " + file + " must hold 32 bytes in base64");
            }
            return new SealingKey(material);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sealing key file " + file, e);
        }
    }

    public String seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** Opens a sealed value; fails if it was altered, sealed by another key, or for another context. */
    public byte[] unseal(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed value of a known version");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, 12), context);
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the sealed value does not open with this node's sealing key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unsealing failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SealingKey[<redacted>]";
    }
}

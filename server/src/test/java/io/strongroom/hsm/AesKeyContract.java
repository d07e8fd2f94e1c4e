package io.strongroom.hsm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Helpers for the AES key tests of {@link HsmTokenContract}: a domain key whose material the
 * test knows (imported through a transport key, as a ceremony would), so that known-answer
 * vectors can be wrapped under it and run through the token.
 */
final class AesKeyContract {
    private static final HexFormat HEX = HexFormat.of();

    private AesKeyContract() {
    }

    /** Imports {@code material} as a domain key through a transport key (RSA-OAEP with SHA-1, which every token supports). */
    static KeyHandle importDomainKey(HsmSession session, String label, byte[] material) throws Exception {
        TransportKey transport = session.createTransportKey();
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.WRAP_MODE, transport.publicKey(),
                new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        byte[] wrapped = rsa.wrap(new SecretKeySpec(material, "AES"));
        byte[] blob = new byte[wrapped.length + 1];
        blob[0] = 1;
        System.arraycopy(wrapped, 0, blob, 1, wrapped.length);
        KeyHandle domainKey = session.unwrapDomainKey(label, blob, transport);
        session.destroy(transport.privateKey());
        return domainKey;
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** AES key wrap with padding (RFC 5649) in Java: what {@link HsmSession#generateWrappedKey} makes in the token. */
    static byte[] wrap(byte[] domainKey, byte[] key) throws GeneralSecurityException {
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.WRAP_MODE, new SecretKeySpec(domainKey, "AES"));
        return kwp.wrap(new SecretKeySpec(key, "AES"));
    }

    /** AES key wrap with padding of any bytes (an HMAC key, a PKCS#8 private key), as a token wraps them. */
    static byte[] wrapBytes(byte[] domainKey, byte[] value) throws GeneralSecurityException {
        Cipher kwp = Cipher.getInstance("AES/KWP/NoPadding");
        kwp.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(domainKey, "AES"));
        return kwp.doFinal(value);
    }

    /**
     * Runs Wycheproof's AES-GCM vectors with a 96-bit IV and a 128-bit tag (what the endpoint
     * serves) through {@code session}: valid ones must decrypt to the message and encrypt to the
     * ciphertext, invalid ones must be refused. Returns every failure, not only the first.
     */
    static List<String> wycheproofFailures(HsmSession session, KeyHandle domainKey, byte[] domainMaterial) throws Exception {
        JsonNode vectors;
        try (InputStream in = AesKeyContract.class.getResourceAsStream("/wycheproof/aes_gcm_test.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : vectors.get("testGroups")) {
            if (group.get("ivSize").asInt() != 96 || group.get("tagSize").asInt() != 128) {
                continue;
            }
            for (JsonNode test : group.get("tests")) {
                run++;
                String id = "tcId " + test.get("tcId").asInt();
                KeyHandle key = session.unwrapSessionKey(domainKey, wrap(domainMaterial, hex(test, "key")));
                try {
                    byte[] iv = hex(test, "iv");
                    byte[] aad = hex(test, "aad");
                    byte[] sealed = concat(hex(test, "ct"), hex(test, "tag"));
                    boolean valid = !test.get("result").asText().equals("invalid");
                    try {
                        byte[] plaintext = session.decryptGcm(key, iv, aad, sealed);
                        if (!valid) {
                            failures.add(id + ": an invalid ciphertext decrypted");
                        } else if (!Arrays.equals(plaintext, hex(test, "msg"))) {
                            failures.add(id + ": wrong plaintext");
                        } else if (!Arrays.equals(session.encryptGcm(key, iv, aad, plaintext), sealed)) {
                            failures.add(id + ": wrong ciphertext");
                        }
                    } catch (HsmException e) {
                        if (valid || e.failure() != HsmFailure.DECRYPTION_FAILED) {
                            failures.add(id + ": " + e.failure() + " " + e.getMessage());
                        }
                    }
                } finally {
                    session.destroy(key);
                }
            }
        }
        if (run < 150) {
            failures.add("only " + run + " vectors ran");
        }
        return failures;
    }

    private static byte[] hex(JsonNode test, String field) {
        return HEX.parseHex(test.get(field).asText());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

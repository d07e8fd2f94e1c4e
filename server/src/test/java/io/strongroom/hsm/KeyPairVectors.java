package io.strongroom.hsm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Wycheproof vectors for key pairs and HMAC run through an {@link HsmSession}: public keys are
 * imported with {@link HsmSession#importPublicKey}, private and HMAC keys are wrapped in Java under
 * a domain key the test knows and unwrapped by the session, so the production operations do the
 * work. Returns every failure, not only the first. "acceptable" vectors may go either way.
 */
final class KeyPairVectors {
    private static final HexFormat HEX = HexFormat.of();

    private KeyPairVectors() {
    }

    static List<String> failures(HsmSession session, KeyHandle domainKey, byte[] domainMaterial) throws Exception {
        List<String> failures = new ArrayList<>();
        verify(session, "ecdsa_secp256r1_sha256_test.json", KeyPairSpec.EC_P256, SignatureAlgorithm.ECDSA_SHA_256, 400, failures);
        verify(session, "rsa_signature_2048_sha256_test.json", KeyPairSpec.RSA_2048, SignatureAlgorithm.RSA_PKCS1_SHA_256, 200, failures);
        verify(session, "rsa_pss_2048_sha256_mgf1_32_test.json", KeyPairSpec.RSA_2048, SignatureAlgorithm.RSA_PSS_SHA_256, 90, failures);
        oaep(session, domainKey, domainMaterial, "rsa_oaep_2048_sha1_mgf1sha1_test.json", session::decryptOaepSha1, failures);
        oaep(session, domainKey, domainMaterial, "rsa_oaep_2048_sha256_mgf1sha256_test.json", session::decryptOaepSha256, failures);
        hmac(session, domainKey, domainMaterial, failures);
        return failures;
    }

    /** A Wycheproof file from the test resources. */
    static JsonNode read(String file) throws Exception {
        try (InputStream in = KeyPairVectors.class.getResourceAsStream("/wycheproof/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void verify(HsmSession session, String file, KeyPairSpec spec, SignatureAlgorithm algorithm, int minimum,
                               List<String> failures) throws Exception {
        int run = 0;
        for (JsonNode group : read(file).get("testGroups")) {
            KeyHandle publicKey;
            try {
                publicKey = session.importPublicKey(spec, hex(group, "publicKeyDer"));
            } catch (HsmException e) {
                failures.add(file + ": a group's public key was refused: " + e.getMessage());
                continue;
            }
            for (JsonNode test : group.get("tests")) {
                run++;
                String result = test.get("result").asText();
                boolean verified = session.verify(publicKey, algorithm,
                        MessageDigest.getInstance("SHA-256").digest(hex(test, "msg")), hex(test, "sig"));
                if (result.equals("valid") && !verified || result.equals("invalid") && verified) {
                    failures.add(file + " tcId " + test.get("tcId").asInt() + ": " + result + " but verify said " + verified);
                }
            }
            session.destroy(publicKey);
        }
        if (run < minimum) {
            failures.add(file + ": only " + run + " vectors ran");
        }
    }

    @FunctionalInterface
    private interface Decryption {
        byte[] decrypt(KeyHandle privateKey, byte[] ciphertext) throws HsmException;
    }

    private static void oaep(HsmSession session, KeyHandle domainKey, byte[] domainMaterial, String file, Decryption decryption,
                             List<String> failures) throws Exception {
        int run = 0;
        for (JsonNode group : read(file).get("testGroups")) {
            KeyHandle privateKey = session.unwrapPrivateKey(domainKey, KeyPairSpec.RSA_2048,
                    AesKeyContract.wrapBytes(domainMaterial, hex(group, "privateKeyPkcs8")), false);
            for (JsonNode test : group.get("tests")) {
                if (!test.get("label").asText().isEmpty()) {
                    continue; // the protocol has no OAEP label
                }
                run++;
                String id = file + " tcId " + test.get("tcId").asInt();
                boolean valid = test.get("result").asText().equals("valid");
                try {
                    byte[] plaintext = decryption.decrypt(privateKey, hex(test, "ct"));
                    if (!valid) {
                        failures.add(id + ": an invalid ciphertext decrypted");
                    } else if (!Arrays.equals(plaintext, hex(test, "msg"))) {
                        failures.add(id + ": wrong plaintext");
                    }
                } catch (HsmException e) {
                    if (valid || e.failure() != HsmFailure.DECRYPTION_FAILED) {
                        failures.add(id + ": " + e.failure() + " " + e.getMessage());
                    }
                }
            }
            session.destroy(privateKey);
        }
        if (run < 20) {
            failures.add(file + ": only " + run + " vectors ran");
        }
    }

    private static void hmac(HsmSession session, KeyHandle domainKey, byte[] domainMaterial, List<String> failures) throws Exception {
        String file = "hmac_sha256_test.json";
        int run = 0;
        for (JsonNode group : read(file).get("testGroups")) {
            int tagBytes = group.get("tagSize").asInt() / 8;
            for (JsonNode test : group.get("tests")) {
                byte[] material = hex(test, "key");
                if (material.length < 32) {
                    continue; // HMAC keys this server makes are 32 bytes; SoftHSM2 refuses shorter HMAC-SHA256 keys
                }
                run++;
                String id = file + " tcId " + test.get("tcId").asInt();
                KeyHandle key = session.unwrapHmacKey(domainKey, AesKeyContract.wrapBytes(domainMaterial, material));
                byte[] tag = Arrays.copyOf(session.hmac(key, HmacAlgorithm.HMAC_SHA256, hex(test, "msg")), tagBytes);
                boolean matches = Arrays.equals(tag, hex(test, "tag"));
                if (matches != test.get("result").asText().equals("valid")) {
                    failures.add(id + ": " + test.get("result").asText() + " but the tag " + (matches ? "matched" : "differed"));
                }
                session.destroy(key);
            }
        }
        if (run < 160) {
            failures.add(file + ": only " + run + " vectors ran");
        }
    }

    private static byte[] hex(JsonNode node, String field) {
        return HEX.parseHex(node.get(field).asText());
    }
}

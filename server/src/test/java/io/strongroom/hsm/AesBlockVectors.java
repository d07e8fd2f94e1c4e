package io.strongroom.hsm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Known answers for AES-CBC and AES-ECB run through an {@link HsmSession} and through the
 * {@link SoftwareKey} unwrapped from the same blob, so the token and process memory are each held
 * to the published bytes (and so to each other). Keys are wrapped in Java under a domain key the
 * test knows. Returns every failure, not only the first.
 */
final class AesBlockVectors {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NIST_IV = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] NIST_PLAINTEXT = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710");

    /** NIST SP 800-38A, appendix F: key, mode, ciphertext of {@link #NIST_PLAINTEXT} (IV {@link #NIST_IV} for CBC). */
    private record Nist(String name, String key, AesBlockMode mode, String ciphertext) {
    }

    private static final List<Nist> NIST = List.of(
            new Nist("F.1.1 ECB-AES128", "2b7e151628aed2a6abf7158809cf4f3c", AesBlockMode.ECB, "3ad77bb40d7a3660a89ecaf32466ef97"
                    + "f5d3d58503b9699de785895a96fdbaaf" + "43b1cd7f598ece23881b00e3ed030688" + "7b0c785e27e8ad3f8223207104725dd4"),
            new Nist("F.1.3 ECB-AES192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", AesBlockMode.ECB,
                    "bd334f1d6e45f25ff712a214571fa5cc" + "974104846d0ad3ad7734ecb3ecee4eef" + "ef7afd2270e2e60adce0ba2face6444e"
                            + "9a4b41ba738d6c72fb16691603c18e0e"),
            new Nist("F.1.5 ECB-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", AesBlockMode.ECB,
                    "f3eed1bdb5d2a03c064b5a7e3db181f8" + "591ccb10d410ed26dc5ba74a31362870" + "b6ed21b99ca6f4f9f153e7b1beafed1d"
                            + "23304b7a39f9f3ff067d8d8f9e24ecc7"),
            new Nist("F.2.1 CBC-AES128", "2b7e151628aed2a6abf7158809cf4f3c", AesBlockMode.CBC, "7649abac8119b246cee98e9b12e9197d"
                    + "5086cb9b507219ee95db113a917678b2" + "73bed6b8e3c1743b7116e69e22229516" + "3ff1caa1681fac09120eca307586e1a7"),
            new Nist("F.2.3 CBC-AES192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", AesBlockMode.CBC,
                    "4f021db243bc633d7178183a9fa071e8" + "b4d9ada9ad7dedf4e5e738763f69145a" + "571b242012fb7ae07fa9baac3df102e0"
                            + "08b0e27988598881d920a9e64f5615cd"),
            new Nist("F.2.5 CBC-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", AesBlockMode.CBC,
                    "f58c4c04d6e5f1ba779eabfb5f7bfbd6" + "9cfc4e967edb808d679f777bc6702c7d" + "39f23369a9d9bacfa530e26304231461"
                            + "b2eb05e2c39be9fcda6c19078c6a9d1b"));

    private AesBlockVectors() {
    }

    /** The token's key and the in-memory key from one wrapped blob; both are dropped by {@link #close}. */
    private record Pair(HsmSession session, KeyHandle token, SoftwareKey memory) implements AutoCloseable {
        static Pair of(HsmSession session, KeyHandle domainKey, byte[] domainMaterial, byte[] key) throws Exception {
            byte[] wrapped = AesKeyContract.wrap(domainMaterial, key);
            return new Pair(session, session.unwrapSessionKey(domainKey, wrapped), session.unwrapIntoProcessMemory(domainKey, wrapped));
        }

        @Override
        public void close() throws HsmException {
            memory.destroy();
            session.destroy(token);
        }
    }

    static List<String> nistFailures(HsmSession session, KeyHandle domainKey, byte[] domainMaterial) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Nist vector : NIST) {
            byte[] iv = vector.mode() == AesBlockMode.CBC ? NIST_IV : new byte[0];
            byte[] expected = HEX.parseHex(vector.ciphertext());
            try (Pair key = Pair.of(session, domainKey, domainMaterial, HEX.parseHex(vector.key()))) {
                check(failures, vector.name() + " token encrypt", session.encryptBlocks(key.token(), vector.mode(), iv, NIST_PLAINTEXT), expected);
                check(failures, vector.name() + " memory encrypt", key.memory().encryptBlocks(vector.mode(), iv, NIST_PLAINTEXT), expected);
                check(failures, vector.name() + " token decrypt", session.decryptBlocks(key.token(), vector.mode(), iv, expected), NIST_PLAINTEXT);
                check(failures, vector.name() + " memory decrypt", key.memory().decryptBlocks(vector.mode(), iv, expected), NIST_PLAINTEXT);
            }
        }
        return failures;
    }

    /**
     * Wycheproof's AES-CBC-PKCS5 vectors, padded and unpadded with {@link Pkcs7Padding} as the
     * server does: valid ones must encrypt to the ciphertext and decrypt to the message, invalid
     * ones (bad paddings) must fail with DECRYPTION_FAILED, in the token and in memory alike.
     */
    static List<String> wycheproofCbcFailures(HsmSession session, KeyHandle domainKey, byte[] domainMaterial) throws Exception {
        JsonNode vectors = KeyPairVectors.read("aes_cbc_pkcs5_test.json");
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (JsonNode group : vectors.get("testGroups")) {
            for (JsonNode test : group.get("tests")) {
                run++;
                String id = "tcId " + test.get("tcId").asInt();
                byte[] iv = hex(test, "iv");
                byte[] message = hex(test, "msg");
                byte[] ciphertext = hex(test, "ct");
                boolean valid = test.get("result").asText().equals("valid");
                try (Pair key = Pair.of(session, domainKey, domainMaterial, hex(test, "key"))) {
                    if (valid) {
                        check(failures, id + " token encrypt", session.encryptBlocks(key.token(), AesBlockMode.CBC, iv, Pkcs7Padding.pad(message)),
                                ciphertext);
                        check(failures, id + " memory encrypt", key.memory().encryptBlocks(AesBlockMode.CBC, iv, Pkcs7Padding.pad(message)),
                                ciphertext);
                    }
                    if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
                        if (valid) {
                            failures.add(id + ": a valid ciphertext of partial blocks");
                        }
                        continue; // the server refuses such lengths before any key is used
                    }
                    decrypt(failures, id + " token", valid, message, () -> session.decryptBlocks(key.token(), AesBlockMode.CBC, iv, ciphertext));
                    decrypt(failures, id + " memory", valid, message, () -> key.memory().decryptBlocks(AesBlockMode.CBC, iv, ciphertext));
                }
            }
        }
        if (run < 200) {
            failures.add("only " + run + " vectors ran");
        }
        return failures;
    }

    @FunctionalInterface
    private interface Blocks {
        byte[] decrypt() throws HsmException;
    }

    private static void decrypt(List<String> failures, String id, boolean valid, byte[] message, Blocks blocks) throws HsmException {
        try {
            byte[] plaintext = Pkcs7Padding.unpad(blocks.decrypt());
            if (!valid) {
                failures.add(id + ": an invalid ciphertext decrypted");
            } else if (!Arrays.equals(plaintext, message)) {
                failures.add(id + ": wrong plaintext");
            }
        } catch (HsmException e) {
            if (valid || e.failure() != HsmFailure.DECRYPTION_FAILED) {
                failures.add(id + ": " + e.failure() + " " + e.getMessage());
            }
        }
    }

    private static void check(List<String> failures, String what, byte[] actual, byte[] expected) {
        if (!Arrays.equals(actual, expected)) {
            failures.add(what + ": " + HEX.formatHex(actual) + " is not " + HEX.formatHex(expected));
        }
    }

    private static byte[] hex(JsonNode test, String field) {
        return HEX.parseHex(test.get(field).asText());
    }
}

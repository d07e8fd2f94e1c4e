package io.strongroom.hsm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * RFC 4231's HMAC-SHA-224/256/384/512 test cases run through an {@link HsmSession}: each key is
 * wrapped in Java under a domain key the test knows and unwrapped by the session, into the token
 * and into process memory, so the production operations compute the MACs. Case 2 (a 4-byte key)
 * is below every minimum here and case 5 checks truncation, which the protocol never does; the
 * token runs only keys at least as long as the MAC (SoftHSM2 refuses shorter ones, and this server
 * makes keys exactly that long), which leaves cases 6 and 7 there. Returns every failure.
 */
final class Rfc4231Vectors {
    private static final HexFormat HEX = HexFormat.of();

    record TestCase(int number, byte[] key, byte[] data, Map<HmacAlgorithm, String> macs) {
    }

    static final List<TestCase> CASES = List.of(
            new TestCase(1, repeated(0x0b, 20), ascii("Hi There"), Map.of(
                    HmacAlgorithm.HMAC_SHA224, "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22",
                    HmacAlgorithm.HMAC_SHA256, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                    HmacAlgorithm.HMAC_SHA384, "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
                            + "faea9ea9076ede7f4af152e8b2fa9cb6",
                    HmacAlgorithm.HMAC_SHA512, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                            + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")),
            new TestCase(3, repeated(0xaa, 20), repeated(0xdd, 50), Map.of(
                    HmacAlgorithm.HMAC_SHA224, "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea",
                    HmacAlgorithm.HMAC_SHA256, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                    HmacAlgorithm.HMAC_SHA384, "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
                            + "2a5ab39dc13814b94e3ab6e101a34f27",
                    HmacAlgorithm.HMAC_SHA512, "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
                            + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb")),
            new TestCase(4, HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeated(0xcd, 50), Map.of(
                    HmacAlgorithm.HMAC_SHA224, "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a",
                    HmacAlgorithm.HMAC_SHA256, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                    HmacAlgorithm.HMAC_SHA384, "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
                            + "6801dd23c4a7d679ccf8a386c674cffb",
                    HmacAlgorithm.HMAC_SHA512, "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
                            + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd")),
            new TestCase(6, repeated(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First"), Map.of(
                    HmacAlgorithm.HMAC_SHA224, "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
                    HmacAlgorithm.HMAC_SHA256, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                    HmacAlgorithm.HMAC_SHA384, "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
                            + "0c2ef6ab4030fe8296248df163f44952",
                    HmacAlgorithm.HMAC_SHA512, "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                            + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")),
            new TestCase(7, repeated(0xaa, 131), ascii("This is a test using a larger than block-size key and a larger than"
                    + " block-size data. The key needs to be hashed before being used by the HMAC algorithm."), Map.of(
                    HmacAlgorithm.HMAC_SHA224, "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1",
                    HmacAlgorithm.HMAC_SHA256, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                    HmacAlgorithm.HMAC_SHA384, "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
                            + "a678cc31e799176d3860e6110c46523e",
                    HmacAlgorithm.HMAC_SHA512, "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
                            + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58")));

    private Rfc4231Vectors() {
    }

    static List<String> failures(HsmSession session, KeyHandle domainKey, byte[] domainMaterial) throws Exception {
        List<String> failures = new ArrayList<>();
        int inToken = 0;
        int inMemory = 0;
        for (TestCase test : CASES) {
            byte[] wrapped = AesKeyContract.wrapBytes(domainMaterial, test.key());
            SoftwareHmacKey memoryKey = session.unwrapHmacKeyIntoProcessMemory(domainKey, wrapped);
            KeyHandle tokenKey = test.key().length >= HmacAlgorithm.HMAC_SHA224.macBytes() ? session.unwrapHmacKey(domainKey, wrapped) : null;
            for (HmacAlgorithm algorithm : HmacAlgorithm.values()) {
                String expected = test.macs().get(algorithm);
                String id = "RFC 4231 case " + test.number() + " " + algorithm;
                check(failures, id + " in memory", expected, memoryKey.hmac(algorithm, test.data()));
                inMemory++;
                if (test.key().length >= algorithm.macBytes()) {
                    check(failures, id + " in the token", expected, session.hmac(tokenKey, algorithm, test.data()));
                    inToken++;
                }
            }
            memoryKey.destroy();
            if (tokenKey != null) {
                session.destroy(tokenKey);
            }
        }
        if (inToken < 8 || inMemory < 20) {
            failures.add("only " + inToken + " cases ran in the token and " + inMemory + " in memory");
        }
        return failures;
    }

    private static void check(List<String> failures, String id, String expected, byte[] mac) {
        if (!HEX.formatHex(mac).equals(expected)) {
            failures.add(id + ": expected " + expected + " but got " + HEX.formatHex(mac));
        }
    }

    private static byte[] repeated(int value, int length) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

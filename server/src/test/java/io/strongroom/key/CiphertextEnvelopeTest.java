package io.strongroom.key;

import io.strongroom.platform.StrongroomException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the Advance* blob layouts byte for byte: stored blobs depend on them. */
class CiphertextEnvelopeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final AesAlgorithm CBC_PKCS7 = new AesAlgorithm(AesAlgorithm.Mode.AES_CBC, AesAlgorithm.Padding.PKCS7_PADDING);
    private static final AesAlgorithm ECB_NONE = new AesAlgorithm(AesAlgorithm.Mode.AES_ECB, AesAlgorithm.Padding.NO_PADDING);

    @Test
    void encode_gcm_isFormat1WithTheDocumentedLayout() {
        byte[] iv = HEX.parseHex("000102030405060708090a0b");
        byte[] sealed = HEX.parseHex("aa" + "11".repeat(16));
        byte[] blob = new CiphertextEnvelope("key-v", AesAlgorithm.GCM, iv, sealed).encode();
        assertThat(HEX.formatHex(blob)).isEqualTo("01" + "05" + HEX.formatHex("key-v".getBytes()) + "01" + "0c"
                + "000102030405060708090a0b" + "aa" + "11".repeat(16));
        CiphertextEnvelope decoded = CiphertextEnvelope.decode(blob, "failed");
        assertThat(decoded.keyVersionId()).isEqualTo("key-v");
        assertThat(decoded.algorithm()).isEqualTo(AesAlgorithm.GCM);
        assertThat(decoded.iv()).isEqualTo(iv);
        assertThat(decoded.sealed()).isEqualTo(sealed);
    }

    @Test
    void encode_cbcAndEcb_areFormat2WithThePadding() {
        byte[] iv = HEX.parseHex("00112233445566778899aabbccddeeff");
        byte[] cbc = new CiphertextEnvelope("key-v", CBC_PKCS7, iv, new byte[32]).encode();
        assertThat(HEX.formatHex(cbc)).isEqualTo("02" + "05" + HEX.formatHex("key-v".getBytes()) + "02" + "01" + "10"
                + "00112233445566778899aabbccddeeff" + "00".repeat(32));
        byte[] ecb = new CiphertextEnvelope("key-v", ECB_NONE, new byte[0], new byte[16]).encode();
        assertThat(HEX.formatHex(ecb)).isEqualTo("02" + "05" + HEX.formatHex("key-v".getBytes()) + "03" + "00" + "00" + "00".repeat(16));
        CiphertextEnvelope decoded = CiphertextEnvelope.decode(cbc, "failed");
        assertThat(decoded.algorithm()).isEqualTo(CBC_PKCS7);
        assertThat(decoded.iv()).isEqualTo(iv);
        assertThat(decoded.sealed()).hasSize(32);
        assertThat(CiphertextEnvelope.decode(ecb, "failed").algorithm()).isEqualTo(ECB_NONE);
    }

    @Test
    void decode_malformedBlobs_refusedWithTheGivenMessage() {
        byte[] good = new CiphertextEnvelope("key-v", AesAlgorithm.GCM, new byte[12], new byte[17]).encode();
        byte[] cbc = new CiphertextEnvelope("key-v", CBC_PKCS7, new byte[16], new byte[32]).encode();
        byte[] otherFormat = altered(good, 0, 3);
        byte[] otherAlgorithm = altered(good, 7, 9);
        byte[] cbcInFormat1 = altered(good, 7, 2);
        byte[] shortTag = Arrays.copyOf(good, good.length - 2);
        byte[] partialBlock = Arrays.copyOf(cbc, cbc.length - 1);
        byte[] unknownPadding = altered(cbc, 8, 2);
        byte[] gcmInFormat2 = altered(cbc, 7, 1);
        byte[] ecbWithIv = altered(cbc, 7, 3);
        for (byte[] bad : new byte[][]{new byte[0], new byte[]{1, 0, 1, 12}, otherFormat, otherAlgorithm, cbcInFormat1, shortTag,
                partialBlock, unknownPadding, gcmInFormat2, ecbWithIv, Arrays.copyOf(cbc, 9)}) {
            assertThatThrownBy(() -> CiphertextEnvelope.decode(bad, "failed"))
                    .isInstanceOf(StrongroomException.class).hasMessage("failed");
        }
    }

    private static byte[] altered(byte[] blob, int at, int value) {
        byte[] copy = blob.clone();
        copy[at] = (byte) value;
        return copy;
    }
}

package io.strongroom.key;

import io.strongroom.platform.StrongroomException;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the Advance* blob layout byte for byte: stored blobs depend on it. */
class CiphertextEnvelopeTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encode_version1_hasTheDocumentedLayout() {
        byte[] iv = HEX.parseHex("000102030405060708090a0b");
        byte[] sealed = HEX.parseHex("aa" + "11".repeat(16));
        byte[] blob = new CiphertextEnvelope("key-v", iv, sealed).encode();
        assertThat(HEX.formatHex(blob)).isEqualTo("01" + "05" + HEX.formatHex("key-v".getBytes()) + "01" + "0c"
                + "000102030405060708090a0b" + "aa" + "11".repeat(16));
        CiphertextEnvelope decoded = CiphertextEnvelope.decode(blob, "failed");
        assertThat(decoded.keyVersionId()).isEqualTo("key-v");
        assertThat(decoded.iv()).isEqualTo(iv);
        assertThat(decoded.sealed()).isEqualTo(sealed);
    }

    @Test
    void decode_malformedBlobs_refusedWithTheGivenMessage() {
        byte[] good = new CiphertextEnvelope("key-v", new byte[12], new byte[17]).encode();
        byte[] otherFormat = good.clone();
        otherFormat[0] = 2;
        byte[] otherAlgorithm = good.clone();
        otherAlgorithm[7] = 9;
        byte[] shortTag = java.util.Arrays.copyOf(good, good.length - 2);
        for (byte[] bad : new byte[][]{new byte[0], new byte[]{1, 0, 1, 12}, otherFormat, otherAlgorithm, shortTag}) {
            assertThatThrownBy(() -> CiphertextEnvelope.decode(bad, "failed"))
                    .isInstanceOf(StrongroomException.class).hasMessage("failed");
        }
    }
}

package io.strongroom.hsm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PKCS#7 padding: every length pads to whole blocks and back; every bad padding fails one way. */
class Pkcs7PaddingTest {

    @Test
    void pad_everyLength_wholeBlocksThatUnpadToTheData() throws HsmException {
        for (int length = 0; length <= 48; length++) {
            byte[] data = new byte[length];
            Arrays.fill(data, (byte) 0x10);
            byte[] padded = Pkcs7Padding.pad(data);
            int count = 16 - length % 16;
            assertThat(padded).as("length %d", length).hasSize(length + count);
            for (int i = length; i < padded.length; i++) {
                assertThat(padded[i]).isEqualTo((byte) count);
            }
            assertThat(Pkcs7Padding.unpad(padded)).isEqualTo(data);
        }
    }

    @Test
    void unpad_everyBadLastByteAndEveryWrongPaddingByte_decryptionFailedAlike() {
        List<HsmException> refusals = new ArrayList<>();
        byte[] block = new byte[32];
        for (int last = 0; last < 256; last++) {
            if (last >= 1 && last <= 16) {
                continue;
            }
            byte[] bad = block.clone();
            bad[31] = (byte) last;
            refusals.add(refusal(bad));
        }
        for (int count = 2; count <= 16; count++) {
            for (int wrong = 1; wrong < count; wrong++) {
                byte[] bad = Pkcs7Padding.pad(new byte[32 - count]);
                bad[31 - wrong] ^= 0x01;
                refusals.add(refusal(bad));
            }
        }
        for (byte[] bad : List.of(new byte[0], new byte[15], new byte[17])) {
            refusals.add(refusal(bad));
        }
        assertThat(refusals).hasSize(240 + 120 + 3).allSatisfy(e -> {
            assertThat(e.failure()).isEqualTo(HsmFailure.DECRYPTION_FAILED);
            assertThat(e.getMessage()).isEqualTo("the ciphertext could not be decrypted");
        });
    }

    @Test
    void unpad_fullPaddingBlock_givesEmptyData() throws HsmException {
        byte[] padding = new byte[16];
        Arrays.fill(padding, (byte) 16);
        assertThat(Pkcs7Padding.unpad(padding)).isEmpty();
    }

    private static HsmException refusal(byte[] padded) {
        try {
            Pkcs7Padding.unpad(padded);
        } catch (HsmException e) {
            return e;
        }
        throw new AssertionError("a bad padding was accepted: " + Arrays.toString(padded));
    }
}

package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OAEP-SHA-256 decoding of raw RSA output, against the JDK: what the JDK's OAEP encrypts, raw RSA
 * (the JDK's, standing in for a token's CKM_RSA_X_509) and this decode give back; every way an
 * encoding can be wrong fails with the same exception.
 */
class OaepDecodingTest {
    static KeyPair pair;

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
    }

    static byte[] encrypt(byte[] message, String hash, byte[] label) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        MGF1ParameterSpec mgf = hash.equals("SHA-1") ? MGF1ParameterSpec.SHA1 : MGF1ParameterSpec.SHA256;
        cipher.init(Cipher.ENCRYPT_MODE, pair.getPublic(), new OAEPParameterSpec(hash, "MGF1", mgf, new PSource.PSpecified(label)));
        return cipher.doFinal(message);
    }

    /** c^d mod n, all k bytes: what CKM_RSA_X_509 gives. */
    static byte[] raw(byte[] ciphertext) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
        return cipher.doFinal(ciphertext);
    }

    @Test
    void sha256_jdkCiphertexts_everyMessageLength_decodeToTheMessage() throws Exception {
        for (int length : new int[]{0, 1, 31, 32, 100, 256 - 2 * 32 - 2}) {
            byte[] message = new byte[length];
            Arrays.fill(message, (byte) 0x01);
            assertThat(OaepDecoding.sha256(raw(encrypt(message, "SHA-256", new byte[0])))).as("length %d", length).isEqualTo(message);
        }
    }

    @Test
    void sha256_everyKindOfBadEncoding_failsTheSameWay() throws Exception {
        byte[] good = raw(encrypt("secret".getBytes(StandardCharsets.UTF_8), "SHA-256", new byte[0]));
        List<byte[]> bad = new ArrayList<>();
        byte[] nonZeroFirst = good.clone();
        nonZeroFirst[0] = 1;
        bad.add(nonZeroFirst);
        for (int at : new int[]{1, 32, 33, 64, 100, 255}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x01;
            bad.add(flipped);
        }
        bad.add(raw(encrypt(new byte[]{1}, "SHA-256", new byte[]{'l'})));
        bad.add(raw(encrypt(new byte[]{1}, "SHA-1", new byte[0])));
        bad.add(new byte[256]);
        bad.add(new byte[2 * 32 + 1]);
        bad.add(Arrays.copyOf(good, 255));
        List<HsmException> refusals = new ArrayList<>();
        for (byte[] encoded : bad) {
            try {
                OaepDecoding.sha256(encoded);
            } catch (HsmException e) {
                refusals.add(e);
            }
        }
        assertThat(refusals).hasSize(bad.size()).allSatisfy(e -> {
            assertThat(e.failure()).isEqualTo(HsmFailure.DECRYPTION_FAILED);
            assertThat(e.getMessage()).isEqualTo("the ciphertext could not be decrypted");
            assertThat(e.detail()).isEqualTo(refusals.getFirst().detail());
        });
    }
}

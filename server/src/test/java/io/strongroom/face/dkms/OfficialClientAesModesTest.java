package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.DecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.DecryptResponse;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairWithoutPlaintextRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyRequest;
import com.aliyun.tea.TeaException;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AES_CBC and AES_ECB through the official client, for HSM (SoftHSM2) and SOFTWARE keys of AesModes
 * CBC_ECB: round trips, the rules of each mode checked against the same key's other modes (the key's material
 * cannot leave the server; the token and memory are held to NIST and Wycheproof bytes in
 * {@code AesBlockVectors}), the Advance* blob across rotation, every bad parameter, and bad
 * paddings failing exactly as a GCM tag does.
 */
class OfficialClientAesModesTest {
    private static final byte[] A = "sixteen bytes A.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "sixteen bytes B.".getBytes(StandardCharsets.US_ASCII);
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static OfficialClientServer endpoint;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        endpoint = OfficialClientServer.start(home, files);
        client = endpoint.client();
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** A key for AES_CBC and AES_ECB. */
    static String createKey(String protection) {
        return createKey(protection, "CBC_ECB");
    }

    static String createKey(String protection, String aesModes) {
        return endpoint.createKey("{\"ProtectionLevel\": \"" + protection + "\", \"AesModes\": \"" + aesModes + "\"}");
    }

    static EncryptResponse encrypt(String keyId, String algorithm, String padding, byte[] iv, byte[] plaintext) throws Exception {
        return client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm(algorithm).setPaddingMode(padding).setIv(iv)
                .setPlaintext(plaintext));
    }

    static byte[] ecb(String keyId, byte[] blocks) throws Exception {
        return encrypt(keyId, "AES_ECB", "NO_PADDING", null, blocks).getCiphertextBlob();
    }

    static DecryptResponse decrypt(String keyId, String algorithm, String padding, byte[] iv, byte[] ciphertext) throws Exception {
        return client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm(algorithm).setPaddingMode(padding).setIv(iv)
                .setCiphertextBlob(ciphertext));
    }

    static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** The error code and message of a refused call, without its request id. */
    static String refusal(OfficialClientKeysTest.ThrowingCall call) {
        try {
            call.run();
        } catch (TeaException e) {
            return e.getCode() + ": " + e.getMessage().replaceAll("[0-9a-fA-F-]{36}", "<request>");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= b[i];
        }
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"HSM, AES_CBC, PKCS7_PADDING", "HSM, AES_CBC, NO_PADDING", "HSM, AES_ECB, ''", "HSM, AES_ECB, NO_PADDING",
            "SOFTWARE, AES_CBC, ''", "SOFTWARE, AES_CBC, NO_PADDING", "SOFTWARE, AES_ECB, PKCS7_PADDING", "SOFTWARE, AES_ECB, NO_PADDING"})
    void encryptThenDecrypt_roundTrips_andAnswersItsAlgorithmPaddingAndIv(String protection, String algorithm, String padding)
            throws Exception {
        String keyId = createKey(protection);
        byte[] plaintext = padding.equals("NO_PADDING") ? concat(A, B) : "twenty bytes of data".getBytes(StandardCharsets.US_ASCII);
        EncryptResponse sealed = encrypt(keyId, algorithm, padding, null, plaintext);
        String answeredPadding = padding.isEmpty() ? "PKCS7_PADDING" : padding;
        assertThat(sealed.getAlgorithm()).isEqualTo(algorithm);
        assertThat(sealed.getPaddingMode()).isEqualTo(answeredPadding);
        assertThat(length(sealed.getIv())).isEqualTo(algorithm.equals("AES_CBC") ? 16 : 0);
        assertThat(sealed.getCiphertextBlob()).hasSize(32);
        DecryptResponse opened = decrypt(keyId, algorithm, padding, sealed.getIv(), sealed.getCiphertextBlob());
        assertThat(opened.getPlaintext()).isEqualTo(plaintext);
        assertThat(opened.getAlgorithm()).isEqualTo(algorithm);
        assertThat(opened.getPaddingMode()).isEqualTo(answeredPadding);
        if (algorithm.equals("AES_CBC")) {
            assertThat(encrypt(keyId, algorithm, padding, null, plaintext).getIv()).as("a fresh IV each time").isNotEqualTo(sealed.getIv());
        }
    }

    /** With no key material to compare against, each mode is checked against the key's raw AES (ECB, no padding). */
    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void cbcAndEcb_oneKey_followTheRulesOfTheirModesAndPadding(String protection) throws Exception {
        String keyId = createKey(protection);
        byte[] eA = ecb(keyId, A);
        byte[] eB = ecb(keyId, B);
        assertThat(ecb(keyId, concat(A, B))).isEqualTo(concat(eA, eB));
        assertThat(ecb(keyId, concat(A, A))).isEqualTo(concat(eA, eA));

        byte[] iv = "an IV, 16 bytes.".getBytes(StandardCharsets.US_ASCII);
        EncryptResponse cbc = encrypt(keyId, "AES_CBC", "NO_PADDING", iv, concat(A, B));
        assertThat(cbc.getIv()).isEqualTo(iv);
        byte[] c1 = ecb(keyId, xor(A, iv));
        assertThat(cbc.getCiphertextBlob()).isEqualTo(concat(c1, ecb(keyId, xor(B, c1))));
        assertThat(encrypt(keyId, "AES_CBC", "NO_PADDING", new byte[16], A).getCiphertextBlob()).isEqualTo(eA);

        byte[] fullPaddingBlock = new byte[16];
        Arrays.fill(fullPaddingBlock, (byte) 16);
        assertThat(encrypt(keyId, "AES_ECB", "PKCS7_PADDING", null, A).getCiphertextBlob()).isEqualTo(ecb(keyId, concat(A, fullPaddingBlock)));
        byte[] five = {1, 2, 3, 4, 5};
        byte[] padded = Arrays.copyOf(five, 16);
        Arrays.fill(padded, 5, 16, (byte) 11);
        assertThat(encrypt(keyId, "AES_CBC", "", iv, five).getCiphertextBlob()).isEqualTo(ecb(keyId, xor(padded, iv)));
        assertThat(decrypt(keyId, "AES_CBC", "NO_PADDING", iv, ecb(keyId, xor(padded, iv))).getPlaintext()).isEqualTo(padded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void decrypt_badPaddingOrPartialBlock_failsExactlyAsAGcmTagFailure(String protection) throws Exception {
        String keyId = createKey(protection);
        String gcmKey = createKey(protection, "GCM");
        EncryptResponse gcm = encrypt(gcmKey, "", "", null, new byte[]{1});
        byte[] flippedTag = gcm.getCiphertextBlob().clone();
        flippedTag[flippedTag.length - 1] ^= 1;
        String tagFailure = refusal(() -> decrypt(gcmKey, "", "", gcm.getIv(), flippedTag));
        assertThat(tagFailure).startsWith("InvalidParameter: ").contains("The ciphertext could not be decrypted.");

        EncryptResponse cbc = encrypt(keyId, "AES_CBC", "", null, new byte[]{1, 2, 3, 4, 5});
        byte[] badLastByte = cbc.getIv().clone();
        badLastByte[15] ^= (byte) 0x80;
        byte[] badEarlierByte = cbc.getIv().clone();
        badEarlierByte[10] ^= 1;
        byte[] zeroBlock = ecb(keyId, new byte[16]);
        AdvanceEncryptResponse advance = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC")
                .setPlaintext(new byte[]{9}));
        byte[] tamperedBlob = advance.getCiphertextBlob().clone();
        tamperedBlob[tamperedBlob.length - 17] ^= (byte) 0x80;
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("cbc, last padding byte", refusal(() -> decrypt(keyId, "AES_CBC", "", badLastByte, cbc.getCiphertextBlob())));
        refusals.put("cbc, earlier padding byte", refusal(() -> decrypt(keyId, "AES_CBC", "", badEarlierByte, cbc.getCiphertextBlob())));
        refusals.put("ecb, zero block", refusal(() -> decrypt(keyId, "AES_ECB", "PKCS7_PADDING", null, zeroBlock)));
        refusals.put("cbc, partial block", refusal(() -> decrypt(keyId, "AES_CBC", "NO_PADDING", cbc.getIv(), new byte[17])));
        refusals.put("ecb, empty", refusal(() -> decrypt(keyId, "AES_ECB", "", null, new byte[0])));
        refusals.put("advance cbc", refusal(() -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(tamperedBlob))));
        assertThat(refusals).allSatisfy((what, refused) -> assertThat(refused).as(what).isEqualTo(tagFailure));
    }

    @Test
    void badParameters_eachRefusedSayingWhatIsWrong() throws Exception {
        String keyId = createKey("HSM");
        byte[] aad = {1};
        Map<String, OfficialClientKeysTest.ThrowingCall> calls = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        calls.put("cbc iv of 12 bytes", () -> encrypt(keyId, "AES_CBC", "", new byte[12], A));
        expected.put("cbc iv of 12 bytes", "InvalidParameter: The Param Iv must be 16 bytes for AES_CBC.");
        calls.put("ecb with an iv", () -> encrypt(keyId, "AES_ECB", "", new byte[16], A));
        expected.put("ecb with an iv", "InvalidParameter: The Param Iv is not used with AES_ECB");
        calls.put("cbc with aad", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC").setPlaintext(A).setAad(aad)));
        expected.put("cbc with aad", "InvalidParameter: The Param Aad is for AES_GCM only");
        calls.put("ecb decrypt with aad", () -> client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                .setCiphertextBlob(new byte[16]).setAad(aad)));
        expected.put("ecb decrypt with aad", "InvalidParameter: The Param Aad is for AES_GCM only");
        calls.put("no padding, 15 bytes", () -> encrypt(keyId, "AES_ECB", "NO_PADDING", null, new byte[15]));
        expected.put("no padding, 15 bytes", "InvalidParameter: The Param Plaintext must be whole 16-byte blocks with NO_PADDING");
        calls.put("gcm with a padding", () -> encrypt(keyId, "AES_GCM", "PKCS7_PADDING", null, A));
        expected.put("gcm with a padding", "InvalidParameter: The Param PaddingMode is for AES_CBC and AES_ECB only");
        calls.put("default with a padding", () -> encrypt(keyId, "", "NO_PADDING", null, A));
        expected.put("default with a padding", "InvalidParameter: The Param PaddingMode is for AES_CBC and AES_ECB only");
        calls.put("unknown algorithm", () -> encrypt(keyId, "AES_CTR", "", null, A));
        expected.put("unknown algorithm", "InvalidParameter: The Param Algorithm AES_CTR is not supported for this key");
        calls.put("unknown padding", () -> encrypt(keyId, "AES_CBC", "ZERO_PADDING", null, A));
        expected.put("unknown padding", "InvalidParameter: The Param PaddingMode ZERO_PADDING is invalid");
        calls.put("cbc decrypt without iv", () -> decrypt(keyId, "AES_CBC", "", null, new byte[16]));
        expected.put("cbc decrypt without iv", "MissingParameter: Parameter Iv does not exist");
        calls.put("cbc over 6 KiB", () -> encrypt(keyId, "AES_CBC", "", null, new byte[6 * 1024 + 1]));
        expected.put("cbc over 6 KiB", "InvalidParameter: The Param Plaintext must be from 1 to 6144 bytes");
        calls.put("advance ecb with an iv", () -> client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId)
                .setAlgorithm("AES_ECB").setIv(new byte[16]).setPlaintext(A)));
        expected.put("advance ecb with an iv", "InvalidParameter: The Param Iv is not used with AES_ECB");
        calls.put("data key with cbc", () -> client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId).setAlgorithm("AES_CBC")));
        expected.put("data key with cbc", "InvalidParameter: The Param Algorithm AES_CBC is not supported: data keys are sealed with AES_GCM.");
        assertThat(calls.keySet()).containsExactlyElementsOf(expected.keySet());
        calls.forEach((what, call) -> assertThat(refusal(call)).as(what).startsWith(expected.get(what)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void advance_cbcAndEcbBlobs_carryAlgorithmPaddingAndIv_andDecryptAfterRotation(String protection) throws Exception {
        String keyId = createKey(protection);
        byte[] iv = "an IV, 16 bytes.".getBytes(StandardCharsets.US_ASCII);
        AdvanceEncryptResponse cbc = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC")
                .setIv(iv).setPlaintext(new byte[]{7, 7}));
        AdvanceEncryptResponse ecb = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                .setPaddingMode("NO_PADDING").setPlaintext(A));
        String gcmKey = createKey(protection, "GCM");
        AdvanceEncryptResponse gcm = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(gcmKey).setPlaintext(B));
        assertThat(List.of(cbc.getAlgorithm(), cbc.getPaddingMode(), ecb.getAlgorithm(), ecb.getPaddingMode()))
                .containsExactly("AES_CBC", "PKCS7_PADDING", "AES_ECB", "NO_PADDING");
        assertThat(cbc.getIv()).isEqualTo(iv);
        assertThat(List.of(cbc.getCiphertextBlob()[0], ecb.getCiphertextBlob()[0], gcm.getCiphertextBlob()[0]))
                .as("format versions").containsExactly((byte) 2, (byte) 2, (byte) 1);
        assertThat(ecb.getCiphertextBlob()).endsWith(ecb(keyId, A));

        assertThat(endpoint.server().post("/api/v1/keys/" + keyId + "/rotate", "").status()).isEqualTo(200);
        AdvanceDecryptResponse opened = client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(cbc.getCiphertextBlob()));
        assertThat(opened.getPlaintext()).containsExactly(7, 7);
        assertThat(List.of(opened.getAlgorithm(), opened.getPaddingMode(), opened.getKeyVersionId()))
                .containsExactly("AES_CBC", "PKCS7_PADDING", cbc.getKeyVersionId());
        assertThat(client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(ecb.getCiphertextBlob()).setAlgorithm("AES_ECB")
                .setPaddingMode("NO_PADDING")).getPlaintext()).isEqualTo(A);
        assertThat(client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(gcm.getCiphertextBlob())).getPlaintext()).isEqualTo(B);

        String generic = "InvalidParameter: The ciphertext could not be decrypted.";
        assertThat(refusal(() -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(cbc.getCiphertextBlob())
                .setAlgorithm("AES_ECB")))).startsWith(generic);
        assertThat(refusal(() -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(cbc.getCiphertextBlob())
                .setPaddingMode("NO_PADDING")))).startsWith(generic);
        assertThat(refusal(() -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(gcm.getCiphertextBlob())
                .setAlgorithm("AES_CBC")))).startsWith(generic);
        assertThat(refusal(() -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(cbc.getCiphertextBlob())
                .setAad(new byte[]{1})))).startsWith("InvalidParameter: The Param Aad is for AES_GCM only");
    }

    /**
     * A key serves AES_GCM or AES_CBC and AES_ECB, never both (its AesModes, fixed at creation): CBC
     * with a chosen IV and ECB are the raw block cipher, with which a caller could decrypt the same
     * key's GCM ciphertexts and forge their tags. Every call that would mix them is refused as a
     * parameter error saying which key it needs.
     */
    @Nested
    class OneKeyOneFamily {
        private static final byte[] BLOCK = A;

        /** A key created without AesModes. */
        private static String defaultKey(String protection) {
            return endpoint.createKey("{\"ProtectionLevel\": \"" + protection + "\"}");
        }

        /** An Advance blob naming another key version: format, length of the version id, the id, then the rest unchanged. */
        private static byte[] naming(byte[] blob, String keyVersionId) {
            byte[] id = keyVersionId.getBytes(StandardCharsets.UTF_8);
            int rest = 2 + (blob[1] & 0xff);
            byte[] out = new byte[2 + id.length + blob.length - rest];
            out[0] = blob[0];
            out[1] = (byte) id.length;
            System.arraycopy(id, 0, out, 2, id.length);
            System.arraycopy(blob, rest, out, 2 + id.length, blob.length - rest);
            return out;
        }

        @ParameterizedTest
        @ValueSource(strings = {"HSM", "SOFTWARE"})
        void defaultKey_cbcAndEcb_refusedEverywhere_sayingToCreateACbcEcbKeyAndWhy(String protection) throws Exception {
            String keyId = defaultKey(protection);
            AdvanceEncryptResponse gcm = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(BLOCK));
            String blockKey = createKey(protection);
            AdvanceEncryptResponse cbc = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(blockKey).setAlgorithm("AES_CBC")
                    .setPlaintext(BLOCK));
            byte[] cbcBlobNamingThisKey = naming(cbc.getCiphertextBlob(), gcm.getKeyVersionId());
            Map<String, OfficialClientKeysTest.ThrowingCall> calls = new LinkedHashMap<>();
            calls.put("encrypt cbc, chosen iv", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC")
                    .setPaddingMode("NO_PADDING").setIv(new byte[16]).setPlaintext(BLOCK)));
            calls.put("encrypt ecb", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                    .setPlaintext(BLOCK)));
            calls.put("decrypt cbc", () -> client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC")
                    .setPaddingMode("NO_PADDING").setIv(new byte[16]).setCiphertextBlob(BLOCK)));
            calls.put("decrypt ecb", () -> client.decrypt(new DecryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                    .setPaddingMode("NO_PADDING").setCiphertextBlob(BLOCK)));
            calls.put("advance encrypt ecb", () -> client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                    .setPlaintext(BLOCK)));
            calls.put("advance decrypt, cbc blob", () -> client.advanceDecrypt(new AdvanceDecryptRequest()
                    .setCiphertextBlob(cbcBlobNamingThisKey)));
            assertThat(refusal(calls.get("encrypt ecb"))).isEqualTo("InvalidParameter: The key " + keyId + " allows AES_GCM only, not"
                    + " AES_ECB: AES_CBC and AES_ECB need a key created with AesModes CBC_ECB (strongroom key create --aes-modes CBC_ECB),"
                    + " because they give raw AES block access that would break AES_GCM on the same key.");
            assertThat(calls).allSatisfy((what, call) -> assertThat(refusal(call)).as(what)
                    .startsWith("InvalidParameter: The key " + keyId + " allows AES_GCM only").contains("--aes-modes CBC_ECB"));
            assertThat(client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(gcm.getCiphertextBlob())).getPlaintext())
                    .isEqualTo(BLOCK);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HSM", "SOFTWARE"})
        void cbcEcbKey_gcmAndDataKeys_refused_sayingToNameCbcOrEcbOrUseAGcmKey(String protection) throws Exception {
            String keyId = createKey(protection);
            String versionId = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB")
                    .setPlaintext(BLOCK)).getKeyVersionId();
            AdvanceEncryptResponse gcm = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(defaultKey(protection))
                    .setPlaintext(BLOCK));
            byte[] gcmBlobNamingThisKey = naming(gcm.getCiphertextBlob(), versionId);
            Map<String, OfficialClientKeysTest.ThrowingCall> calls = new LinkedHashMap<>();
            calls.put("Encrypt", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(BLOCK)));
            calls.put("Encrypt, AES_GCM named", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_GCM")
                    .setPlaintext(BLOCK)));
            calls.put("Decrypt", () -> client.decrypt(new DecryptRequest().setKeyId(keyId).setIv(new byte[12])
                    .setCiphertextBlob(new byte[32])));
            calls.put("AdvanceEncrypt", () -> client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(BLOCK)));
            calls.put("AdvanceDecrypt", () -> client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(gcmBlobNamingThisKey)));
            assertThat(calls).allSatisfy((what, call) -> assertThat(refusal(call)).as(what).isEqualTo("InvalidParameter: The key " + keyId
                    + " is for AES_CBC and AES_ECB only (AesModes CBC_ECB), and " + what.split(",")[0] + " uses AES_GCM: name Algorithm"
                    + " AES_CBC or AES_ECB, or use a key with AesModes GCM (the default)."));

            Map<String, OfficialClientKeysTest.ThrowingCall> dataKeys = new LinkedHashMap<>();
            dataKeys.put("GenerateDataKey", () -> client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId)));
            dataKeys.put("AdvanceGenerateDataKey", () -> client.advanceGenerateDataKey(new AdvanceGenerateDataKeyRequest()
                    .setKeyId(keyId)));
            dataKeys.put("GenerateDataKeyPair", () -> client.generateDataKeyPair(new GenerateDataKeyPairRequest().setKeyId(keyId)
                    .setKeyPairSpec("EC_P256")));
            dataKeys.put("GenerateDataKeyPairWithoutPlaintext", () -> client.generateDataKeyPairWithoutPlaintext(
                    new GenerateDataKeyPairWithoutPlaintextRequest().setKeyId(keyId).setKeyPairSpec("EC_P256")));
            dataKeys.put("AdvanceGenerateDataKeyPair", () -> client.advanceGenerateDataKeyPair(new AdvanceGenerateDataKeyPairRequest()
                    .setKeyId(keyId).setKeyPairSpec("EC_P256")));
            // The WithoutPlaintext form is refused under the name of its plain form.
            assertThat(dataKeys).allSatisfy((what, call) -> assertThat(refusal(call)).as(what).isEqualTo("InvalidParameter: The key "
                    + keyId + " is for AES_CBC and AES_ECB only (AesModes CBC_ECB), and " + what.replace("WithoutPlaintext", "")
                    + " uses AES_GCM: data keys and data key"
                    + " pairs are sealed with AES_GCM, so use a key with AesModes GCM (the default)."));
        }

        @Test
        void createKey_aesModes_describedListedAndKeptByRotation_refusedForOtherSpecsAndUnknownValues() {
            TestServer server = endpoint.server();
            String blockKey = createKey("HSM");
            String gcmKey = defaultKey("SOFTWARE");
            String rsaKey = endpoint.createKey("{\"KeySpec\": \"RSA_2048\"}");
            assertThat(server.post("/api/v1/keys/" + blockKey + "/rotate", "").text("AesModes")).isEqualTo("CBC_ECB");
            assertThat(server.get("/api/v1/keys/" + blockKey).text("AesModes")).isEqualTo("CBC_ECB");
            assertThat(server.get("/api/v1/keys/" + gcmKey).text("AesModes")).isEqualTo("GCM");
            assertThat(server.get("/api/v1/keys/" + rsaKey).json().has("AesModes")).isFalse();
            Map<String, String> listed = new LinkedHashMap<>();
            server.get("/api/v1/instances/" + endpoint.instance() + "/keys?PageSize=100").json().get("Keys")
                    .forEach(key -> listed.put(key.get("KeyId").asText(), key.path("AesModes").asText("none")));
            assertThat(listed).containsEntry(blockKey, "CBC_ECB").containsEntry(gcmKey, "GCM").containsEntry(rsaKey, "none");

            String keys = "/api/v1/instances/" + endpoint.instance() + "/keys";
            TestServer.Response rsa = server.post(keys, "{\"KeySpec\": \"RSA_2048\", \"AesModes\": \"GCM\"}");
            assertThat(rsa.status()).isEqualTo(400);
            assertThat(rsa.text("Message")).isEqualTo("AesModes is for AES keys (Aliyun_AES_256, Aliyun_AES_128, Aliyun_AES_192), not"
                    + " RSA_2048 keys: leave it out");
            TestServer.Response hmac = server.post(keys, "{\"KeySpec\": \"HMAC_SHA256\", \"AesModes\": \"CBC_ECB\"}");
            assertThat(hmac.status()).isEqualTo(400);
            assertThat(hmac.text("Message")).startsWith("AesModes is for AES keys");
            TestServer.Response unknown = server.post(keys, "{\"AesModes\": \"gcm\"}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.text("Message")).isEqualTo("AesModes must be GCM (the default: AES_GCM only) or CBC_ECB (AES_CBC and AES_ECB"
                    + " only), not 'gcm'");
        }
    }
}

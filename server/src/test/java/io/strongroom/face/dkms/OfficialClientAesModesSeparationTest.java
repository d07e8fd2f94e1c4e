package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.DecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyPairWithoutPlaintextRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyRequest;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.strongroom.face.dkms.OfficialClientAesModesTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key serves AES_GCM or AES_CBC and AES_ECB, never both (its AesModes, fixed at creation): CBC with
 * a chosen IV and ECB are the raw block cipher, with which a caller could decrypt the same key's GCM
 * ciphertexts and forge their tags. Every call that would mix them is refused as a parameter error
 * saying which key it needs, through the official client, for HSM and SOFTWARE keys.
 */
class OfficialClientAesModesSeparationTest {
    private static final byte[] BLOCK = "sixteen bytes A.".getBytes(StandardCharsets.US_ASCII);
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

    private static String createKey(String protection, String aesModesField) {
        return endpoint.createKey("{\"ProtectionLevel\": \"" + protection + "\"" + aesModesField + "}");
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
        String keyId = createKey(protection, "");
        AdvanceEncryptResponse gcm = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(BLOCK));
        String blockKey = createKey(protection, ", \"AesModes\": \"CBC_ECB\"");
        AdvanceEncryptResponse cbc = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(blockKey).setAlgorithm("AES_CBC")
                .setPlaintext(BLOCK));
        byte[] cbcBlobNamingThisKey = naming(cbc.getCiphertextBlob(), gcm.getKeyVersionId());
        Map<String, OfficialClientKeysTest.ThrowingCall> calls = new LinkedHashMap<>();
        calls.put("encrypt cbc, chosen iv", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_CBC")
                .setPaddingMode("NO_PADDING").setIv(new byte[16]).setPlaintext(BLOCK)));
        calls.put("encrypt ecb", () -> client.encrypt(new EncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB").setPlaintext(BLOCK)));
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
        String keyId = createKey(protection, ", \"AesModes\": \"CBC_ECB\"");
        String versionId = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setAlgorithm("AES_ECB").setPlaintext(BLOCK))
                .getKeyVersionId();
        AdvanceEncryptResponse gcm = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(createKey(protection, ""))
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
        dataKeys.put("AdvanceGenerateDataKey", () -> client.advanceGenerateDataKey(new AdvanceGenerateDataKeyRequest().setKeyId(keyId)));
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
        String blockKey = createKey("HSM", ", \"AesModes\": \"CBC_ECB\"");
        String gcmKey = createKey("SOFTWARE", "");
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

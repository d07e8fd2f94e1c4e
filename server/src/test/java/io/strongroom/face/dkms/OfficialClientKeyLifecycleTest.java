package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceGenerateDataKeyResponse;
import com.aliyun.dkms.gcs.sdk.models.EncryptResponse;
import com.aliyun.tea.TeaException;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.strongroom.face.dkms.OfficialClientKeysTest.decrypt;
import static io.strongroom.face.dkms.OfficialClientKeysTest.encrypt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Aliases, rotation with the Advance* calls, and scheduled deletion, driven by the official client. */
class OfficialClientKeyLifecycleTest {
    private static final byte[] AAD = "order-42".getBytes(StandardCharsets.UTF_8);
    @TempDir
    static Path home;
    @TempDir
    static Path files;
    static TestServer server;
    static String instance;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home);
        instance = TestClusters.enabledInstance(server);
        client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String createKey(String json) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    static AdvanceEncryptResponse advanceEncrypt(String keyId, byte[] plaintext) throws Exception {
        return client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(plaintext).setAad(AAD));
    }

    static byte[] advanceDecrypt(byte[] blob) throws Exception {
        return client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(blob).setAad(AAD)).getPlaintext();
    }

    @Test
    void alias_createUpdateDelete_resolvesOnTheEndpointAndTheManagementApi() throws Exception {
        String first = createKey("{}");
        String second = createKey("{}");
        TestServer.Response created = server.post("/api/v1/aliases", "{\"AliasName\": \"alias/orders-a\", \"KeyId\": \"" + first + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(server.post("/api/v1/aliases", "{\"AliasName\": \"alias/orders-a\", \"KeyId\": \"" + first + "\"}").status())
                .isEqualTo(409);
        assertThat(server.get("/api/v1/keys/alias/orders-a").text("KeyId")).isEqualTo(first);

        EncryptResponse sealed = encrypt(client, "alias/orders-a", new byte[]{5});
        assertThat(sealed.getKeyId()).isEqualTo(first);
        assertThat(decrypt(client, first, sealed)).containsExactly(5);

        TestServer.Response updated = server.put("/api/v1/aliases/alias/orders-a", "{\"KeyId\": \"" + second + "\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(encrypt(client, "alias/orders-a", new byte[]{6}).getKeyId()).isEqualTo(second);
        assertThat(server.get("/api/v1/instances/" + instance + "/aliases").json().get("Aliases").findValuesAsText("AliasName"))
                .contains("alias/orders-a");

        assertThat(server.delete("/api/v1/aliases/alias/orders-a").status()).isEqualTo(204);
        assertThat(OfficialClientKeysTest.codeOf(() -> encrypt(client, "alias/orders-a", new byte[]{7})))
                .isEqualTo("Forbidden.KeyNotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HSM", "SOFTWARE"})
    void rotate_oldCiphertextsDecrypt_advanceCallsUseTheNewVersion(String protection) throws Exception {
        String keyId = createKey("{\"ProtectionLevel\": \"" + protection + "\"}");
        String initial = server.get("/api/v1/keys/" + keyId).text("PrimaryKeyVersion");
        EncryptResponse plainBefore = encrypt(client, keyId, new byte[]{1});
        AdvanceEncryptResponse advanceBefore = advanceEncrypt(keyId, new byte[]{2});
        assertThat(advanceBefore.getKeyVersionId()).isEqualTo(initial);
        assertThat(advanceBefore.getCiphertextBlob()[0]).isEqualTo((byte) 0x01);

        TestServer.Response rotated = server.post("/api/v1/keys/" + keyId + "/rotate", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String primary = rotated.text("PrimaryKeyVersion");
        assertThat(primary).isNotEqualTo(initial).startsWith(keyId + "-");
        assertThat(server.get("/api/v1/keys/" + keyId + "/versions").json().get("KeyVersions").findValuesAsText("KeyVersionId"))
                .containsExactly(initial, primary);

        assertThat(decrypt(client, keyId, plainBefore)).containsExactly(1);
        assertThat(decrypt(client, keyId, encrypt(client, keyId, new byte[]{3}))).containsExactly(3);
        AdvanceEncryptResponse advanceAfter = advanceEncrypt(keyId, new byte[]{4});
        assertThat(advanceAfter.getKeyVersionId()).isEqualTo(primary);
        assertThat(advanceDecrypt(advanceBefore.getCiphertextBlob())).containsExactly(2);
        assertThat(advanceDecrypt(advanceAfter.getCiphertextBlob())).containsExactly(4);
        assertThat(client.advanceDecrypt(new AdvanceDecryptRequest().setCiphertextBlob(advanceAfter.getCiphertextBlob())
                .setAad(AAD)).getKeyVersionId()).isEqualTo(primary);

        AdvanceGenerateDataKeyResponse dataKey = client.advanceGenerateDataKey(new AdvanceGenerateDataKeyRequest().setKeyId(keyId).setAad(AAD));
        assertThat(dataKey.getKeyVersionId()).isEqualTo(primary);
        assertThat(advanceDecrypt(dataKey.getCiphertextBlob())).isEqualTo(dataKey.getPlaintext());
    }

    @Test
    void advanceDecrypt_tamperedOrGarbageBlob_refusedWithoutSayingWhy() throws Exception {
        String keyId = createKey("{}");
        byte[] blob = advanceEncrypt(keyId, new byte[]{9}).getCiphertextBlob();
        byte[] flipped = blob.clone();
        flipped[flipped.length - 1] ^= 1;
        for (byte[] bad : new byte[][]{flipped, new byte[]{1, 2, 3}, new byte[40]}) {
            assertThatThrownBy(() -> advanceDecrypt(bad)).isInstanceOfSatisfying(TeaException.class, e ->
                    assertThat(e.getCode()).isIn("InvalidParameter", "Forbidden.KeyNotFound"));
        }
        assertThat(OfficialClientKeysTest.codeOf(() -> advanceDecrypt(flipped))).isEqualTo("InvalidParameter");
    }

    @Test
    void scheduleDeletion_keyRefusedWithItsOwnError_cancelLeavesItDisabled() throws Exception {
        String keyId = createKey("{}");
        EncryptResponse sealed = encrypt(client, keyId, new byte[]{8});
        assertThat(server.post("/api/v1/keys/" + keyId + "/schedule-deletion", "{\"PendingWindowInDays\": 6}").status()).isEqualTo(400);
        TestServer.Response scheduled = server.post("/api/v1/keys/" + keyId + "/schedule-deletion", "{\"PendingWindowInDays\": 7}");
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        assertThat(scheduled.text("KeyState")).isEqualTo("PendingDeletion");
        assertThat(scheduled.text("DeletionDate")).isNotBlank();
        assertThatThrownBy(() -> decrypt(client, keyId, sealed)).isInstanceOfSatisfying(TeaException.class, e -> {
            assertThat(e.getCode()).isEqualTo("Rejected.PendingDeletion");
            assertThat(e.getMessage()).contains("cancel-deletion");
        });
        assertThat(server.post("/api/v1/keys/" + keyId + "/enable", "").status()).isEqualTo(409);
        assertThat(server.post("/api/v1/keys/" + keyId + "/cancel-deletion", "").text("KeyState")).isEqualTo("Disabled");
        assertThat(server.post("/api/v1/keys/" + keyId + "/enable", "").text("KeyState")).isEqualTo("Enabled");
        assertThat(decrypt(client, keyId, sealed)).containsExactly(8);
    }
}

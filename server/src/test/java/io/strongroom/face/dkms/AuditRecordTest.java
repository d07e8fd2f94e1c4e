package io.strongroom.face.dkms;

import com.aliyun.dkms.gcs.sdk.Client;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceDecryptResponse;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.AdvanceEncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.DecryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptRequest;
import com.aliyun.dkms.gcs.sdk.models.EncryptResponse;
import com.aliyun.dkms.gcs.sdk.models.GenerateDataKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.GenerateRandomRequest;
import com.aliyun.dkms.gcs.sdk.models.GetPublicKeyRequest;
import com.aliyun.dkms.gcs.sdk.models.SignRequest;
import com.aliyun.dkms.gcs.sdk.models.VerifyRequest;
import com.aliyun.tea.TeaException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.strongroom.testing.AuditRecords.has;
import static io.strongroom.testing.AuditRecords.only;
import static io.strongroom.testing.AuditRecords.operatorLog;
import static io.strongroom.testing.AuditRecords.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a record holds and where it goes, read back from the data directory (a one-day interval,
 * so nothing is delivered away during the test).
 *
 * <p>Each record names the key version its request used or made: the initial version for plain
 * Encrypt/Decrypt/GenerateDataKey, the primary one for Advance* encryption, Sign and GetPublicKey,
 * the envelope's for AdvanceDecrypt and the one that verified for Verify (both older than the
 * primary after a rotation), the new one for RotateKey; none for calls without a key.
 *
 * <p>A management call's record goes to the instance's spool (and so its bucket) when the call
 * names the instance in its path, through a key or alias, or in its answer (CreateInstance); to
 * the operator audit log when it names none (HSM clusters, regions, refused credentials) or names
 * an instance that does not exist.
 */
class AuditRecordTest {
    private static final byte[] DATA = "order-42".getBytes(StandardCharsets.UTF_8);
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
        server = TestServer.start(home, """
                audit:
                  interval: PT24H
                """);
        instance = TestClusters.enabledInstance(server);
        client = ApplicationClients.connect(server, files, instance, "127.0.0.1/32");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void symmetricCalls_recordInitialPrimaryOrEnvelopeVersion_acrossARotation() throws Exception {
        String keyId = createKey("{}");
        String initial = server.get("/api/v1/keys/" + keyId).text("PrimaryKeyVersion");
        assertThat(admin("CreateKey", null).get("KeyVersionId").asText()).as("CreateKey names the version it made").isEqualTo(initial);
        AdvanceEncryptResponse sealedBefore = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(DATA));

        String rotated = server.post("/api/v1/keys/" + keyId + "/rotate", "").text("PrimaryKeyVersion");
        assertThat(rotated).isNotEqualTo(initial);
        assertThat(admin("RotateKey", keyId).get("KeyVersionId").asText()).isEqualTo(rotated);

        EncryptResponse sealed = client.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(DATA));
        String decrypted = client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob())
                .setIv(sealed.getIv())).getRequestId();
        String dataKey = client.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId)).getRequestId();
        AdvanceEncryptResponse sealedAfter = client.advanceEncrypt(new AdvanceEncryptRequest().setKeyId(keyId).setPlaintext(DATA));
        AdvanceDecryptResponse openedBefore = client.advanceDecrypt(new AdvanceDecryptRequest()
                .setCiphertextBlob(sealedBefore.getCiphertextBlob()));
        assertThatThrownBy(() -> client.decrypt(new DecryptRequest().setKeyId(keyId).setCiphertextBlob(sealed.getCiphertextBlob())
                .setIv(sealed.getIv()).setAad(DATA))).isInstanceOf(TeaException.class);

        assertThat(versionOf(sealed.getRequestId())).as("Encrypt").isEqualTo(initial);
        assertThat(versionOf(decrypted)).as("Decrypt").isEqualTo(initial);
        assertThat(versionOf(dataKey)).as("GenerateDataKey").isEqualTo(initial);
        assertThat(versionOf(sealedBefore.getRequestId())).as("AdvanceEncrypt before rotation").isEqualTo(initial);
        assertThat(versionOf(sealedAfter.getRequestId())).as("AdvanceEncrypt after rotation").isEqualTo(rotated)
                .isEqualTo(sealedAfter.getKeyVersionId());
        assertThat(versionOf(openedBefore.getRequestId())).as("AdvanceDecrypt of an older envelope").isEqualTo(initial)
                .isEqualTo(openedBefore.getKeyVersionId());
        JsonNode refused = only(spooled(home, instance), has("ApiName", "Decrypt").and(has("StatusCode", "400")));
        assertThat(refused.get("KeyVersionId").asText()).as("a Decrypt that does not authenticate").isEqualTo(initial);
    }

    @Test
    void signingCalls_recordPrimaryVersion_andVerifyTheVersionThatVerified() throws Exception {
        String keyId = createKey("{\"KeySpec\": \"EC_P256\", \"KeyUsage\": \"SIGN/VERIFY\"}");
        String initial = server.get("/api/v1/keys/" + keyId).text("PrimaryKeyVersion");
        SignRequest sign = new SignRequest().setKeyId(keyId).setAlgorithm("ECDSA_SHA_256").setMessage(DATA);
        var signedBefore = client.sign(sign);
        String rotated = server.post("/api/v1/keys/" + keyId + "/rotate", "").text("PrimaryKeyVersion");

        String signedAfter = client.sign(sign).getRequestId();
        String publicKey = client.getPublicKey(new GetPublicKeyRequest().setKeyId(keyId)).getRequestId();
        var verified = client.verify(new VerifyRequest().setKeyId(keyId).setAlgorithm("ECDSA_SHA_256").setMessage(DATA)
                .setSignature(signedBefore.getSignature()));
        assertThat(verified.getValue()).isTrue();
        server.get("/api/v1/keys/" + keyId + "/public-key");

        assertThat(versionOf(signedBefore.getRequestId())).as("Sign before rotation").isEqualTo(initial);
        assertThat(versionOf(signedAfter)).as("Sign after rotation").isEqualTo(rotated);
        assertThat(versionOf(publicKey)).as("GetPublicKey").isEqualTo(rotated);
        assertThat(versionOf(verified.getRequestId())).as("Verify of an older signature").isEqualTo(initial);
        assertThat(admin("GetPublicKey", keyId).get("KeyVersionId").asText()).as("the management GetPublicKey").isEqualTo(rotated);
    }

    @Test
    void createInstance_recordBelongsToTheInstanceItCreated() {
        JsonNode created = only(spooled(home, instance), has("ApiName", "CreateInstance"));
        assertThat(created.get("InstanceId").asText()).isEqualTo(instance);
        assertThat(created.get("StatusCode").asInt()).isEqualTo(202);
        assertThat(operatorLog(home)).noneMatch(has("ApiName", "CreateInstance"));
    }

    @Test
    void callsNamingNoInstance_goToTheOperatorLog() {
        assertThat(server.get("/api/v1/regions").status()).isEqualTo(200);
        assertThat(server.get("/api/v1/audit-buckets").status()).isEqualTo(200);
        assertThat(server.getWithoutCredential("/api/v1/hsm-clusters").status()).isEqualTo(401);

        List<JsonNode> operator = operatorLog(home);
        for (String apiName : List.of("CreateHsmCluster", "InitHsmCluster", "ListRegions", "ListAuditBuckets")) {
            assertThat(operator).as(apiName).anyMatch(has("ApiName", apiName).and(has("StatusCode", "200").or(has("StatusCode", "201"))));
        }
        JsonNode refused = only(operator, has("ApiName", "ListHsmClusters"));
        assertThat(refused.get("ErrorCode").asText()).isEqualTo("Unauthorized");
        assertThat(refused.get("Level").asText()).isEqualTo("WARN");
        assertThat(spooled(home, instance)).noneMatch(has("ApiName", "ListRegions"));
    }

    @Test
    void refusedCallNamingAnInstanceThatDoesNotExist_goesToTheOperatorLog() {
        assertThat(server.get("/api/v1/instances/kst-hzznosuchinstance").status()).isEqualTo(404);
        JsonNode refused = only(operatorLog(home), has("InstanceId", "kst-hzznosuchinstance"));
        assertThat(refused.get("ApiName").asText()).isEqualTo("DescribeInstance");
        assertThat(refused.get("ErrorCode").asText()).isEqualTo("InvalidInstanceId.NotFound");
        assertThat(Files.exists(home.resolve("audit-spool/kst-hzznosuchinstance"))).isFalse();
    }

    @Test
    void callsNamingAKeyOrAlias_belongToTheKeysInstance_evenWhenRefused() {
        String keyId = server.post("/api/v1/instances/" + instance + "/keys", "{}").text("KeyId");
        assertThat(server.post("/api/v1/keys/" + keyId + "/cancel-deletion", "").status()).isEqualTo(409);
        String alias = "{\"AliasName\": \"alias/orders\", \"KeyId\": \"" + keyId + "\"}";
        assertThat(server.post("/api/v1/aliases", alias).status()).isEqualTo(201);
        assertThat(server.get("/api/v1/aliases/alias/orders").status()).isEqualTo(200);
        assertThat(server.get("/api/v1/keys/key-hzznosuchkey").status()).isEqualTo(404);

        List<JsonNode> records = spooled(home, instance);
        assertThat(only(records, has("ApiName", "CancelKeyDeletion")).get("ErrorCode").asText()).isEqualTo("IncorrectKeyState");
        assertThat(only(records, has("ApiName", "CreateAlias")).get("StatusCode").asInt()).isEqualTo(201);
        assertThat(only(records, has("ApiName", "DescribeAlias")).get("Resource").asText()).isEqualTo("AliasName=alias/orders");
        assertThat(only(operatorLog(home), has("ApiName", "DescribeKey")).get("Resource").asText()).isEqualTo("KeyId=key-hzznosuchkey");
    }

    @Test
    void callsWithoutAKey_recordNoVersion() throws Exception {
        String random = client.generateRandom(new GenerateRandomRequest().setLength(8)).getRequestId();
        assertThat(only(spooled(home, instance), has("RequestId", random)).has("KeyVersionId")).isFalse();
    }

    private static String createKey(String body) {
        TestServer.Response created = server.post("/api/v1/instances/" + instance + "/keys", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("KeyId");
    }

    private static String versionOf(String requestId) {
        JsonNode record = only(spooled(home, instance), has("RequestId", requestId));
        assertThat(record.has("KeyVersionId")).as("KeyVersionId in %s", record).isTrue();
        return record.get("KeyVersionId").asText();
    }

    /** The management API's record of {@code apiName} on {@code keyId} (or its newest, without a key). */
    private static JsonNode admin(String apiName, String keyId) {
        List<JsonNode> records = spooled(home, instance).stream().filter(has("ApiName", apiName))
                .filter(record -> keyId == null || has("Resource", "KeyId=" + keyId).test(record)).toList();
        assertThat(records).as(apiName).isNotEmpty();
        return records.getLast();
    }
}

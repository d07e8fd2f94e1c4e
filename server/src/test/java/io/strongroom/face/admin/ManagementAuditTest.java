package io.strongroom.face.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.strongroom.testing.AuditRecords.has;
import static io.strongroom.testing.AuditRecords.only;
import static io.strongroom.testing.AuditRecords.operatorLog;
import static io.strongroom.testing.AuditRecords.spooled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Which log a management call's record goes to: the instance's (and so its bucket) when the call
 * names the instance in its path, through a key or alias, or in its answer (CreateInstance);
 * the operator audit log when it names none (HSM clusters, regions, refused credentials) or names
 * an instance that does not exist. Read back from the data directory (a one-day interval).
 */
class ManagementAuditTest {
    @TempDir
    static Path home;
    static TestServer server;
    static String instance;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        server = TestServer.start(home, """
                audit:
                  interval: PT24H
                """);
        instance = TestClusters.enabledInstance(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
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
}

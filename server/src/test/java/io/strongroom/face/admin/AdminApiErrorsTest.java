package io.strongroom.face.admin;

import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to the management API gets a clear error with a code, never a stack trace. */
class AdminApiErrorsTest {
    @TempDir
    static Path home;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(home);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void request_withoutCredential_is401() {
        TestServer.Response response = server.getWithoutCredential("/api/v1/regions");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("Code")).isEqualTo("Unauthorized");
        assertThat(response.text("Message")).contains("admin credential");
        assertThat(response.text("RequestId")).matches("[0-9a-f-]{36}");
    }

    @Test
    void regions_listsTheSevenDefaults() {
        TestServer.Response response = server.get("/api/v1/regions");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("Regions").findValuesAsText("RegionId")).containsExactly(
                "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "ap-southeast-3", "ap-southeast-1");
        assertThat(response.json().get("Regions").findValuesAsText("LocalName")).contains("Malaysia (Kuala Lumpur)");
    }

    @Test
    void openApi_isServedWithoutCredential() {
        TestServer.Response response = server.getWithoutCredential("/api/v1/openapi.yaml");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3").contains("/api/v1/instances/{InstanceId}/connect");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET|/api/v1/instances?RegionId=mars-1|404|InvalidRegionId.NotFound|mars-1",
            "GET|/api/v1/instances|400|MissingParameter|RegionId",
            "GET|/api/v1/instances/kst-hzznothere|404|InvalidInstanceId.NotFound|kst-hzznothere",
            "GET|/api/v1/hsm-clusters/hsmc-nothere|404|InvalidHsmClusterId.NotFound|hsmc-nothere",
            "POST|/api/v1/instances/kst-hzznothere/disconnect|404|InvalidInstanceId.NotFound|kst-hzznothere",
            "GET|/api/v1/nothing|404|NotFound|/api/v1/nothing",
            "DELETE|/api/v1/regions|405|MethodNotAllowed|DELETE",
    })
    void badTarget_getsItsCode(String method, String path, int status, String code, String mentioned) {
        TestServer.Response response = method.equals("GET") ? server.get(path)
                : method.equals("POST") ? server.post(path, "{}") : server.delete(path);
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.text("Code")).isEqualTo(code);
        assertThat(response.text("Message")).contains(mentioned);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{not json|MalformedJson|not valid JSON",
            "[]|InvalidParameter|JSON object",
            "{\"RegionId\": \"cn-hangzhou\", \"Colour\": 1}|InvalidParameter|unknown field 'Colour'",
            "{\"RegionId\": \"cn-hangzhou\", \"Spec\": \"fast\"}|InvalidParameter|'Spec'",
            "{\"RegionId\": \"cn-hangzhou\", \"AllowedCidrs\": \"10.0.0.0/8\"}|InvalidParameter|'AllowedCidrs'",
            "{\"RegionId\": \"cn-hangzhou\", \"InstanceName\": \"x\", \"VpcId\": \"vpc-1\", \"AllowedCidrs\": [\"10.0.0.0/33\"]}|InvalidParameter|AllowedCidrs",
            "{\"RegionId\": \"cn-hangzhou\", \"InstanceName\": \"x\", \"VpcId\": \"vpc-1\", \"AllowedCidrs\": []}|MissingParameter|AllowedCidrs",
            "{\"RegionId\": \"cn-hangzhou\", \"InstanceName\": \"\"}|InvalidParameter|InstanceName",
            "{\"RegionId\": \"cn-hangzhou\", \"InstanceName\": \"x\", \"VpcId\": \"vpc 1\"}|InvalidParameter|VpcId",
            "{\"RegionId\": \"cn-hangzhou\", \"InstanceName\": \"x\", \"VpcId\": \"vpc-1\", \"AllowedCidrs\": [\"10.0.0.0/8\"], \"Spec\": 0}|InvalidParameter|Spec",
            "{\"RegionId\": \"nowhere\"}|InvalidRegionId.NotFound|nowhere",
    })
    void createInstance_badBody_is400NamingTheField(String body, String code, String mentioned) {
        TestServer.Response response = server.post("/api/v1/instances", body);
        assertThat(response.text("Code")).as(response.body()).isEqualTo(code);
        assertThat(response.status()).isIn(400, 404);
        assertThat(response.text("Message")).contains(mentioned);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.strongroom");
    }
}

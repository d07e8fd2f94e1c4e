package io.strongroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.api.ApiJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCredentialCommandTest {
    private static final String CREDENTIAL = """
            {
              "AccessKeyId" : "SRAKTEST0123456789",
              "AccessKeySecret" : "c2VjcmV0LXNlY3JldC1zZWNyZXQ"
            }
            """;

    @TempDir
    Path home;

    @BeforeEach
    void writeCredential() throws Exception {
        Files.createDirectories(home.resolve("admin"));
        Files.writeString(home.resolve("admin/credential.json"), CREDENTIAL);
    }

    @Test
    void credential_homeFromEnvironment_printsKeyAsText() {
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "admin", "credential");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("AccessKeyId:     SRAKTEST0123456789\n")
                .contains("AccessKeySecret: c2VjcmV0LXNlY3JldC1zZWNyZXQ\n")
                .contains("CredentialFile:  " + home.resolve("admin/credential.json"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void credential_outputJson_printsTheTwoFields() throws Exception {
        CliRun run = CliRun.run(Map.of(), "admin", "credential", "--home", home.toString(), "--output", "json");
        assertThat(run.status()).as(run.toString()).isZero();
        JsonNode json = ApiJson.mapper().readTree(run.out());
        assertThat(json.get("AccessKeyId").asText()).isEqualTo("SRAKTEST0123456789");
        assertThat(json.get("AccessKeySecret").asText()).isEqualTo("c2VjcmV0LXNlY3JldC1zZWNyZXQ");
        assertThat(json.size()).isEqualTo(2);
    }

    @Test
    void credential_homeBeforeTheVerb_isHonoured() {
        CliRun run = CliRun.run(Map.of(), "--home", home.toString(), "admin", "credential");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("SRAKTEST0123456789");
    }

    @Test
    void credential_flagBeatsEnvironment() {
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.resolve("elsewhere").toString()),
                "admin", "credential", "--home", home.toString());
        assertThat(run.status()).as(run.toString()).isZero();
    }

    @Test
    void credential_credentialFileVariable_beatsHome() throws Exception {
        Path other = Files.writeString(home.resolve("other.json"), "{\"AccessKeyId\": \"SRAKOTHER\", \"AccessKeySecret\": \"s\"}");
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString(), "STRONGROOM_CREDENTIAL_FILE", other.toString()),
                "admin", "credential");
        assertThat(run.out()).as(run.toString()).contains("SRAKOTHER");
    }

    @Test
    void credential_missingFile_saysWhereItLookedAndExitsOne() {
        Path empty = home.resolve("empty");
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", empty.toString()), "admin", "credential");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).startsWith("Error: there is no admin credential at " + empty.resolve("admin/credential.json"))
                .contains("--credential-file").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void credential_malformedFile_saysSo() throws Exception {
        Files.writeString(home.resolve("admin/credential.json"), "{\"AccessKeyId\": \"x\"}");
        CliRun run = CliRun.run(Map.of("STRONGROOM_HOME", home.toString()), "admin", "credential");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("lacks AccessKeyId or AccessKeySecret");
    }
}

package io.strongroom.cli;

import io.strongroom.api.ApiJson;
import io.strongroom.api.HsmClusterList;
import io.strongroom.api.HsmClusterView;
import io.strongroom.api.HsmNodeView;
import io.strongroom.api.InstanceList;
import io.strongroom.api.InstanceView;
import io.strongroom.api.Region;
import io.strongroom.api.RegionList;
import io.strongroom.hsm.TokenLocation;
import io.strongroom.platform.Certificates;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.strongroom.testing.TestClusters.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CLI against the real server over HTTPS, on SoftHSM2 tokens: no flags but the data
 * directory, as on the server's machine. JSON output is parsed with the API's own strict
 * mapping, so it must be exactly the API's JSON.
 */
class CliEndToEndTest {
    @TempDir
    static Path root;
    static Path home;
    static Path files;
    static TestServer server;
    static Map<String, String> environment;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
        home = root.resolve("data");
        files = Files.createDirectories(root.resolve("files"));
        server = TestServer.start(home);
        environment = Map.of("STRONGROOM_HOME", home.toString());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun cli(String... args) {
        return CliRun.run(environment, args);
    }

    private static <T> T json(CliRun run, Class<T> type) throws Exception {
        assertThat(run.status()).as(run.toString()).isZero();
        return ApiJson.mapper().readValue(run.out(), type);
    }

    private static Path passwordFile(String name, String password) throws Exception {
        return Files.writeString(files.resolve(name), password + "\n");
    }

    @Test
    void instance_listDescribeDisconnectConnect_walkTheStateMachine() throws Exception {
        String id = TestClusters.enabledInstance(server);

        InstanceList list = json(cli("instance", "list", "--region", "cn-hangzhou", "--output", "json"), InstanceList.class);
        assertThat(list.instances()).extracting(InstanceView::instanceId).contains(id);
        assertThat(json(cli("instance", "list", "--region", "cn-shanghai", "--output", "json"), InstanceList.class).instances())
                .extracting(InstanceView::instanceId).doesNotContain(id);

        InstanceView described = json(cli("instance", "describe", id, "--output", "json"), InstanceView.class);
        assertThat(described.status()).isEqualTo("Enabled");
        assertThat(described.vpcAddress()).isEqualTo("https://" + id + ".cryptoservice.kms.localhost:" + server.server().endpointPort());
        CliRun text = cli("instance", "describe", id);
        assertThat(text.out()).contains("InstanceId:            " + id + "\n").contains("Status:                Enabled\n")
                .contains("-----BEGIN CERTIFICATE-----");

        CliRun disconnected = cli("instance", "disconnect", id);
        assertThat(disconnected.status()).as(disconnected.toString()).isZero();
        assertThat(disconnected.out()).contains("Status:                Disabled\n");

        CliRun again = cli("instance", "disconnect", id);
        assertThat(again.status()).isEqualTo(Main.FAILED);
        assertThat(again.err()).matches("Error: IncorrectInstanceStatus: .*Disabled.* \\(RequestId [0-9a-f-]{36}\\)\\n");
        assertThat(again.out()).isEmpty();

        CliRun wrong = cli("instance", "connect", id, "--user", "kmsuser", "--password-file", passwordFile("wrong", "not-the-password").toString());
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(Main.ENDED_DISABLED);
        assertThat(wrong.err()).contains("Error: INVALID_CREDENTIALS: ");
        assertThat(wrong.out()).contains("Status:                Disabled\n").contains("ErrorCode:             INVALID_CREDENTIALS\n");
        InstanceView refused = json(cli("instance", "describe", id, "--output", "json"), InstanceView.class);
        assertThat(refused.status()).isEqualTo("Disabled");
        assertThat(refused.errorCode()).isEqualTo("INVALID_CREDENTIALS");

        CliRun right = cli("instance", "connect", id, "--user", "kmsuser", "--password-file", passwordFile("right", PASSWORD).toString());
        assertThat(right.status()).as(right.toString()).isZero();
        assertThat(right.out()).contains("Status:                Enabled\n").doesNotContain("ErrorCode");
        assertThat(json(cli("instance", "describe", id, "--output", "json"), InstanceView.class).status()).isEqualTo("Enabled");
    }

    @Test
    void instanceConnect_passwordStdinNoWaitJson_returnsCreatingThenSettlesEnabled() throws Exception {
        String id = TestClusters.enabledInstance(server);
        assertThat(cli("instance", "disconnect", id).status()).isZero();

        CliRun accepted = CliRun.run(environment, PASSWORD + "\n", Optional.empty(),
                "instance", "connect", id, "--password-stdin", "--no-wait", "--output", "json");
        assertThat(json(accepted, InstanceView.class).status()).isEqualTo("Creating");
        assertThat(server.awaitSettled(id).text("Status")).isEqualTo("Enabled");
    }

    @Test
    void hsmClusterAndInstance_createdThroughTheCli_endEnabled() throws Exception {
        TokenLocation a = SoftHsm.newToken("cli-a", PASSWORD.toCharArray());
        TokenLocation b = SoftHsm.newToken("cli-b", PASSWORD.toCharArray());
        CliRun created = cli("hsm-cluster", "create", "--region", "cn-hangzhou", "--name", "cli-cluster",
                "--node", "module=" + a.modulePath() + ",label=" + a.tokenLabel() + ",zone=cn-hangzhou-h",
                "--node", "module=" + b.modulePath() + ",label=" + b.tokenLabel() + ",zone=cn-hangzhou-i", "--output", "json");
        HsmClusterView cluster = json(created, HsmClusterView.class);
        assertThat(cluster.status()).isEqualTo("Uninitialized");
        assertThat(cluster.nodes()).extracting(HsmNodeView::tokenLabel).containsExactly(a.tokenLabel(), b.tokenLabel());

        CliRun initialised = CliRun.run(environment, PASSWORD + "\n", Optional.empty(),
                "hsm-cluster", "init", cluster.hsmClusterId(), "--password-stdin");
        assertThat(initialised.status()).as(initialised.toString()).isZero();
        assertThat(initialised.out()).contains("Status:              Initialized\n").contains("\nNodes:\n");

        CliRun instance = cli("instance", "create", "--region", "cn-hangzhou", "--name", "from-cli", "--vpc-id", "vpc-cli",
                "--cidr", "10.0.0.0/8", "--cidr", "127.0.0.1/32", "--spec", "500", "--hsm-cluster", cluster.hsmClusterId(),
                "--user", "kmsuser", "--password-file", passwordFile("create", PASSWORD).toString(), "--output", "json");
        InstanceView view = json(instance, InstanceView.class);
        assertThat(view.status()).isEqualTo("Enabled");
        assertThat(view.allowedCidrs()).containsExactly("10.0.0.0/8", "127.0.0.1/32");
        assertThat(view.spec()).isEqualTo(500);

        HsmClusterView bound = json(cli("hsm-cluster", "describe", cluster.hsmClusterId(), "--output", "json"), HsmClusterView.class);
        assertThat(bound.instanceId()).isEqualTo(view.instanceId());
        assertThat(bound.nodes()).hasSize(2).allSatisfy(node -> assertThat(node.health()).isNotBlank());
        assertThat(json(cli("hsm-cluster", "list", "--region", "cn-hangzhou", "--output", "json"), HsmClusterList.class).hsmClusters())
                .extracting(HsmClusterView::hsmClusterId).contains(cluster.hsmClusterId());
        assertThat(cli("hsm-cluster", "list").out()).contains(cluster.hsmClusterId());
    }

    @Test
    void regionListAndStatus_answerFromTheRunningServer() throws Exception {
        RegionList regions = json(cli("region", "list", "--output", "json"), RegionList.class);
        assertThat(regions.regions()).extracting(Region::regionId).contains("cn-hangzhou", "ap-southeast-1");
        assertThat(cli("region", "list").out()).startsWith("RegionId").containsPattern("cn-hangzhou +China \\(Hangzhou\\)");

        CliRun status = cli("status");
        assertThat(status.status()).as(status.toString()).isZero();
        assertThat(status.out()).contains("ApiUrl:           " + server.apiUrl() + "\n").contains("ConsoleUrl:");
        assertThat(cli("console", "url").out()).isEqualTo(server.apiUrl() + "/console/\n");
    }

    @Test
    void describe_unknownInstance_printsTheApisErrorAndExitsOne() {
        CliRun run = cli("instance", "describe", "kst-hzznosuchinstance00000");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).startsWith("Error: InvalidInstanceId.NotFound: ").contains("(RequestId ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void wrongAdminKey_refusedUnauthorized() throws Exception {
        Path wrong = Files.writeString(files.resolve("wrong-admin.json"), "{\"AccessKeyId\": \"SRAKWRONG\", \"AccessKeySecret\": \"nope\"}");
        CliRun run = cli("--credential-file", wrong.toString(), "region", "list");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).startsWith("Error: Unauthorized: ");
    }

    @Test
    void caFileOfAnotherCa_tlsHandshakeRefused() throws Exception {
        String strangerCa = Certificates.pem(Certificates.newAuthority("Stranger CA", Duration.ofDays(1)).certificate());
        Path stranger = Files.writeString(files.resolve("stranger-ca.pem"), strangerCa);
        CliRun run = cli("--ca-file", stranger.toString(), "region", "list");
        assertThat(run.status()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("was not accepted").contains("--ca-file");
    }
    @Test
    void accessChain_spellingsOfTheIssue_writeAnOwnerOnlyClientKeyFile() throws Exception {
        String id = TestClusters.enabledInstance(server);
        assertThat(cli("network-rule", "create", "--instance", id, "--name", "local", "--source", "127.0.0.1/32").status()).isZero();
        assertThat(cli("policy", "create", "--instance", id, "--name", "apps", "--permission", "CryptoServiceKeyUser",
                "--resource", "key/*", "--network-rule", "local").status()).isZero();
        assertThat(cli("aap", "create", "--instance", id, "--name", "orders", "--policy", "apps").status()).isZero();
        Path out = Files.createDirectories(files.resolve("keys-" + id));
        CliRun created = cli("client-key", "create", "--instance", id, "--aap", "orders",
                "--password-file", passwordFile("client-key-pass", "Client-Key-Pass-1").toString(), "--out", out.toString());
        assertThat(created.status()).as(created.toString()).isZero();
        String clientKeyId = created.out().strip();
        assertThat(clientKeyId).matches("KAAP\\.[0-9a-f-]{36}");
        Path file = out.resolve("clientKey_" + clientKeyId + ".json");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        var content = ApiJson.mapper().readTree(file.toFile());
        assertThat(content.get("KeyId").asText()).isEqualTo(clientKeyId);
        assertThat(content.get("PrivateKeyData").asText()).isNotBlank();

        assertThat(cli("client-key", "list", "--instance", id).out()).contains(clientKeyId).contains("orders");
        CliRun inUse = cli("policy", "delete", "--instance", id, "apps");
        assertThat(inUse.status()).isEqualTo(Main.FAILED);
        assertThat(inUse.err()).startsWith("Error: ResourceInUse: ");
        assertThat(cli("instance", "ca", id).out()).startsWith("-----BEGIN CERTIFICATE-----")
                .isEqualTo(server.get("/api/v1/instances/" + id).text("CaCertificateChainPem"));
    }
}

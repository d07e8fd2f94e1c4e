package io.strongroom.cli;

import io.strongroom.api.AliasView;
import io.strongroom.api.ApiJson;
import io.strongroom.api.KeyList;
import io.strongroom.api.KeyVersionList;
import io.strongroom.api.KeyVersionView;
import io.strongroom.api.KeyView;
import io.strongroom.api.Tag;
import io.strongroom.testing.SoftHsm;
import io.strongroom.testing.TestClusters;
import io.strongroom.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The key commands against a real server, with the spellings a user scripts. */
class CliKeysTest {
    @TempDir
    static Path home;
    static TestServer server;
    static Map<String, String> environment;

    @BeforeAll
    static void start() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
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

    @Test
    void keyCreate_jsonOutput_printsTheKey_thenDescribeListDisableEnable() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        KeyView key = json(cli("key", "create", "--instance", instance, "--spec", "Aliyun_AES_256", "--protection", "HSM",
                "--output", "json"), KeyView.class);
        assertThat(key.keyId()).startsWith("key-hzz");
        assertThat(key.keyState()).isEqualTo("Enabled");
        assertThat(cli("key", "describe", key.keyId()).out()).contains(key.keyId()).contains("Aliyun_AES_256").contains("HSM");
        assertThat(json(cli("key", "list", "--instance", instance, "--output", "json"), KeyList.class).keys())
                .extracting(KeyView::keyId).contains(key.keyId());
        assertThat(json(cli("key", "disable", key.keyId(), "--output", "json"), KeyView.class).keyState()).isEqualTo("Disabled");
        assertThat(json(cli("key", "enable", key.keyId(), "--output", "json"), KeyView.class).keyState()).isEqualTo("Enabled");
    }

    @Test
    void keyCreate_aesModes_describeShowsThem_defaultIsGcm_refusedForRsa() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        KeyView blockModes = json(cli("key", "create", "--instance", instance, "--aes-modes", "CBC_ECB", "--output", "json"),
                KeyView.class);
        assertThat(blockModes.aesModes()).isEqualTo("CBC_ECB");
        CliRun described = cli("key", "describe", blockModes.keyId());
        assertThat(described.status()).as(described.toString()).isZero();
        assertThat(described.out()).containsPattern("AesModes: +CBC_ECB\n");
        assertThat(json(cli("key", "create", "--instance", instance, "--output", "json"), KeyView.class).aesModes()).isEqualTo("GCM");

        CliRun rsa = cli("key", "create", "--instance", instance, "--spec", "RSA_2048", "--aes-modes", "GCM");
        assertThat(rsa.status()).isEqualTo(Main.FAILED);
        assertThat(rsa.err()).contains("InvalidParameter").contains("AesModes is for AES keys");
        CliRun unknown = cli("key", "create", "--instance", instance, "--aes-modes", "CBC");
        assertThat(unknown.status()).isEqualTo(Main.FAILED);
        assertThat(unknown.err()).contains("AesModes must be GCM").contains("or CBC_ECB");
        assertThat(cli("key", "create", "--help").out().replaceAll("\\s+", " ")).contains("--aes-modes=MODES AES keys only")
                .contains("CBC_ECB (AES_CBC and AES_ECB only)");
    }

    @Test
    void aliasAndLifecycleCommands_userSpellings_work() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        KeyView first = json(cli("key", "create", "--instance", instance, "--output", "json"), KeyView.class);
        KeyView second = json(cli("key", "create", "--instance", instance, "--rotation-interval", "30d", "--output", "json"),
                KeyView.class);
        assertThat(second.rotationInterval()).isEqualTo("2592000s");
        assertThat(json(cli("alias", "create", "--instance", instance, "--alias", "alias/cli-orders", "--key", first.keyId(),
                "--output", "json"), AliasView.class).keyId()).isEqualTo(first.keyId());
        assertThat(cli("key", "describe", "alias/cli-orders").out()).contains(first.keyId());
        assertThat(json(cli("alias", "update", "--alias", "alias/cli-orders", "--key", second.keyId(), "--output", "json"),
                AliasView.class).keyId()).isEqualTo(second.keyId());
        assertThat(cli("alias", "list", "--instance", instance).out()).contains("alias/cli-orders").contains(second.keyId());
        assertThat(cli("alias", "delete", "--alias", "alias/cli-orders").status()).isZero();

        KeyView rotated = json(cli("key", "rotate", first.keyId(), "--output", "json"), KeyView.class);
        assertThat(rotated.primaryKeyVersion()).isNotEqualTo(first.primaryKeyVersion());
        assertThat(json(cli("key", "versions", first.keyId(), "--output", "json"), KeyVersionList.class).keyVersions())
                .extracting(KeyVersionView::keyVersionId).containsExactly(first.primaryKeyVersion(), rotated.primaryKeyVersion());
        assertThat(json(cli("key", "rotation-policy", first.keyId(), "--rotation-interval", "7d", "--output", "json"),
                KeyView.class).nextRotationDate()).isNotNull();

        KeyView pending = json(cli("key", "schedule-deletion", first.keyId(), "--pending-window-days", "7", "--output", "json"),
                KeyView.class);
        assertThat(pending.keyState()).isEqualTo("PendingDeletion");
        assertThat(pending.deletionDate()).isNotNull();
        assertThat(json(cli("key", "cancel-deletion", first.keyId(), "--output", "json"), KeyView.class).keyState())
                .isEqualTo("Disabled");
        assertThat(json(cli("key", "schedule-deletion", second.keyId(), "--output", "json"), KeyView.class).keyState())
                .isEqualTo("PendingDeletion");
    }

    @Test
    void keyTags_createWithTag_tagAndUntag_describeShowsThem_listFiltersByTag() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        KeyView key = json(cli("key", "create", "--instance", instance, "--tag", "env=prod", "--tag", "team=pay=ments", "--tag", "empty=",
                "--output", "json"), KeyView.class);
        assertThat(key.tags()).containsExactly(new Tag("empty", ""), new Tag("env", "prod"), new Tag("team", "pay=ments"));
        CliRun described = cli("key", "describe", key.keyId());
        assertThat(described.status()).as(described.toString()).isZero();
        assertThat(described.out()).containsPattern("Tags: +empty=, env=prod, team=pay=ments\n");

        KeyView tagged = json(cli("key", "tag", key.keyId(), "--tag", "env=dev", "--tag", "owner=alice", "--output", "json"), KeyView.class);
        assertThat(tagged.tags()).containsExactly(new Tag("empty", ""), new Tag("env", "dev"), new Tag("owner", "alice"),
                new Tag("team", "pay=ments"));
        CliRun untagged = cli("key", "untag", key.keyId(), "--tag-key", "owner", "--tag-key", "empty");
        assertThat(untagged.status()).as(untagged.toString()).isZero();
        assertThat(untagged.out()).containsPattern("Tags: +env=dev, team=pay=ments\n");
        assertThat(json(cli("key", "describe", key.keyId(), "--output", "json"), KeyView.class).tags())
                .containsExactly(new Tag("env", "dev"), new Tag("team", "pay=ments"));

        KeyView other = json(cli("key", "create", "--instance", instance, "--output", "json"), KeyView.class);
        assertThat(other.tags()).isEmpty();
        assertThat(json(cli("key", "list", "--instance", instance, "--tag", "env=dev", "--output", "json"), KeyList.class).keys())
                .extracting(KeyView::keyId).containsExactly(key.keyId());
        assertThat(json(cli("key", "list", "--instance", instance, "--tag", "team", "--output", "json"), KeyList.class).keys())
                .extracting(KeyView::keyId).containsExactly(key.keyId());
        assertThat(json(cli("key", "list", "--instance", instance, "--tag", "env=prod", "--output", "json"), KeyList.class).keys())
                .isEmpty();

        CliRun reserved = cli("key", "tag", key.keyId(), "--tag", "acs:owner=x");
        assertThat(reserved.status()).isEqualTo(Main.FAILED);
        assertThat(reserved.err()).contains("InvalidParameter").contains("reserved");
        CliRun noValue = cli("key", "create", "--instance", instance, "--tag", "env");
        assertThat(noValue.status()).isEqualTo(Main.USAGE);
        assertThat(noValue.err()).contains("--tag").contains("'env' is not KEY=VALUE: write env=VALUE");
        CliRun noTag = cli("key", "tag", key.keyId());
        assertThat(noTag.status()).isEqualTo(Main.USAGE);
        assertThat(noTag.err()).contains("--tag");
    }

    @Test
    void keyCreate_signingKey_publicKeyPrintsItsPem_wrongUsageRefused() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        KeyView key = json(cli("key", "create", "--instance", instance, "--spec", "RSA_2048", "--usage", "SIGN/VERIFY",
                "--output", "json"), KeyView.class);
        assertThat(key.keySpec()).isEqualTo("RSA_2048");
        assertThat(key.keyUsage()).isEqualTo("SIGN/VERIFY");
        CliRun pem = cli("key", "public-key", key.keyId());
        assertThat(pem.status()).as(pem.toString()).isZero();
        assertThat(pem.out()).startsWith("-----BEGIN PUBLIC KEY-----\n").contains("-----END PUBLIC KEY-----");
        CliRun refused = cli("key", "create", "--instance", instance, "--spec", "EC_P256", "--usage", "ENCRYPT/DECRYPT");
        assertThat(refused.status()).isEqualTo(Main.FAILED);
        assertThat(refused.err()).contains("InvalidParameter").contains("use SIGN/VERIFY");
    }

    @Test
    void keyCreate_hmacSpecs_takeTheMacUsage_describeShowsTheSpec() throws Exception {
        String instance = TestClusters.enabledInstance(server);
        for (String spec : List.of("HMAC_SHA224", "HMAC_SHA384", "HMAC_SHA512")) {
            KeyView key = json(cli("key", "create", "--instance", instance, "--spec", spec, "--protection", "SOFTWARE",
                    "--output", "json"), KeyView.class);
            assertThat(key.keyUsage()).isEqualTo("GENERATE/VERIFY_MAC");
            KeyView described = json(cli("key", "describe", key.keyId(), "--output", "json"), KeyView.class);
            assertThat(List.of(described.keySpec(), described.protectionLevel())).containsExactly(spec, "SOFTWARE");
        }
    }
}

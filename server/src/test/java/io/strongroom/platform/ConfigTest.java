package io.strongroom.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    @TempDir
    Path directory;

    @Test
    void load_noFile_givesTheDefaults() {
        Config config = Config.load(directory.resolve("strongroom.yaml"), Map.of());
        assertThat(config.regions()).hasSize(7);
        assertThat(config.api().port()).isEqualTo(8443);
        assertThat(config.hsm().minimumNodes()).isEqualTo(2);
        assertThat(config.hsm().cryptoUser()).isEqualTo("kmsuser");
        assertThat(config.store().kind()).isEqualTo("sqlite");
    }

    @Test
    void load_fileAndEnvironment_overrideTheDefaults() throws Exception {
        Path file = directory.resolve("strongroom.yaml");
        Files.writeString(file, """
                domain: kms.example.com
                regions:
                  - {id: eu-west-1, name: Ireland, code: irl}
                hsm:
                  minimumNodes: 3
                  callTimeout: PT2S
                """);
        Config config = Config.load(file, Map.of("STRONGROOM_API_PORT", "9000"));
        assertThat(config.domain()).isEqualTo("kms.example.com");
        assertThat(config.regions()).extracting(Config.RegionConfig::id).containsExactly("eu-west-1");
        assertThat(config.hsm().minimumNodes()).isEqualTo(3);
        assertThat(config.hsm().callTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.api().port()).isEqualTo(9000);
    }

    @Test
    void load_unknownSettingOrBadPort_isAClearError() throws Exception {
        Path file = directory.resolve("strongroom.yaml");
        Files.writeString(file, "colour: blue\n");
        assertThatThrownBy(() -> Config.load(file, Map.of())).hasMessageContaining("unknown setting 'colour'");
        Files.writeString(file, "domain: x\n");
        assertThatThrownBy(() -> Config.load(file, Map.of("STRONGROOM_API_PORT", "http")))
                .hasMessageContaining("STRONGROOM_API_PORT must be a port number");
    }

    @Test
    void load_audit_defaultsAreTheDemoBucketAndOneHour_andTheEnvironmentSetsTheInterval() throws Exception {
        Config defaults = Config.load(directory.resolve("strongroom.yaml"), Map.of());
        assertThat(defaults.audit().buckets()).isEqualTo(Config.DEFAULT_BUCKETS);
        assertThat(defaults.audit().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.audit().failClosed()).isTrue();
        Config fast = Config.load(directory.resolve("strongroom.yaml"), Map.of("STRONGROOM_AUDIT_INTERVAL", "PT20S"));
        assertThat(fast.audit().interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(fast.audit().buckets()).isEqualTo(Config.DEFAULT_BUCKETS);
        assertThatThrownBy(() -> Config.load(directory.resolve("strongroom.yaml"), Map.of("STRONGROOM_AUDIT_INTERVAL", "hourly")))
                .hasMessageContaining("STRONGROOM_AUDIT_INTERVAL").hasMessageContaining("PT1H");
    }

    @Test
    void load_s3Bucket_getsItsDefaults_andAnUnknownKindIsRefused() throws Exception {
        Path file = directory.resolve("strongroom.yaml");
        Files.writeString(file, """
                audit:
                  buckets:
                    - {name: audit-oss, kind: s3, endpoint: "http://127.0.0.1:9000"}
                """);
        Config.BucketConfig bucket = Config.load(file, Map.of()).audit().buckets().getFirst();
        assertThat(bucket.bucket()).isEqualTo("audit-oss");
        assertThat(bucket.region()).isEqualTo("us-east-1");
        assertThat(bucket.pathStyle()).isFalse();
        assertThat(bucket.prefix()).isEqualTo("AuditLogs");
        Files.writeString(file, """
                audit:
                  buckets:
                    - {name: audit-ftp, kind: ftp}
                """);
        assertThatThrownBy(() -> Config.load(file, Map.of())).hasMessageContaining("audit-ftp").hasMessageContaining("'s3'");
    }

    @Test
    void load_operatorLogRetention_defaultsTo90Days_andMustCoverAnInterval() throws Exception {
        assertThat(Config.defaults().audit().operatorLogRetention()).isEqualTo(Duration.ofDays(90));
        Path file = directory.resolve("strongroom.yaml");
        Files.writeString(file, "audit: {interval: PT1H, operatorLogRetention: P30D}\n");
        assertThat(Config.load(file, Map.of()).audit().operatorLogRetention()).isEqualTo(Duration.ofDays(30));
        Files.writeString(file, "audit: {interval: PT1H, operatorLogRetention: PT10M}\n");
        assertThatThrownBy(() -> Config.load(file, Map.of())).hasMessageContaining("operatorLogRetention");
    }
}

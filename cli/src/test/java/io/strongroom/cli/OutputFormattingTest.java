package io.strongroom.cli;

import io.strongroom.api.HsmClusterList;
import io.strongroom.api.HsmClusterView;
import io.strongroom.api.HsmNodeView;
import io.strongroom.api.InstanceList;
import io.strongroom.api.InstanceView;
import io.strongroom.api.ServerStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFormattingTest {
    private static final InstanceView DISABLED = new InstanceView("kst-hzz65f1c5c9fcq0ddebl6", "orders", "cn-hangzhou", "Standard",
            "Disabled", "vpc-bp1test", "https://kst-hzz65f1c5c9fcq0ddebl6.cryptoservice.kms.localhost:9443",
            List.of("10.0.0.0/8", "127.0.0.1/32"), "hsm-1", "Disabled", 1000, "2026-11-28T16:49:04Z",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "INVALID_CREDENTIALS", "the HSM refused the password of kmsuser", null);

    private static String printed(Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void table_columnsAlignedByTheWidestCell_noTrailingSpaces() {
        String text = printed(new Table("Id", "Name", "Status").row("kst-1", "a", "Enabled").row("kst-22", null, "Disabled")::print);
        assertThat(text).isEqualTo("""
                Id      Name  Status
                kst-1   a     Enabled
                kst-22  -     Disabled
                """);
    }

    @Test
    void keyValues_valuesAligned_missingShownAsDash() {
        String text = printed(new KeyValues().add("Id", "x").add("LongerKey", null).addIfPresent("Absent", null)::print);
        assertThat(text).isEqualTo("""
                Id:        x
                LongerKey: -
                """);
    }

    @Test
    void instanceDescribe_disabled_showsErrorCodeAndPemUnindented() {
        String text = printed(out -> InstanceText.describe(DISABLED, out));
        assertThat(text).contains("Status:                Disabled\n")
                .contains("ErrorCode:             INVALID_CREDENTIALS\n")
                .contains("ErrorMessage:          the HSM refused the password of kmsuser\n")
                .contains("AllowedCidrs:          10.0.0.0/8, 127.0.0.1/32\n")
                .contains("Spec:                  1000 QPS\n")
                .endsWith("\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    }

    @Test
    void instanceDescribe_enabled_hasNoErrorLines() {
        InstanceView enabled = new InstanceView("kst-1", "orders", "cn-hangzhou", "Standard", "Enabled", "vpc", "https://e", List.of(),
                "hsm-1", "Disabled", 1000, "t", null, null, null, null);
        assertThat(printed(out -> InstanceText.describe(enabled, out))).doesNotContain("ErrorCode").contains("CaCertificateChainPem: -");
    }

    @Test
    void instanceList_statusCarriesErrorCode() {
        String text = printed(out -> InstanceText.list(new InstanceList(List.of(DISABLED), 1), "cn-hangzhou", out));
        assertThat(text.lines().toList()).hasSize(2);
        assertThat(text).startsWith("InstanceId").contains("Disabled (INVALID_CREDENTIALS)");
    }

    @Test
    void instanceList_empty_saysSo() {
        assertThat(printed(out -> InstanceText.list(new InstanceList(List.of(), 0), "cn-shanghai", out)))
                .isEqualTo("No instances in cn-shanghai.\n");
    }

    @Test
    void hsmCluster_describeShowsEachNodesHealth_listCountsHealthy() {
        HsmClusterView cluster = new HsmClusterView("hsm-1", "cn-hangzhou", "prod", "Initialized", 2, "kmsuser", "a1b2c3", "kst-1",
                List.of(new HsmNodeView("node-a", "cn-hangzhou-h", "/m.so", "hsm-a", "Healthy", "ok", "2026-11-28T16:49:04Z"),
                        new HsmNodeView("node-b", "cn-hangzhou-i", "/m.so", "hsm-b", "Unhealthy", "token not present", null)),
                "2026-11-28T16:00:00Z");
        String describe = printed(out -> HsmClusterText.describe(cluster, out));
        assertThat(describe).contains("DomainKeyCheckValue: a1b2c3\n").contains("\nNodes:\nNodeId  ZoneId");
        assertThat(describe.lines().filter(line -> line.startsWith("node-b")).findFirst().orElseThrow())
                .contains("Unhealthy").contains("token not present");
        assertThat(printed(out -> HsmClusterText.list(new HsmClusterList(List.of(cluster)), out))).contains("1/2 Healthy");
    }

    @Test
    void status_consoleNotServed_saysSo() {
        ServerStatus status = new ServerStatus("0.1.0", "https://127.0.0.1:8443", null,
                "https://{InstanceId}.cryptoservice.kms.localhost:9443", false, "sqlite", "/srv/data");
        assertThat(printed(out -> StatusCommand.text(status, out)))
                .contains("ConsoleUrl:       not served yet\n")
                .contains("InstanceEndpoint: https://{InstanceId}.cryptoservice.kms.localhost:9443 (not served yet)\n")
                .contains("Store:            sqlite\n");
    }
}

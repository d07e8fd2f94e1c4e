package io.strongroom.cli;

import io.strongroom.api.HsmNodeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionParsingTest {
    private final HsmClusterCreateCommand.NodeConverter nodes = new HsmClusterCreateCommand.NodeConverter();
    private final DurationConverter durations = new DurationConverter();

    @Test
    void node_allThreeKeys_parsed() {
        assertThat(nodes.convert("module=/usr/lib/softhsm/libsofthsm2.so,label=hsm-a,zone=cn-hangzhou-h"))
                .isEqualTo(new HsmNodeSpec("/usr/lib/softhsm/libsofthsm2.so", "hsm-a", "cn-hangzhou-h"));
    }

    @Test
    void node_anyOrder_parsed() {
        assertThat(nodes.convert("zone=z,label=l,module=/m.so")).isEqualTo(new HsmNodeSpec("/m.so", "l", "z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"module=/m.so,label=l", "module=/m.so,label=l,zone=", "module=/m.so,label=l,zone=z,slot=0",
            "module=/m.so,label=l,zone=z,zone=y", "/m.so,l,z"})
    void node_incompleteOrUnknown_refused(String value) {
        assertThatThrownBy(() -> nodes.convert(value)).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void duration_units_parsed() {
        assertThat(durations.convert("120s")).isEqualTo(Duration.ofSeconds(120));
        assertThat(durations.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(durations.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(durations.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void duration_shownAsTyped() {
        assertThat(DurationConverter.show(Duration.ofSeconds(120))).isEqualTo("120s");
        assertThat(DurationConverter.show(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(DurationConverter.show(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-5s", "soon", "PT-1S", "5 minutes"})
    void duration_notPositive_refused(String value) {
        assertThatThrownBy(() -> durations.convert(value)).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void instanceList_withoutRegion_usageError() {
        CliRun run = CliRun.run(Map.of(), "instance", "list");
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Missing required option: '--region=REGION'").contains("Try 'strongroom instance list --help'.");
    }

    @Test
    void output_unknownFormat_usageError() {
        CliRun run = CliRun.run(Map.of(), "region", "list", "--output", "yaml");
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--output");
    }

    @Test
    void output_jsonAnyCase_accepted() {
        // Accepted by the parser: the command then stops at the missing server (exit 1, not 2).
        assertThat(CliRun.run(Map.of("STRONGROOM_HOME", "/nonexistent"), "region", "list", "--output", "JSON").status())
                .isEqualTo(Main.FAILED);
    }

    @Test
    void unknownCommand_usageErrorWithSuggestion() {
        CliRun run = CliRun.run(Map.of(), "instance", "describ", "kst-x");
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("describ").contains("describe");
    }

    @Test
    void nounAlone_printsItsVerbs() {
        CliRun run = CliRun.run(Map.of(), "instance");
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Missing required subcommand").contains("connect").contains("disconnect").contains("describe");
    }

    @Test
    void hsmClusterCreate_badNode_usageErrorNamingTheOption() {
        CliRun run = CliRun.run(Map.of(), "hsm-cluster", "create", "--region", "cn-hangzhou", "--name", "n", "--node", "module=/m.so");
        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--node").contains("label= is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "region", "region list", "admin", "admin credential", "hsm-cluster", "hsm-cluster create",
            "hsm-cluster init", "hsm-cluster describe", "hsm-cluster list", "instance", "instance create", "instance list",
            "instance describe", "instance disconnect", "instance connect", "key", "key create", "key list", "key describe",
            "key tag", "key untag"})
    void help_everyCommand_printsItsUsageAndExitsZero(String command) {
        String[] path = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(path), java.util.stream.Stream.of("--help"))
                .toArray(String[]::new);
        CliRun run = CliRun.run(Map.of(), args);
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Usage: strongroom" + (command.isEmpty() ? "" : " " + command))
                .contains("--home=DIR").contains("--api-url=URL");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void help_passwordCommands_offerFileAndStdinButNoPasswordValue() {
        for (String command : new String[] {"instance connect", "instance create", "hsm-cluster init"}) {
            CliRun run = CliRun.run(Map.of(), (command + " --help").split(" "));
            assertThat(run.out()).as(command).contains("--password-file=FILE").contains("--password-stdin")
                    .doesNotContain("--password=").doesNotContain("REFUSED");
        }
    }
}

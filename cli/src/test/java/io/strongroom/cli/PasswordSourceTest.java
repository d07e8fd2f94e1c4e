package io.strongroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordSourceTest {
    @TempDir
    Path directory;

    @Test
    void fromFile_trailingNewline_isStripped() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), "crypto-user-pass-1\n");
        assertThat(PasswordSource.fromFile(file)).containsExactly("crypto-user-pass-1".toCharArray());
    }

    @Test
    void fromFile_windowsNewline_isStripped() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), "secret\r\n");
        assertThat(PasswordSource.fromFile(file)).containsExactly("secret".toCharArray());
    }

    @Test
    void fromFile_onlyOneNewlineStripped_restIsPassword() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), " pass word \n\n");
        assertThat(PasswordSource.fromFile(file)).containsExactly(" pass word \n".toCharArray());
    }

    @Test
    void fromFile_noNewline_isTakenAsIs() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), "pässwörd");
        assertThat(PasswordSource.fromFile(file)).containsExactly("pässwörd".toCharArray());
    }

    @Test
    void fromFile_missing_saysSo() {
        assertThatThrownBy(() -> PasswordSource.fromFile(directory.resolve("absent")))
                .isInstanceOf(CliException.class).hasMessageContaining("does not exist");
    }

    @Test
    void fromFile_justNewline_isRefusedAsEmpty() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), "\n");
        assertThatThrownBy(() -> PasswordSource.fromFile(file)).isInstanceOf(CliException.class).hasMessageContaining("holds no password");
    }

    @Test
    void fromFile_notUtf8_isRefused() throws Exception {
        Path file = Files.write(directory.resolve("pin"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertThatThrownBy(() -> PasswordSource.fromFile(file)).isInstanceOf(CliException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void fromStream_trailingNewline_isStripped() {
        byte[] input = "from-stdin\n".getBytes(StandardCharsets.UTF_8);
        assertThat(PasswordSource.fromStream(new ByteArrayInputStream(input), "standard input"))
                .containsExactly("from-stdin".toCharArray());
    }

    @Test
    void connect_noSourceAndNoConsole_refusedWithUsageError() {
        CliRun run = CliRun.run(Map.of(), "instance", "connect", "kst-test", "--user", "kmsuser");
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("no password given and there is no terminal to ask for one")
                .contains("--password-file").contains("--password-stdin");
    }

    @Test
    void connect_passwordAsArgument_refusedWithoutEchoingIt() {
        CliRun run = CliRun.run(Map.of(), "instance", "connect", "kst-test", "--password", "Sup3rSecret");
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("never taken as an argument").doesNotContain("Sup3rSecret");
        assertThat(run.out()).doesNotContain("Sup3rSecret");
    }

    @Test
    void connect_fileAndStdinTogether_refused() throws Exception {
        Path file = Files.writeString(directory.resolve("pin"), "secret\n");
        CliRun run = CliRun.run(Map.of(), "instance", "connect", "kst-test", "--password-file", file.toString(), "--password-stdin");
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("either --password-file or --password-stdin, not both");
    }

    /** A data directory whose server is not running: commands get as far as sending. */
    private Map<String, String> homeOfStoppedServer() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(directory.resolve("admin"));
        Files.writeString(directory.resolve("admin/credential.json"), "{\"AccessKeyId\": \"SRAKTEST\", \"AccessKeySecret\": \"s\"}");
        Files.createDirectories(directory.resolve("run"));
        Files.writeString(directory.resolve("run/server.json"), "{\"ApiUrl\": \"https://127.0.0.1:" + port + "\"}");
        return Map.of(Locations.HOME_VARIABLE, directory.toString());
    }

    @Test
    void connect_emptyStdin_refused() throws Exception {
        CliRun run = CliRun.run(homeOfStoppedServer(), "", Optional.empty(), "instance", "connect", "kst-test", "--password-stdin");
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.FAILED);
        assertThat(run.err()).isEqualTo("Error: standard input holds no password\n");
    }

    @Test
    void connect_serverNotFound_failsBeforeAskingForThePassword() {
        List<String> prompts = new ArrayList<>();
        PasswordPrompt console = prompt -> {
            prompts.add(prompt);
            return "typed".toCharArray();
        };
        CliRun run = CliRun.run(Map.of(Locations.HOME_VARIABLE, directory.toString()), "", Optional.of(console),
                "instance", "connect", "kst-test");
        assertThat(run.err()).as(run.toString()).contains("no Strongroom server has run on the data directory");
        assertThat(prompts).isEmpty();
    }

    @Test
    void connect_withConsole_promptsForTheUsersPassword() throws Exception {
        List<String> prompts = new ArrayList<>();
        PasswordPrompt console = prompt -> {
            prompts.add(prompt);
            return "typed".toCharArray();
        };
        CliRun run = CliRun.run(homeOfStoppedServer(), "", Optional.of(console), "instance", "connect", "kst-test", "--user", "hsmuser");
        assertThat(prompts).containsExactly("HSM password of user hsmuser: ");
        assertThat(run.err()).as(run.toString()).contains("cannot reach the Strongroom API");
    }
}

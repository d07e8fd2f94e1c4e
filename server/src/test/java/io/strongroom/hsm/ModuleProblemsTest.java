package io.strongroom.hsm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A module that cannot be loaded, and a token whose user PIN is locked (a hand-written module, as SoftHSM2 never locks). */
class ModuleProblemsTest {
    @TempDir
    Path directory;

    @Test
    void probeAndLogin_moduleFileMissing_unreachable() {
        try (HsmToken token = HsmTokens.open(new TokenLocation(directory.resolve("libmissing.so").toString(), "any"), Duration.ofSeconds(5))) {
            assertThat(HsmTokenContract.failureOf(token::probe)).isEqualTo(HsmFailure.UNREACHABLE);
            assertThat(HsmTokenContract.failureOf(() -> token.login("pin".toCharArray()))).isEqualTo(HsmFailure.UNREACHABLE);
        }
    }

    @Test
    void login_tokenReportsUserPinLocked_userLockedOutWithoutSendingALogin() throws Exception {
        Path module = compile("locked-pkcs11.c");
        try (HsmToken token = HsmTokens.open(new TokenLocation(module.toString(), "locked-token"), Duration.ofSeconds(5));
             Arena arena = Arena.ofConfined()) {
            assertThat(token.probe().userPinLocked()).isTrue();
            assertThat(HsmTokenContract.failureOf(() -> token.login("pin".toCharArray()))).isEqualTo(HsmFailure.USER_LOCKED_OUT);
            // dlopen of the loaded file returns the module's own copy: read its counter of C_Login calls.
            long logins = SymbolLookup.libraryLookup(module, arena).find("stub_login_calls").orElseThrow()
                    .reinterpret(8).get(JAVA_LONG, 0);
            assertThat(logins).isZero();
        }
    }

    private Path compile(String resource) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path source = directory.resolve(resource);
        try (InputStream in = ModuleProblemsTest.class.getResourceAsStream("/" + resource)) {
            Files.copy(in, source);
        }
        Path library = directory.resolve("lib" + resource.replace(".c", ".so"));
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as(output).isZero();
        return library;
    }
}

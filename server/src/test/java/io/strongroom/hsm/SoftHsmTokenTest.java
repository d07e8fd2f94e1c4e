package io.strongroom.hsm;

import io.strongroom.testing.SoftHsm;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The token contract on SoftHSM2, through our own PKCS#11 binding. */
class SoftHsmTokenTest extends HsmTokenContract {
    @BeforeAll
    static void softHsm() {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed");
    }

    @Override
    TokenLocation newToken() {
        return SoftHsm.newToken("contract", PIN);
    }

    @Override
    TokenLocation missingToken() {
        return new TokenLocation(SoftHsm.MODULE, "no-such-token-" + System.nanoTime());
    }

    /** Out of the token directory altogether: SoftHSM2 would find a renamed sibling folder again. */
    @Override
    Path takeAway(TokenLocation token) throws IOException {
        Path directory = SoftHsm.tokenDirectory(token.tokenLabel());
        return Files.move(directory, directory.getParent().resolveSibling("away-" + directory.getFileName()));
    }

    @Override
    void bringBack(TokenLocation token, Path away) throws IOException {
        Files.move(away, away.getParent().resolve("tokens").resolve(away.getFileName().toString().substring("away-".length())));
    }
}

package io.strongroom.hsm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The token contract on the insecure in-process fallback. */
class InsecureSoftwareTokenTest extends HsmTokenContract {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    @TempDir
    Path directory;

    private TokenLocation location(String label) {
        return new TokenLocation(TokenLocation.INSECURE_SOFTWARE_PREFIX + directory, label);
    }

    @Override
    TokenLocation newToken() {
        TokenLocation location = location("contract-" + COUNTER.incrementAndGet());
        try {
            HsmTokens.initializeToken(location, "so-pin".toCharArray(), PIN);
        } catch (HsmException e) {
            throw new IllegalStateException(e);
        }
        return location;
    }

    @Override
    TokenLocation missingToken() {
        return location("no-such-token");
    }

    @Override
    Path takeAway(TokenLocation token) throws IOException {
        Path file = tokenFile(token);
        assertThat(file).exists();
        return Files.move(file, file.resolveSibling(file.getFileName() + ".away"));
    }

    @Override
    void bringBack(TokenLocation token, Path away) throws IOException {
        Files.move(away, tokenFile(token));
    }

    private Path tokenFile(TokenLocation token) {
        return directory.resolve(token.tokenLabel() + ".token.json");
    }

    /** The fallback computes check values with the JDK's AES/KWP: it must agree with an independent RFC 5649 implementation. */
    @Test
    void checkValue_knownKey_knownAnswer() throws HsmException {
        TokenLocation location = newToken();
        InsecureSoftwareToken token = (InsecureSoftwareToken) open(location);
        token.update(file -> ((ObjectNode) file.get("keys")).putObject("known")
                .put("material", Base64.getEncoder().encodeToString(CheckValueReference.KEY)).put("extractable", false));
        HsmSession session = login(token);
        assertThat(session.checkValue(session.findSecretKey("known").orElseThrow()))
                .isEqualTo(CheckValueReference.of(CheckValueReference.KEY))
                .isEqualTo(CheckValueReference.KEY_CHECK_VALUE);
    }
}

package io.strongroom.testing;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmTokens;
import io.strongroom.hsm.TokenLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * SoftHSM2 tokens for tests. Surefire points {@code SOFTHSM2_CONF} at
 * {@code target/softhsm/softhsm2.conf}; this writes that file (and the token folder) before the
 * module is first loaded, and makes uniquely labelled tokens through our own PKCS#11 binding.
 */
public final class SoftHsm {
    public static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);

    private SoftHsm() {
    }

    public static boolean available() {
        boolean available = Files.isRegularFile(Path.of(MODULE)) && System.getenv("SOFTHSM2_CONF") != null;
        if (available) {
            ensureConfig();
        }
        return available;
    }

    /** A new token labelled {@code <prefix>-<unique>} with the given user PIN (SO PIN: "so-" + user PIN). */
    public static TokenLocation newToken(String labelPrefix, char[] userPin) {
        ensureConfig();
        TokenLocation location = new TokenLocation(MODULE, labelPrefix + "-" + RUN + "-" + COUNTER.incrementAndGet());
        char[] soPin = ("so-" + new String(userPin)).toCharArray();
        try {
            HsmTokens.initializeToken(location, soPin, userPin);
        } catch (HsmException e) {
            throw new IllegalStateException("cannot make a SoftHSM2 token: " + e.getMessage(), e);
        } finally {
            Arrays.fill(soPin, '\0');
        }
        return location;
    }

    /**
     * The folder SoftHSM2 keeps a token's objects in, so a test can move it away and back. Found
     * by the label in its token.object file, where SoftHSM2 stores it blank-padded to 32 bytes
     * (matching the padded form keeps "a-1" from matching "a-12").
     */
    public static Path tokenDirectory(String label) {
        try (Stream<Path> tokens = Files.list(tokens())) {
            byte[] needle = new byte[32];
            Arrays.fill(needle, (byte) ' ');
            byte[] text = label.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, needle, 0, text.length);
            for (Path token : tokens.filter(Files::isDirectory).toList()) {
                Path object = token.resolve("token.object");
                if (Files.exists(object) && contains(Files.readAllBytes(object), needle)) {
                    return token;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no SoftHSM2 token folder holds the label " + label);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Path tokens() {
        return Path.of(System.getenv("SOFTHSM2_CONF")).getParent().resolve("tokens");
    }

    private static synchronized void ensureConfig() {
        Path config = Path.of(System.getenv("SOFTHSM2_CONF"));
        try {
            Files.createDirectories(tokens());
            if (!Files.exists(config)) {
                Files.writeString(config, "directories.tokendir = " + tokens() + "\nobjectstore.backend = file\nlog.level = ERROR\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

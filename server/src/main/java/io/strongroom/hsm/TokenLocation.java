package io.strongroom.hsm;

import static java.util.Objects.requireNonNull;

/**
 * Where one node's token is: a PKCS#11 module (shared library path) and the token's label.
 * Tokens are always selected by label, never by slot index: with a token missing, slot
 * index 0 silently becomes another token.
 *
 * <p>The module path {@value #INSECURE_SOFTWARE_PREFIX}{@code <directory>} selects the
 * in-process development fallback, which keeps its tokens in files in that directory.
 */
public record TokenLocation(String modulePath, String tokenLabel) {
    public static final String INSECURE_SOFTWARE_PREFIX = "insecure-software-hsm:";

    public TokenLocation {
        requireNonNull(modulePath, "modulePath");
        requireNonNull(tokenLabel, "tokenLabel");
        if (tokenLabel.isBlank() || tokenLabel.length() > 32) {
            throw new IllegalArgumentException("token label must be 1 to 32 characters");
        }
    }

    public boolean isInsecureSoftware() {
        return modulePath.startsWith(INSECURE_SOFTWARE_PREFIX);
    }
}

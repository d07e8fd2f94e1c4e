package io.strongroom.hsm;

import io.strongroom.hsm.cryptoki.CryptokiToken;

import java.time.Duration;

/** Opens tokens: PKCS#11 modules through our own binding, or the insecure in-process fallback. */
public final class HsmTokens {
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(30);

    private HsmTokens() {
    }

    /** Opens a token; nothing is loaded until the first call, so a missing module shows as UNREACHABLE there. */
    public static HsmToken open(TokenLocation location, Duration callTimeout) {
        return location.isInsecureSoftware() ? InsecureSoftwareToken.open(location) : CryptokiToken.open(location, callTimeout);
    }

    /**
     * Initialises a new token labelled {@code location.tokenLabel()} on a free slot, with an SO
     * PIN and a user (crypto user) PIN. Refused if a token with that label exists.
     */
    public static void initializeToken(TokenLocation location, char[] soPin, char[] userPin) throws HsmException {
        if (location.isInsecureSoftware()) {
            InsecureSoftwareToken.initialize(location, userPin);
        } else {
            CryptokiToken.initialize(location, soPin, userPin, PROVISIONING_TIMEOUT);
        }
    }
}

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
     * Initialises a new token labelled {@code location.tokenLabel()} on a free (uninitialised)
     * slot: C_InitToken with the SO PIN, then an SO login and C_InitPIN with the user (crypto
     * user) PIN. Refused ({@link HsmFailure#INTERNAL}) if a token with that label exists;
     * {@link HsmFailure#UNREACHABLE} if the module offers no free slot. The PINs are only passed
     * to the module, never logged or put in messages; the caller zeroes its arrays.
     *
     * <p>The module is reloaded afterwards (SoftHSM2 offers its next free slot only then), which
     * ends every session on that module in this process, as {@link HsmToken#reload} does.
     */
    public static void initializeToken(TokenLocation location, char[] soPin, char[] userPin) throws HsmException {
        if (location.isInsecureSoftware()) {
            InsecureSoftwareToken.initialize(location, userPin);
        } else {
            CryptokiToken.initialize(location, soPin, userPin, PROVISIONING_TIMEOUT);
        }
    }
}

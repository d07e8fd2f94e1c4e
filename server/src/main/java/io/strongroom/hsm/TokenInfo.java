package io.strongroom.hsm;

/** What a token says about itself; nothing secret. */
public record TokenInfo(
        String label,
        String manufacturer,
        String model,
        String serialNumber,
        boolean userPinInitialized,
        boolean userPinFinalTry,
        boolean userPinLocked) {
}

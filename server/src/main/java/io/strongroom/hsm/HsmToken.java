package io.strongroom.hsm;

/**
 * One node of an HSM cluster: a token reached through a PKCS#11 module (or the insecure
 * in-process fallback).
 *
 * <p>Guarantees: every call returns or fails within the configured call timeout, even when
 * the module hangs ({@link HsmFailure#TIMEOUT}); a token that went away makes calls fail
 * fast ({@link HsmFailure#UNREACHABLE}); {@link #reload()} finalizes and unloads the module
 * and loads it again, so a token that came back is found without restarting the JVM.
 * A failed login is never retried by the implementation.
 */
public interface HsmToken extends AutoCloseable {

    TokenLocation location();

    /** Checks that the module loads and the token with the configured label is present. */
    TokenInfo probe() throws HsmException;

    /**
     * Logs in as the crypto user (PKCS#11 {@code CKU_USER}) on a new session. The PIN array is
     * not kept by the token; the caller zeroes it.
     */
    HsmSession login(char[] pin) throws HsmException;

    /**
     * Finalizes the module, unloads it and loads it again. Every session of every token on
     * the same module becomes invalid and must log in again.
     */
    void reload() throws HsmException;

    /** Releases the module (the last token of a module unloads it). */
    @Override
    void close();
}

package io.strongroom.hsm;

import java.security.PublicKey;
import java.util.Optional;

/**
 * A logged-in session on one token. Not thread safe: one caller at a time. Every method
 * fails with {@link HsmException}, never with a null or a false.
 *
 * <p>Keys created here are AES-256 domain keys: token objects, sensitive, never extractable
 * once the ceremony is over, usable only to wrap and unwrap.
 */
public interface HsmSession extends AutoCloseable {

    /** Finds a secret-key token object by label. */
    Optional<KeyHandle> findSecretKey(String label) throws HsmException;

    /**
     * Generates an AES-256 domain key as a token object: sensitive, wrap/unwrap only. When
     * {@code extractableForCeremony} is true it may be wrapped (only) by a transport key until
     * {@link #sealAgainstExtraction} is called; otherwise it is never extractable.
     */
    KeyHandle generateDomainKey(String label, boolean extractableForCeremony) throws HsmException;

    /** Makes a key permanently non-extractable (CKA_EXTRACTABLE true to false). */
    void sealAgainstExtraction(KeyHandle key) throws HsmException;

    /**
     * A key check value: identifies the key without revealing it. Deterministic: the same key
     * on any token gives the same value. Computed by wrapping a fixed all-zero AES-256 session
     * key with AES key wrap with padding (RFC 5649) and hashing the result (SHA-256, first
     * 8 bytes as lower-case hex).
     */
    String checkValue(KeyHandle key) throws HsmException;

    /** Creates an RSA transport key pair (session objects) for receiving a wrapped key. */
    TransportKey createTransportKey() throws HsmException;

    /** Wraps a key for the token that owns {@code recipient}, with RSA-OAEP. */
    byte[] wrapForTransport(KeyHandle key, PublicKey recipient) throws HsmException;

    /**
     * Unwraps a key made by {@link #wrapForTransport} into a domain key token object with the
     * given label: sensitive, never extractable, wrap/unwrap only.
     */
    KeyHandle unwrapDomainKey(String label, byte[] wrapped, TransportKey transportKey) throws HsmException;

    /** Destroys an object. */
    void destroy(KeyHandle key) throws HsmException;

    /** Random bytes from the token's generator. */
    byte[] generateRandom(int length) throws HsmException;

    /** Logs out and closes the session. Never throws. */
    @Override
    void close();
}

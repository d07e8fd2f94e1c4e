package io.strongroom.hsm;

import java.security.PublicKey;
import java.util.Optional;

/**
 * A logged-in session on one token. Not thread safe: one caller at a time. Every method
 * fails with {@link HsmException}, never with a null or a false.
 *
 * <p>Token objects created here are AES-256 domain keys: sensitive, never extractable once the
 * ceremony is over, usable only to wrap and unwrap. Customer keys never become token objects:
 * they are generated as session objects and leave the token only wrapped by a domain key, then
 * come back as session objects (sensitive, not extractable) that die with the session.
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

    /**
     * Generates an AES key of {@code bits} (128, 192 or 256) inside the token as a session object
     * that may only leave wrapped, wraps it under {@code domainKey} with AES key wrap with padding
     * (RFC 5649), destroys the session copy and returns the wrapped blob. The key never exists in
     * clear outside the token.
     */
    byte[] generateWrappedKey(KeyHandle domainKey, int bits) throws HsmException;

    /**
     * Unwraps a blob made by {@link #generateWrappedKey} under {@code domainKey} into a session
     * object: sensitive, never extractable, usable only to encrypt and decrypt. It lives until
     * {@link #destroy} or until this session closes. A blob not made under this domain key fails.
     */
    KeyHandle unwrapSessionKey(KeyHandle domainKey, byte[] wrapped) throws HsmException;

    /**
     * Unwraps a blob made by {@link #generateWrappedKey} for use in process memory (the SOFTWARE
     * protection level). The material is unwrapped inside the token, copied once into the
     * returned {@link SoftwareKey} and the token's copy destroyed. The caller must
     * {@link SoftwareKey#destroy} it when done.
     */
    SoftwareKey unwrapIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException;

    /**
     * AES-GCM with a 12-byte IV and a 16-byte tag; returns ciphertext followed by the tag. The
     * caller must never reuse an IV with the same key.
     */
    byte[] encryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] plaintext) throws HsmException;

    /**
     * Authenticated AES-GCM decryption of ciphertext followed by its 16-byte tag. Fails with
     * {@link HsmFailure#DECRYPTION_FAILED}, and no plaintext, when anything does not authenticate.
     */
    byte[] decryptGcm(KeyHandle key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws HsmException;

    /**
     * AES-CBC or AES-ECB over whole 16-byte blocks with no padding (the caller pads, see
     * {@link Pkcs7Padding}); {@code iv} is 16 bytes for CBC and empty for ECB. Neither mode
     * authenticates anything: the caller must never reuse a CBC IV with the same key.
     */
    byte[] encryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException;

    /** The inverse of {@link #encryptBlocks}: any whole blocks decrypt to something, so this never says a ciphertext is wrong. */
    byte[] decryptBlocks(KeyHandle key, AesBlockMode mode, byte[] iv, byte[] blocks) throws HsmException;

    /**
     * Generates a key pair inside the token as session objects, wraps the private key under
     * {@code domainKey} (AES key wrap with padding over its PKCS#8 encoding), destroys both objects
     * and returns the wrapped private key with the public key. The private key never exists in
     * clear outside the token. Fails with {@link HsmFailure#MECHANISM_UNSUPPORTED} when the token
     * cannot make {@code spec}.
     */
    WrappedKeyPair generateWrappedKeyPair(KeyHandle domainKey, KeyPairSpec spec) throws HsmException;

    /**
     * Unwraps a private key made by {@link #generateWrappedKeyPair} into a session object:
     * sensitive, never extractable, usable only to sign ({@code signing}) or only to decrypt.
     */
    KeyHandle unwrapPrivateKey(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped, boolean signing) throws HsmException;

    /** Unwraps a private key made by {@link #generateWrappedKeyPair} for use in process memory (SOFTWARE protection). */
    SoftwarePrivateKey unwrapPrivateKeyIntoProcessMemory(KeyHandle domainKey, KeyPairSpec spec, byte[] wrapped) throws HsmException;

    /** Imports a public key (X.509 SubjectPublicKeyInfo, DER) as a session object that verifies signatures. */
    KeyHandle importPublicKey(KeyPairSpec spec, byte[] publicKey) throws HsmException;

    /** Signs a SHA-256 digest (32 bytes) with a private key, encoded as {@link SignatureAlgorithm} says. */
    byte[] sign(KeyHandle privateKey, SignatureAlgorithm algorithm, byte[] digest) throws HsmException;

    /** Whether {@code signature} is valid for the SHA-256 digest; false (never an exception) for a malformed signature. */
    boolean verify(KeyHandle publicKey, SignatureAlgorithm algorithm, byte[] digest, byte[] signature) throws HsmException;

    /**
     * RSA-OAEP decryption with SHA-1 and MGF1-SHA-1 (the only OAEP digest SoftHSM2 2.6 offers).
     * Fails with {@link HsmFailure#DECRYPTION_FAILED}, saying nothing about why.
     */
    byte[] decryptOaepSha1(KeyHandle privateKey, byte[] ciphertext) throws HsmException;

    /**
     * RSA-OAEP decryption with SHA-256, MGF1-SHA-256 and an empty label (the protocol's default).
     * A token whose OAEP lacks SHA-256 (SoftHSM2 2.6) does the raw RSA private-key operation and
     * the OAEP decoding runs in constant time outside it. Fails with
     * {@link HsmFailure#DECRYPTION_FAILED}, the same way for every bad ciphertext.
     */
    byte[] decryptOaepSha256(KeyHandle privateKey, byte[] ciphertext) throws HsmException;

    /** As {@link #generateWrappedKey}, for a generic secret of {@code bytes} for HMAC. */
    byte[] generateWrappedHmacKey(KeyHandle domainKey, int bytes) throws HsmException;

    /** Unwraps a blob made by {@link #generateWrappedHmacKey} into a session object usable only to compute MACs. */
    KeyHandle unwrapHmacKey(KeyHandle domainKey, byte[] wrapped) throws HsmException;

    /** Unwraps a blob made by {@link #generateWrappedHmacKey} for use in process memory (SOFTWARE protection). */
    SoftwareHmacKey unwrapHmacKeyIntoProcessMemory(KeyHandle domainKey, byte[] wrapped) throws HsmException;

    /** The HMAC of {@code message} over {@code algorithm}'s hash; as long as {@link HmacAlgorithm#macBytes}. */
    byte[] hmac(KeyHandle key, HmacAlgorithm algorithm, byte[] message) throws HsmException;

    /** Random bytes from the token's generator. */
    byte[] generateRandom(int length) throws HsmException;

    /** Logs out and closes the session. Never throws. */
    @Override
    void close();
}

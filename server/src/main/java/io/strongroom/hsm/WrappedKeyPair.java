package io.strongroom.hsm;

/**
 * A key pair generated in a token: its private key wrapped by a domain key (AES key wrap with
 * padding over the PKCS#8 encoding, RFC 5649) and its public key (X.509 SubjectPublicKeyInfo, DER).
 * Neither is secret without the HSM.
 */
public record WrappedKeyPair(byte[] wrappedPrivateKey, byte[] publicKey) {
    public WrappedKeyPair {
        wrappedPrivateKey = wrappedPrivateKey.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] wrappedPrivateKey() {
        return wrappedPrivateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}

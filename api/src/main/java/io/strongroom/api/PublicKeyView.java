package io.strongroom.api;

/** The public key of an RSA or EC key's primary version, as PEM (X.509 SubjectPublicKeyInfo). */
public record PublicKeyView(String keyId, String keyVersionId, String publicKey) {
}

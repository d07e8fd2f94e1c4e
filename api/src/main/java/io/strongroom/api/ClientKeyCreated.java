package io.strongroom.api;

/**
 * A new client key, answered once: {@code KeyId} and {@code PrivateKeyData} (a PKCS#12 store in
 * base64, protected by the password of the request) are exactly the content of
 * {@code clientKey_<KeyId>.json}. The server keeps only the public key.
 */
public record ClientKeyCreated(String clientKeyId, String keyId, String privateKeyData, String keyAlgorithm, String aapName,
                               String notBefore, String notAfter) {
}

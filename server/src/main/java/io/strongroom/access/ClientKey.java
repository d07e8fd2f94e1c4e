package io.strongroom.access;

import java.time.Instant;

/** A client key as the server keeps it: the public key only (X.509 SubjectPublicKeyInfo, base64). */
public record ClientKey(String clientKeyId, String instanceId, String aapName, String keyAlgorithm, String publicKey,
                        Instant notBefore, Instant notAfter, Instant createTime) {
}

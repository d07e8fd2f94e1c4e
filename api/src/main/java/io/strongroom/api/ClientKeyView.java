package io.strongroom.api;

/** A client key as listed: never its private key. */
public record ClientKeyView(String clientKeyId, String aapName, String keyAlgorithm, String notBefore, String notAfter,
                            String createTime) {
}

package io.strongroom.api;

/** One version of a key (never its material). */
public record KeyVersionView(String keyId, String keyVersionId, String creationDate) {
}

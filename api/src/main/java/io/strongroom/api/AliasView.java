package io.strongroom.api;

/** An alias: {@code AliasName} ({@code alias/<name>}) names the key {@code KeyId} of an instance. */
public record AliasView(String aliasName, String instanceId, String keyId, String creationDate) {
}

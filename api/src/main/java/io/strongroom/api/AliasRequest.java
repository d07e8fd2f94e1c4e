package io.strongroom.api;

/** Creates an alias, or (UpdateAlias) points it at another key: {@code AliasName} is {@code alias/<name>}. */
public record AliasRequest(String aliasName, String keyId) {
}

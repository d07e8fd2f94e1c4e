package io.strongroom.api;

import java.util.List;

/** A key's versions, oldest (the initial one, used by plain Encrypt) first. */
public record KeyVersionList(List<KeyVersionView> keyVersions) {
    public KeyVersionList {
        keyVersions = List.copyOf(keyVersions);
    }
}

package io.strongroom.api;

import java.util.List;

/** An instance's aliases, by name. */
public record AliasList(List<AliasView> aliases) {
    public AliasList {
        aliases = List.copyOf(aliases);
    }
}

package io.strongroom.api;

import java.util.List;

/** Adds tags to a key (TagResource); a TagKey the key has gets the new value. At most 20 tags on a key. */
public record TagResourceRequest(List<Tag> tags) {
}

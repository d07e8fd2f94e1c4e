package io.strongroom.api;

import java.util.List;

/** Removes tags from a key by TagKey (UntagResource); TagKeys the key does not have are ignored. */
public record UntagResourceRequest(List<String> tagKeys) {
}

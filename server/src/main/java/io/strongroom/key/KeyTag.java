package io.strongroom.key;

import static java.util.Objects.requireNonNull;

/**
 * A tag on a key: a {@code TagKey} (case-sensitive, unique on its key) and a {@code TagValue},
 * which may be empty. Input is checked against the limits by {@link KeyTags#parse}; a stored tag
 * is taken as it is, so that a rule made stricter later never hides a key's existing tags.
 */
public record KeyTag(String tagKey, String tagValue) {
    public KeyTag {
        requireNonNull(tagKey, "tagKey");
        requireNonNull(tagValue, "tagValue");
    }
}

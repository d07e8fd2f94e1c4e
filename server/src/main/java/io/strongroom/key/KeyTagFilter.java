package io.strongroom.key;

/** Which keys a list shows by tag: those with {@code tagKey} (null: every key), with {@code tagValue} (null: any value). */
public record KeyTagFilter(String tagKey, String tagValue) {
    public static final KeyTagFilter NONE = new KeyTagFilter(null, null);

    public KeyTagFilter {
        if (tagKey == null && tagValue != null) {
            throw new IllegalArgumentException("a TagValue filter needs its TagKey");
        }
    }
}

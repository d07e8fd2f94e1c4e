package io.strongroom.api;

/**
 * A tag on a key, as the original service writes it: {@code {"TagKey": "env", "TagValue": "prod"}}.
 * TagKey: 1 to 128 characters, not starting with {@code acs:} or {@code aliyun}; TagValue: 0 to 256
 * characters (absent: empty).
 */
public record Tag(String tagKey, String tagValue) {
}

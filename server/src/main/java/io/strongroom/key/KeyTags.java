package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Tags on keys, with the cloud KMSs' limits: at most {@value #MAX_TAGS} tags on a key; a TagKey of 1
 * to {@value #MAX_TAG_KEY} characters that does not start with {@code acs:} or {@code aliyun} (reserved,
 * in any case); a TagValue of 0 to {@value #MAX_TAG_VALUE} characters. Tagging adds tags and overwrites
 * the value of a TagKey the key has; untagging removes TagKeys and ignores those the key does not have,
 * as TagResource and UntagResource do. Tags are metadata: they change in every key and instance state.
 */
public final class KeyTags {
    private static final Logger LOG = LoggerFactory.getLogger(KeyTags.class);
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;
    private static final List<String> RESERVED_PREFIXES = List.of("acs:", "aliyun");

    private final KeyRepository keys;
    private final KeyService service;

    KeyTags(KeyRepository keys, KeyService service) {
        this.keys = requireNonNull(keys, "keys");
        this.service = requireNonNull(service, "service");
    }

    /** A tag as a caller gave it, checked against the limits; a missing TagValue is empty. */
    public static KeyTag parse(String tagKey, String tagValue) {
        requireTagKey(tagKey);
        for (String prefix : RESERVED_PREFIXES) {
            if (tagKey.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                throw invalid("TagKey " + quoted(tagKey) + " starts with '" + prefix + "', which is reserved (as are 'acs:' and"
                        + " 'aliyun' in any case): choose another TagKey");
            }
        }
        String value = tagValue == null ? "" : tagValue;
        int length = value.codePointCount(0, value.length());
        if (length > MAX_TAG_VALUE) {
            throw invalid("the TagValue of TagKey " + quoted(tagKey) + " is " + length + " characters; a TagValue has at most "
                    + MAX_TAG_VALUE + ": shorten it");
        }
        return new KeyTag(tagKey, value);
    }

    /** The tags of one request: at most {@value #MAX_TAGS}, each TagKey once. */
    static List<KeyTag> requireValid(List<KeyTag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalid("Tags has " + tags.size() + " tags; a key has at most " + MAX_TAGS + ": give fewer");
        }
        Set<String> seen = new HashSet<>();
        for (KeyTag tag : tags) {
            if (!seen.add(tag.tagKey())) {
                throw invalid("Tags has TagKey " + quoted(tag.tagKey()) + " more than once: give each TagKey once, with the"
                        + " value it should have");
            }
        }
        return List.copyOf(tags);
    }

    /** Adds tags to a key, overwriting the value of each TagKey it has already; answers the key as it is now. */
    public Key tagResource(String keyRef, List<KeyTag> tags) {
        if (tags.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Tags is required: at least one"
                    + " {\"TagKey\": ..., \"TagValue\": ...}");
        }
        requireValid(tags);
        Key key = service.describeKey(keyRef);
        int total = keys.tag(key.keyId(), tags, MAX_TAGS);
        if (total > MAX_TAGS) {
            throw invalid("key " + key.keyId() + " has " + key.tags().size() + " tags and would have " + total + " with these;"
                    + " a key has at most " + MAX_TAGS + ": remove some first ('key untag', UntagResource)");
        }
        LOG.info("key {} of instance {} tagged: {}", key.keyId(), key.instanceId(), tags.stream().map(KeyTag::tagKey).toList());
        return service.describeKey(key.keyId());
    }

    /** Removes TagKeys from a key (those it does not have are ignored); answers the key as it is now. */
    public Key untagResource(String keyRef, List<String> tagKeys) {
        if (tagKeys == null || tagKeys.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "TagKeys is required: at least one TagKey to remove");
        }
        tagKeys.forEach(KeyTags::requireTagKey);
        Key key = service.describeKey(keyRef);
        keys.untag(key.keyId(), tagKeys);
        LOG.info("key {} of instance {} untagged: {}", key.keyId(), key.instanceId(), tagKeys);
        return service.describeKey(key.keyId());
    }

    /** The filter of a key list: keys with {@code tagKey} (null: every key) and {@code tagValue} (null: any value). */
    static KeyTagFilter filter(String tagKey, String tagValue) {
        if (tagKey == null) {
            if (tagValue != null) {
                throw invalid("a TagValue filter needs its TagKey: give TagKey too");
            }
            return KeyTagFilter.NONE;
        }
        requireTagKey(tagKey);
        return new KeyTagFilter(tagKey, tagValue);
    }

    /** A TagKey as a filter or to remove: 1 to {@value #MAX_TAG_KEY} characters, not blank. */
    static void requireTagKey(String tagKey) {
        if (tagKey == null || tagKey.isBlank()) {
            throw invalid("every tag needs a TagKey of 1 to " + MAX_TAG_KEY + " characters, not blank");
        }
        int length = tagKey.codePointCount(0, tagKey.length());
        if (length > MAX_TAG_KEY) {
            throw invalid("TagKey " + quoted(tagKey) + " is " + length + " characters; a TagKey has at most " + MAX_TAG_KEY
                    + ": shorten it");
        }
    }

    /** The TagKey for a message, cut short so that an overlong one does not flood it. */
    private static String quoted(String tagKey) {
        return "'" + (tagKey.codePointCount(0, tagKey.length()) > 40 ? tagKey.substring(0, tagKey.offsetByCodePoints(0, 40)) + "..."
                : tagKey) + "'";
    }

    private static StrongroomException invalid(String message) {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, message);
    }
}

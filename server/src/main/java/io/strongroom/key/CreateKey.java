package io.strongroom.key;

import java.util.List;

/**
 * The create-key command as the caller gave it; {@link KeyService#createKey} checks it. Every field
 * but {@code tags} may be null (the default); {@code aesModes} ({@link AesModes}) is for AES keys only;
 * {@code rotationInterval} ({@code 30d}, 7d..365d) turns automatic rotation on; {@code tags} are each
 * checked already ({@link KeyTags#parse}).
 */
public record CreateKey(String keySpec, String keyUsage, String protectionLevel, String aesModes, String description,
                        String rotationInterval, List<KeyTag> tags) {
    public CreateKey {
        tags = List.copyOf(tags);
    }
}

package io.strongroom.api;

import java.util.List;

/**
 * Creates a key in an instance; every field is optional (an {@code Aliyun_AES_256} HSM key by default).
 * {@code RotationInterval} ({@code 7d}..{@code 365d}) turns automatic rotation on. {@code Tags}: at most
 * 20, each TagKey once.
 */
public record CreateKeyRequest(String keySpec, String keyUsage, String protectionLevel, String description,
                               String rotationInterval, List<Tag> tags) {
}

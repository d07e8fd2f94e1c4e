package io.strongroom.api;

import java.util.List;

/**
 * Creates a key in an instance; every field is optional (an {@code Aliyun_AES_256} HSM key by default).
 * {@code AesModes}, for AES keys only, is fixed for the key's life: {@code GCM} (the default: AES_GCM
 * only) or {@code CBC_ECB} (AES_CBC and AES_ECB only; never both on one key, as the raw block access
 * of CBC and ECB would break GCM under the same key). {@code RotationInterval} ({@code 7d}..{@code 365d}) turns automatic rotation on. {@code Tags}: at most
 * 20, each TagKey once.
 */
public record CreateKeyRequest(String keySpec, String keyUsage, String protectionLevel, String aesModes, String description,
                               String rotationInterval, List<Tag> tags) {
}

package io.strongroom.api;

import java.util.List;

/**
 * A key's metadata. {@code KeySpec}: {@code Aliyun_AES_256} (default), {@code Aliyun_AES_128},
 * {@code Aliyun_AES_192}, {@code RSA_2048}, {@code RSA_3072}, {@code RSA_4096}, {@code EC_P256},
 * {@code EC_P256K}, {@code HMAC_SHA224}, {@code HMAC_SHA256}, {@code HMAC_SHA384} or {@code HMAC_SHA512}; {@code KeyUsage}: {@code ENCRYPT/DECRYPT}, {@code SIGN/VERIFY}
 * or {@code GENERATE/VERIFY_MAC}; {@code ProtectionLevel}:
 * {@code HSM} or {@code SOFTWARE}; {@code AesModes} (AES keys only, absent for others): {@code GCM}
 * (AES_GCM only) or {@code CBC_ECB} (AES_CBC and AES_ECB only); {@code KeyState}: {@code Enabled}, {@code Disabled} or {@code PendingDeletion}
 * (then {@code DeletionDate} says when). {@code RotationInterval} (seconds, e.g. {@code 2592000s})
 * and {@code NextRotationDate} are present when automatic rotation is on. {@code Tags} are ordered by
 * TagKey (empty when the key has none).
 * Never holds key material.
 */
public record KeyView(String keyId, String instanceId, String keySpec, String keyUsage, String protectionLevel,
                      String aesModes, String description, String keyState, String creationDate, String primaryKeyVersion,
                      String rotationInterval, String nextRotationDate, String deletionDate, List<Tag> tags) {
}

package io.strongroom.api;

/**
 * A key's metadata. {@code KeySpec}: {@code Aliyun_AES_256} (default), {@code Aliyun_AES_128},
 * {@code Aliyun_AES_192}; {@code KeyUsage}: {@code ENCRYPT/DECRYPT}; {@code ProtectionLevel}:
 * {@code HSM} or {@code SOFTWARE}; {@code KeyState}: {@code Enabled} or {@code Disabled}.
 * Never holds key material.
 */
public record KeyView(String keyId, String instanceId, String keySpec, String keyUsage, String protectionLevel,
                      String description, String keyState, String creationDate, String primaryKeyVersion) {
}

package io.strongroom.access;

import io.strongroom.platform.DataDirectory;
import io.strongroom.platform.Ids;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.api.ApiJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The admin access key made when a data directory is initialised: the store keeps the
 * SHA-256 of the secret; the secret itself is written once, mode 0600, to
 * {@code admin/credential.json} for the local CLI and the console's log-on.
 */
public final class AdminCredential {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACCESS_KEY_ID_PREFIX = "SRAK";
    private static final Pattern ACCESS_KEY_ID = Pattern.compile(ACCESS_KEY_ID_PREFIX + "[A-Z0-9]{16}");

    private AdminCredential() {
    }

    /** Whether {@code value} has the shape of an access key id made here (a secret never has it). */
    public static boolean isAccessKeyIdShaped(String value) {
        return value != null && ACCESS_KEY_ID.matcher(value).matches();
    }

    public static void ensure(AdminKeyRepository keys, DataDirectory home) {
        if (keys.any()) {
            return;
        }
        String accessKeyId = ACCESS_KEY_ID_PREFIX + Ids.random(16).toUpperCase(java.util.Locale.ROOT);
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ObjectNode file = ApiJson.mapper().createObjectNode();
        file.put("AccessKeyId", accessKeyId);
        file.put("AccessKeySecret", secret);
        DataDirectory.writeSecret(home.adminCredentialFile(), (file.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        keys.insert(accessKeyId, HexFormat.of().formatHex(sha256(secret)), Instant.now());
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

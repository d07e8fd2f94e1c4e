package io.strongroom.access;


import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks {@code Authorization: Basic base64(AccessKeyId:AccessKeySecret)} against the stored
 * SHA-256 of the secret, in constant time. Returns the access key id (the principal).
 */
public final class AdminAuthenticator {
    private static final String HINT = "send 'Authorization: Basic base64(AccessKeyId:AccessKeySecret)'; "
            + "'strongroom admin credential' prints the admin access key";
    private final AdminKeyRepository keys;

    public AdminAuthenticator(AdminKeyRepository keys) {
        this.keys = requireNonNull(keys, "keys");
    }

    /** Checks an Authorization header value; returns the access key id. */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new StrongroomException(ErrorCode.UNAUTHORIZED, "the request carries no admin access key: " + HINT);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StrongroomException(ErrorCode.UNAUTHORIZED, "the Authorization header is not valid base64: " + HINT);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new StrongroomException(ErrorCode.UNAUTHORIZED, "the Authorization header has no AccessKeyId:AccessKeySecret: " + HINT);
        }
        return authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** Checks an access key id and its secret (the console's log-on); returns the access key id. */
    public String authenticate(String accessKeyId, String accessKeySecret) {
        if (accessKeyId == null || accessKeyId.isEmpty() || accessKeySecret == null) {
            throw new StrongroomException(ErrorCode.UNAUTHORIZED, "the admin access key was not accepted: " + HINT);
        }
        byte[] presented = AdminCredential.sha256(accessKeySecret);
        Optional<String> stored = keys.secretHash(accessKeyId);
        byte[] expected = stored.map(HexFormat.of()::parseHex).orElse(new byte[32]);
        if (!MessageDigest.isEqual(presented, expected) || stored.isEmpty()) {
            throw new StrongroomException(ErrorCode.UNAUTHORIZED, "the admin access key was not accepted: " + HINT);
        }
        return accessKeyId;
    }

}

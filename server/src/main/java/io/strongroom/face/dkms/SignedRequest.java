package io.strongroom.face.dkms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a dkms-gcs-0.2 request that need no key: API version and name, signature
 * method, body hash, date skew, the presence of the client key id and the signature. Each
 * failure is the protocol's own error code and message.
 */
record SignedRequest(String apiName, String accessKeyId, byte[] signature, String stringToSign, byte[] body) {
    static final String VERSION = "dkms-gcs-0.2";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final Set<String> ACTIONS = Set.of("Encrypt", "Decrypt", "GenerateDataKey", "Sign", "Verify", "GetPublicKey",
            "GenerateRandom", "Hmac", "GetSecretValue", "AdvanceEncrypt", "AdvanceDecrypt", "AdvanceGenerateDataKey",
            "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "AdvanceGenerateDataKeyPair",
            "AdvanceGenerateDataKeyPairWithoutPlaintext");

    /** {@code headers} has lower-case names. */
    static SignedRequest check(Map<String, String> headers, byte[] body, Instant now) {
        String version = headers.get("x-kms-apiversion");
        if (version == null) {
            throw DkmsException.missing("x-kms-apiversion");
        }
        if (!VERSION.equals(version.trim())) {
            throw new DkmsException(400, "InvalidApiVersion", "The ApiVersion \"" + version + "\" is invalid.");
        }
        String apiName = headers.get("x-kms-apiname");
        if (apiName == null) {
            throw DkmsException.missing("x-kms-apiname");
        }
        if (!ACTIONS.contains(apiName.trim())) {
            throw new DkmsException(400, "InvalidApiName", "The ApiName \"" + apiName + "\" is invalid.");
        }
        String method = headers.get("x-kms-signaturemethod");
        if (method == null || !method.trim().equals("RSA_PKCS1_SHA_256")) {
            throw DkmsException.invalidParam("x-kms-signaturemethod");
        }
        String accessKeyId = headers.get("x-kms-acccesskeyid");
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw DkmsException.missing("x-kms-acccesskeyid");
        }
        String bodyHash = headers.get("content-sha256");
        if (bodyHash == null || !MessageDigest.isEqual(bodyHash.trim().toUpperCase(Locale.ROOT).getBytes(), sha256Hex(body).getBytes())) {
            throw DkmsException.invalidParam("Content-SHA256");
        }
        checkDate(headers.get("date"), now);
        return new SignedRequest(apiName.trim(), accessKeyId.trim(), signature(headers.get("authorization")),
                StringToSign.of(headers), body);
    }

    private static void checkDate(String date, Instant now) {
        if (date == null) {
            throw DkmsException.invalidParam("Date");
        }
        Instant sent;
        try {
            sent = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw DkmsException.invalidParam("Date");
        }
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new DkmsException(400, "RequestTimeTooSkewed", "Request time exceeds server time more than 15 minutes.");
        }
    }

    /** {@code Bearer <base64>}, or the documented variant {@code TOKEN <base64>}. */
    private static byte[] signature(String authorization) {
        if (authorization == null) {
            throw DkmsException.invalidParam("Authorization");
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? "" : value.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("TOKEN")) {
            throw DkmsException.invalidParam("Authorization");
        }
        try {
            return java.util.Base64.getDecoder().decode(value.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            throw DkmsException.invalidParam("Authorization");
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

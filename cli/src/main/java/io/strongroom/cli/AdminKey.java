package io.strongroom.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/** The admin access key of the management API. Not a record: its secret never shows in a {@code toString}. */
final class AdminKey {
    private final String accessKeyId;
    private final String accessKeySecret;

    AdminKey(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = requireNonNull(accessKeySecret, "accessKeySecret");
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String accessKeySecret() {
        return accessKeySecret;
    }

    /** The {@code Authorization} header value: {@code Basic base64(AccessKeyId:AccessKeySecret)}. */
    String authorization() {
        String pair = accessKeyId + ":" + accessKeySecret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminKey[accessKeyId=" + accessKeyId + ", accessKeySecret=<redacted>]";
    }
}

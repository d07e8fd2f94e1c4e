package io.strongroom.face.console;

/**
 * The log-on form's body: {@code {"AccessKeyId": ..., "AccessKeySecret": ...}}, the admin
 * access key that {@code strongroom admin credential} prints. Not a record: the secret never
 * shows in a {@code toString}.
 */
final class LogOn {
    private String accessKeyId;
    private String accessKeySecret;

    public String getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public String getAccessKeySecret() {
        return accessKeySecret;
    }

    public void setAccessKeySecret(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
    }

    @Override
    public String toString() {
        return "LogOn[accessKeyId=" + accessKeyId + ", accessKeySecret=<redacted>]";
    }
}

package io.strongroom.api;

import java.util.Arrays;

/**
 * Creates a client key for an AAP. {@code Password} protects the PKCS#12 store (8 to 64
 * characters, two character classes); {@code NotBefore}/{@code NotAfter} are ISO 8601 UTC,
 * default now and five years on. Not a record: the password must not show in a toString.
 */
public final class CreateClientKeyRequest {
    private String aapName;
    private char[] password;
    private String notBefore;
    private String notAfter;

    public CreateClientKeyRequest() {
    }

    public CreateClientKeyRequest(String aapName, char[] password, String notBefore, String notAfter) {
        this.aapName = aapName;
        this.password = password;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    public String getAapName() { return aapName; }
    public void setAapName(String aapName) { this.aapName = aapName; }
    public char[] getPassword() { return password; }
    public void setPassword(char[] password) { this.password = password; }
    public String getNotBefore() { return notBefore; }
    public void setNotBefore(String notBefore) { this.notBefore = notBefore; }
    public String getNotAfter() { return notAfter; }
    public void setNotAfter(String notAfter) { this.notAfter = notAfter; }

    public void destroy() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "CreateClientKeyRequest[aapName=" + aapName + ", password=<redacted>]";
    }
}

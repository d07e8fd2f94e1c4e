package io.strongroom.api;

import java.util.Arrays;

/**
 * An HSM access credential: the crypto user and its password. Not a record, so that the
 * password never shows in a {@code toString}; {@link #destroy()} zeroes it.
 */
public final class Credential {
    private String user;
    private char[] password;

    public Credential() {
    }

    public Credential(String user, char[] password) {
        this.user = user;
        this.password = password;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public char[] getPassword() {
        return password;
    }

    public void setPassword(char[] password) {
        this.password = password;
    }

    public void destroy() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "Credential[user=" + user + ", password=<redacted>]";
    }
}

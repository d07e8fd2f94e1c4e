package io.strongroom.access;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

/** The client key password rule: 8 to 64 characters from at least two classes (lower, upper, digit, other). */
final class ClientKeyPasswords {
    private ClientKeyPasswords() {
    }

    static void check(char[] password) {
        if (password == null || password.length < 8 || password.length > 64) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER,
                    "Password must be 8 to 64 characters with at least two of: lower-case, upper-case, digits, other characters");
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (char c : password) {
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (classes < 2) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER,
                    "Password must mix at least two of: lower-case, upper-case, digits, other characters");
        }
    }
}

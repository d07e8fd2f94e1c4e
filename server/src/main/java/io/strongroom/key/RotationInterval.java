package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A key's automatic rotation interval: {@code <days>d}, {@code <seconds>s} (as existing KMS APIs write it), 7 to 365 days. */
final class RotationInterval {
    static final Duration MIN = Duration.ofDays(7);
    static final Duration MAX = Duration.ofDays(365);
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([ds])");

    private RotationInterval() {
    }

    static Duration parse(String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "RotationInterval must be a number of days or seconds,"
                    + " e.g. 30d or 2592000s, from 7d to 365d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration interval = matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofSeconds(amount);
        if (interval.compareTo(MIN) < 0 || interval.compareTo(MAX) > 0) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "RotationInterval must be from 7d to 365d");
        }
        return interval;
    }
}

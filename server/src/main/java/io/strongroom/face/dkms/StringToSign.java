package io.strongroom.face.dkms;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The string a dkms-gcs-0.2 client signs (wire contract: {@code specs/dkms-instance-api.md}):
 * {@code POST\n<content-sha256>\n<content-type>\n<date>\n}, then for every header whose
 * lower-cased name starts with {@code x-kms-}, sorted by that name,
 * {@code name:trimmed-value\n}, then {@code /} with no newline after it.
 */
final class StringToSign {
    private StringToSign() {
    }

    /** {@code headers} maps header names (any case) to values; repeated headers are not allowed by the protocol. */
    static String of(Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        StringBuilder text = new StringBuilder("POST\n")
                .append(lower.getOrDefault("content-sha256", "")).append('\n')
                .append(lower.getOrDefault("content-type", "")).append('\n')
                .append(lower.getOrDefault("date", "")).append('\n');
        lower.forEach((name, value) -> {
            if (name.startsWith("x-kms-")) {
                text.append(name).append(':').append(value.trim()).append('\n');
            }
        });
        return text.append('/').toString();
    }
}

package io.strongroom.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The name of a delivered log object, a public contract:
 * {@code <prefix>/<InstanceId>/<yyyy>/<mm>/<dd>/<InstanceId>_<node>_<yyyyMMddHH>.log.gz}, the time
 * being the start of the interval in UTC. With an interval under an hour the time is
 * {@code yyyyMMddHHmmss}, so names stay unique and sort in time order. Intervals start at whole
 * multiples of the interval since the epoch (a PT1H interval starts on the hour). Beside them:
 * {@code .json.gz} (the same records as JSON lines) and {@code .digest} ({@link AuditDigest}).
 */
public final class AuditObjectNames {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private AuditObjectNames() {
    }

    public static String of(String prefix, String instanceId, String node, Instant intervalStart, Duration interval) {
        return base(prefix, instanceId, node, intervalStart, interval) + ".log.gz";
    }

    /** The JSON-lines twin of {@link #of}: {@code .json.gz} in place of {@code .log.gz}. */
    public static String json(String prefix, String instanceId, String node, Instant intervalStart, Duration interval) {
        return base(prefix, instanceId, node, intervalStart, interval) + ".json.gz";
    }

    /** The digest object of the interval: {@code .digest} in place of {@code .log.gz}. */
    public static String digest(String prefix, String instanceId, String node, Instant intervalStart, Duration interval) {
        return base(prefix, instanceId, node, intervalStart, interval) + ".digest";
    }

    /** The folder of every object of the instance: {@code <prefix>/<InstanceId>/}. */
    public static String instanceFolder(String prefix, String instanceId) {
        return prefix == null || prefix.isEmpty() ? instanceId + "/" : prefix + "/" + instanceId + "/";
    }

    /** The interval start an object name holds ({@code ..._<yyyyMMddHH[mmss]>.<extension>}): the inverse of the names above. */
    public static Optional<Instant> intervalStart(String objectName) {
        String file = objectName.substring(objectName.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        int underscore = dot < 0 ? -1 : file.lastIndexOf('_', dot);
        String stamp = underscore < 0 ? "" : file.substring(underscore + 1, dot);
        if (stamp.length() != 10 && stamp.length() != 14) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(SECOND.parse(stamp.length() == 10 ? stamp + "0000" : stamp)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String base(String prefix, String instanceId, String node, Instant intervalStart, Duration interval) {
        DateTimeFormatter stamp = interval.compareTo(Duration.ofHours(1)) < 0 ? SECOND : HOUR;
        return instanceFolder(prefix, instanceId) + DAY.format(intervalStart) + "/" + instanceId + "_" + node + "_"
                + stamp.format(intervalStart);
    }
}

package io.strongroom.api;

import java.util.List;

/**
 * The result of verifying an instance's delivered audit objects: {@code Valid} when there is no
 * finding; {@code Digests} and {@code Objects} checked, the {@code Nodes} whose chains were found,
 * the first and last interval a digest covers, and one {@code Finding} per object that is
 * {@code MISSING}, {@code ALTERED}, {@code REORDERED} or {@code EXTRA}.
 */
public record AuditVerificationView(String instanceId, String bucket, boolean valid, int digests, int objects, List<String> nodes,
                                    String firstInterval, String lastInterval, List<Finding> findings) {
    public record Finding(String problem, String object, String message) {
    }
}

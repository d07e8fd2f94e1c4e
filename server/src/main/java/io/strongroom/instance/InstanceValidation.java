package io.strongroom.instance;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

/** Field rules for creating an instance; each failure names the field and says what is allowed. */
final class InstanceValidation {
    static final int MIN_SPEC = 1;
    static final int MAX_SPEC = 100_000;

    void check(CreateInstance command) {
        if (command.instanceName() == null || !command.instanceName().matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")) {
            throw invalid("InstanceName must be 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        if (command.vpcId() == null || !command.vpcId().matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}")) {
            throw invalid("VpcId must be 1 to 128 letters, digits, '_' or '-' (e.g. vpc-bp1demo)");
        }
        if (command.allowedCidrs().isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER,
                    "AllowedCidrs must list at least one address range allowed to reach the endpoint (e.g. 10.0.0.0/8)");
        }
        for (String cidr : command.allowedCidrs()) {
            if (!Cidr.valid(cidr)) {
                throw invalid("AllowedCidrs: '" + cidr + "' is not an IPv4 or IPv6 address range like 10.0.0.0/8 or 2001:db8::/32");
            }
        }
        if (command.spec() < MIN_SPEC || command.spec() > MAX_SPEC) {
            throw invalid("Spec is the endpoint's QPS limit, from " + MIN_SPEC + " to " + MAX_SPEC + "; got " + command.spec());
        }
        if (command.user() == null || command.user().isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Credential.User is required (the HSM crypto user, e.g. kmsuser)");
        }
        if (command.password().length == 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Credential.Password is required");
        }
    }

    private static StrongroomException invalid(String message) {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, message);
    }
}

package io.strongroom.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins each error code's wire name and HTTP status: clients depend on both. */
class ErrorCodeTest {
    @ParameterizedTest
    @CsvSource({
            "MALFORMED_JSON, MalformedJson, 400",
            "MISSING_PARAMETER, MissingParameter, 400",
            "INVALID_PARAMETER, InvalidParameter, 400",
            "UNAUTHORIZED, Unauthorized, 401",
            "FORBIDDEN, Forbidden, 403",
            "NOT_FOUND, NotFound, 404",
            "REGION_NOT_FOUND, InvalidRegionId.NotFound, 404",
            "INSTANCE_NOT_FOUND, InvalidInstanceId.NotFound, 404",
            "HSM_CLUSTER_NOT_FOUND, InvalidHsmClusterId.NotFound, 404",
            "KEY_NOT_FOUND, Forbidden.KeyNotFound, 404",
            "METHOD_NOT_ALLOWED, MethodNotAllowed, 405",
            "INCORRECT_INSTANCE_STATUS, IncorrectInstanceStatus, 409",
            "INCORRECT_HSM_CLUSTER_STATUS, IncorrectHsmClusterStatus, 409",
            "HSM_CLUSTER_IN_USE, HsmClusterInUse, 409",
            "RESOURCE_ALREADY_EXISTS, ResourceAlreadyExists, 409",
            "RESOURCE_IN_USE, ResourceInUse, 409",
            "HSM_NODE_UNAVAILABLE, HsmNodeUnavailable, 400",
            "KEY_DISABLED, Rejected.Disabled, 400",
            "KEY_PENDING_DELETION, Rejected.PendingDeletion, 400",
            "INCORRECT_KEY_STATE, IncorrectKeyState, 409",
            "HSM_LOGIN_FAILED, HsmLoginFailed, 400",
            "PAYLOAD_TOO_LARGE, PayloadTooLarge, 413",
            "UNSUPPORTED_MEDIA_TYPE, UnsupportedMediaType, 415",
            "HSM_UNAVAILABLE, HsmUnavailable, 503",
            "AUDIT_UNAVAILABLE, ServiceUnavailable.AuditLog, 503",
            "INTERNAL_FAILURE, InternalFailure, 500",
    })
    void code_hasItsWireNameAndStatus(ErrorCode code, String wireName, int status) {
        assertThat(code.code()).isEqualTo(wireName);
        assertThat(code.httpStatus()).isEqualTo(status);
    }

    @org.junit.jupiter.api.Test
    void everyCode_isPinnedAbove() {
        assertThat(ErrorCode.values()).hasSize(26);
    }
}

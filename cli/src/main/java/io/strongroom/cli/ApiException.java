package io.strongroom.cli;

import io.strongroom.api.ErrorBody;

import static java.util.Objects.requireNonNull;

/** The management API answered with an error status: its {@link ErrorBody}, shown as {@code <Code>: <Message> (RequestId ...)}. */
final class ApiException extends RuntimeException {
    private final int httpStatus;
    private final ErrorBody error;

    ApiException(int httpStatus, ErrorBody error) {
        super(error.code() + ": " + error.message() + (error.requestId() == null ? "" : " (RequestId " + error.requestId() + ")"));
        this.httpStatus = httpStatus;
        this.error = requireNonNull(error, "error");
    }

    int httpStatus() {
        return httpStatus;
    }

    ErrorBody error() {
        return error;
    }
}

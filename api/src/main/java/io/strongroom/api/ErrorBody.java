package io.strongroom.api;

/** Every error the management API answers: a stable code, a message that says what to do, and the request id. */
public record ErrorBody(String code, String message, String requestId) {
}

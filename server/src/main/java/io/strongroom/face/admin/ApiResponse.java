package io.strongroom.face.admin;

/** What a handler answers: a status and a value to encode as JSON (or raw bytes with a content type). */
record ApiResponse(int status, Object json, byte[] raw, String contentType) {
    static ApiResponse ok(Object json) {
        return new ApiResponse(200, json, null, null);
    }

    static ApiResponse status(int status, Object json) {
        return new ApiResponse(status, json, null, null);
    }

    static ApiResponse raw(byte[] content, String contentType) {
        return new ApiResponse(200, null, content, contentType);
    }
}

package io.strongroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.api.ApiJson;

/**
 * How the CLI reads the API's JSON: {@link ApiJson}'s PascalCase mapping, but tolerant of
 * fields it does not know, so that a newer server that adds a field does not break an older
 * CLI. (The server stays strict about what it is sent.)
 */
final class Json {
    private static final ObjectMapper READER = ApiJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    /** Parses {@code json}; {@code what} names its source in the error. */
    static <T> T parse(String json, Class<T> type, String what) {
        try {
            T value = READER.readValue(json, type);
            if (value == null) {
                throw new CliException(what + " is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CliException(what + " is not the expected JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return ApiJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

package io.strongroom.face.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.strongroom.api.ApiJson;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A decoded management API request: path parameters, query parameters and the JSON body. */
record ApiRequest(String requestId, Map<String, String> pathParameters, Map<String, String> query, byte[] body) {

    String path(String name) {
        return pathParameters.get(name);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isBlank());
    }

    /** The body as {@code type}; a 400 naming the field when it is malformed. */
    <T> T body(Class<T> type) {
        if (body.length == 0) {
            throw new StrongroomException(ErrorCode.MALFORMED_JSON, "the request needs a JSON body");
        }
        try {
            T value = ApiJson.mapper().readValue(body, type);
            if (value == null) {
                throw new StrongroomException(ErrorCode.MALFORMED_JSON, "the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "unknown field '" + e.getPropertyName()
                    + "'; the fields are: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, field.isEmpty()
                    ? "the request body must be a JSON object"
                    : "the field '" + field + "' has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw new StrongroomException(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new StrongroomException(ErrorCode.MALFORMED_JSON, "the request body could not be read");
        }
    }
}

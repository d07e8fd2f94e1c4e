package io.strongroom.face.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strongroom.api.ApiJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/** Writes the console's own JSON answers the way the management API writes its own: same error body, never cached. */
final class ConsoleReplies {
    private ConsoleReplies() {
    }

    static void json(Response response, Callback callback, int status, Object body) {
        try {
            byte[] bytes = body == null ? new byte[0] : ApiJson.mapper().writeValueAsBytes(body);
            if (body != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            }
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.setStatus(status);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }
}

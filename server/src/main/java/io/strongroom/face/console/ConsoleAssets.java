package io.strongroom.face.console;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's page, style sheet and script, read once from the server's own resources
 * ({@code /console/} on the class path): no CDN, no build step. Only the files named here are
 * served. Every answer carries headers that keep the page from being framed or sniffed and
 * its script from loading anything from elsewhere.
 */
final class ConsoleAssets extends Handler.Abstract {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files = new HashMap<>();

    ConsoleAssets() {
        for (String name : TYPES.keySet()) {
            files.put(name, read(name));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (path.equals("/") || path.equals("/console")) {
            Response.sendRedirect(request, response, callback, 302, "/console/", false);
            return true;
        }
        String name = path.equals("/console/") ? "index.html" : path.substring("/console/".length());
        if (!files.containsKey(name)) {
            return text(response, callback, 404, "Not found: " + path + "\n");
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return text(response, callback, 405, request.getMethod() + " is not allowed on " + path + "\n");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(name));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.setStatus(200);
        byte[] content = request.getMethod().equals("HEAD") ? new byte[0] : files.get(name);
        response.write(true, ByteBuffer.wrap(content), callback);
        return true;
    }

    private static boolean text(Response response, Callback callback, int status, String message) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.setStatus(status);
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console/" + name + " is missing from the server's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.strongroom.face.console;

import io.strongroom.audit.AuditTrail;
import io.strongroom.access.AdminAuthenticator;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * The web console, served on the management listener beside the API it calls: its log-on
 * API at {@code /console/api/session}, its page at {@code /console/}, and everything else
 * to the management API. The console has no API of its own beyond the session: its script
 * calls {@code /api/v1/...} like the CLI, through the same pipeline, authenticated by the
 * session cookie and CSRF token ({@link ConsoleAuthenticator}). Log-on and log-off are audited
 * like any management call. The page and its static files are not requests of any API and get no record.
 */
public final class Console {
    private Console() {
    }

    /** The listener's handler: the console's parts in front of {@code api}. */
    public static Handler inFrontOf(Handler api, AdminAuthenticator admin, ConsoleSessions sessions, AuditTrail audit) {
        ConsoleAssets assets = new ConsoleAssets();
        PathMappingsHandler mappings = new PathMappingsHandler();
        mappings.addMapping(PathSpec.from("/console/api/*"), new SessionEndpoint(admin, sessions, audit));
        mappings.addMapping(PathSpec.from("/console/*"), assets);
        mappings.addMapping(PathSpec.from(""), assets); // the bare root: a redirect to the console
        mappings.addMapping(PathSpec.from("/"), api);
        return mappings;
    }
}

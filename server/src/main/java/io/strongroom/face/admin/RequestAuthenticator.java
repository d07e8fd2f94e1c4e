package io.strongroom.face.admin;

import org.eclipse.jetty.server.Request;

/**
 * Authenticates a management API request before its handler runs. Returns the principal
 * (the admin access key id); throws a {@code StrongroomException} with {@code Unauthorized}
 * (or {@code Forbidden} for a failed CSRF check) otherwise.
 */
@FunctionalInterface
public interface RequestAuthenticator {
    String authenticate(Request request);
}

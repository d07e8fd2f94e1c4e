package io.strongroom.api;

/**
 * Where a running server listens. {@code InstanceEndpoint} is the address pattern of
 * instance endpoints; {@code InstanceEndpointServing} says whether it is served yet.
 */
public record ServerStatus(
        String version,
        String apiUrl,
        String consoleUrl,
        String instanceEndpoint,
        boolean instanceEndpointServing,
        String storeKind,
        String dataDirectory) {
}

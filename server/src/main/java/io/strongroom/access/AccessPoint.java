package io.strongroom.access;

import java.time.Instant;
import java.util.List;

/** An application access point: how an application authenticates ({@code ClientKey}) and which policies apply. */
public record AccessPoint(String instanceId, String name, String authenticationMethod, List<String> policies,
                          String description, Instant createTime) {
    public AccessPoint {
        policies = List.copyOf(policies);
    }
}

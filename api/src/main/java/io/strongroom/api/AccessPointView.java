package io.strongroom.api;

import java.util.List;

/** An application access point (AAP): {@code AuthenticationMethod} {@code ClientKey}. Also the create request. */
public record AccessPointView(String name, String authenticationMethod, List<String> policies, String description, String createTime) {
}

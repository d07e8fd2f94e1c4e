package io.strongroom.api;

import java.util.List;

public record PolicyList(List<PolicyView> policies) {
}

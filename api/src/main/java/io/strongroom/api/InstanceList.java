package io.strongroom.api;

import java.util.List;

public record InstanceList(List<InstanceView> instances, int totalCount) {
}

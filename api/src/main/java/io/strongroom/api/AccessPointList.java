package io.strongroom.api;

import java.util.List;

public record AccessPointList(List<AccessPointView> applicationAccessPoints) {
}

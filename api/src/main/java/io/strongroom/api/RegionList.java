package io.strongroom.api;

import java.util.List;

public record RegionList(List<Region> regions) {
}

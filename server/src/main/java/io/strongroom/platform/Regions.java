package io.strongroom.platform;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured regions. */
public final class Regions {
    private final Map<String, Config.RegionConfig> byId = new LinkedHashMap<>();

    public Regions(List<Config.RegionConfig> regions) {
        regions.forEach(region -> byId.put(region.id(), region));
    }

    public List<Config.RegionConfig> all() {
        return List.copyOf(byId.values());
    }

    /** The region, or a 404 naming the regions that exist. */
    public Config.RegionConfig require(String regionId) {
        if (regionId == null || regionId.isBlank()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "RegionId is required: one of " + String.join(", ", byId.keySet()));
        }
        Config.RegionConfig region = byId.get(regionId);
        if (region == null) {
            throw new StrongroomException(ErrorCode.REGION_NOT_FOUND,
                    "the region '" + regionId + "' does not exist: use one of " + String.join(", ", byId.keySet()));
        }
        return region;
    }
}

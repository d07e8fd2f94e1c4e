package io.strongroom.api;

import java.util.List;

public record HsmClusterList(List<HsmClusterView> hsmClusters) {
}

package io.strongroom.api;

import java.util.List;

public record NetworkRuleList(List<NetworkRuleView> networkRules) {
}

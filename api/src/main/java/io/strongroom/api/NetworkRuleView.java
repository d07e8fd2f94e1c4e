package io.strongroom.api;

import java.util.List;

/** A network rule: {@code Type} is {@code Private}; {@code SourcePrivateIp} lists IPs or CIDR ranges. Also the create request. */
public record NetworkRuleView(String name, String type, List<String> sourcePrivateIp, String description, String createTime) {
}

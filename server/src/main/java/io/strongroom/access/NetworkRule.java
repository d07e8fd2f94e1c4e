package io.strongroom.access;

import io.strongroom.instance.Cidr;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/** Where callers may come from: private IPs or ranges. {@code Type} is always {@code Private}. */
public record NetworkRule(String instanceId, String name, List<String> sourcePrivateIp, String description, Instant createTime) {
    public NetworkRule {
        sourcePrivateIp = List.copyOf(sourcePrivateIp);
    }

    /** Whether the address is one of the rule's IPs or inside one of its ranges. */
    public boolean allows(InetAddress address) {
        for (String source : sourcePrivateIp) {
            if (Cidr.parse(source.contains("/") ? source : source + (source.contains(":") ? "/128" : "/32")).contains(address)) {
                return true;
            }
        }
        return false;
    }
}

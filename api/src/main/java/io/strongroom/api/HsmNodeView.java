package io.strongroom.api;

/** A node as describe shows it. {@code Health} is {@code Healthy}, {@code Unhealthy} or {@code Unknown}. */
public record HsmNodeView(
        String nodeId,
        String zoneId,
        String modulePath,
        String tokenLabel,
        String health,
        String healthMessage,
        String lastCheckedTime) {
}

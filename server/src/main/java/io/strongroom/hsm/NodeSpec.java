package io.strongroom.hsm;

/** A node to register: module path, token label, zone. */
public record NodeSpec(String modulePath, String tokenLabel, String zoneId) {
}

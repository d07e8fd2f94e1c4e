package io.strongroom.hsm;

import java.time.Instant;

/** What the last check of a node found. */
public record NodeHealth(State state, String message, Instant checkedAt) {
    public enum State { Healthy, Unhealthy, Unknown }

    public static NodeHealth healthy(String message) {
        return new NodeHealth(State.Healthy, message, Instant.now());
    }

    public static NodeHealth unhealthy(String message) {
        return new NodeHealth(State.Unhealthy, message, Instant.now());
    }
}

package io.strongroom.api;

/** Sets a key's automatic rotation: {@code RotationInterval} {@code 7d}..{@code 365d} (or seconds, {@code 604800s}); absent turns it off. */
public record RotationPolicyRequest(String rotationInterval) {
}

package io.strongroom.hsm;

/**
 * A reference to a key object inside a token. Never the key's material. A handle is only
 * meaningful to the session (or, for token objects, the module load) that produced it.
 */
public record KeyHandle(long objectHandle, String label) {
}

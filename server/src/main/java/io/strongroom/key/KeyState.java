package io.strongroom.key;

public enum KeyState {
    Enabled, Disabled
}

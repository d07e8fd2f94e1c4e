package io.strongroom.key;

/**
 * A key's state. {@code PendingDeletion} keys are refused everywhere until the deletion is
 * cancelled (the key then becomes {@code Disabled}, as in AWS KMS) or the window passes.
 */
public enum KeyState {
    Enabled, Disabled, PendingDeletion
}

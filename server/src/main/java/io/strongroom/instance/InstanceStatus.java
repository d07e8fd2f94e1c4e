package io.strongroom.instance;

/** The instance state machine of DESIGN.md: Creating → Enabled ⇄ Disabled, Disabled → Creating on connect. */
public enum InstanceStatus {
    Creating,
    Enabled,
    Disabled
}

package io.strongroom.api;

import java.util.List;

/** A policy's access control rules: the network rules a caller must match. */
public record AccessControlRules(List<String> networkRules) {
}

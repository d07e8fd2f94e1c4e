package io.strongroom.api;

/** Schedules a key's deletion after {@code PendingWindowInDays} (7..366, default 30). */
public record ScheduleKeyDeletionRequest(Integer pendingWindowInDays) {
}

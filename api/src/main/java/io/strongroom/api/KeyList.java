package io.strongroom.api;

import java.util.List;

/** One page of an instance's keys, oldest first. */
public record KeyList(List<KeyView> keys, int pageNumber, int pageSize, int totalCount) {
}

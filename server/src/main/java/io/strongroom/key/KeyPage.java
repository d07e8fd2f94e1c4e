package io.strongroom.key;

import java.util.List;

/** One page of an instance's keys, oldest first. */
public record KeyPage(List<Key> keys, int pageNumber, int pageSize, int totalCount) {
    public KeyPage {
        keys = List.copyOf(keys);
    }
}

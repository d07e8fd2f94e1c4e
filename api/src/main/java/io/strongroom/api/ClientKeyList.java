package io.strongroom.api;

import java.util.List;

public record ClientKeyList(List<ClientKeyView> clientKeys) {
}

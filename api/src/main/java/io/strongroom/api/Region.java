package io.strongroom.api;

public record Region(String regionId, String localName) {
}

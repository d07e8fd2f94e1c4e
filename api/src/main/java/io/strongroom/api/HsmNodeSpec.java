package io.strongroom.api;

/** One node of an HSM cluster to register: a PKCS#11 module, the token's label and the zone it stands in. */
public record HsmNodeSpec(String modulePath, String tokenLabel, String zoneId) {
}

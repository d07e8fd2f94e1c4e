package io.strongroom.api;

import java.util.List;

/**
 * A policy: {@code Permissions} ({@code RbacPermission/Template/CryptoServiceKeyUser}),
 * {@code Resources} ({@code key/<KeyId>}, {@code key/*}), {@code AccessControlRules}. Also the create request.
 */
public record PolicyView(String name, String kmsInstance, List<String> permissions, List<String> resources,
                         AccessControlRules accessControlRules, String description, String createTime) {
}

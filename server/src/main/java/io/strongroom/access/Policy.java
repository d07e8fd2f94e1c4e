package io.strongroom.access;

import java.time.Instant;
import java.util.List;

/** What an AAP may do (permission templates) on which resources ({@code key/<id>}, {@code key/*}), from where (network rules). */
public record Policy(String instanceId, String name, List<String> permissions, List<String> resources,
                     List<String> networkRules, String description, Instant createTime) {
    public static final String KEY_USER = "RbacPermission/Template/CryptoServiceKeyUser";
    public static final String SECRET_USER = "RbacPermission/Template/CryptoServiceSecretUser";

    public Policy {
        permissions = List.copyOf(permissions);
        resources = List.copyOf(resources);
        networkRules = List.copyOf(networkRules);
    }
}

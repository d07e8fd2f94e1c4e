package io.strongroom.access;

import io.strongroom.instance.Cidr;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Network rules, policies, application access points and client keys of an instance. Every
 * reference is checked when made (a policy names existing rules, an AAP existing policies)
 * and nothing still referenced can be deleted.
 */
public final class AccessService {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

    private final AccessRepository access;
    private final InstanceService instances;

    public AccessService(AccessRepository access, InstanceService instances) {
        this.access = requireNonNull(access, "access");
        this.instances = requireNonNull(instances, "instances");
    }

    public NetworkRule createNetworkRule(String instanceId, String name, List<String> sources, String description) {
        instances.describe(instanceId);
        name(name, "Name");
        if (sources == null || sources.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "SourcePrivateIp must list at least one IP or range (e.g. 10.0.0.0/8)");
        }
        for (String source : sources) {
            String range = source == null ? "" : source.contains("/") ? source : source + (source.contains(":") ? "/128" : "/32");
            if (!Cidr.valid(range)) {
                throw invalid("SourcePrivateIp: '" + source + "' is not an IP address or a range like 10.0.0.0/8");
            }
        }
        unique(access.networkRules(instanceId).stream().map(NetworkRule::name).toList(), name, "network rule");
        NetworkRule rule = new NetworkRule(instanceId, name, sources, Objects.requireNonNullElse(description, ""), Instant.now());
        access.insert(rule);
        return rule;
    }

    public Policy createPolicy(String instanceId, String name, List<String> permissions, List<String> resources,
                               List<String> networkRules, String description) {
        instances.describe(instanceId);
        name(name, "Name");
        if (permissions == null || permissions.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Permissions must list " + Policy.KEY_USER);
        }
        for (String permission : permissions) {
            if (Policy.SECRET_USER.equals(permission)) {
                throw invalid("Permissions: " + Policy.SECRET_USER + " needs secrets, which this release does not have yet");
            }
            if (!Policy.KEY_USER.equals(permission)) {
                throw invalid("Permissions: '" + permission + "' is not a permission template; use " + Policy.KEY_USER);
            }
        }
        if (resources == null || resources.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Resources must list key/<KeyId> or key/*");
        }
        for (String resource : resources) {
            if (resource == null || !resource.matches("key/(\\*|key-[a-z0-9-]{1,64})")) {
                throw invalid("Resources: '" + resource + "' is not key/<KeyId> or key/*" + (resource != null && resource.startsWith("secret/")
                        ? " (secrets are not in this release)" : ""));
            }
        }
        List<String> rules = networkRules == null ? List.of() : networkRules;
        Set<String> existing = access.networkRules(instanceId).stream().map(NetworkRule::name).collect(Collectors.toSet());
        for (String rule : rules) {
            if (!existing.contains(rule)) {
                throw new StrongroomException(ErrorCode.NOT_FOUND, "AccessControlRules.NetworkRules: there is no network rule '" + rule
                        + "' in instance " + instanceId + "; create it first");
            }
        }
        unique(access.policies(instanceId).stream().map(Policy::name).toList(), name, "policy");
        Policy policy = new Policy(instanceId, name, permissions, resources, rules, Objects.requireNonNullElse(description, ""), Instant.now());
        access.insert(policy);
        return policy;
    }

    public AccessPoint createAccessPoint(String instanceId, String name, String authenticationMethod, List<String> policies,
                                         String description) {
        instances.describe(instanceId);
        name(name, "Name");
        String method = Objects.requireNonNullElse(authenticationMethod, "ClientKey");
        if (!method.equals("ClientKey")) {
            throw invalid("AuthenticationMethod must be ClientKey");
        }
        if (policies == null || policies.isEmpty()) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Policies must name at least one policy of the instance");
        }
        Set<String> existing = access.policies(instanceId).stream().map(Policy::name).collect(Collectors.toSet());
        for (String policy : policies) {
            if (!existing.contains(policy)) {
                throw new StrongroomException(ErrorCode.NOT_FOUND, "Policies: there is no policy '" + policy
                        + "' in instance " + instanceId + "; create it first");
            }
        }
        unique(access.accessPoints(instanceId).stream().map(AccessPoint::name).toList(), name, "access point");
        AccessPoint point = new AccessPoint(instanceId, name, method, policies, Objects.requireNonNullElse(description, ""), Instant.now());
        access.insert(point);
        return point;
    }

    /** A new client key of an AAP; its PKCS#12 store (password-protected) is returned this once. */
    public IssuedClientKey createClientKey(String instanceId, String aapName, char[] password, Instant notBefore, Instant notAfter) {
        instances.describe(instanceId);
        if (access.accessPoints(instanceId).stream().noneMatch(point -> point.name().equals(aapName))) {
            throw new StrongroomException(ErrorCode.NOT_FOUND, "AapName: there is no access point '" + aapName + "' in instance " + instanceId);
        }
        ClientKeyPasswords.check(password);
        Instant from = Objects.requireNonNullElseGet(notBefore, () -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant to = Objects.requireNonNullElseGet(notAfter, () -> from.plus(DEFAULT_VALIDITY));
        if (!to.isAfter(from)) {
            throw invalid("NotAfter must be after NotBefore");
        }
        String id = "KAAP." + UUID.randomUUID();
        ClientKeyFactory.Issued issued = ClientKeyFactory.issue(id, password, from, to);
        ClientKey key = new ClientKey(id, instanceId, aapName, "RSA_2048", issued.publicKey(), from, to, Instant.now());
        access.insert(key);
        return new IssuedClientKey(key, issued.privateKeyData());
    }

    /** A client key just made, with the store the caller gets once. */
    public record IssuedClientKey(ClientKey key, String privateKeyData) {
    }

    public List<NetworkRule> networkRules(String instanceId) {
        instances.describe(instanceId);
        return access.networkRules(instanceId);
    }

    public List<Policy> policies(String instanceId) {
        instances.describe(instanceId);
        return access.policies(instanceId);
    }

    public List<AccessPoint> accessPoints(String instanceId) {
        instances.describe(instanceId);
        return access.accessPoints(instanceId);
    }

    public List<ClientKey> clientKeys(String instanceId) {
        instances.describe(instanceId);
        return access.clientKeys(instanceId);
    }

    public void deleteNetworkRule(String instanceId, String name) {
        instances.describe(instanceId);
        List<String> users = access.policies(instanceId).stream().filter(p -> p.networkRules().contains(name)).map(Policy::name).toList();
        refuseIfUsed(users, "network rule", name, "policies");
        deleted(access.delete(AccessRepository.Table.NETWORK_RULES, instanceId, name), "network rule", name);
    }

    public void deletePolicy(String instanceId, String name) {
        instances.describe(instanceId);
        List<String> users = access.accessPoints(instanceId).stream().filter(p -> p.policies().contains(name)).map(AccessPoint::name).toList();
        refuseIfUsed(users, "policy", name, "access points");
        deleted(access.delete(AccessRepository.Table.POLICIES, instanceId, name), "policy", name);
    }

    public void deleteAccessPoint(String instanceId, String name) {
        instances.describe(instanceId);
        List<String> keys = access.clientKeys(instanceId).stream().filter(k -> k.aapName().equals(name)).map(ClientKey::clientKeyId).toList();
        refuseIfUsed(keys, "access point", name, "client keys");
        deleted(access.delete(AccessRepository.Table.ACCESS_POINTS, instanceId, name), "access point", name);
    }

    public void deleteClientKey(String instanceId, String clientKeyId) {
        instances.describe(instanceId);
        deleted(access.delete(AccessRepository.Table.CLIENT_KEYS, instanceId, clientKeyId), "client key", clientKeyId);
    }

    private static void refuseIfUsed(List<String> users, String what, String name, String usedBy) {
        if (!users.isEmpty()) {
            throw new StrongroomException(ErrorCode.RESOURCE_IN_USE, "the " + what + " '" + name + "' is used by the " + usedBy + " "
                    + String.join(", ", users) + "; change or delete those first");
        }
    }

    private static void deleted(boolean deleted, String what, String name) {
        if (!deleted) {
            throw new StrongroomException(ErrorCode.NOT_FOUND, "there is no " + what + " '" + name + "'");
        }
    }

    private static void unique(List<String> names, String name, String what) {
        if (names.contains(name)) {
            throw new StrongroomException(ErrorCode.RESOURCE_ALREADY_EXISTS, "a " + what + " named '" + name + "' exists already");
        }
    }

    private static void name(String name, String field) {
        if (name == null || !name.matches(NAME)) {
            throw invalid(field + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static StrongroomException invalid(String message) {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, message);
    }
}

package io.strongroom.face.dkms;

import io.strongroom.access.AccessSnapshots;

import io.strongroom.access.AccessPoint;
import io.strongroom.access.ClientKey;
import io.strongroom.access.NetworkRule;
import io.strongroom.access.Policy;
import io.strongroom.instance.Cidr;
import io.strongroom.instance.Instance;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Who is calling and what they may do: the client key (it exists, belongs to the instance the
 * request reached, is inside its validity window, and made the signature), then its access
 * point's policies (a permission template, a resource, network rules) and the instance's VPC
 * ranges, all against the caller's source address.
 */
final class Callers {
    private final AccessSnapshots access;

    Callers(AccessSnapshots access) {
        this.access = requireNonNull(access, "access");
    }

    /** The client key that signed the request; the instance is the host name's, or else the key's. */
    ClientKey authenticate(SignedRequest request, Optional<String> hostInstanceId, Instant now) {
        ClientKey key = access.clientKey(request.accessKeyId()).orElseThrow(() ->
                DkmsException.unauthorized("The client key " + request.accessKeyId() + " is not found."));
        if (hostInstanceId.isPresent() && !hostInstanceId.get().equals(key.instanceId())) {
            throw DkmsException.unauthorized("The client key " + key.clientKeyId() + " does not belong to instance " + hostInstanceId.get() + ".");
        }
        if (now.isBefore(key.notBefore()) || now.isAfter(key.notAfter())) {
            throw DkmsException.unauthorized("The client key " + key.clientKeyId() + " is not valid now (valid from "
                    + key.notBefore() + " to " + key.notAfter() + ").");
        }
        if (!verifies(key, request)) {
            throw DkmsException.unauthorized("The request signature does not match the client key " + key.clientKeyId() + ".");
        }
        return key;
    }

    private static boolean verifies(ClientKey key, SignedRequest request) {
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey);
            verifier.update(request.stringToSign().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(request.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Refuses unless the caller's address is inside the instance's VPC ranges and one of the
     * access point's policies grants the key-user template on {@code resource} (any key when
     * empty) from that address.
     */
    void authorize(ClientKey key, Instance instance, Optional<String> resource, InetAddress source) {
        if (instance.allowedCidrs().stream().noneMatch(cidr -> Cidr.parse(cidr).contains(source))) {
            throw DkmsException.noPermission("The source address " + source.getHostAddress() + " is not in the VPC ranges of instance "
                    + instance.instanceId() + ".");
        }
        AccessSnapshots.InstanceAccess granted = access.instance(key.instanceId());
        AccessPoint point = Optional.ofNullable(granted.accessPoints().get(key.aapName()))
                .orElseThrow(() -> DkmsException.noPermission("The access point " + key.aapName() + " no longer exists."));
        for (String name : point.policies()) {
            Policy policy = granted.policies().get(name);
            if (policy != null && policy.permissions().contains(Policy.KEY_USER) && covers(policy.resources(), resource)
                    && fromAllowedNetwork(policy.networkRules(), granted.rules(), source)) {
                return;
            }
        }
        throw DkmsException.noPermission("No policy of access point " + point.name() + " allows this call"
                + resource.map(r -> " on " + r).orElse("") + " from " + source.getHostAddress() + ".");
    }

    private static boolean covers(List<String> resources, Optional<String> resource) {
        return resource.isEmpty() || resources.contains("key/*") || resources.contains(resource.get());
    }

    private static boolean fromAllowedNetwork(List<String> names, Map<String, NetworkRule> rules, InetAddress source) {
        return names.isEmpty() || names.stream().map(rules::get).anyMatch(rule -> rule != null && rule.allows(source));
    }
}

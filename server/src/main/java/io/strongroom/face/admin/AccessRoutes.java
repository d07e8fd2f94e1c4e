package io.strongroom.face.admin;

import io.strongroom.access.AccessPoint;
import io.strongroom.access.AccessService;
import io.strongroom.access.ClientKey;
import io.strongroom.access.NetworkRule;
import io.strongroom.access.Policy;
import io.strongroom.api.AccessControlRules;
import io.strongroom.api.AccessPointList;
import io.strongroom.api.AccessPointView;
import io.strongroom.api.ClientKeyCreated;
import io.strongroom.api.ClientKeyList;
import io.strongroom.api.ClientKeyView;
import io.strongroom.api.CreateClientKeyRequest;
import io.strongroom.api.NetworkRuleList;
import io.strongroom.api.NetworkRuleView;
import io.strongroom.api.PolicyList;
import io.strongroom.api.PolicyView;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Routes for the access objects of an instance: network rules, policies, access points, client keys. */
final class AccessRoutes {
    private static final String BASE = "/api/v1/instances/{InstanceId}";

    private AccessRoutes() {
    }

    static List<Route> routes(AccessService access) {
        return List.of(
                new Route("GET", BASE + "/network-rules", "ListNetworkRules", true, request -> ApiResponse.ok(new NetworkRuleList(
                        access.networkRules(request.path("InstanceId")).stream().map(AccessRoutes::view).toList()))),
                new Route("POST", BASE + "/network-rules", "CreateNetworkRule", true, request -> {
                    NetworkRuleView body = request.body(NetworkRuleView.class);
                    if (body.type() != null && !body.type().equals("Private")) {
                        throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "Type must be Private");
                    }
                    return ApiResponse.status(201, view(access.createNetworkRule(request.path("InstanceId"), body.name(),
                            body.sourcePrivateIp(), body.description())));
                }),
                new Route("DELETE", BASE + "/network-rules/{Name}", "DeleteNetworkRule", true, request -> {
                    access.deleteNetworkRule(request.path("InstanceId"), request.path("Name"));
                    return ApiResponse.status(204, null);
                }),
                new Route("GET", BASE + "/policies", "ListPolicies", true, request -> ApiResponse.ok(new PolicyList(
                        access.policies(request.path("InstanceId")).stream().map(AccessRoutes::view).toList()))),
                new Route("POST", BASE + "/policies", "CreatePolicy", true, request -> {
                    PolicyView body = request.body(PolicyView.class);
                    List<String> rules = body.accessControlRules() == null ? List.of() : body.accessControlRules().networkRules();
                    return ApiResponse.status(201, view(access.createPolicy(request.path("InstanceId"), body.name(),
                            body.permissions(), body.resources(), rules, body.description())));
                }),
                new Route("DELETE", BASE + "/policies/{Name}", "DeletePolicy", true, request -> {
                    access.deletePolicy(request.path("InstanceId"), request.path("Name"));
                    return ApiResponse.status(204, null);
                }),
                new Route("GET", BASE + "/access-points", "ListApplicationAccessPoints", true, request -> ApiResponse.ok(new AccessPointList(
                        access.accessPoints(request.path("InstanceId")).stream().map(AccessRoutes::view).toList()))),
                new Route("POST", BASE + "/access-points", "CreateApplicationAccessPoint", true, request -> {
                    AccessPointView body = request.body(AccessPointView.class);
                    return ApiResponse.status(201, view(access.createAccessPoint(request.path("InstanceId"), body.name(),
                            body.authenticationMethod(), body.policies(), body.description())));
                }),
                new Route("DELETE", BASE + "/access-points/{Name}", "DeleteApplicationAccessPoint", true, request -> {
                    access.deleteAccessPoint(request.path("InstanceId"), request.path("Name"));
                    return ApiResponse.status(204, null);
                }),
                new Route("GET", BASE + "/client-keys", "ListClientKeys", true, request -> ApiResponse.ok(new ClientKeyList(
                        access.clientKeys(request.path("InstanceId")).stream().map(AccessRoutes::view).toList()))),
                new Route("POST", BASE + "/client-keys", "CreateClientKey", true, request -> {
                    CreateClientKeyRequest body = request.body(CreateClientKeyRequest.class);
                    try {
                        AccessService.IssuedClientKey issued = access.createClientKey(request.path("InstanceId"), body.getAapName(),
                                body.getPassword(), instant(body.getNotBefore(), "NotBefore"), instant(body.getNotAfter(), "NotAfter"));
                        ClientKey key = issued.key();
                        return ApiResponse.status(201, new ClientKeyCreated(key.clientKeyId(), key.clientKeyId(), issued.privateKeyData(),
                                key.keyAlgorithm(), key.aapName(), key.notBefore().toString(), key.notAfter().toString()));
                    } finally {
                        body.destroy();
                    }
                }),
                new Route("DELETE", BASE + "/client-keys/{ClientKeyId}", "DeleteClientKey", true, request -> {
                    access.deleteClientKey(request.path("InstanceId"), request.path("ClientKeyId"));
                    return ApiResponse.status(204, null);
                }));
    }

    /** An optional ISO 8601 time field: null when absent, 400 naming the field when malformed. */
    static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, field + " must be an ISO 8601 UTC time like 2026-01-01T00:00:00Z");
        }
    }

    private static NetworkRuleView view(NetworkRule rule) {
        return new NetworkRuleView(rule.name(), "Private", rule.sourcePrivateIp(), rule.description(), rule.createTime().toString());
    }

    private static PolicyView view(Policy policy) {
        return new PolicyView(policy.name(), policy.instanceId(), policy.permissions(), policy.resources(),
                new AccessControlRules(policy.networkRules()), policy.description(), policy.createTime().toString());
    }

    private static AccessPointView view(AccessPoint point) {
        return new AccessPointView(point.name(), point.authenticationMethod(), point.policies(), point.description(),
                point.createTime().toString());
    }

    private static ClientKeyView view(ClientKey key) {
        return new ClientKeyView(key.clientKeyId(), key.aapName(), key.keyAlgorithm(), key.notBefore().toString(),
                key.notAfter().toString(), key.createTime().toString());
    }
}

package io.strongroom.face.admin;

import io.strongroom.access.AccessService;
import io.strongroom.api.CreateHsmClusterRequest;
import io.strongroom.api.CreateInstanceRequest;
import io.strongroom.api.Credential;
import io.strongroom.api.HsmClusterList;
import io.strongroom.api.InstanceList;
import io.strongroom.api.InstanceView;
import io.strongroom.api.Region;
import io.strongroom.api.RegionList;
import io.strongroom.api.ServerStatus;
import io.strongroom.audit.SecurityAudit;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.HsmClusterService;
import io.strongroom.hsm.NodeSpec;
import io.strongroom.instance.CreateInstance;
import io.strongroom.instance.InstanceEndpoints;
import io.strongroom.instance.InstanceService;
import io.strongroom.platform.Regions;
import io.strongroom.key.KeyService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;
import io.strongroom.instance.InstanceRepository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** The management API's routes: each decodes, calls one service method, encodes. */
public final class AdminRoutes {
    private static final String V1 = "/api/v1";
    private static final int DEFAULT_SPEC = 1000;

    private AdminRoutes() {
    }

    public static AdminApi api(Regions regions, HsmClusterService clusters, InstanceService instances, AccessService access,
                               KeyService keys, InstanceRepository instanceStore, RequestAuthenticator authenticator,
                               InstanceEndpoints endpoints, Supplier<ServerStatus> status, SecurityAudit audit,
                               Supplier<String> metrics) {
        Views views = new Views(endpoints, instanceId -> audit.bucketOf(instanceId));
        byte[] openApi = openApiDocument();
        List<Route> routes = new java.util.ArrayList<>(AccessRoutes.routes(access));
        routes.addAll(KeyRoutes.routes(keys));
        routes.addAll(AuditRoutes.routes(audit, views));
        routes.addAll(List.of(
                new Route("GET", V1 + "/openapi.yaml", "GetOpenApi", false, request -> ApiResponse.raw(openApi, "application/yaml")),
                new Route("GET", V1 + "/status", "GetStatus", true, request -> ApiResponse.ok(status.get())),
                new Route("GET", V1 + "/metrics", "GetMetrics", true, request -> ApiResponse.raw(
                        metrics.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain; version=0.0.4; charset=utf-8")),
                new Route("GET", V1 + "/regions", "ListRegions", true, request -> ApiResponse.ok(new RegionList(
                        regions.all().stream().map(region -> new Region(region.id(), region.name())).toList()))),
                new Route("GET", V1 + "/hsm-clusters", "ListHsmClusters", true, request -> ApiResponse.ok(new HsmClusterList(
                        clusters.list(request.query("RegionId")).stream()
                                .map(cluster -> clusterView(views, clusters, instanceStore, cluster)).toList()))),
                new Route("POST", V1 + "/hsm-clusters", "CreateHsmCluster", true, request -> {
                    CreateHsmClusterRequest body = request.body(CreateHsmClusterRequest.class);
                    List<NodeSpec> nodes = body.nodes() == null ? null : body.nodes().stream()
                            .map(node -> node == null ? null : new NodeSpec(node.modulePath(), node.tokenLabel(), node.zoneId())).toList();
                    HsmCluster cluster = clusters.create(body.regionId(), body.name(), body.minimumNodes(), body.cryptoUser(), nodes);
                    return ApiResponse.status(201, clusterView(views, clusters, instanceStore, cluster));
                }),
                new Route("GET", V1 + "/hsm-clusters/{HsmClusterId}", "DescribeHsmCluster", true, request ->
                        ApiResponse.ok(clusterView(views, clusters, instanceStore, clusters.require(request.path("HsmClusterId"))))),
                new Route("POST", V1 + "/hsm-clusters/{HsmClusterId}/init", "InitHsmCluster", true, request -> {
                    Credential credential = credential(request);
                    try {
                        HsmCluster cluster = clusters.initialize(request.path("HsmClusterId"), credential.getUser(), credential.getPassword());
                        return ApiResponse.ok(clusterView(views, clusters, instanceStore, cluster));
                    } finally {
                        credential.destroy();
                    }
                }),
                new Route("GET", V1 + "/instances", "ListInstances", true, request -> {
                    List<InstanceView> list = instances.list(request.query("RegionId").orElse(null)).stream().map(views::instance).toList();
                    return ApiResponse.ok(new InstanceList(list, list.size()));
                }),
                new Route("POST", V1 + "/instances", "CreateInstance", true, request -> {
                    CreateInstanceRequest body = request.body(CreateInstanceRequest.class);
                    Credential credential = Objects.requireNonNullElseGet(body.credential(), Credential::new);
                    CreateInstance command = new CreateInstance(body.regionId(), body.instanceName(), body.vpcId(),
                            body.allowedCidrs(), body.spec() == null ? DEFAULT_SPEC : body.spec(), body.hsmClusterId(),
                            credential.getUser(), credential.getPassword());
                    credential.destroy();
                    try {
                        return ApiResponse.status(202, views.instance(instances.create(command)));
                    } finally {
                        command.destroy();
                    }
                }),
                new Route("GET", V1 + "/instances/{InstanceId}", "DescribeInstance", true, request ->
                        ApiResponse.ok(views.instance(instances.describe(request.path("InstanceId"))))),
                new Route("POST", V1 + "/instances/{InstanceId}/disconnect", "DisconnectInstance", true, request ->
                        ApiResponse.ok(views.instance(instances.disconnect(request.path("InstanceId"))))),
                new Route("POST", V1 + "/instances/{InstanceId}/connect", "ConnectInstance", true, request -> {
                    Credential credential = credential(request);
                    try {
                        return ApiResponse.status(202, views.instance(
                                instances.connect(request.path("InstanceId"), credential.getUser(), credential.getPassword())));
                    } finally {
                        credential.destroy();
                    }
                })));
        return new AdminApi(routes, authenticator, audit, new RecordOwners(keys));
    }

    private static Credential credential(ApiRequest request) {
        Credential credential = request.body(Credential.class);
        if (credential.getUser() == null || credential.getUser().isBlank()) {
            credential.destroy();
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "User is required (the HSM crypto user, e.g. kmsuser)");
        }
        if (credential.getPassword() == null || credential.getPassword().length == 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Password is required");
        }
        return credential;
    }

    private static io.strongroom.api.HsmClusterView clusterView(Views views, HsmClusterService clusters, InstanceRepository instanceStore, HsmCluster cluster) {
        return views.cluster(cluster, clusters.health(cluster), instanceStore.findByCluster(cluster.hsmClusterId()).orElse(null));
    }

    private static byte[] openApiDocument() {
        try (InputStream in = AdminRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

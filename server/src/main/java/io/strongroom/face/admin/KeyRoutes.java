package io.strongroom.face.admin;

import io.strongroom.api.CreateKeyRequest;
import io.strongroom.api.KeyList;
import io.strongroom.api.KeyView;
import io.strongroom.key.Key;
import io.strongroom.key.KeyPage;
import io.strongroom.key.KeyService;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.List;

/** Routes for the keys of an instance: create, list, describe, enable, disable. */
final class KeyRoutes {
    private static final String V1 = "/api/v1";

    private KeyRoutes() {
    }

    static List<Route> routes(KeyService keys) {
        return List.of(
                new Route("POST", V1 + "/instances/{InstanceId}/keys", "CreateKey", true, request -> {
                    CreateKeyRequest body = request.body(CreateKeyRequest.class);
                    return ApiResponse.status(201, view(keys.createKey(request.path("InstanceId"), body.keySpec(), body.keyUsage(),
                            body.protectionLevel(), body.description())));
                }),
                new Route("GET", V1 + "/instances/{InstanceId}/keys", "ListKeys", true, request -> {
                    KeyPage page = keys.listKeys(request.path("InstanceId"), number(request, "PageNumber"), number(request, "PageSize"));
                    return ApiResponse.ok(new KeyList(page.keys().stream().map(KeyRoutes::view).toList(), page.pageNumber(),
                            page.pageSize(), page.totalCount()));
                }),
                new Route("GET", V1 + "/keys/{KeyId}", "DescribeKey", true,
                        request -> ApiResponse.ok(view(keys.describeKey(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/enable", "EnableKey", true,
                        request -> ApiResponse.ok(view(keys.enableKey(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/disable", "DisableKey", true,
                        request -> ApiResponse.ok(view(keys.disableKey(request.path("KeyId"))))));
    }

    private static Integer number(ApiRequest request, String name) {
        return request.query(name).map(value -> {
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, name + " must be a whole number");
            }
        }).orElse(null);
    }

    static KeyView view(Key key) {
        return new KeyView(key.keyId(), key.instanceId(), key.keySpec().name(), key.keyUsage(), key.protectionLevel().name(),
                key.description(), key.keyState().name(), key.creationDate().toString(), key.primaryKeyVersion());
    }
}

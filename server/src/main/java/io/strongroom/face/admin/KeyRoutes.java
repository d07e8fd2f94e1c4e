package io.strongroom.face.admin;

import io.strongroom.api.AliasList;
import io.strongroom.api.AliasRequest;
import io.strongroom.api.AliasView;
import io.strongroom.api.CreateKeyRequest;
import io.strongroom.api.KeyList;
import io.strongroom.api.KeyVersionList;
import io.strongroom.api.KeyVersionView;
import io.strongroom.api.KeyView;
import io.strongroom.api.PublicKeyView;
import io.strongroom.api.RotationPolicyRequest;
import io.strongroom.api.ScheduleKeyDeletionRequest;
import io.strongroom.api.Tag;
import io.strongroom.api.TagResourceRequest;
import io.strongroom.api.UntagResourceRequest;
import io.strongroom.key.CreateKey;
import io.strongroom.key.Key;
import io.strongroom.key.KeyAlias;
import io.strongroom.key.KeyPage;
import io.strongroom.key.KeyService;
import io.strongroom.key.KeyTag;
import io.strongroom.key.KeyTags;
import io.strongroom.key.KeyVersion;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.List;

/** Routes for the keys of an instance (create, list, describe, enable, disable, rotate, versions, public key, deletion, tags) and aliases. */
final class KeyRoutes {
    private static final String V1 = "/api/v1";

    private KeyRoutes() {
    }

    static List<Route> routes(KeyService keys) {
        return List.of(
                new Route("POST", V1 + "/instances/{InstanceId}/keys", "CreateKey", true, request -> {
                    CreateKeyRequest body = request.body(CreateKeyRequest.class);
                    return ApiResponse.status(201, view(keys.createKey(request.path("InstanceId"), new CreateKey(body.keySpec(),
                            body.keyUsage(), body.protectionLevel(), body.aesModes(), body.description(), body.rotationInterval(),
                            tags(body.tags())))));
                }),
                new Route("GET", V1 + "/instances/{InstanceId}/keys", "ListKeys", true, request -> {
                    KeyPage page = keys.listKeys(request.path("InstanceId"), number(request, "PageNumber"), number(request, "PageSize"),
                            request.query("TagKey").orElse(null), request.query().get("TagValue")); // raw: TagValue= asks for the empty value
                    return ApiResponse.ok(new KeyList(page.keys().stream().map(KeyRoutes::view).toList(), page.pageNumber(),
                            page.pageSize(), page.totalCount()));
                }),
                new Route("GET", V1 + "/keys/{KeyId}", "DescribeKey", true,
                        request -> ApiResponse.ok(view(keys.describeKey(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/enable", "EnableKey", true,
                        request -> ApiResponse.ok(view(keys.enableKey(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/disable", "DisableKey", true,
                        request -> ApiResponse.ok(view(keys.disableKey(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/rotate", "RotateKey", true,
                        request -> {
                            keys.rotateKey(request.path("KeyId"));
                            return ApiResponse.ok(view(keys.describeKey(request.path("KeyId"))));
                        }),
                new Route("GET", V1 + "/keys/{KeyId}/versions", "ListKeyVersions", true,
                        request -> ApiResponse.ok(new KeyVersionList(keys.listKeyVersions(request.path("KeyId")).stream()
                                .map(KeyRoutes::view).toList()))),
                new Route("GET", V1 + "/keys/{KeyId}/public-key", "GetPublicKey", true, request -> {
                    KeyVersion version = keys.publicKeyVersion(request.path("KeyId"));
                    return ApiResponse.ok(new PublicKeyView(version.keyId(), version.keyVersionId(), KeyService.publicKeyPem(version)));
                }),
                new Route("POST", V1 + "/keys/{KeyId}/rotation-policy", "UpdateRotationPolicy", true,
                        request -> ApiResponse.ok(view(keys.updateRotationPolicy(request.path("KeyId"),
                                request.body(RotationPolicyRequest.class).rotationInterval())))),
                new Route("POST", V1 + "/keys/{KeyId}/schedule-deletion", "ScheduleKeyDeletion", true,
                        request -> ApiResponse.ok(view(keys.scheduleKeyDeletion(request.path("KeyId"),
                                request.body(ScheduleKeyDeletionRequest.class).pendingWindowInDays())))),
                new Route("POST", V1 + "/keys/{KeyId}/cancel-deletion", "CancelKeyDeletion", true,
                        request -> ApiResponse.ok(view(keys.cancelKeyDeletion(request.path("KeyId"))))),
                new Route("POST", V1 + "/keys/{KeyId}/tags", "TagResource", true, request -> ApiResponse.ok(view(keys.tags()
                        .tagResource(request.path("KeyId"), tags(request.body(TagResourceRequest.class).tags()))))),
                new Route("POST", V1 + "/keys/{KeyId}/tags/remove", "UntagResource", true, request -> ApiResponse.ok(view(keys.tags()
                        .untagResource(request.path("KeyId"), request.body(UntagResourceRequest.class).tagKeys())))),
                new Route("GET", V1 + "/instances/{InstanceId}/aliases", "ListAliases", true,
                        request -> ApiResponse.ok(new AliasList(keys.aliases().listAliases(request.path("InstanceId")).stream()
                                .map(KeyRoutes::view).toList()))),
                new Route("POST", V1 + "/aliases", "CreateAlias", true, request -> {
                    AliasRequest body = request.body(AliasRequest.class);
                    return ApiResponse.status(201, view(keys.aliases().createAlias(body.aliasName(), body.keyId())));
                }),
                new Route("GET", V1 + "/aliases/{AliasName}", "DescribeAlias", true,
                        request -> ApiResponse.ok(view(keys.aliases().describeAlias(request.path("AliasName"))))),
                new Route("PUT", V1 + "/aliases/{AliasName}", "UpdateAlias", true, request -> ApiResponse.ok(view(keys.aliases()
                        .updateAlias(request.path("AliasName"), request.body(AliasRequest.class).keyId())))),
                new Route("DELETE", V1 + "/aliases/{AliasName}", "DeleteAlias", true, request -> {
                    keys.aliases().deleteAlias(request.path("AliasName"));
                    return ApiResponse.status(204, null);
                }));
    }

    static KeyVersionView view(KeyVersion version) {
        return new KeyVersionView(version.keyId(), version.keyVersionId(), version.creationDate().toString());
    }

    static AliasView view(KeyAlias alias) {
        return new AliasView(alias.aliasName(), alias.instanceId(), alias.keyId(), alias.creationDate().toString());
    }

    /** The tags of a request body, each checked; none when the body has no Tags. */
    private static List<KeyTag> tags(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        return tags.stream().map(tag -> {
            if (tag == null) {
                throw new StrongroomException(ErrorCode.INVALID_PARAMETER, "Tags must hold only {\"TagKey\": ..., \"TagValue\": ...}"
                        + " objects, not null");
            }
            return KeyTags.parse(tag.tagKey(), tag.tagValue());
        }).toList();
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
                key.modes().map(Enum::name).orElse(null), key.description(), key.keyState().name(), key.creationDate().toString(), key.primaryKeyVersion(),
                key.rotation().map(interval -> interval.toSeconds() + "s").orElse(null),
                key.nextRotation().map(Object::toString).orElse(null), key.deletion().map(Object::toString).orElse(null),
                key.tags().stream().map(tag -> new Tag(tag.tagKey(), tag.tagValue())).toList());
    }
}

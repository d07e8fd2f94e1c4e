package io.strongroom.face.dkms;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.strongroom.face.dkms.wire.GenerateRandomRequest;
import io.strongroom.face.dkms.wire.GenerateRandomResponse;
import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceService;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The actions of the protocol. This release serves {@code GenerateRandom} from the instance's
 * HSM cluster; the key actions answer {@code UnsupportedOperation} until keys exist, and
 * {@code GetSecretValue} until secrets do.
 */
final class DkmsActions {
    static final int MAX_RANDOM = 1024;
    private final InstanceService instances;

    DkmsActions(InstanceService instances) {
        this.instances = requireNonNull(instances, "instances");
    }

    /** The resource the call touches, for policies: none for actions without a key. */
    Optional<String> resource(SignedRequest request) {
        return Optional.empty();
    }

    Message execute(SignedRequest request, Instance instance, String requestId) throws InvalidProtocolBufferException {
        return switch (request.apiName()) {
            case "GenerateRandom" -> generateRandom(GenerateRandomRequest.parseFrom(request.body()), instance, requestId);
            case "GetSecretValue" -> throw new DkmsException(400, "UnsupportedOperation",
                    "This instance does not hold secrets: GetSecretValue is not supported.");
            default -> throw new DkmsException(400, "UnsupportedOperation",
                    request.apiName() + " is not supported by this release of the instance endpoint: keys are not available yet.");
        };
    }

    private Message generateRandom(GenerateRandomRequest request, Instance instance, String requestId) {
        int length = request.getLength();
        if (length < 1 || length > MAX_RANDOM) {
            throw new DkmsException(400, "InvalidParameter", "The Param Length must be from 1 to " + MAX_RANDOM + ".");
        }
        ClusterConnection connection = instances.connection(instance.instanceId()).orElseThrow(() -> new DkmsException(503,
                "ServiceUnavailableTemporary", "The instance is reconnecting to its HSM cluster; retry shortly."));
        try {
            byte[] random = connection.execute(session -> session.generateRandom(length));
            return GenerateRandomResponse.newBuilder().setRandom(ByteString.copyFrom(random)).setRequestId(requestId).build();
        } catch (HsmException e) {
            throw new DkmsException(503, "ServiceUnavailableTemporary", "No HSM of the instance's cluster answered; retry shortly.");
        }
    }
}

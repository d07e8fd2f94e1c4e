package io.strongroom.face.dkms;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.strongroom.face.dkms.wire.AdvanceDecryptRequest;
import io.strongroom.face.dkms.wire.AdvanceDecryptResponse;
import io.strongroom.face.dkms.wire.AdvanceEncryptRequest;
import io.strongroom.face.dkms.wire.AdvanceEncryptResponse;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyRequest;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyResponse;
import io.strongroom.face.dkms.wire.DecryptRequest;
import io.strongroom.face.dkms.wire.DecryptResponse;
import io.strongroom.face.dkms.wire.EncryptRequest;
import io.strongroom.face.dkms.wire.EncryptResponse;
import io.strongroom.face.dkms.wire.GenerateDataKeyRequest;
import io.strongroom.face.dkms.wire.GenerateDataKeyResponse;
import io.strongroom.face.dkms.wire.GenerateRandomRequest;
import io.strongroom.face.dkms.wire.GenerateRandomResponse;
import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.HsmException;
import io.strongroom.instance.Instance;
import io.strongroom.instance.InstanceService;
import io.strongroom.key.DataKey;
import io.strongroom.key.Encryption;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The actions of the protocol: {@code GenerateRandom}, and {@code Encrypt}, {@code Decrypt} (AES-GCM, -CBC or -ECB,
 * or RSA-OAEP with RSA keys), {@code GenerateDataKey} and their {@code Advance*} forms here; Sign, Verify, GetPublicKey, Hmac
 * and the data key pair calls in {@link DkmsKeyPairActions}. {@code GetSecretValue} answers
 * {@code UnsupportedOperation} until secrets exist.
 */
final class DkmsActions {
    static final int MAX_RANDOM = 1024;
    private final InstanceService instances;
    private final Encryption encryption;
    private final DkmsKeyPairActions keyPairActions;

    DkmsActions(InstanceService instances, Encryption encryption) {
        this.instances = requireNonNull(instances, "instances");
        this.encryption = requireNonNull(encryption, "encryption");
        this.keyPairActions = new DkmsKeyPairActions(encryption);
    }

    /** The resource the call touches, for policies ({@code key/<KeyId>}): none for actions without a key. */
    Optional<String> resource(SignedRequest request) {
        try {
            String keyId = switch (request.apiName()) {
                case "Encrypt" -> EncryptRequest.parseFrom(request.body()).getKeyId();
                case "Decrypt" -> DecryptRequest.parseFrom(request.body()).getKeyId();
                case "GenerateDataKey" -> GenerateDataKeyRequest.parseFrom(request.body()).getKeyId();
                case "AdvanceEncrypt" -> AdvanceEncryptRequest.parseFrom(request.body()).getKeyId();
                case "AdvanceGenerateDataKey" -> AdvanceGenerateDataKeyRequest.parseFrom(request.body()).getKeyId();
                case "AdvanceDecrypt" -> encryption.keyIdOfBlob(AdvanceDecryptRequest.parseFrom(request.body())
                        .getCiphertextBlob().toByteArray()).orElse("");
                default -> keyPairActions.keyId(request);
            };
            // Aliases only name keys: policies grant key/<KeyId>.
            return keyId.isEmpty() ? Optional.empty() : Optional.of("key/" + encryption.resolveKeyId(keyId));
        } catch (InvalidProtocolBufferException e) {
            throw new DkmsException(400, "InvalidParameter", "The request body is not a valid " + request.apiName() + " request.");
        }
    }

    Message execute(SignedRequest request, Instance instance, String requestId) throws InvalidProtocolBufferException {
        return switch (request.apiName()) {
            case "GenerateRandom" -> generateRandom(GenerateRandomRequest.parseFrom(request.body()), instance, requestId);
            case "Encrypt" -> encrypt(EncryptRequest.parseFrom(request.body()), instance, requestId);
            case "Decrypt" -> decrypt(DecryptRequest.parseFrom(request.body()), instance, requestId);
            case "GenerateDataKey" -> generateDataKey(GenerateDataKeyRequest.parseFrom(request.body()), instance, requestId);
            case "AdvanceEncrypt" -> advanceEncrypt(AdvanceEncryptRequest.parseFrom(request.body()), instance, requestId);
            case "AdvanceDecrypt" -> advanceDecrypt(AdvanceDecryptRequest.parseFrom(request.body()), instance, requestId);
            case "AdvanceGenerateDataKey" ->
                    advanceGenerateDataKey(AdvanceGenerateDataKeyRequest.parseFrom(request.body()), instance, requestId);
            case "GetSecretValue" -> throw new DkmsException(400, "UnsupportedOperation",
                    "This instance does not hold secrets: GetSecretValue is not supported.");
            default -> keyPairActions.execute(request, instance, requestId);
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

    private Message encrypt(EncryptRequest request, Instance instance, String requestId) {
        Encryption.Sealed sealed = retryable(() -> encryption.encrypt(instance.instanceId(), request.getKeyId(),
                parameters(request.getAlgorithm(), request.getPaddingMode(), request.getIv(), request.getAad()),
                bytes(request.getPlaintext())));
        return EncryptResponse.newBuilder().setKeyId(sealed.keyId()).setCiphertextBlob(ByteString.copyFrom(sealed.ciphertextBlob()))
                .setIv(ByteString.copyFrom(sealed.iv())).setAlgorithm(sealed.algorithm()).setPaddingMode(sealed.paddingMode())
                .setRequestId(requestId).build();
    }

    private Message decrypt(DecryptRequest request, Instance instance, String requestId) {
        Encryption.Opened opened = retryable(() -> encryption.decrypt(instance.instanceId(), request.getKeyId(),
                parameters(request.getAlgorithm(), request.getPaddingMode(), request.getIv(), request.getAad()),
                bytes(request.getCiphertextBlob())));
        return DecryptResponse.newBuilder().setKeyId(request.getKeyId()).setPlaintext(ByteString.copyFrom(opened.plaintext()))
                .setAlgorithm(opened.algorithm()).setPaddingMode(opened.paddingMode()).setRequestId(requestId).build();
    }

    private Message generateDataKey(GenerateDataKeyRequest request, Instance instance, String requestId) {
        DataKey dataKey = retryable(() -> encryption.generateDataKey(instance.instanceId(), request.getKeyId(), request.getAlgorithm(),
                request.getNumberOfBytes(), request.getAad().toByteArray()));
        try {
            return GenerateDataKeyResponse.newBuilder().setKeyId(dataKey.keyId()).setIv(ByteString.copyFrom(dataKey.iv()))
                    .setPlaintext(ByteString.copyFrom(dataKey.plaintext())).setCiphertextBlob(ByteString.copyFrom(dataKey.ciphertextBlob()))
                    .setAlgorithm("AES_GCM").setRequestId(requestId).build();
        } finally {
            dataKey.destroy();
        }
    }

    private Message advanceEncrypt(AdvanceEncryptRequest request, Instance instance, String requestId) {
        Encryption.Sealed sealed = retryable(() -> encryption.advanceEncrypt(instance.instanceId(), request.getKeyId(),
                parameters(request.getAlgorithm(), request.getPaddingMode(), request.getIv(), request.getAad()),
                bytes(request.getPlaintext())));
        return AdvanceEncryptResponse.newBuilder().setKeyId(sealed.keyId()).setKeyVersionId(sealed.keyVersionId())
                .setCiphertextBlob(ByteString.copyFrom(sealed.ciphertextBlob())).setIv(ByteString.copyFrom(sealed.iv()))
                .setAlgorithm(sealed.algorithm()).setPaddingMode(sealed.paddingMode()).setRequestId(requestId).build();
    }

    /** The blob carries its IV: a request's Iv is not needed. */
    private Message advanceDecrypt(AdvanceDecryptRequest request, Instance instance, String requestId) {
        Encryption.Opened opened = retryable(() -> encryption.advanceDecrypt(instance.instanceId(), request.getKeyId(),
                parameters(request.getAlgorithm(), request.getPaddingMode(), ByteString.EMPTY, request.getAad()),
                bytes(request.getCiphertextBlob())));
        return AdvanceDecryptResponse.newBuilder().setKeyId(opened.keyId()).setKeyVersionId(opened.keyVersionId())
                .setPlaintext(ByteString.copyFrom(opened.plaintext())).setAlgorithm(opened.algorithm())
                .setPaddingMode(opened.paddingMode()).setRequestId(requestId).build();
    }

    private Message advanceGenerateDataKey(AdvanceGenerateDataKeyRequest request, Instance instance, String requestId) {
        DataKey dataKey = retryable(() -> encryption.advanceGenerateDataKey(instance.instanceId(), request.getKeyId(),
                request.getNumberOfBytes(), request.getAad().toByteArray()));
        try {
            return AdvanceGenerateDataKeyResponse.newBuilder().setKeyId(dataKey.keyId()).setKeyVersionId(dataKey.keyVersionId())
                    .setIv(ByteString.copyFrom(dataKey.iv())).setPlaintext(ByteString.copyFrom(dataKey.plaintext()))
                    .setCiphertextBlob(ByteString.copyFrom(dataKey.ciphertextBlob())).setAlgorithm("AES_GCM")
                    .setRequestId(requestId).build();
        } finally {
            dataKey.destroy();
        }
    }

    private static Encryption.Parameters parameters(String algorithm, String paddingMode, ByteString iv, ByteString aad) {
        return new Encryption.Parameters(algorithm, paddingMode, iv.toByteArray(), aad.toByteArray());
    }

    private static byte[] bytes(ByteString value) {
        return value.toByteArray();
    }

    /** An HSM that is away is the protocol's retryable 503; every other refusal keeps its own code. */
    static <T> T retryable(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StrongroomException e) {
            if (e.code() == ErrorCode.HSM_UNAVAILABLE) {
                throw new DkmsException(503, "ServiceUnavailableTemporary", e.getMessage());
            }
            throw e;
        }
    }
}

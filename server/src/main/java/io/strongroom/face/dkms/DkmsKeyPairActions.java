package io.strongroom.face.dkms;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyPairRequest;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyPairResponse;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyPairWithoutPlaintextRequest;
import io.strongroom.face.dkms.wire.AdvanceGenerateDataKeyPairWithoutPlaintextResponse;
import io.strongroom.face.dkms.wire.GenerateDataKeyPairRequest;
import io.strongroom.face.dkms.wire.GenerateDataKeyPairResponse;
import io.strongroom.face.dkms.wire.GenerateDataKeyPairWithoutPlaintextRequest;
import io.strongroom.face.dkms.wire.GenerateDataKeyPairWithoutPlaintextResponse;
import io.strongroom.face.dkms.wire.GetPublicKeyRequest;
import io.strongroom.face.dkms.wire.GetPublicKeyResponse;
import io.strongroom.face.dkms.wire.HmacRequest;
import io.strongroom.face.dkms.wire.HmacResponse;
import io.strongroom.face.dkms.wire.SignRequest;
import io.strongroom.face.dkms.wire.SignResponse;
import io.strongroom.face.dkms.wire.VerifyRequest;
import io.strongroom.face.dkms.wire.VerifyResponse;
import io.strongroom.instance.Instance;
import io.strongroom.key.DataKey;
import io.strongroom.key.DataKeyPairs;
import io.strongroom.key.Encryption;
import io.strongroom.key.Signing;

import static io.strongroom.face.dkms.DkmsActions.retryable;

/** Sign, Verify, GetPublicKey, Hmac and the four data key pair actions: decode, call one method, encode. */
final class DkmsKeyPairActions {
    private final Encryption encryption;
    private final Signing signing;
    private final DataKeyPairs dataKeyPairs;

    DkmsKeyPairActions(Encryption encryption) {
        this.encryption = encryption;
        this.signing = encryption.signing();
        this.dataKeyPairs = encryption.dataKeyPairs();
    }

    /** The KeyId of a request of these actions, or empty for an action that is not one of them. */
    String keyId(SignedRequest request) throws InvalidProtocolBufferException {
        return switch (request.apiName()) {
            case "Sign" -> SignRequest.parseFrom(request.body()).getKeyId();
            case "Verify" -> VerifyRequest.parseFrom(request.body()).getKeyId();
            case "GetPublicKey" -> GetPublicKeyRequest.parseFrom(request.body()).getKeyId();
            case "Hmac" -> HmacRequest.parseFrom(request.body()).getKeyId();
            case "GenerateDataKeyPair" -> GenerateDataKeyPairRequest.parseFrom(request.body()).getKeyId();
            case "GenerateDataKeyPairWithoutPlaintext" -> GenerateDataKeyPairWithoutPlaintextRequest.parseFrom(request.body()).getKeyId();
            case "AdvanceGenerateDataKeyPair" -> AdvanceGenerateDataKeyPairRequest.parseFrom(request.body()).getKeyId();
            case "AdvanceGenerateDataKeyPairWithoutPlaintext" ->
                    AdvanceGenerateDataKeyPairWithoutPlaintextRequest.parseFrom(request.body()).getKeyId();
            default -> "";
        };
    }

    Message execute(SignedRequest request, Instance instance, String requestId) throws InvalidProtocolBufferException {
        String id = instance.instanceId();
        byte[] body = request.body();
        return switch (request.apiName()) {
            case "Sign" -> sign(SignRequest.parseFrom(body), id, requestId);
            case "Verify" -> verify(VerifyRequest.parseFrom(body), id, requestId);
            case "GetPublicKey" -> getPublicKey(GetPublicKeyRequest.parseFrom(body), id, requestId);
            case "Hmac" -> hmac(HmacRequest.parseFrom(body), id, requestId);
            case "GenerateDataKeyPair" -> generateDataKeyPair(GenerateDataKeyPairRequest.parseFrom(body), id, requestId);
            case "GenerateDataKeyPairWithoutPlaintext" ->
                    generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest.parseFrom(body), id, requestId);
            case "AdvanceGenerateDataKeyPair" ->
                    advanceGenerateDataKeyPair(AdvanceGenerateDataKeyPairRequest.parseFrom(body), id, requestId);
            case "AdvanceGenerateDataKeyPairWithoutPlaintext" -> advanceGenerateDataKeyPairWithoutPlaintext(
                    AdvanceGenerateDataKeyPairWithoutPlaintextRequest.parseFrom(body), id, requestId);
            default -> throw new DkmsException(400, "InvalidApiName", "The ApiName \"" + request.apiName() + "\" is invalid.");
        };
    }

    private Message sign(SignRequest in, String id, String requestId) {
        Signing.Signed signed = retryable(() -> signing.sign(id, in.getKeyId(), in.getAlgorithm(), in.getMessage().toByteArray(),
                in.getMessageType(), in.getDigest().toByteArray()));
        return SignResponse.newBuilder().setKeyId(signed.keyId()).setSignature(bytes(signed.signature()))
                .setAlgorithm(signed.algorithm().name()).setMessageType(messageType(in.getMessageType())).setRequestId(requestId).build();
    }

    private Message verify(VerifyRequest in, String id, String requestId) {
        boolean valid = retryable(() -> signing.verify(id, in.getKeyId(), in.getAlgorithm(), in.getMessage().toByteArray(),
                in.getMessageType(), in.getDigest().toByteArray(), in.getSignature().toByteArray()));
        return VerifyResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setValue(valid)
                .setAlgorithm(in.getAlgorithm()).setMessageType(messageType(in.getMessageType())).setRequestId(requestId).build();
    }

    private Message getPublicKey(GetPublicKeyRequest in, String id, String requestId) {
        String pem = retryable(() -> signing.publicKeyPem(id, in.getKeyId()));
        return GetPublicKeyResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setPublicKey(pem)
                .setRequestId(requestId).build();
    }

    private Message hmac(HmacRequest in, String id, String requestId) {
        byte[] mac = retryable(() -> signing.hmac(id, in.getKeyId(), in.getMessage().toByteArray()));
        return HmacResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setSignature(bytes(mac))
                .setRequestId(requestId).build();
    }

    private Message generateDataKeyPair(GenerateDataKeyPairRequest in, String id, String requestId) {
        DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), in.getAlgorithm(), in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(),
                false);
        DataKey key = pair.privateKey();
        try {
            return GenerateDataKeyPairResponse.newBuilder().setKeyId(key.keyId()).setIv(bytes(key.iv()))
                    .setKeyPairSpec(pair.keyPairSpec()).setPrivateKeyPlaintext(bytes(key.plaintext()))
                    .setPrivateKeyCiphertextBlob(bytes(key.ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                    .setAlgorithm("AES_GCM").setRequestId(requestId).build();
        } finally {
            key.destroy();
        }
    }

    private Message generateDataKeyPairWithoutPlaintext(GenerateDataKeyPairWithoutPlaintextRequest in, String id, String requestId) {
        DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), in.getAlgorithm(), in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(),
                false);
        DataKey key = pair.privateKey();
        key.destroy();
        return GenerateDataKeyPairWithoutPlaintextResponse.newBuilder().setKeyId(key.keyId()).setIv(bytes(key.iv()))
                .setKeyPairSpec(pair.keyPairSpec()).setPrivateKeyCiphertextBlob(bytes(key.ciphertextBlob()))
                .setPublicKey(bytes(pair.publicKey())).setAlgorithm("AES_GCM").setRequestId(requestId).build();
    }

    private Message advanceGenerateDataKeyPair(AdvanceGenerateDataKeyPairRequest in, String id, String requestId) {
        DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), "", in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(), true);
        DataKey key = pair.privateKey();
        try {
            return AdvanceGenerateDataKeyPairResponse.newBuilder().setKeyId(key.keyId()).setKeyVersionId(key.keyVersionId())
                    .setIv(bytes(key.iv())).setKeyPairSpec(pair.keyPairSpec()).setPrivateKeyPlaintext(bytes(key.plaintext()))
                    .setPrivateKeyCiphertextBlob(bytes(key.ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                    .setAlgorithm("AES_GCM").setRequestId(requestId).build();
        } finally {
            key.destroy();
        }
    }

    private Message advanceGenerateDataKeyPairWithoutPlaintext(AdvanceGenerateDataKeyPairWithoutPlaintextRequest in, String id,
                                                               String requestId) {
        DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), "", in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(), true);
        DataKey key = pair.privateKey();
        key.destroy();
        return AdvanceGenerateDataKeyPairWithoutPlaintextResponse.newBuilder().setKeyId(key.keyId())
                .setKeyVersionId(key.keyVersionId()).setIv(bytes(key.iv())).setKeyPairSpec(pair.keyPairSpec())
                .setPrivateKeyCiphertextBlob(bytes(key.ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                .setAlgorithm("AES_GCM").setRequestId(requestId).build();
    }

    private DataKeyPairs.DataKeyPair pair(String instanceId, String keyId, String algorithm, String spec, String format, ByteString aad,
                                          boolean advance) {
        return retryable(() -> dataKeyPairs.generate(instanceId, keyId, algorithm, spec, format, aad.toByteArray(), advance));
    }

    private static String messageType(String requested) {
        return requested.isEmpty() ? "RAW" : requested;
    }

    private static ByteString bytes(byte[] value) {
        return ByteString.copyFrom(value);
    }
}

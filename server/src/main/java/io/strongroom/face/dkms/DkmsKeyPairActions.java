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
            case "Sign" -> {
                SignRequest in = SignRequest.parseFrom(body);
                Signing.Signed signed = retryable(() -> signing.sign(id, in.getKeyId(), in.getAlgorithm(), in.getMessage().toByteArray(),
                        in.getMessageType(), in.getDigest().toByteArray()));
                yield SignResponse.newBuilder().setKeyId(signed.keyId()).setSignature(ByteString.copyFrom(signed.signature()))
                        .setAlgorithm(signed.algorithm().name()).setMessageType(messageType(in.getMessageType()))
                        .setRequestId(requestId).build();
            }
            case "Verify" -> {
                VerifyRequest in = VerifyRequest.parseFrom(body);
                boolean valid = retryable(() -> signing.verify(id, in.getKeyId(), in.getAlgorithm(), in.getMessage().toByteArray(),
                        in.getMessageType(), in.getDigest().toByteArray(), in.getSignature().toByteArray()));
                yield VerifyResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setValue(valid)
                        .setAlgorithm(in.getAlgorithm()).setMessageType(messageType(in.getMessageType())).setRequestId(requestId).build();
            }
            case "GetPublicKey" -> {
                GetPublicKeyRequest in = GetPublicKeyRequest.parseFrom(body);
                String pem = retryable(() -> signing.publicKeyPem(id, in.getKeyId()));
                yield GetPublicKeyResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setPublicKey(pem)
                        .setRequestId(requestId).build();
            }
            case "Hmac" -> {
                HmacRequest in = HmacRequest.parseFrom(body);
                byte[] mac = retryable(() -> signing.hmac(id, in.getKeyId(), in.getMessage().toByteArray()));
                yield HmacResponse.newBuilder().setKeyId(encryption.resolveKeyId(in.getKeyId())).setSignature(ByteString.copyFrom(mac))
                        .setRequestId(requestId).build();
            }
            case "GenerateDataKeyPair" -> {
                GenerateDataKeyPairRequest in = GenerateDataKeyPairRequest.parseFrom(body);
                DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), in.getAlgorithm(), in.getKeyPairSpec(), in.getKeyFormat(),
                        in.getAad(), false);
                try {
                    yield GenerateDataKeyPairResponse.newBuilder().setKeyId(pair.privateKey().keyId())
                            .setIv(bytes(pair.privateKey().iv())).setKeyPairSpec(pair.keyPairSpec())
                            .setPrivateKeyPlaintext(bytes(pair.privateKey().plaintext()))
                            .setPrivateKeyCiphertextBlob(bytes(pair.privateKey().ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                            .setAlgorithm("AES_GCM").setRequestId(requestId).build();
                } finally {
                    pair.privateKey().destroy();
                }
            }
            case "GenerateDataKeyPairWithoutPlaintext" -> {
                GenerateDataKeyPairWithoutPlaintextRequest in = GenerateDataKeyPairWithoutPlaintextRequest.parseFrom(body);
                DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), in.getAlgorithm(), in.getKeyPairSpec(), in.getKeyFormat(),
                        in.getAad(), false);
                pair.privateKey().destroy();
                yield GenerateDataKeyPairWithoutPlaintextResponse.newBuilder().setKeyId(pair.privateKey().keyId())
                        .setIv(bytes(pair.privateKey().iv())).setKeyPairSpec(pair.keyPairSpec())
                        .setPrivateKeyCiphertextBlob(bytes(pair.privateKey().ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                        .setAlgorithm("AES_GCM").setRequestId(requestId).build();
            }
            case "AdvanceGenerateDataKeyPair" -> {
                AdvanceGenerateDataKeyPairRequest in = AdvanceGenerateDataKeyPairRequest.parseFrom(body);
                DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), "", in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(), true);
                try {
                    yield AdvanceGenerateDataKeyPairResponse.newBuilder().setKeyId(pair.privateKey().keyId())
                            .setKeyVersionId(pair.privateKey().keyVersionId()).setIv(bytes(pair.privateKey().iv()))
                            .setKeyPairSpec(pair.keyPairSpec()).setPrivateKeyPlaintext(bytes(pair.privateKey().plaintext()))
                            .setPrivateKeyCiphertextBlob(bytes(pair.privateKey().ciphertextBlob())).setPublicKey(bytes(pair.publicKey()))
                            .setAlgorithm("AES_GCM").setRequestId(requestId).build();
                } finally {
                    pair.privateKey().destroy();
                }
            }
            case "AdvanceGenerateDataKeyPairWithoutPlaintext" -> {
                AdvanceGenerateDataKeyPairWithoutPlaintextRequest in = AdvanceGenerateDataKeyPairWithoutPlaintextRequest.parseFrom(body);
                DataKeyPairs.DataKeyPair pair = pair(id, in.getKeyId(), "", in.getKeyPairSpec(), in.getKeyFormat(), in.getAad(), true);
                pair.privateKey().destroy();
                yield AdvanceGenerateDataKeyPairWithoutPlaintextResponse.newBuilder().setKeyId(pair.privateKey().keyId())
                        .setKeyVersionId(pair.privateKey().keyVersionId()).setIv(bytes(pair.privateKey().iv()))
                        .setKeyPairSpec(pair.keyPairSpec()).setPrivateKeyCiphertextBlob(bytes(pair.privateKey().ciphertextBlob()))
                        .setPublicKey(bytes(pair.publicKey())).setAlgorithm("AES_GCM").setRequestId(requestId).build();
            }
            default -> throw new DkmsException(400, "InvalidApiName", "The ApiName \"" + request.apiName() + "\" is invalid.");
        };
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

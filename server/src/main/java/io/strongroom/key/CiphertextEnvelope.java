package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The self-describing ciphertext blob of {@code AdvanceEncrypt} and {@code AdvanceGenerateDataKey}.
 * A public contract: applications store these blobs for years, so the layout never changes for a
 * given format version; a new layout gets a new format version byte, and every version stays
 * readable.
 *
 * <p>Format 1, for AES_GCM (written for every GCM blob, so servers that know only format 1 read them):
 * <pre>
 * offset  size  field
 * 0       1     format version: 0x01
 * 1       1     L, the length of the key version id in bytes (1..255)
 * 2       L     key version id, UTF-8 (e.g. key-hzz...-&lt;uuid&gt;)
 * 2+L     1     algorithm: 0x01 = AES_GCM (AES-GCM, 16-byte tag)
 * 3+L     1     N, the IV length in bytes (12 for AES_GCM)
 * 4+L     N     IV
 * 4+L+N   rest  ciphertext followed by the 16-byte tag
 * </pre>
 *
 * <p>Format 2, for AES_CBC and AES_ECB (it adds the padding):
 * <pre>
 * offset  size  field
 * 0       1     format version: 0x02
 * 1       1     L, the length of the key version id in bytes (1..255)
 * 2       L     key version id, UTF-8
 * 2+L     1     algorithm: 0x02 = AES_CBC, 0x03 = AES_ECB
 * 3+L     1     padding: 0x00 = NO_PADDING, 0x01 = PKCS7_PADDING
 * 4+L     1     N, the IV length in bytes (16 for AES_CBC, 0 for AES_ECB)
 * 5+L     N     IV
 * 5+L+N   rest  ciphertext, whole 16-byte blocks
 * </pre>
 *
 * The header is not itself authenticated. For AES_GCM the tag is computed under the named version
 * with the caller's AAD only, so a header that names another version, algorithm or IV fails to
 * decrypt; AES_CBC and AES_ECB authenticate nothing, header or ciphertext.
 */
record CiphertextEnvelope(String keyVersionId, AesAlgorithm algorithm, byte[] iv, byte[] sealed) {
    static final byte FORMAT_V1 = 0x01;
    static final byte FORMAT_V2 = 0x02;
    private static final byte AES_GCM = 0x01;
    private static final byte AES_CBC = 0x02;
    private static final byte AES_ECB = 0x03;
    private static final int BLOCK_BYTES = 16;

    CiphertextEnvelope {
        requireNonNull(keyVersionId, "keyVersionId");
        requireNonNull(algorithm, "algorithm");
        iv = iv.clone();
        sealed = sealed.clone();
    }

    byte[] encode() {
        byte[] id = keyVersionId.getBytes(StandardCharsets.UTF_8);
        if (id.length < 1 || id.length > 255 || iv.length > 255) {
            throw new IllegalStateException("key version id or IV too long for the envelope");
        }
        boolean gcm = algorithm.mode() == AesAlgorithm.Mode.AES_GCM;
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 + id.length + iv.length + sealed.length);
        out.write(gcm ? FORMAT_V1 : FORMAT_V2);
        out.write(id.length);
        out.writeBytes(id);
        out.write(switch (algorithm.mode()) {
            case AES_GCM -> AES_GCM;
            case AES_CBC -> AES_CBC;
            case AES_ECB -> AES_ECB;
        });
        if (!gcm) {
            out.write(algorithm.pads() ? 1 : 0);
        }
        out.write(iv.length);
        out.writeBytes(iv);
        out.writeBytes(sealed);
        return out.toByteArray();
    }

    /** Parses a blob; anything that is not a well-formed envelope of a known format is refused like a failed decryption. */
    static CiphertextEnvelope decode(byte[] blob, String failure) {
        StrongroomException refused = new StrongroomException(ErrorCode.INVALID_PARAMETER, failure);
        if (blob.length < 4 || blob[0] != FORMAT_V1 && blob[0] != FORMAT_V2) {
            throw refused;
        }
        boolean v2 = blob[0] == FORMAT_V2;
        int idLength = blob[1] & 0xff;
        int at = 2 + idLength;
        int ivAt = at + (v2 ? 3 : 2);
        if (idLength == 0 || blob.length < ivAt) {
            throw refused;
        }
        AesAlgorithm algorithm = algorithmOf(v2, blob[at], v2 ? blob[at + 1] : 0).orElseThrow(() -> refused);
        int ivLength = blob[ivAt - 1] & 0xff;
        int body = ivAt + ivLength;
        int bodyLength = blob.length - body;
        boolean wholeBlocks = !v2 || bodyLength % BLOCK_BYTES == 0; // format 1 is GCM: ciphertext, then the tag
        if (ivLength != algorithm.ivBytes() || bodyLength < BLOCK_BYTES || !wholeBlocks) {
            throw refused;
        }
        return new CiphertextEnvelope(new String(blob, 2, idLength, StandardCharsets.UTF_8), algorithm,
                Arrays.copyOfRange(blob, ivAt, body), Arrays.copyOfRange(blob, body, blob.length));
    }

    private static Optional<AesAlgorithm> algorithmOf(boolean v2, byte algorithm, byte padding) {
        if (!v2) {
            return algorithm == AES_GCM ? Optional.of(AesAlgorithm.GCM) : Optional.empty();
        }
        if (algorithm != AES_CBC && algorithm != AES_ECB || padding != 0 && padding != 1) {
            return Optional.empty();
        }
        return Optional.of(new AesAlgorithm(algorithm == AES_CBC ? AesAlgorithm.Mode.AES_CBC : AesAlgorithm.Mode.AES_ECB,
                padding == 1 ? AesAlgorithm.Padding.PKCS7_PADDING : AesAlgorithm.Padding.NO_PADDING));
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }
}

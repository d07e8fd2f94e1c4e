package io.strongroom.key;

import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The self-describing ciphertext blob of {@code AdvanceEncrypt} and {@code AdvanceGenerateDataKey}.
 * A public contract: applications store these blobs for years, so the layout never changes for a
 * given format version; a new layout gets a new format version byte.
 *
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
 * The header is not itself authenticated: the AES-GCM tag is computed under the named version with
 * the caller's AAD only, so a header that names another version, algorithm or IV fails to decrypt.
 */
record CiphertextEnvelope(String keyVersionId, byte[] iv, byte[] sealed) {
    static final byte FORMAT_V1 = 0x01;
    static final byte AES_GCM = 0x01;
    private static final int TAG_BYTES = 16;

    CiphertextEnvelope {
        requireNonNull(keyVersionId, "keyVersionId");
        iv = iv.clone();
        sealed = sealed.clone();
    }

    byte[] encode() {
        byte[] id = keyVersionId.getBytes(StandardCharsets.UTF_8);
        if (id.length < 1 || id.length > 255 || iv.length > 255) {
            throw new IllegalStateException("key version id or IV too long for the envelope");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + id.length + iv.length + sealed.length);
        out.write(FORMAT_V1);
        out.write(id.length);
        out.writeBytes(id);
        out.write(AES_GCM);
        out.write(iv.length);
        out.writeBytes(iv);
        out.writeBytes(sealed);
        return out.toByteArray();
    }

    /** Parses a blob; anything that is not a well-formed version 1 envelope is refused like a failed decryption. */
    static CiphertextEnvelope decode(byte[] blob, String failure) {
        if (blob.length < 4 || blob[0] != FORMAT_V1) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, failure);
        }
        int idLength = blob[1] & 0xff;
        int at = 2 + idLength;
        if (idLength == 0 || blob.length < at + 2 || blob[at] != AES_GCM) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, failure);
        }
        int ivLength = blob[at + 1] & 0xff;
        int body = at + 2 + ivLength;
        if (ivLength != Encryption.IV_BYTES || blob.length < body + TAG_BYTES) {
            throw new StrongroomException(ErrorCode.INVALID_PARAMETER, failure);
        }
        return new CiphertextEnvelope(new String(blob, 2, idLength, StandardCharsets.UTF_8),
                Arrays.copyOfRange(blob, at + 2, body), Arrays.copyOfRange(blob, body, blob.length));
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

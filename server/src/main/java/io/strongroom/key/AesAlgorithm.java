package io.strongroom.key;

import io.strongroom.hsm.AesBlockMode;
import io.strongroom.platform.ErrorCode;
import io.strongroom.platform.StrongroomException;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AES of an Encrypt or Decrypt call, from the protocol's {@code Algorithm} and
 * {@code PaddingMode} fields, and the checks on the call's IV, AAD and sizes that follow from it.
 * Not secret.
 *
 * <p>{@code AES_GCM} (the default) authenticates the ciphertext, IV and AAD. {@code AES_CBC} and
 * {@code AES_ECB} authenticate nothing: a changed ciphertext decrypts to changed plaintext (or,
 * with padding, fails), and ECB shows which plaintext blocks are equal. They are here for
 * applications that already depend on them.
 */
record AesAlgorithm(Mode mode, Padding padding) {
    static final AesAlgorithm GCM = new AesAlgorithm(Mode.AES_GCM, Padding.NO_PADDING);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The protocol's {@code Algorithm} values for AES keys. */
    enum Mode {
        AES_GCM(12, null), AES_CBC(16, AesBlockMode.CBC), AES_ECB(0, AesBlockMode.ECB);

        private final int ivBytes;
        private final AesBlockMode blockMode;

        Mode(int ivBytes, AesBlockMode blockMode) {
            this.ivBytes = ivBytes;
            this.blockMode = blockMode;
        }
    }

    /** The protocol's {@code PaddingMode} values, for CBC and ECB. GCM is {@code NO_PADDING} and says none. */
    enum Padding {
        PKCS7_PADDING, NO_PADDING
    }

    AesAlgorithm {
        requireNonNull(mode, "mode");
        requireNonNull(padding, "padding");
        if (mode == Mode.AES_GCM && padding != Padding.NO_PADDING) {
            throw new IllegalArgumentException("AES-GCM does not pad");
        }
    }

    /** Parses the call's fields: empty means the default (AES_GCM; PKCS7_PADDING for CBC and ECB). */
    static AesAlgorithm of(String algorithm, String paddingMode) {
        Mode mode = algorithm.isEmpty() ? Mode.AES_GCM : Arrays.stream(Mode.values())
                .filter(m -> m.name().equals(algorithm)).findFirst()
                .orElseThrow(() -> invalid("The Param Algorithm " + algorithm
                        + " is not supported for this key: use AES_GCM (the default), AES_CBC or AES_ECB."));
        if (mode == Mode.AES_GCM) {
            if (!paddingMode.isEmpty()) {
                throw invalid("The Param PaddingMode is for AES_CBC and AES_ECB only: AES_GCM does not pad.");
            }
            return GCM;
        }
        Padding padding = paddingMode.isEmpty() ? Padding.PKCS7_PADDING : Arrays.stream(Padding.values())
                .filter(p -> p.name().equals(paddingMode)).findFirst()
                .orElseThrow(() -> invalid("The Param PaddingMode " + paddingMode
                        + " is invalid: use PKCS7_PADDING (the default) or NO_PADDING."));
        return new AesAlgorithm(mode, padding);
    }

    String algorithmName() {
        return mode.name();
    }

    /** The PaddingMode a response names: empty for GCM. */
    String paddingMode() {
        return mode == Mode.AES_GCM ? "" : padding.name();
    }

    /** The block mode for CBC and ECB; empty for GCM. */
    Optional<AesBlockMode> blockMode() {
        return Optional.ofNullable(mode.blockMode);
    }

    int ivBytes() {
        return mode.ivBytes;
    }

    boolean pads() {
        return padding == Padding.PKCS7_PADDING;
    }

    /** The IV to encrypt with: the caller's, checked, or a random one when absent; always empty for ECB. */
    byte[] ivToEncrypt(byte[] iv) {
        if (iv.length == 0 && mode.ivBytes > 0) {
            byte[] random = new byte[mode.ivBytes];
            RANDOM.nextBytes(random);
            return random;
        }
        requireIvLength(iv);
        return iv;
    }

    void requireIvToDecrypt(byte[] iv) {
        if (iv.length == 0 && mode.ivBytes > 0) {
            throw new StrongroomException(ErrorCode.MISSING_PARAMETER, "Parameter Iv does not exist in http header or body.");
        }
        requireIvLength(iv);
    }

    private void requireIvLength(byte[] iv) {
        if (mode == Mode.AES_ECB && iv.length > 0) {
            throw invalid("The Param Iv is not used with AES_ECB: leave it empty.");
        }
        if (iv.length != mode.ivBytes) {
            throw invalid("The Param Iv must be " + mode.ivBytes + " bytes for " + mode + ".");
        }
    }

    void requireNoAadUnlessGcm(byte[] aad) {
        if (mode != Mode.AES_GCM && aad.length > 0) {
            throw invalid("The Param Aad is for AES_GCM only: " + mode + " authenticates nothing.");
        }
    }

    /** 1 to {@link Encryption#MAX_PLAINTEXT} bytes; with NO_PADDING, whole 16-byte blocks. */
    void requirePlaintext(byte[] plaintext) {
        if (plaintext.length == 0 || plaintext.length > Encryption.MAX_PLAINTEXT) {
            throw invalid("The Param Plaintext must be from 1 to " + Encryption.MAX_PLAINTEXT
                    + " bytes (6 KiB); encrypt larger data locally with a data key (GenerateDataKey).");
        }
        if (mode != Mode.AES_GCM && !pads() && plaintext.length % AesBlockMode.BLOCK_BYTES != 0) {
            throw invalid("The Param Plaintext must be whole 16-byte blocks with NO_PADDING (it is " + plaintext.length
                    + " bytes): use PKCS7_PADDING, or pad it yourself.");
        }
    }

    /**
     * Whether a ciphertext of {@code length} bytes could have come from an allowed plaintext: GCM
     * adds a 16-byte tag, CBC and ECB give whole blocks. Lengths are public, so the rest may be
     * refused before any key is used.
     */
    boolean fitsCiphertext(int length) {
        int partial = mode == Mode.AES_GCM ? 0 : length % AesBlockMode.BLOCK_BYTES;
        return length >= 16 && length <= Encryption.MAX_PLAINTEXT + 16 && partial == 0;
    }

    private static StrongroomException invalid(String message) {
        return new StrongroomException(ErrorCode.INVALID_PARAMETER, message);
    }
}

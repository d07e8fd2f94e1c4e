package io.strongroom.hsm.cryptoki;

import java.util.Map;

/** PKCS#11 v2.40 constants Strongroom uses (values from the standard's pkcs11t.h). */
final class Ck {
    private Ck() {
    }

    static final long CKR_OK = 0x0;
    static final long CKR_GENERAL_ERROR = 0x5;
    static final long CKR_DEVICE_ERROR = 0x30;
    static final long CKR_DEVICE_REMOVED = 0x32;
    static final long CKR_KEY_HANDLE_INVALID = 0x60;
    static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
    static final long CKR_PIN_INCORRECT = 0xA0;
    static final long CKR_PIN_LOCKED = 0xA4;
    static final long CKR_SESSION_CLOSED = 0xB0;
    static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
    static final long CKR_TOKEN_NOT_PRESENT = 0xE0;
    static final long CKR_TOKEN_NOT_RECOGNIZED = 0xE1;
    static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    static final long CKR_BUFFER_TOO_SMALL = 0x150;
    static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
    static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    static final long CKR_MECHANISM_INVALID = 0x70;
    static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
    static final long CKR_SLOT_ID_INVALID = 0x3;
    static final long CKR_ARGUMENTS_BAD = 0x7;
    static final long CKR_SIGNATURE_INVALID = 0xC0;
    static final long CKR_CURVE_NOT_SUPPORTED = 0x140;
    static final long CKR_SIGNATURE_LEN_RANGE = 0xC1;
    static final long CKR_USER_NOT_LOGGED_IN = 0x101;
    static final long CKR_UNWRAPPING_KEY_HANDLE_INVALID = 0xF0;
    static final long CKR_WRAPPING_KEY_HANDLE_INVALID = 0x113;

    static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0x0L, "CKR_OK"), Map.entry(0x1L, "CKR_CANCEL"), Map.entry(0x2L, "CKR_HOST_MEMORY"),
            Map.entry(0x3L, "CKR_SLOT_ID_INVALID"), Map.entry(0x5L, "CKR_GENERAL_ERROR"), Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
            Map.entry(0x7L, "CKR_ARGUMENTS_BAD"), Map.entry(0x8L, "CKR_NO_EVENT"),
            Map.entry(0x9L, "CKR_NEED_TO_CREATE_THREADS"), Map.entry(0xAL, "CKR_CANT_LOCK"), Map.entry(0x10L, "CKR_ATTRIBUTE_READ_ONLY"), Map.entry(0x11L, "CKR_ATTRIBUTE_SENSITIVE"),
            Map.entry(0x12L, "CKR_ATTRIBUTE_TYPE_INVALID"), Map.entry(0x13L, "CKR_ATTRIBUTE_VALUE_INVALID"),
            Map.entry(0x1BL, "CKR_ACTION_PROHIBITED"),
            Map.entry(0x20L, "CKR_DATA_INVALID"), Map.entry(0x21L, "CKR_DATA_LEN_RANGE"), Map.entry(0x30L, "CKR_DEVICE_ERROR"),
            Map.entry(0x31L, "CKR_DEVICE_MEMORY"), Map.entry(0x32L, "CKR_DEVICE_REMOVED"), Map.entry(0x40L, "CKR_ENCRYPTED_DATA_INVALID"),
            Map.entry(0x41L, "CKR_ENCRYPTED_DATA_LEN_RANGE"), Map.entry(0x54L, "CKR_FUNCTION_NOT_SUPPORTED"),
            Map.entry(0x60L, "CKR_KEY_HANDLE_INVALID"), Map.entry(0x62L, "CKR_KEY_SIZE_RANGE"), Map.entry(0x63L, "CKR_KEY_TYPE_INCONSISTENT"),
            Map.entry(0x68L, "CKR_KEY_FUNCTION_NOT_PERMITTED"), Map.entry(0x69L, "CKR_KEY_NOT_WRAPPABLE"),
            Map.entry(0x6AL, "CKR_KEY_UNEXTRACTABLE"), Map.entry(0x70L, "CKR_MECHANISM_INVALID"),
            Map.entry(0x71L, "CKR_MECHANISM_PARAM_INVALID"), Map.entry(0x82L, "CKR_OBJECT_HANDLE_INVALID"),
            Map.entry(0x90L, "CKR_OPERATION_ACTIVE"), Map.entry(0x91L, "CKR_OPERATION_NOT_INITIALIZED"),
            Map.entry(0xA0L, "CKR_PIN_INCORRECT"), Map.entry(0xA1L, "CKR_PIN_INVALID"), Map.entry(0xA2L, "CKR_PIN_LEN_RANGE"),
            Map.entry(0xA4L, "CKR_PIN_LOCKED"), Map.entry(0xB0L, "CKR_SESSION_CLOSED"), Map.entry(0xB1L, "CKR_SESSION_COUNT"),
            Map.entry(0xB3L, "CKR_SESSION_HANDLE_INVALID"), Map.entry(0xB5L, "CKR_SESSION_READ_ONLY"),
            Map.entry(0xC0L, "CKR_SIGNATURE_INVALID"), Map.entry(0xC1L, "CKR_SIGNATURE_LEN_RANGE"),
            Map.entry(0xD0L, "CKR_TEMPLATE_INCOMPLETE"), Map.entry(0xD1L, "CKR_TEMPLATE_INCONSISTENT"),
            Map.entry(0xE0L, "CKR_TOKEN_NOT_PRESENT"), Map.entry(0xE1L, "CKR_TOKEN_NOT_RECOGNIZED"),
            Map.entry(0xE2L, "CKR_TOKEN_WRITE_PROTECTED"), Map.entry(0xF0L, "CKR_UNWRAPPING_KEY_HANDLE_INVALID"),
            Map.entry(0x100L, "CKR_USER_ALREADY_LOGGED_IN"), Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
            Map.entry(0x102L, "CKR_USER_PIN_NOT_INITIALIZED"), Map.entry(0x103L, "CKR_USER_TYPE_INVALID"),
            Map.entry(0x104L, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN"), Map.entry(0x105L, "CKR_USER_TOO_MANY_TYPES"),
            Map.entry(0x110L, "CKR_WRAPPED_KEY_INVALID"), Map.entry(0x112L, "CKR_WRAPPED_KEY_LEN_RANGE"),
            Map.entry(0x113L, "CKR_WRAPPING_KEY_HANDLE_INVALID"), Map.entry(0x115L, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT"),
            Map.entry(0x120L, "CKR_RANDOM_SEED_NOT_SUPPORTED"), Map.entry(0x121L, "CKR_RANDOM_NO_RNG"),
            Map.entry(0x130L, "CKR_DOMAIN_PARAMS_INVALID"), Map.entry(0x140L, "CKR_CURVE_NOT_SUPPORTED"),
            Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"), Map.entry(0x160L, "CKR_SAVED_STATE_INVALID"),
            Map.entry(0x170L, "CKR_INFORMATION_SENSITIVE"), Map.entry(0x180L, "CKR_STATE_UNSAVEABLE"), Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"),
            Map.entry(0x191L, "CKR_CRYPTOKI_ALREADY_INITIALIZED"), Map.entry(0x1B0L, "CKR_FUNCTION_REJECTED"));

    static String name(long rv) {
        return NAMES.getOrDefault(rv, "CKR_0x" + Long.toHexString(rv));
    }

    // flags
    static final long CKF_OS_LOCKING_OK = 0x2;
    static final long CKF_RW_SESSION = 0x2;
    static final long CKF_SERIAL_SESSION = 0x4;
    static final long CKF_TOKEN_PRESENT = 0x1;
    static final long CKF_USER_PIN_INITIALIZED = 0x8;
    static final long CKF_TOKEN_INITIALIZED = 0x400;
    static final long CKF_USER_PIN_FINAL_TRY = 0x20000;
    static final long CKF_USER_PIN_LOCKED = 0x40000;

    static final long CKU_SO = 0;
    static final long CKU_USER = 1;

    // attributes
    static final long CKA_CLASS = 0x0;
    static final long CKA_TOKEN = 0x1;
    static final long CKA_PRIVATE = 0x2;
    static final long CKA_LABEL = 0x3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_ID = 0x102;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_SENSITIVE = 0x103;
    static final long CKA_ENCRYPT = 0x104;
    static final long CKA_DECRYPT = 0x105;
    static final long CKA_WRAP = 0x106;
    static final long CKA_UNWRAP = 0x107;
    static final long CKA_SIGN = 0x108;
    static final long CKA_VERIFY = 0x10A;
    static final long CKA_DERIVE = 0x10C;
    static final long CKA_MODULUS = 0x120;
    static final long CKA_MODULUS_BITS = 0x121;
    static final long CKA_PUBLIC_EXPONENT = 0x122;
    static final long CKA_VALUE_LEN = 0x161;
    static final long CKA_EC_PARAMS = 0x180;
    static final long CKA_EC_POINT = 0x181;
    static final long CKA_EXTRACTABLE = 0x162;
    static final long CKA_NEVER_EXTRACTABLE = 0x164;
    static final long CKA_ALWAYS_SENSITIVE = 0x165;

    static final long CKO_PUBLIC_KEY = 2;
    static final long CKO_PRIVATE_KEY = 3;
    static final long CKO_SECRET_KEY = 4;
    static final long CKK_RSA = 0x0;
    static final long CKK_EC = 0x3;
    static final long CKK_GENERIC_SECRET = 0x10;
    static final long CKK_AES = 0x1F;

    // mechanisms
    static final long CKM_RSA_PKCS_KEY_PAIR_GEN = 0x0;
    static final long CKM_RSA_PKCS = 0x1;
    static final long CKM_RSA_X_509 = 0x3;
    static final long CKM_RSA_PKCS_OAEP = 0x9;
    static final long CKM_RSA_PKCS_PSS = 0xD;
    static final long CKM_SHA256_RSA_PKCS = 0x40;
    static final long CKM_SHA256_RSA_PKCS_PSS = 0x43;
    static final long CKM_SHA_1 = 0x220;
    static final long CKM_SHA256 = 0x250;
    static final long CKM_SHA256_HMAC = 0x251;
    static final long CKM_SHA224_HMAC = 0x256;
    static final long CKM_SHA384 = 0x260;
    static final long CKM_SHA384_HMAC = 0x261;
    static final long CKM_SHA512 = 0x270;
    static final long CKM_SHA512_HMAC = 0x271;
    static final long CKM_GENERIC_SECRET_KEY_GEN = 0x350;
    static final long CKM_EC_KEY_PAIR_GEN = 0x1040;
    static final long CKM_ECDSA = 0x1041;
    static final long CKM_AES_KEY_GEN = 0x1080;
    static final long CKM_AES_ECB = 0x1081;
    static final long CKM_AES_CBC = 0x1082;
    static final long CKM_AES_GCM = 0x1087;
    static final long CKM_AES_KEY_WRAP = 0x2109;
    static final long CKM_AES_KEY_WRAP_PAD = 0x210A;
    static final long CKG_MGF1_SHA1 = 0x1;
    static final long CKG_MGF1_SHA256 = 0x2;
    static final long CKG_MGF1_SHA384 = 0x3;
    static final long CKG_MGF1_SHA512 = 0x4;
    static final long CKZ_DATA_SPECIFIED = 0x1;
}

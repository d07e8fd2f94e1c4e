/*
 * A hand-written PKCS#11 module with one token, "locked-token", whose flags say the user PIN is
 * locked. C_Login counts its calls in stub_login_calls (read by the test through the FFM API)
 * and answers CKR_PIN_LOCKED, so a test can prove that Strongroom never sends the login.
 * Every other entry point Strongroom binds exists and answers CKR_FUNCTION_NOT_SUPPORTED.
 */
#include <string.h>

typedef unsigned long CK_RV;
#define CKR_OK 0UL
#define CKR_FUNCTION_NOT_SUPPORTED 0x54UL
#define CKR_PIN_LOCKED 0xA4UL
#define CKR_BUFFER_TOO_SMALL 0x150UL
#define CKF_USER_PIN_INITIALIZED 0x8UL
#define CKF_TOKEN_INITIALIZED 0x400UL
#define CKF_USER_PIN_LOCKED 0x40000UL

long stub_login_calls = 0;

CK_RV C_Initialize(void *args) { (void) args; return CKR_OK; }
CK_RV C_Finalize(void *reserved) { (void) reserved; return CKR_OK; }

CK_RV C_GetSlotList(unsigned char present, unsigned long *slots, unsigned long *count) {
    (void) present;
    if (slots != 0) {
        if (*count < 1) {
            *count = 1;
            return CKR_BUFFER_TOO_SMALL;
        }
        slots[0] = 7;
    }
    *count = 1;
    return CKR_OK;
}

/* CK_TOKEN_INFO on LP64: label[32], manufacturerID[32], model[16], serialNumber[16], then flags. */
CK_RV C_GetTokenInfo(unsigned long slot, unsigned char *info) {
    (void) slot;
    unsigned long flags = CKF_TOKEN_INITIALIZED | CKF_USER_PIN_INITIALIZED | CKF_USER_PIN_LOCKED;
    memset(info, 0, 208);
    memset(info, ' ', 96);
    memcpy(info, "locked-token", 12);
    memcpy(info + 96, &flags, sizeof flags);
    return CKR_OK;
}

CK_RV C_OpenSession(unsigned long slot, unsigned long flags, void *app, void *notify, unsigned long *session) {
    (void) slot; (void) flags; (void) app; (void) notify;
    *session = 1;
    return CKR_OK;
}

CK_RV C_CloseSession(unsigned long session) { (void) session; return CKR_OK; }

CK_RV C_Login(unsigned long session, unsigned long user, void *pin, unsigned long length) {
    (void) session; (void) user; (void) pin; (void) length;
    stub_login_calls++;
    return CKR_PIN_LOCKED;
}

#define UNSUPPORTED(name) CK_RV name() { return CKR_FUNCTION_NOT_SUPPORTED; }
UNSUPPORTED(C_GetSlotInfo)
UNSUPPORTED(C_InitToken)
UNSUPPORTED(C_InitPIN)
UNSUPPORTED(C_Logout)
UNSUPPORTED(C_FindObjectsInit)
UNSUPPORTED(C_FindObjects)
UNSUPPORTED(C_FindObjectsFinal)
UNSUPPORTED(C_GenerateKey)
UNSUPPORTED(C_GenerateKeyPair)
UNSUPPORTED(C_CreateObject)
UNSUPPORTED(C_CopyObject)
UNSUPPORTED(C_DestroyObject)
UNSUPPORTED(C_GetAttributeValue)
UNSUPPORTED(C_SetAttributeValue)
UNSUPPORTED(C_WrapKey)
UNSUPPORTED(C_UnwrapKey)
UNSUPPORTED(C_GenerateRandom)
UNSUPPORTED(C_GetMechanismList)
UNSUPPORTED(C_EncryptInit)
UNSUPPORTED(C_Encrypt)
UNSUPPORTED(C_DecryptInit)
UNSUPPORTED(C_Decrypt)
UNSUPPORTED(C_SignInit)
UNSUPPORTED(C_Sign)
UNSUPPORTED(C_VerifyInit)
UNSUPPORTED(C_Verify)

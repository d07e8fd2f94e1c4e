/*
 * A hand-written stand-in for an HSM that hangs: SoftHSM2 cannot be made to stop answering, so
 * the timeout test loads this instead. It initialises, then never returns from C_GetSlotList.
 * Every other entry point Strongroom binds exists and answers CKR_FUNCTION_NOT_SUPPORTED.
 */
#include <unistd.h>

typedef unsigned long CK_RV;
#define CKR_OK 0UL
#define CKR_FUNCTION_NOT_SUPPORTED 0x54UL

CK_RV C_Initialize(void *args) { (void) args; return CKR_OK; }
CK_RV C_Finalize(void *reserved) { (void) reserved; return CKR_OK; }
CK_RV C_GetSlotList(unsigned char present, void *slots, void *count) {
    (void) present; (void) slots; (void) count;
    for (;;) {
        sleep(3600);
    }
}
#define UNSUPPORTED(name) CK_RV name() { return CKR_FUNCTION_NOT_SUPPORTED; }
UNSUPPORTED(C_GetSlotInfo)
UNSUPPORTED(C_GetTokenInfo)
UNSUPPORTED(C_InitToken)
UNSUPPORTED(C_InitPIN)
UNSUPPORTED(C_OpenSession)
UNSUPPORTED(C_CloseSession)
UNSUPPORTED(C_Login)
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

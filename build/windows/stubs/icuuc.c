/* icuuc.dll for Wine 8, which has none: Qt6Core links these ICU converter functions (for text
 * codecs beyond UTF-8/16/32 and Latin-1, which Qt does itself). This stub reports "no such
 * converter", so Qt treats those codecs as unavailable. Test prefixes only: never bundled. */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef uint16_t UChar;
typedef void UConverter;
typedef void (*Callback)(void);
enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err, UErrorCode code) {
    if (err && *err <= U_ZERO_ERROR) *err = code;
}

UConverter *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err, U_FILE_ACCESS_ERROR); return NULL; }
void ucnv_close(UConverter *c) { (void)c; }
void ucnv_reset(UConverter *c) { (void)c; }
int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
const char *ucnv_getName(const UConverter *c, UErrorCode *err) { (void)c; fail(err, U_UNSUPPORTED_ERROR); return NULL; }
int32_t ucnv_countAvailable(void) { return 0; }
const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) {
    (void)name; (void)standard; fail(err, U_UNSUPPORTED_ERROR); return NULL;
}
void ucnv_getToUCallBack(const UConverter *c, Callback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
void ucnv_getFromUCallBack(const UConverter *c, Callback *action, const void **context) {
    (void)c; if (action) *action = NULL; if (context) *context = NULL;
}
void ucnv_setToUCallBack(UConverter *c, Callback action, const void *context, Callback *old_action,
                         const void **old_context, UErrorCode *err) {
    (void)c; (void)action; (void)context;
    if (old_action) *old_action = NULL;
    if (old_context) *old_context = NULL;
    fail(err, U_UNSUPPORTED_ERROR);
}
void ucnv_setFromUCallBack(UConverter *c, Callback action, const void *context, Callback *old_action,
                           const void **old_context, UErrorCode *err) {
    ucnv_setToUCallBack(c, action, context, old_action, old_context, err);
}
void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *target_limit, const char **source,
                    const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err) {
    (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}
void ucnv_fromUnicode(UConverter *c, char **target, const char *target_limit, const UChar **source,
                      const UChar *source_limit, int32_t *offsets, int8_t flush, UErrorCode *err) {
    (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}
int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *err) { (void)c; (void)err; return 0; }
int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *err) { (void)c; (void)err; return 0; }
void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset_index, UErrorCode *err) {
    (void)args; (void)source; (void)length; (void)offset_index; fail(err, U_UNSUPPORTED_ERROR);
}
void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *source_limit, int32_t offset_index,
                             UErrorCode *err) {
    (void)args; (void)source; (void)source_limit; (void)offset_index; fail(err, U_UNSUPPORTED_ERROR);
}
void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units, int32_t length,
                                     int32_t code_point, int reason, UErrorCode *err) {
    (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason; (void)err;
}
void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int32_t length,
                                   int reason, UErrorCode *err) {
    (void)context; (void)args; (void)units; (void)length; (void)reason; (void)err;
}

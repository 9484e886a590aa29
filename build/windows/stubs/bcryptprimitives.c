/* bcryptprimitives.dll for Wine 8, which has none: Rust's standard library (nh3, at build time)
 * gets its random numbers from ProcessPrng. Forwarded to RtlGenRandom (advapi32's
 * SystemFunction036). Test prefixes only: never bundled. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

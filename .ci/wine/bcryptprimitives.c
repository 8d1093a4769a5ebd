/* Stand-in for bcryptprimitives.dll!ProcessPrng, which Go >= 1.24 needs and
   Debian 12's Wine 8 lacks: forwards to RtlGenRandom. For running the
   Windows build under Wine in .ci/windows only; never shipped. */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData) {
  return RtlGenRandom(pbData, (ULONG)cbData);
}

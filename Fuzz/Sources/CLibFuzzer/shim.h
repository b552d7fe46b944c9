// libFuzzer's driver for programs that keep their own main (compiler-rt's FuzzerInterface.h).
// Linked from libclang_rt.fuzzer_no_main by Fuzz/run.sh.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

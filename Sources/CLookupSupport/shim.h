#ifndef CLOOKUPSUPPORT_SHIM_H
#define CLOOKUPSUPPORT_SHIM_H
/*
 * C helpers for the suppression lookup's hot path.
 *
 * XXH3 comes from Debian's libxxhash-dev. XXH_INLINE_ALL compiles it into the caller: the
 * fingerprint of a 20-40 byte address then costs a few nanoseconds with no call through the PLT.
 * Swift cannot call the renamed inline symbols that mode creates, hence the wrapper.
 */
#include <stddef.h>
#include <stdint.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline uint64_t optout_xxh3_64(const void *bytes, size_t count, uint64_t seed) {
    return XXH3_64bits_withSeed(bytes, count, seed);
}

/*
 * Starts loading the cache line holding `address` without waiting for it. Swift has no
 * prefetch intrinsic, and an ordinary load would stall the reorder buffer behind a DRAM miss
 * instead of letting the hashing that follows run while the line is on its way.
 */
static inline void optout_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}
#endif

// One-shot SHA-256 and MD5 from the system's libcrypto (Debian's OpenSSL), for the suppression
// index's hashed-list fingerprints: no allocation per digest, and the CPU's SHA extensions.
// MD5 is deprecated in OpenSSL 3 as a cipher primitive; here it only matches lists that are
// published as MD5 of addresses, so the warning is silenced at this one call.
#ifndef OPTOUT_LIBCRYPTO_SHIM_H
#define OPTOUT_LIBCRYPTO_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

static inline void optout_sha256(const uint8_t *bytes, size_t count, uint8_t *digest) {
    SHA256(bytes, count, digest);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void optout_md5(const uint8_t *bytes, size_t count, uint8_t *digest) {
    MD5(bytes, count, digest);
}
#pragma GCC diagnostic pop

#endif

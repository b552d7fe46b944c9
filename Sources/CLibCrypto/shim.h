// SHA-256 and MD5 of a short buffer from the system's libcrypto (Debian's OpenSSL), for the
// suppression index's hashed-list fingerprints: no allocation per digest.
//
// Through the low-level context functions, which OpenSSL 3 marks deprecated: its one-shot
// SHA256() goes through EVP and fetches the algorithm on every call, 3.8 times slower on a short
// address here (1.1 us against 0.29 us), while these run at the speed of swift-crypto's vendored
// BoringSSL (about 160 ns for both, measured side by side in one process). MD5 only matches lists
// published as MD5 of addresses. The deprecation warnings are silenced at these calls only.
#ifndef OPTOUT_LIBCRYPTO_SHIM_H
#define OPTOUT_LIBCRYPTO_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static inline void optout_sha256(const uint8_t *bytes, size_t count, uint8_t *digest) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, bytes, count);
    SHA256_Final(digest, &context);
}

static inline void optout_md5(const uint8_t *bytes, size_t count, uint8_t *digest) {
    MD5_CTX context;
    MD5_Init(&context);
    MD5_Update(&context, bytes, count);
    MD5_Final(digest, &context);
}

#pragma GCC diagnostic pop

#endif

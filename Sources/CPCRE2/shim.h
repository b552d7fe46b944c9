#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H
// PCRE2 needs its code-unit width chosen before the header is read: this module is the 8-bit library.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif

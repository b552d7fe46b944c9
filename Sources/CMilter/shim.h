#ifndef CMILTER_SHIM_H
#define CMILTER_SHIM_H
// Include <stdbool.h> first: without SM_CONF_STDBOOL_H, mfapi.h otherwise does `typedef int bool`.
#include <stdbool.h>
#include <sys/socket.h>
#include <libmilter/mfapi.h>
#endif

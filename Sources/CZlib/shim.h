#ifndef FLIGHTQL_CZLIB_SHIM_H
#define FLIGHTQL_CZLIB_SHIM_H
#include <zlib.h>
#endif

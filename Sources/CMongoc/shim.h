#ifndef FLIGHTQL_CMONGOC_SHIM_H
#define FLIGHTQL_CMONGOC_SHIM_H
#include <mongoc/mongoc.h>
#endif

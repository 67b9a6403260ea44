#ifndef FLIGHTQL_CMONGOC_SHIM_H
#define FLIGHTQL_CMONGOC_SHIM_H
#include <stdint.h>
#include <stdlib.h>
#include <mongoc/mongoc.h>

/* bson_t is declared with 128-byte alignment, so Swift imports it as an opaque pointer and cannot hold one.
 * These helpers give Swift heap storage for the "reply" out-parameters that libmongoc initialises itself. */

/// An empty, initialised bson_t on the heap at bson_t's alignment; release it with flightql_bson_free.
static inline bson_t *flightql_bson_alloc(void) {
    void *storage = NULL;
    if (posix_memalign(&storage, BSON_ALIGNOF(bson_t), sizeof(bson_t)) != 0) {
        return NULL;
    }
    bson_init((bson_t *)storage);
    return (bson_t *)storage;
}

/// Destroys a bson_t from flightql_bson_alloc (its buffer, then its storage).
static inline void flightql_bson_free(bson_t *bson) {
    if (bson != NULL) {
        bson_destroy(bson);
        free(bson);
    }
}

/// The encoded bytes of a document and their count (the `len` field Swift cannot read through an opaque pointer).
static inline const uint8_t *flightql_bson_bytes(const bson_t *bson, uint32_t *length) {
    *length = bson->len;
    return bson_get_data(bson);
}

#endif

/*
 * Small parsing helpers for the command line and properties: sizes with
 * suffixes, integers, booleans, and QEMU's "key=value,key=value" lists.
 */
#ifndef UTIL_CUTILS_H
#define UTIL_CUTILS_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Parses a size such as "256", "256M", "1G", "64k". A bare number means
 * default_unit bytes each (1 << 20 for -m). False on anything malformed.
 */
bool parse_size(const char *str, uint64_t default_unit, uint64_t *out);
/* Parses a decimal, 0x hex or 0 octal integer; false on junk or overflow. */
bool parse_uint64(const char *str, uint64_t *out);
bool parse_int64(const char *str, int64_t *out);
/* Accepts on/off, yes/no, true/false, 1/0. */
bool parse_bool(const char *str, bool *out);

/* One "key=value" pair of an option list, in order. */
typedef struct KeyVal {
    char *key;
    char *value;
} KeyVal;

/*
 * Splits "first,k1=v1,k2=v2" into pairs. When implied_key is non-NULL, a
 * leading item without '=' becomes implied_key=item ("-M SS-5,..." gives
 * type=SS-5). ",," stands for a literal comma, as in QEMU. Returns an array
 * of KeyVal (free with keyval_list_free), or NULL with *err set.
 */
GArray *keyval_parse(const char *str, const char *implied_key, GError **err);
const char *keyval_get(GArray *list, const char *key);
void keyval_list_free(GArray *list);

#endif

/*
 * Parsing helpers for command-line and property values.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/cutils.h"
#include "util/error.h"

bool parse_uint64(const char *str, uint64_t *out)
{
    char *end;
    if (!str || !*str || *str == '-') {
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(str, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

bool parse_int64(const char *str, int64_t *out)
{
    char *end;
    if (!str || !*str) {
        return false;
    }
    errno = 0;
    long long v = strtoll(str, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

bool parse_size(const char *str, uint64_t default_unit, uint64_t *out)
{
    char *end;
    uint64_t unit = default_unit;

    if (!str || !g_ascii_isdigit(*str)) {
        return false;
    }
    errno = 0;
    double v = strtod(str, &end);
    if (errno || end == str || v < 0) {
        return false;
    }
    switch (g_ascii_toupper(*end)) {
    case 0: break;
    case 'B': unit = 1; end++; break;
    case 'K': unit = 1ull << 10; end++; break;
    case 'M': unit = 1ull << 20; end++; break;
    case 'G': unit = 1ull << 30; end++; break;
    case 'T': unit = 1ull << 40; end++; break;
    default: return false;
    }
    if (*end) {
        return false;
    }
    double bytes = v * (double)unit;
    if (bytes >= 18446744073709551616.0 || bytes != (double)(uint64_t)bytes) {
        return false;
    }
    *out = (uint64_t)bytes;
    return true;
}

bool parse_bool(const char *str, bool *out)
{
    static const char *const yes[] = { "on", "yes", "true", "1" };
    static const char *const no[] = { "off", "no", "false", "0" };
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++) {
        if (!g_ascii_strcasecmp(str, yes[i])) {
            *out = true;
            return true;
        }
        if (!g_ascii_strcasecmp(str, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

static void keyval_clear(gpointer p)
{
    KeyVal *kv = p;
    g_free(kv->key);
    g_free(kv->value);
}

/* Reads one item up to an unescaped ',' (",," is a literal comma). */
static char *keyval_next_item(const char **pp)
{
    GString *s = g_string_new(NULL);
    const char *p = *pp;
    while (*p) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(s, ',');
                p += 2;
                continue;
            }
            p++;
            break;
        }
        g_string_append_c(s, *p++);
    }
    *pp = p;
    return g_string_free(s, FALSE);
}

GArray *keyval_parse(const char *str, const char *implied_key, GError **err)
{
    GArray *list = g_array_new(FALSE, TRUE, sizeof(KeyVal));
    g_array_set_clear_func(list, keyval_clear);
    const char *p = str;
    bool first = true;

    while (*p) {
        char *item = keyval_next_item(&p);
        char *eq = strchr(item, '=');
        KeyVal kv;
        if (eq) {
            kv.key = g_strndup(item, eq - item);
            kv.value = g_strdup(eq + 1);
        } else if (first && implied_key) {
            kv.key = g_strdup(implied_key);
            kv.value = g_strdup(item);
        } else if (*item) {
            /* A bare flag, as in "server" or "nowait": QEMU reads it as on. */
            kv.key = g_strdup(item);
            kv.value = g_strdup("on");
        } else {
            g_free(item);
            first = false;
            continue;
        }
        g_free(item);
        if (!*kv.key) {
            g_set_error(err, CHIMERA_ERROR, 0, "'%s': empty parameter name", str);
            keyval_clear(&kv);
            g_array_free(list, TRUE);
            return NULL;
        }
        g_array_append_val(list, kv);
        first = false;
    }
    return list;
}

const char *keyval_get(GArray *list, const char *key)
{
    const char *v = NULL;
    for (guint i = 0; i < list->len; i++) {
        KeyVal *kv = &g_array_index(list, KeyVal, i);
        if (!strcmp(kv->key, key)) {
            v = kv->value;
        }
    }
    return v;
}

void keyval_list_free(GArray *list)
{
    if (list) {
        g_array_free(list, TRUE);
    }
}

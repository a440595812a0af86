/*
 * Character devices, the core: option parsing for -chardev and the legacy
 * -serial/-monitor/-qmp specs, the registry of chardevs by id (also the
 * "chardev" link resolver that device properties use), and the frontend
 * calls devices make. Backends live in the char-*.c files and reach the
 * frontend only through chardev_be_*.
 */
#include <stdarg.h>
#include <string.h>

#include "chardev/char-internal.h"
#include "hw/core/qdev.h"
#include "util/cutils.h"
#include "util/error.h"

static const ChardevOps *const chardev_backends[] = {
    &char_null_ops, &char_file_ops, &char_stdio_ops, &char_pty_ops, &char_socket_ops,
};

/* Backends registered from other layers (chardev_register_backend). */
static GPtrArray *chardev_extra_backends;

/* Options every backend takes; the rest come from ChardevOps.keys. */
static const char *const chardev_common_keys[] = { "backend", "id", "mux", NULL };

static GHashTable *chardev_by_id;
static GPtrArray *chardev_list;   /* creation order, for cleanup in reverse */

Chardev *chardev_find(const char *id)
{
    return chardev_by_id ? g_hash_table_lookup(chardev_by_id, id) : NULL;
}

const char *chardev_id(Chardev *chr)
{
    return chr->id;
}

bool chardev_is_mux(Chardev *chr)
{
    return chr->ops == &char_mux_ops;
}

bool chardev_wants_monitor(Chardev *chr)
{
    return chr->wants_monitor;
}

char *chardev_filename(Chardev *chr)
{
    return chr->ops->filename ? chr->ops->filename(chr) : g_strdup(chr->ops->name);
}

void chardev_print_info(GString *out)
{
    for (guint i = 0; chardev_list && i < chardev_list->len; i++) {
        Chardev *chr = g_ptr_array_index(chardev_list, i);
        g_autofree char *name = chardev_filename(chr);
        g_string_append_printf(out, "%s: filename=%s\n", chr->id, name);
    }
}

static void *chardev_link_resolve(const char *id)
{
    return chardev_find(id);
}

/* Device properties such as chardev=ID find their backend through this. */
__attribute__((constructor)) static void chardev_link_register(void)
{
    link_resolver_register("chardev", chardev_link_resolve);
}

static void chardev_register(Chardev *chr)
{
    if (!chardev_by_id) {
        chardev_by_id = g_hash_table_new(g_str_hash, g_str_equal);
        chardev_list = g_ptr_array_new();
    }
    g_hash_table_insert(chardev_by_id, chr->id, chr);
    g_ptr_array_add(chardev_list, chr);
}

/* Options */

static bool key_in(const char *const *keys, const char *key)
{
    for (; keys && *keys; keys++) {
        if (!strcmp(*keys, key)) {
            return true;
        }
    }
    return false;
}

bool chardev_opt_bool(GArray *opts, const char *key, bool def, bool *out, GError **err)
{
    const char *v = keyval_get(opts, key);
    *out = def;
    if (v && !parse_bool(v, out)) {
        g_set_error(err, CHIMERA_ERROR, 0, "invalid value '%s' for '%s' (use on or off)", v, key);
        return false;
    }
    return true;
}

const char *chardev_opt_required(GArray *opts, const char *backend, const char *key,
                                 GError **err)
{
    const char *v = keyval_get(opts, key);
    if (!v || !*v) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: '%s' is required", backend, key);
        return NULL;
    }
    return v;
}

void chardev_opt_add(GArray *opts, const char *key, const char *value)
{
    KeyVal kv = { g_strdup(key), g_strdup(value) };
    g_array_append_val(opts, kv);
}

void chardev_register_backend(const ChardevOps *ops)
{
    if (!chardev_extra_backends) {
        chardev_extra_backends = g_ptr_array_new();
    }
    g_ptr_array_add(chardev_extra_backends, (gpointer)ops);
}

/* A registered backend by name, or NULL. */
static const ChardevOps *chardev_extra_backend_find(const char *name, size_t len)
{
    for (guint i = 0; chardev_extra_backends && i < chardev_extra_backends->len; i++) {
        const ChardevOps *ops = g_ptr_array_index(chardev_extra_backends, i);
        if (strlen(ops->name) == len && !strncmp(ops->name, name, len)) {
            return ops;
        }
    }
    return NULL;
}

static const ChardevOps *chardev_backend_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(chardev_backends); i++) {
        if (!strcmp(chardev_backends[i]->name, name)) {
            return chardev_backends[i];
        }
    }
    return chardev_extra_backend_find(name, strlen(name));
}

/* The registered backend a legacy spec "NAME" or "NAME:ARG" names, or NULL. */
static const ChardevOps *legacy_extra_backend(const char *spec)
{
    const char *colon = strchr(spec, ':');

    return chardev_extra_backend_find(spec, colon ? (size_t)(colon - spec) : strlen(spec));
}

static GArray *legacy_parse_extra(const ChardevOps *ops, const char *spec, GError **err)
{
    const char *arg = strchr(spec, ':');
    GArray *opts = keyval_parse("", NULL, err);

    chardev_opt_add(opts, "backend", ops->name);
    if (!arg) {
        return opts;
    }
    if (!ops->parse_legacy) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': %s takes no argument", spec, ops->name);
    } else if (ops->parse_legacy(arg + 1, opts, err)) {
        return opts;
    }
    keyval_list_free(opts);
    return NULL;
}

/* Creates the backend opts describe (errors without the option prefix). */
static Chardev *chardev_create(GArray *opts, GError **err)
{
    const char *backend = keyval_get(opts, "backend");
    const char *id = keyval_get(opts, "id");
    const ChardevOps *ops;
    bool mux;

    if (!backend || !*backend) {
        g_set_error(err, CHIMERA_ERROR, 0, "no backend type given");
        return NULL;
    }
    ops = chardev_backend_find(backend);
    if (!ops) {
        g_set_error(err, CHIMERA_ERROR, 0, "unknown backend type '%s'", backend);
        return NULL;
    }
    if (!id || !*id) {
        g_set_error(err, CHIMERA_ERROR, 0, "'id' is required");
        return NULL;
    }
    for (guint i = 0; i < opts->len; i++) {
        const char *key = g_array_index(opts, KeyVal, i).key;
        if (!key_in(chardev_common_keys, key) && !key_in(ops->keys, key)) {
            g_set_error(err, CHIMERA_ERROR, 0, "invalid parameter '%s' for backend '%s'", key,
                        backend);
            return NULL;
        }
    }
    if (!chardev_opt_bool(opts, "mux", false, &mux, err)) {
        return NULL;
    }

    /* A mux takes the id; its backend is "<id>-base", as in QEMU. */
    g_autofree char *base_id = mux ? g_strdup_printf("%s-base", id) : g_strdup(id);
    if (chardev_find(id) || chardev_find(base_id)) {
        g_set_error(err, CHIMERA_ERROR, 0, "duplicate chardev id '%s'", id);
        return NULL;
    }

    Chardev *chr = g_malloc0(ops->size);
    chr->ops = ops;
    chr->id = g_steal_pointer(&base_id);
    chr->in_fd = -1;
    if (!ops->open(chr, opts, err)) {
        g_free(chr->id);
        g_free(chr);
        return NULL;
    }
    chardev_register(chr);
    if (!mux) {
        return chr;
    }
    Chardev *mc = char_mux_new(id, chr, err);
    if (mc) {
        chardev_register(mc);
    }
    return mc;
}

Chardev *chardev_new_from_options(const char *options, GError **err)
{
    GArray *opts = keyval_parse(options, "backend", err);
    Chardev *chr = opts ? chardev_create(opts, err) : NULL;

    keyval_list_free(opts);
    if (!chr) {
        g_prefix_error(err, "-chardev: ");
    }
    return chr;
}

/* "tcp:HOST:PORT" (HOST may be empty or "[v6]") into host= and port=. */
static bool legacy_parse_tcp(const char *addr, GArray *opts, GError **err)
{
    const char *colon = strrchr(addr, ':');
    if (!colon || !colon[1]) {
        g_set_error(err, CHIMERA_ERROR, 0, "tcp: expected HOST:PORT, got '%s'", addr);
        return false;
    }
    g_autofree char *host = g_strndup(addr, colon - addr);
    size_t hl = strlen(host);
    if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = 0;
        memmove(host, host + 1, hl - 1);
    }
    chardev_opt_add(opts, "host", host);
    chardev_opt_add(opts, "port", colon + 1);
    return true;
}

/* Turns a legacy spec into -chardev options (without id). */
static GArray *legacy_parse(const char *spec, GError **err)
{
    static const char *const simple[] = { "stdio", "null", "pty" };
    const char *rest;

    for (size_t i = 0; i < G_N_ELEMENTS(simple); i++) {
        if (!strcmp(spec, simple[i])) {
            GArray *opts = keyval_parse("", NULL, err);
            chardev_opt_add(opts, "backend", simple[i]);
            return opts;
        }
    }
    if (g_str_has_prefix(spec, "file:")) {
        /* The whole rest is the path: file names may contain commas. */
        GArray *opts = keyval_parse("", NULL, err);
        chardev_opt_add(opts, "backend", "file");
        chardev_opt_add(opts, "path", spec + 5);
        return opts;
    }
    if (g_str_has_prefix(spec, "telnet:")) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': telnet is not supported, use tcp:", spec);
        return NULL;
    }
    bool is_tcp = g_str_has_prefix(spec, "tcp:");
    if (!is_tcp && !g_str_has_prefix(spec, "unix:")) {
        const ChardevOps *extra = legacy_extra_backend(spec);
        if (extra) {
            return legacy_parse_extra(extra, spec, err);
        }
        g_set_error(err, CHIMERA_ERROR, 0, "unknown character device '%s'", spec);
        return NULL;
    }
    rest = strchr(spec, ':') + 1;
    const char *comma = strchr(rest, ',');
    g_autofree char *addr = comma ? g_strndup(rest, comma - rest) : g_strdup(rest);
    GArray *opts = keyval_parse(comma ? comma + 1 : "", NULL, err);
    if (!opts) {
        return NULL;
    }
    chardev_opt_add(opts, "backend", "socket");
    if (!is_tcp) {
        chardev_opt_add(opts, "path", addr);
    } else if (!legacy_parse_tcp(addr, opts, err)) {
        keyval_list_free(opts);
        return NULL;
    }
    return opts;
}

/* "serial0" reports as "-serial", "compat_monitor0" as "-monitor". */
static char *legacy_option_name(const char *label)
{
    const char *start = g_str_has_prefix(label, "compat_") ? label + 7 : label;
    size_t n = strlen(start);
    while (n > 0 && g_ascii_isdigit(start[n - 1])) {
        n--;
    }
    return g_strdup_printf("-%.*s", (int)n, start);
}

Chardev *chardev_new_from_legacy(const char *label, const char *spec, GError **err)
{
    g_autofree char *option = legacy_option_name(label);
    Chardev *chr = NULL;
    GArray *opts = NULL;
    bool monitor = g_str_has_prefix(spec, "mon:");

    if (!strcmp(spec, "none")) {
        return NULL;
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        chr = chardev_find(spec + 8);
        if (!chr) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: chardev '%s' not found", option, spec + 8);
        }
        return chr;
    }
    opts = legacy_parse(monitor ? spec + 4 : spec, err);
    if (opts) {
        chardev_opt_add(opts, "id", label);
        if (monitor) {
            chardev_opt_add(opts, "mux", "on");
            /* As QEMU: Ctrl-C goes to the guest when the monitor shares stdio. */
            if (!strcmp(spec + 4, "stdio")) {
                chardev_opt_add(opts, "signal", "off");
            }
        }
        chr = chardev_create(opts, err);
        keyval_list_free(opts);
    }
    if (!chr) {
        g_prefix_error(err, "%s: ", option);
    } else if (monitor) {
        chr->wants_monitor = true;
    }
    return chr;
}

/* Backend to frontend */

int chardev_be_can_read(Chardev *chr)
{
    CharFrontend *fe = chr->fe;
    if (!fe || !fe->read) {
        return 0;
    }
    if (!fe->can_read) {
        return CHAR_READ_MAX;
    }
    return MAX(fe->can_read(fe->opaque), 0);
}

void chardev_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    CharFrontend *fe = chr->fe;
    if (fe && fe->read && len > 0) {
        fe->read(fe->opaque, buf, len);
    }
}

void chardev_be_event(Chardev *chr, CharEvent event)
{
    CharFrontend *fe = chr->fe;
    if (event == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    if (fe && fe->event) {
        fe->event(fe->opaque, event);
    }
}

/* Frontends */

bool char_fe_init(CharFrontend *fe, Chardev *chr, GError **err)
{
    *fe = (CharFrontend){ .mux_index = -1 };
    if (!chr) {
        return true;
    }
    if (chardev_is_mux(chr)) {
        if (!char_mux_attach(chr, fe, err)) {
            return false;
        }
    } else if (chr->fe) {
        g_set_error(err, CHIMERA_ERROR, 0, "chardev '%s' is already in use", chr->id);
        return false;
    } else {
        chr->fe = fe;
    }
    fe->chr = chr;
    return true;
}

void char_fe_set_handlers(CharFrontend *fe, CharCanReadFn can_read, CharReadFn read,
                          CharEventFn event, void *opaque)
{
    Chardev *chr = fe->chr;

    fe->can_read = can_read;
    fe->read = read;
    fe->event = event;
    fe->opaque = opaque;
    /* Clearing the handlers detaches quietly; input stops at the next poll. */
    if (!chr || (!can_read && !read && !event)) {
        return;
    }
    /* The newest frontend on a mux takes the input, as in QEMU. */
    if (chardev_is_mux(chr)) {
        char_mux_focus_deferred(chr, fe);
    }
    /* A frontend joining an open backend hears OPENED too, as in QEMU. */
    if (chr->be_open && event) {
        event(opaque, CHR_EVENT_OPENED);
    }
    char_fe_accept_input(fe);
}

void char_fe_deinit(CharFrontend *fe)
{
    Chardev *chr = fe->chr;
    if (!chr) {
        return;
    }
    if (chardev_is_mux(chr)) {
        char_mux_detach(chr, fe);
    } else {
        chr->fe = NULL;
        char_fd_input_stop(chr);
    }
    *fe = (CharFrontend){ .mux_index = -1 };
}

int char_fe_write(CharFrontend *fe, const uint8_t *buf, int len)
{
    if (!fe->chr || len <= 0) {
        return MAX(len, 0);
    }
    return fe->chr->ops->write(fe->chr, buf, len);
}

int char_fe_printf(CharFrontend *fe, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return char_fe_write(fe, (const uint8_t *)text, strlen(text));
}

void char_fe_accept_input(CharFrontend *fe)
{
    if (fe->chr && fe->chr->ops->accept_input) {
        fe->chr->ops->accept_input(fe->chr, fe);
    }
}

void char_fe_focus(CharFrontend *fe)
{
    if (fe->chr && chardev_is_mux(fe->chr)) {
        char_mux_focus(fe->chr, fe);
    }
}

bool char_fe_backend_connected(CharFrontend *fe)
{
    return fe->chr && fe->chr->be_open;
}

void chardev_cleanup_all(void)
{
    if (!chardev_list) {
        return;
    }
    /* Newest first: a mux goes before the backend it uses. */
    for (guint i = chardev_list->len; i-- > 0;) {
        Chardev *chr = g_ptr_array_index(chardev_list, i);
        if (chr->fe) {
            chr->fe->chr = NULL;
            chr->fe = NULL;
        }
        char_fd_input_stop(chr);
        if (chr->ops->close) {
            chr->ops->close(chr);
        }
        g_hash_table_remove(chardev_by_id, chr->id);
        g_free(chr->id);
        g_free(chr);
    }
    g_ptr_array_set_size(chardev_list, 0);
}

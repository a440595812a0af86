/*
 * The user interface's entry point (ui/ui.h): picks the display and adds
 * the monitor's display and input commands, in HMP (screendump, sendkey)
 * and QMP (screendump, input-send-event) with QEMU's spelling and
 * arguments, so existing scripts and test harnesses drive us unchanged.
 */
#include "ui/ui.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "monitor/monitor.h"
#include "ui/console.h"
#include "ui/input.h"
#include "ui/sdl2.h"
#include "ui/vc.h"
#include "util/error.h"

/* The console a command names by number, or the first graphic one. */
static DisplayConsole *ui_console_for(int index)
{
    if (index >= 0) {
        return display_console_lookup(index);
    }
    for (int i = 0; i < display_console_count(); i++) {
        DisplayConsole *con = display_console_lookup(i);
        if (display_console_is_graphic(con)) {
            return con;
        }
    }
    return display_console_lookup(0);
}

/* ---- HMP ---- */

/* screendump [-f ppm|png] FILE [DEVICE [HEAD]]: DEVICE is a console number. */
static void hmp_screendump(GString *out, int argc, char **argv)
{
    const char *file = NULL, *format = NULL;
    int index = -1;
    GError *err = NULL;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f") && i + 1 < argc) {
            format = argv[++i];
        } else if (!file) {
            file = argv[i];
        } else if (index < 0) {
            index = atoi(argv[i]);
        }
    }
    if (!file) {
        g_string_append(out, "screendump: missing filename\n");
        return;
    }
    if (!display_screendump(ui_console_for(index), file, format, &err)) {
        g_string_append_printf(out, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

/* sendkey KEYS [HOLD_MS] */
static void hmp_sendkey(GString *out, int argc, char **argv)
{
    GError *err = NULL;

    if (argc < 2) {
        g_string_append(out, "sendkey: missing keys\n");
        return;
    }
    if (!ui_input_send_combo(argv[1], argc > 2 ? atoi(argv[2]) : 0, &err)) {
        g_string_append_printf(out, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

/* ---- QMP ---- */

/* Rejects members not in allowed, as QEMU's visitors do. */
static bool qmp_args_only(JsonObject *args, const char *const *allowed, GError **err)
{
    GList *members = json_object_get_members(args);
    bool ok = true;

    for (GList *m = members; m && ok; m = m->next) {
        if (!g_strv_contains(allowed, m->data)) {
            g_set_error(err, CHIMERA_ERROR, 0, "Parameter '%s' is unexpected",
                        (const char *)m->data);
            ok = false;
        }
    }
    g_list_free(members);
    return ok;
}

/* The string member name, NULL when absent; *err when it is not a string. */
static const char *qmp_get_str(JsonObject *obj, const char *name, bool required, GError **err)
{
    JsonNode *n = json_object_get_member(obj, name);

    if (!n) {
        if (required) {
            g_set_error(err, CHIMERA_ERROR, 0, "Parameter '%s' is missing", name);
        }
        return NULL;
    }
    if (!JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING) {
        g_set_error(err, CHIMERA_ERROR, 0, "Invalid parameter type for '%s', expected: string",
                    name);
        return NULL;
    }
    return json_node_get_string(n);
}

static char *qmp_screendump(JsonObject *args, GError **err)
{
    static const char *const allowed[] = { "filename", "device", "head", "format", NULL };
    GError *local = NULL;
    const char *file, *format, *device;

    if (!qmp_args_only(args, allowed, err)) {
        return NULL;
    }
    file = qmp_get_str(args, "filename", true, &local);
    format = local ? NULL : qmp_get_str(args, "format", false, &local);
    device = local ? NULL : qmp_get_str(args, "device", false, &local);
    if (local) {
        g_propagate_error(err, local);
        return NULL;
    }
    display_screendump(ui_console_for(device ? atoi(device) : -1), file, format, err);
    return NULL;
}

/* Mouse state input-send-event accumulates until the end of its list. */
typedef struct QmpMouse {
    bool moved;
    int dx, dy, dz;
} QmpMouse;

static unsigned qmp_buttons;

static const struct {
    const char *name;
    unsigned mask;  /* UI_BUTTON_*; 0 for the wheel */
    int dz;
} qmp_button_names[] = {
    { "left", UI_BUTTON_LEFT, 0 },
    { "middle", UI_BUTTON_MIDDLE, 0 },
    { "right", UI_BUTTON_RIGHT, 0 },
    { "wheel-up", 0, 1 },
    { "wheel-down", 0, -1 },
};

static bool qmp_event_key(JsonObject *data, GError **err)
{
    JsonObject *key = json_object_get_object_member(data, "key");
    const char *type = key ? json_object_get_string_member_with_default(key, "type", "") : "";
    QKeyCode k = Q_KEY_CODE_UNMAPPED;

    if (!strcmp(type, "qcode")) {
        k = qcode_from_name(json_object_get_string_member_with_default(key, "data", ""));
    } else if (!strcmp(type, "number")) {
        k = qcode_from_ps2_set1((int)json_object_get_int_member_with_default(key, "data", -1));
    }
    if (k == Q_KEY_CODE_UNMAPPED) {
        g_set_error(err, CHIMERA_ERROR, 0, "Invalid parameter 'key'");
        return false;
    }
    ui_input_send_key(k, json_object_get_boolean_member_with_default(data, "down", false));
    return true;
}

static bool qmp_event_btn(JsonObject *data, QmpMouse *m, GError **err)
{
    const char *name = json_object_get_string_member_with_default(data, "button", "");
    bool down = json_object_get_boolean_member_with_default(data, "down", false);

    for (size_t i = 0; i < G_N_ELEMENTS(qmp_button_names); i++) {
        if (!strcmp(name, qmp_button_names[i].name)) {
            if (down) {
                qmp_buttons |= qmp_button_names[i].mask;
                m->dz += qmp_button_names[i].dz;
            } else {
                qmp_buttons &= ~qmp_button_names[i].mask;
            }
            m->moved = true;
            return true;
        }
    }
    g_set_error(err, CHIMERA_ERROR, 0, "Invalid parameter 'button'");
    return false;
}

/* rel and abs: {"axis": "x"|"y", "value": n}. */
static bool qmp_event_axis(JsonObject *data, QmpMouse *m, GError **err)
{
    const char *axis = json_object_get_string_member_with_default(data, "axis", "");
    int value = (int)json_object_get_int_member_with_default(data, "value", 0);

    if (!strcmp(axis, "x")) {
        m->dx += value;
    } else if (!strcmp(axis, "y")) {
        m->dy += value;
    } else {
        g_set_error(err, CHIMERA_ERROR, 0, "Invalid parameter 'axis'");
        return false;
    }
    m->moved = true;
    return true;
}

static char *qmp_input_send_event(JsonObject *args, GError **err)
{
    static const char *const allowed[] = { "events", "device", "head", NULL };
    QmpMouse m = { 0 };
    JsonArray *events;
    bool ok = true;

    if (!qmp_args_only(args, allowed, err)) {
        return NULL;
    }
    if (!json_object_has_member(args, "events") ||
        !JSON_NODE_HOLDS_ARRAY(json_object_get_member(args, "events"))) {
        g_set_error(err, CHIMERA_ERROR, 0, "Parameter 'events' is missing");
        return NULL;
    }
    events = json_object_get_array_member(args, "events");
    for (guint i = 0; ok && i < json_array_get_length(events); i++) {
        JsonNode *n = json_array_get_element(events, i);
        JsonObject *ev = JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
        JsonNode *dn = ev ? json_object_get_member(ev, "data") : NULL;
        JsonObject *data = dn && JSON_NODE_HOLDS_OBJECT(dn) ? json_node_get_object(dn) : NULL;
        const char *type = ev ? json_object_get_string_member_with_default(ev, "type", "") : "";

        if (!data) {
            g_set_error(err, CHIMERA_ERROR, 0, "Parameter 'data' is missing");
            ok = false;
        } else if (!strcmp(type, "key")) {
            ok = qmp_event_key(data, err);
        } else if (!strcmp(type, "btn")) {
            ok = qmp_event_btn(data, &m, err);
        } else if (!strcmp(type, "rel") || !strcmp(type, "abs")) {
            ok = qmp_event_axis(data, &m, err);
        } else {
            g_set_error(err, CHIMERA_ERROR, 0, "Invalid parameter 'type'");
            ok = false;
        }
    }
    if (ok && m.moved) {
        ui_input_send_mouse(m.dx, m.dy, m.dz, qmp_buttons);
    }
    return NULL;
}

static void ui_register_commands(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    monitor_register_command("screendump", "[-f ppm|png] filename [console]",
                             "save the screen as a PPM or PNG image", hmp_screendump);
    monitor_register_command("sendkey", "keys [hold_time]",
                             "send keys to the guest (e.g. sendkey ctrl-alt-f1)", hmp_sendkey);
    qmp_register_command("screendump", qmp_screendump);
    qmp_register_command("input-send-event", qmp_input_send_event);
}

/* The display ui_init opens: the one asked for, or the default. */
static const char *ui_display_choose(const char *display, bool nographic)
{
    if (display) {
        return display;
    }
    return CONFIG_SDL && !nographic && getenv("DISPLAY") ? "sdl" : "none";
}

bool ui_will_show_window(const char *display, bool nographic)
{
    return !strcmp(ui_display_choose(display, nographic), "sdl") && CONFIG_SDL;
}

bool ui_init(const char *display, bool nographic, GError **err)
{
    ui_register_commands();
    /* The devices have made their consoles: the text consoles come after. */
    vc_consoles_init();
    display = ui_display_choose(display, nographic);
    if (!strcmp(display, "none")) {
        return true;
    }
    if (!strcmp(display, "sdl")) {
#if CONFIG_SDL
        return sdl2_display_init(err);
#else
        g_set_error(err, CHIMERA_ERROR, 0, "-display sdl: this build has no SDL support");
        return false;
#endif
    }
    g_set_error(err, CHIMERA_ERROR, 0, "-display %s: unknown display type (none or sdl)", display);
    return false;
}

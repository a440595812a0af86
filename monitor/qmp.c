/*
 * The QEMU Machine Protocol: JSON commands and events on a chardev.
 *
 * Each connection is a QmpSession (qmp.h): the server greets, the client
 * must send qmp_capabilities, then it may run commands and hears events.
 * Requests are framed by JsonStream, parsed by json-glib and checked the
 * way QEMU checks them (docs/interop/qmp-spec in QEMU's tree), with the same
 * error classes and texts, so existing QMP clients and scripts work.
 * Replies and events are written one JSON object per line.
 */
#include "monitor/monitor.h"

#include <stdio.h>
#include <string.h>

#include "config-host.h"
#include "monitor/hmp.h"
#include "monitor/json-stream.h"
#include "monitor/qmp.h"
#include "softmmu/runstate.h"

struct QmpSession {
    bool pretty;
    bool negotiated;          /* qmp_capabilities done: commands run, events flow */
    bool quit_requested;      /* quit ran: shut down once its reply is out */
    JsonStream stream;
    QmpOutputFn out;
    void *opaque;
};

/* Every live session, for events. */
static GPtrArray *qmp_sessions;

/* QEMU's QapiErrorClass members that we raise. */
typedef enum QmpErrorClass {
    QMP_ERROR_GENERIC,
    QMP_ERROR_COMMAND_NOT_FOUND,
} QmpErrorClass;

static const char *const qmp_error_class_names[] = {
    [QMP_ERROR_GENERIC] = "GenericError",
    [QMP_ERROR_COMMAND_NOT_FOUND] = "CommandNotFound",
};

#define QMP_ERROR qmp_error_quark()
static G_DEFINE_QUARK(qmp-error-quark, qmp_error)

typedef JsonNode *(*QmpCommandFn)(QmpSession *s, JsonObject *args, GError **err);

typedef enum QmpArgType {
    QMP_ARG_STR,
    QMP_ARG_INT,
    QMP_ARG_ARRAY,
} QmpArgType;

typedef struct QmpArg {
    const char *name;
    QmpArgType type;
    bool optional;
} QmpArg;

typedef struct QmpCommand {
    const char *name;
    QmpCommandFn fn;
    const QmpArg *args;       /* terminated by a NULL name; NULL for none */
    QmpExtCommandFn ext;      /* a command another layer registered: it checks
                               * its own arguments and returns JSON text */
} QmpCommand;

/* Commands other layers add with qmp_register_command (ui: screendump...). */
static GArray *qmp_ext_commands;

/* ---- building values ---- */

static JsonNode *qmp_node_object(JsonObject *obj)
{
    JsonNode *node = json_node_init_object(json_node_alloc(), obj);

    json_object_unref(obj);
    return node;
}

static JsonNode *qmp_empty_object(void)
{
    return qmp_node_object(json_object_new());
}

static char *qmp_format(QmpSession *s, JsonNode *node)
{
    GString *out = g_string_new(NULL);

    json_node_format(out, node, s->pretty);
    return g_string_free(out, FALSE);
}

static JsonNode *qmp_version_node(void)
{
    JsonObject *qemu = json_object_new();
    JsonObject *version = json_object_new();
    int major = 0, minor = 0, micro = 0;

    sscanf(CHIMERA_VERSION, "%d.%d.%d", &major, &minor, &micro);
    json_object_set_int_member(qemu, "micro", micro);
    json_object_set_int_member(qemu, "minor", minor);
    json_object_set_int_member(qemu, "major", major);
    json_object_set_object_member(version, "qemu", qemu);
    json_object_set_string_member(version, "package", "Chimera");
    return qmp_node_object(version);
}

/* ---- commands ---- */

static const QmpCommand qmp_commands[];

static JsonNode *qmp_cmd_capabilities(QmpSession *s, JsonObject *args, GError **err)
{
    JsonArray *enable;

    if (s->negotiated) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_COMMAND_NOT_FOUND,
                    "Capabilities negotiation is already complete, command ignored");
        return NULL;
    }
    /* We offer no optional capabilities (the greeting lists none). */
    enable = json_object_has_member(args, "enable") ?
             json_object_get_array_member(args, "enable") : NULL;
    if (enable && json_array_get_length(enable) > 0) {
        JsonNode *cap = json_array_get_element(enable, 0);
        const char *name = JSON_NODE_HOLDS_VALUE(cap) &&
                           json_node_get_value_type(cap) == G_TYPE_STRING ?
                           json_node_get_string(cap) : "?";

        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Capability '%s' not available", name);
        return NULL;
    }
    s->negotiated = true;
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_query_status(QmpSession *s, JsonObject *args, GError **err)
{
    JsonObject *ret = json_object_new();

    json_object_set_string_member(ret, "status", runstate_name(runstate_get()));
    json_object_set_boolean_member(ret, "singlestep", false);
    json_object_set_boolean_member(ret, "running", runstate_is_running());
    return qmp_node_object(ret);
}

static JsonNode *qmp_cmd_query_version(QmpSession *s, JsonObject *args, GError **err)
{
    return qmp_version_node();
}

static JsonNode *qmp_cmd_query_commands(QmpSession *s, JsonObject *args, GError **err)
{
    JsonArray *list = json_array_new();
    JsonNode *node;

    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        JsonObject *info = json_object_new();

        json_object_set_string_member(info, "name", c->name);
        json_array_add_object_element(list, info);
    }
    for (guint i = 0; qmp_ext_commands && i < qmp_ext_commands->len; i++) {
        JsonObject *info = json_object_new();

        json_object_set_string_member(info, "name",
                                      g_array_index(qmp_ext_commands, QmpCommand, i).name);
        json_array_add_object_element(list, info);
    }
    node = json_node_init_array(json_node_alloc(), list);
    json_array_unref(list);
    return node;
}

static JsonNode *qmp_cmd_stop(QmpSession *s, JsonObject *args, GError **err)
{
    vm_stop(RUN_STATE_PAUSED);
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_cont(QmpSession *s, JsonObject *args, GError **err)
{
    vm_start();
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_system_reset(QmpSession *s, JsonObject *args, GError **err)
{
    system_reset_request();
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_system_powerdown(QmpSession *s, JsonObject *args, GError **err)
{
    system_powerdown_request();
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_quit(QmpSession *s, JsonObject *args, GError **err)
{
    s->quit_requested = true;
    return qmp_empty_object();
}

static JsonNode *qmp_cmd_human_monitor_command(QmpSession *s, JsonObject *args, GError **err)
{
    const char *line = json_object_get_string_member(args, "command-line");
    JsonNode *ret;
    char *text;

    if (json_object_has_member(args, "cpu-index")) {
        int64_t index = json_object_get_int_member(args, "cpu-index");

        text = index >= 0 && index <= G_MAXINT ? hmp_command_on_cpu(line, (int)index) : NULL;
        if (!text) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                        "Parameter 'cpu-index' expects a CPU number");
            return NULL;
        }
    } else {
        text = monitor_hmp_command(line);
    }
    ret = json_node_init_string(json_node_alloc(), text);
    g_free(text);
    return ret;
}

static const QmpArg qmp_args_capabilities[] = {
    { "enable", QMP_ARG_ARRAY, true },
    { NULL },
};

static const QmpArg qmp_args_human_monitor_command[] = {
    { "command-line", QMP_ARG_STR, false },
    { "cpu-index", QMP_ARG_INT, true },
    { NULL },
};

static const QmpCommand qmp_commands[] = {
    { "qmp_capabilities", qmp_cmd_capabilities, qmp_args_capabilities },
    { "query-status", qmp_cmd_query_status },
    { "query-version", qmp_cmd_query_version },
    { "query-commands", qmp_cmd_query_commands },
    { "stop", qmp_cmd_stop },
    { "cont", qmp_cmd_cont },
    { "system_reset", qmp_cmd_system_reset },
    { "system_powerdown", qmp_cmd_system_powerdown },
    { "quit", qmp_cmd_quit },
    { "human-monitor-command", qmp_cmd_human_monitor_command,
      qmp_args_human_monitor_command },
    { NULL },
};

/* ---- request checking and dispatch ---- */

static const QmpCommand *qmp_command_find(const char *name)
{
    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            return c;
        }
    }
    for (guint i = 0; qmp_ext_commands && i < qmp_ext_commands->len; i++) {
        const QmpCommand *c = &g_array_index(qmp_ext_commands, QmpCommand, i);
        if (strcmp(c->name, name) == 0) {
            return c;
        }
    }
    return NULL;
}

void qmp_register_command(const char *name, QmpExtCommandFn fn)
{
    QmpCommand c = { .name = g_strdup(name), .ext = fn };

    if (!qmp_ext_commands) {
        qmp_ext_commands = g_array_new(FALSE, FALSE, sizeof(QmpCommand));
    }
    g_array_append_val(qmp_ext_commands, c);
}

/* Runs a registered command: its JSON text becomes the return value, and
 * any error it raises is a GenericError. */
static JsonNode *qmp_run_ext(const QmpCommand *cmd, JsonObject *args, GError **err)
{
    GError *local = NULL;
    char *text = cmd->ext(args, &local);
    JsonNode *ret;

    if (local) {
        g_set_error_literal(err, QMP_ERROR, QMP_ERROR_GENERIC, local->message);
        g_error_free(local);
        g_free(text);
        return NULL;
    }
    ret = text ? json_from_string(text, NULL) : NULL;
    g_free(text);
    return ret ? ret : qmp_empty_object();
}

static bool qmp_arg_has_type(JsonNode *node, QmpArgType type)
{
    switch (type) {
    case QMP_ARG_ARRAY:
        return JSON_NODE_HOLDS_ARRAY(node);
    case QMP_ARG_INT:
        return JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_INT64;
    default:
        return JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING;
    }
}

static const QmpArg *qmp_arg_find(const QmpCommand *cmd, const char *name)
{
    for (const QmpArg *a = cmd->args; a && a->name; a++) {
        if (strcmp(a->name, name) == 0) {
            return a;
        }
    }
    return NULL;
}

/* The checks QEMU's generated visitors make, with their messages. */
static bool qmp_check_args(const QmpCommand *cmd, JsonObject *args, GError **err)
{
    static const char *const type_names[] = {
        [QMP_ARG_STR] = "string", [QMP_ARG_INT] = "integer", [QMP_ARG_ARRAY] = "array",
    };
    GList *members = json_object_get_members(args);
    bool ok = true;

    for (GList *m = members; m && ok; m = m->next) {
        const QmpArg *a = qmp_arg_find(cmd, m->data);

        if (!a) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Parameter '%s' is unexpected",
                        (const char *)m->data);
            ok = false;
        } else if (!qmp_arg_has_type(json_object_get_member(args, a->name), a->type)) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                        "Invalid parameter type for '%s', expected: %s", a->name,
                        type_names[a->type]);
            ok = false;
        }
    }
    g_list_free(members);
    for (const QmpArg *a = cmd->args; ok && a && a->name; a++) {
        if (!a->optional && !json_object_has_member(args, a->name)) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Parameter '%s' is missing", a->name);
            ok = false;
        }
    }
    return ok;
}

/* The envelope: {"execute": name, "arguments": {...}, "id": any}, nothing else. */
static bool qmp_check_request(JsonNode *root, JsonObject **args, const char **name,
                              GError **err)
{
    static const char *const members[] = { "execute", "arguments", "id" };
    JsonObject *req;
    GList *names;
    JsonNode *node;

    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input must be a JSON object");
        return false;
    }
    req = json_node_get_object(root);
    names = json_object_get_members(req);
    for (GList *m = names; m; m = m->next) {
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(members) && strcmp(members[i], m->data); i++) {
        }
        if (i == G_N_ELEMENTS(members)) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input member '%s' is unexpected",
                        (const char *)m->data);
            g_list_free(names);
            return false;
        }
    }
    g_list_free(names);

    node = json_object_get_member(req, "execute");
    if (!node) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input lacks member 'execute'");
        return false;
    }
    if (!qmp_arg_has_type(node, QMP_ARG_STR)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                    "QMP input member 'execute' must be a string");
        return false;
    }
    *name = json_node_get_string(node);
    node = json_object_get_member(req, "arguments");
    if (node && !JSON_NODE_HOLDS_OBJECT(node)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                    "QMP input member 'arguments' must be an object");
        return false;
    }
    *args = node ? json_object_ref(json_node_get_object(node)) : json_object_new();
    return true;
}

static JsonNode *qmp_run(QmpSession *s, JsonNode *root, GError **err)
{
    const QmpCommand *cmd;
    JsonObject *args;
    const char *name;
    JsonNode *ret = NULL;

    if (!qmp_check_request(root, &args, &name, err)) {
        return NULL;
    }
    cmd = qmp_command_find(name);
    if (!s->negotiated && strcmp(name, "qmp_capabilities") != 0) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_COMMAND_NOT_FOUND,
                    "Expecting capabilities negotiation with 'qmp_capabilities'");
    } else if (!cmd) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_COMMAND_NOT_FOUND,
                    "The command %s has not been found", name);
    } else if (cmd->ext) {
        ret = qmp_run_ext(cmd, args, err);
    } else if (qmp_check_args(cmd, args, err)) {
        ret = cmd->fn(s, args, err);
    }
    json_object_unref(args);
    return ret;
}

/* {"return": ret} or {"error": {...}}, with the request's id echoed. */
static char *qmp_reply(QmpSession *s, JsonNode *ret, GError *error, JsonNode *id)
{
    JsonObject *reply = json_object_new();
    JsonNode *node;
    char *text;

    if (error) {
        JsonObject *e = json_object_new();

        json_object_set_string_member(e, "class", qmp_error_class_names[error->code]);
        json_object_set_string_member(e, "desc", error->message);
        json_object_set_object_member(reply, "error", e);
    } else {
        json_object_set_member(reply, "return", ret ? ret : qmp_empty_object());
    }
    if (id) {
        json_object_set_member(reply, "id", json_node_copy(id));
    }
    node = qmp_node_object(reply);
    text = qmp_format(s, node);
    json_node_unref(node);
    return text;
}

static char *qmp_parse_error_reply(QmpSession *s, const char *what)
{
    GError *err = g_error_new(QMP_ERROR, QMP_ERROR_GENERIC, "JSON parse error, %s", what);
    char *text = qmp_reply(s, NULL, err, NULL);

    g_error_free(err);
    return text;
}

char *qmp_dispatch_json(QmpSession *s, const char *json)
{
    JsonParser *parser = json_parser_new();
    GError *err = NULL;
    JsonNode *root, *id = NULL, *ret;
    char *text;

    if (!json_parser_load_from_data(parser, json, -1, &err)) {
        /* json-glib says "<data>:1:5: Parse error: what"; QEMU says just what. */
        const char *what = strstr(err->message, "error: ");

        text = qmp_parse_error_reply(s, what ? what + 7 : err->message);
        g_error_free(err);
        g_object_unref(parser);
        return text;
    }
    root = json_parser_get_root(parser);
    if (root && JSON_NODE_HOLDS_OBJECT(root)) {
        id = json_object_get_member(json_node_get_object(root), "id");
    }
    ret = qmp_run(s, root, &err);
    text = qmp_reply(s, ret, err, id);
    g_clear_error(&err);
    g_object_unref(parser);
    return text;
}

/* ---- sessions ---- */

static void qmp_send(QmpSession *s, char *text)
{
    GString *msg = g_string_new(text);

    g_string_append_c(msg, '\n');
    s->out(s->opaque, msg->str, msg->len);
    g_string_free(msg, TRUE);
    g_free(text);
}

static void qmp_session_value(void *opaque, const char *text, const char *error)
{
    QmpSession *s = opaque;

    qmp_send(s, error ? qmp_parse_error_reply(s, error) : qmp_dispatch_json(s, text));
    /* quit's reply is out (char_fe_write does not return before it is); now go. */
    if (s->quit_requested) {
        s->quit_requested = false;
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP);
    }
}

void qmp_session_feed(QmpSession *s, const char *buf, size_t len)
{
    json_stream_feed(&s->stream, buf, len);
}

void qmp_session_open(QmpSession *s)
{
    JsonObject *qmp = json_object_new();
    JsonObject *greeting = json_object_new();
    JsonNode *node;

    json_object_set_member(qmp, "version", qmp_version_node());
    json_object_set_array_member(qmp, "capabilities", json_array_new());
    json_object_set_object_member(greeting, "QMP", qmp);
    node = qmp_node_object(greeting);
    s->negotiated = false;
    json_stream_reset(&s->stream);
    qmp_send(s, qmp_format(s, node));
    json_node_unref(node);
}

void qmp_session_close(QmpSession *s)
{
    s->negotiated = false;
    json_stream_reset(&s->stream);
}

/* ---- events ---- */

void qmp_event_emit(const char *event, const char *data_json)
{
    JsonObject *ev = json_object_new();
    JsonObject *ts = json_object_new();
    JsonNode *data = NULL, *node;
    gint64 now = g_get_real_time();

    if (data_json) {
        data = json_from_string(data_json, NULL);
        if (!data || !JSON_NODE_HOLDS_OBJECT(data)) {
            g_warning("QMP event %s: data is not a JSON object: %s", event, data_json);
            g_clear_pointer(&data, json_node_unref);
        }
    }
    json_object_set_string_member(ev, "event", event);
    json_object_set_member(ev, "data", data ? data : qmp_empty_object());
    json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
    json_object_set_object_member(ev, "timestamp", ts);
    node = qmp_node_object(ev);

    for (guint i = 0; qmp_sessions && i < qmp_sessions->len; i++) {
        QmpSession *s = g_ptr_array_index(qmp_sessions, i);

        if (s->negotiated) {
            qmp_send(s, qmp_format(s, node));
        }
    }
    json_node_unref(node);
}

/* QEMU's ShutdownCause names, and whether the guest caused it. */
static const struct {
    const char *reason;
    bool guest;
} qmp_shutdown_causes[] = {
    [SHUTDOWN_CAUSE_NONE] = { "none", false },
    [SHUTDOWN_CAUSE_HOST_QMP] = { "host-qmp-quit", false },
    [SHUTDOWN_CAUSE_HOST_UI] = { "host-ui", false },
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = { "host-signal", false },
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = { "guest-shutdown", true },
    [SHUTDOWN_CAUSE_GUEST_RESET] = { "guest-reset", true },
    [SHUTDOWN_CAUSE_GUEST_PANIC] = { "guest-panic", true },
};

static const char *const qmp_run_event_names[] = {
    [RUN_EVENT_STOP] = "STOP",
    [RUN_EVENT_RESUME] = "RESUME",
    [RUN_EVENT_RESET] = "RESET",
    [RUN_EVENT_SHUTDOWN] = "SHUTDOWN",
    [RUN_EVENT_POWERDOWN] = "POWERDOWN",
};

static void qmp_runstate_event(void *opaque, RunEvent event, ShutdownCause cause)
{
    const char *reason;
    bool guest;
    char *data;

    if ((unsigned)event >= G_N_ELEMENTS(qmp_run_event_names)) {
        return;
    }
    if (event != RUN_EVENT_SHUTDOWN && event != RUN_EVENT_RESET) {
        qmp_event_emit(qmp_run_event_names[event], NULL);
        return;
    }
    if ((unsigned)cause < G_N_ELEMENTS(qmp_shutdown_causes)) {
        reason = qmp_shutdown_causes[cause].reason;
        guest = qmp_shutdown_causes[cause].guest;
    } else {
        reason = "none";
        guest = false;
    }
    /* A reset without a cause came from system_reset (QMP or HMP), as QEMU says. */
    if (event == RUN_EVENT_RESET && cause == SHUTDOWN_CAUSE_NONE) {
        reason = "host-qmp-system-reset";
    }
    data = g_strdup_printf("{\"guest\": %s, \"reason\": \"%s\"}", guest ? "true" : "false",
                           reason);
    qmp_event_emit(qmp_run_event_names[event], data);
    g_free(data);
}

QmpSession *qmp_session_new(bool pretty, QmpOutputFn out, void *opaque)
{
    QmpSession *s = g_new0(QmpSession, 1);

    if (!qmp_sessions) {
        qmp_sessions = g_ptr_array_new();
        runstate_add_listener(qmp_runstate_event, NULL);
    }
    s->pretty = pretty;
    s->out = out;
    s->opaque = opaque;
    json_stream_init(&s->stream, qmp_session_value, s);
    g_ptr_array_add(qmp_sessions, s);
    return s;
}

void qmp_session_free(QmpSession *s)
{
    g_ptr_array_remove(qmp_sessions, s);
    json_stream_destroy(&s->stream);
    g_free(s);
}

/* ---- the chardev frontend ---- */

typedef struct MonitorQmp {
    CharFrontend fe;
    QmpSession *session;
} MonitorQmp;

static void qmp_chr_out(void *opaque, const char *text, size_t len)
{
    MonitorQmp *mon = opaque;

    char_fe_write(&mon->fe, (const uint8_t *)text, (int)len);
}

static int qmp_chr_can_read(void *opaque)
{
    return 4096;
}

static void qmp_chr_read(void *opaque, const uint8_t *buf, int len)
{
    MonitorQmp *mon = opaque;

    qmp_session_feed(mon->session, (const char *)buf, len);
}

static void qmp_chr_event(void *opaque, CharEvent event)
{
    MonitorQmp *mon = opaque;

    if (event == CHR_EVENT_OPENED) {
        qmp_session_open(mon->session);
    } else if (event == CHR_EVENT_CLOSED) {
        qmp_session_close(mon->session);
    }
}

bool monitor_init_qmp(Chardev *chr, bool pretty, GError **err)
{
    MonitorQmp *mon = g_new0(MonitorQmp, 1);

    if (!char_fe_init(&mon->fe, chr, err)) {
        g_free(mon);
        return false;
    }
    mon->session = qmp_session_new(pretty, qmp_chr_out, mon);
    char_fe_set_handlers(&mon->fe, qmp_chr_can_read, qmp_chr_read, qmp_chr_event, mon);
    return true;
}

/*
 * JSON framing and formatting for QMP (see json-stream.h).
 *
 * The splitter is a byte-at-a-time state machine over RFC 8259's lexical
 * structure: only strings (with backslash escapes) and the structural
 * characters matter for finding a value's end; everything else is left to
 * the real parser, which also reports mismatched brackets.
 */
#include "monitor/json-stream.h"

#include <inttypes.h>
#include <string.h>

void json_stream_init(JsonStream *js, JsonStreamFn emit, void *opaque)
{
    *js = (JsonStream) { .buf = g_string_new(NULL), .emit = emit, .opaque = opaque };
}

void json_stream_destroy(JsonStream *js)
{
    g_string_free(js->buf, TRUE);
}

void json_stream_reset(JsonStream *js)
{
    g_string_truncate(js->buf, 0);
    js->depth = 0;
    js->in_string = js->escape = js->in_scalar = js->discard = false;
}

static void json_stream_flush(JsonStream *js)
{
    char *text = g_strndup(js->buf->str, js->buf->len);

    json_stream_reset(js);
    js->emit(js->opaque, text, NULL);
    g_free(text);
}

static void json_stream_fail(JsonStream *js, const char *error)
{
    json_stream_reset(js);
    js->discard = true;
    js->emit(js->opaque, NULL, error);
}

static bool json_is_delimiter(char c)
{
    return g_ascii_isspace(c) || strchr("{}[]\"", c);
}

static void json_stream_byte(JsonStream *js, char c)
{
    if (js->discard) {
        js->discard = c != '\n';
        return;
    }
    if (js->in_string) {
        g_string_append_c(js->buf, c);
        if (js->escape) {
            js->escape = false;
        } else if (c == '\\') {
            js->escape = true;
        } else if (c == '"') {
            js->in_string = false;
            if (js->depth == 0) {
                json_stream_flush(js);
            }
        }
        return;
    }
    if (js->in_scalar) {
        if (!json_is_delimiter(c)) {
            g_string_append_c(js->buf, c);
            return;
        }
        json_stream_flush(js);
    }

    switch (c) {
    case '"':
        js->in_string = true;
        break;
    case '{':
    case '[':
        if (++js->depth > JSON_STREAM_MAX_DEPTH) {
            json_stream_fail(js, "nesting too deep");
            return;
        }
        break;
    case '}':
    case ']':
        g_string_append_c(js->buf, c);
        /* A stray closer at the top level goes to the parser as an error. */
        if (js->depth <= 1) {
            json_stream_flush(js);
        } else {
            js->depth--;
        }
        return;
    default:
        if (g_ascii_isspace(c)) {
            if (js->depth > 0) {
                g_string_append_c(js->buf, c);
            }
            return;
        }
        js->in_scalar = js->depth == 0;
        break;
    }
    g_string_append_c(js->buf, c);
}

void json_stream_feed(JsonStream *js, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        json_stream_byte(js, buf[i]);
        if (js->buf->len > JSON_STREAM_MAX_SIZE) {
            json_stream_fail(js, "value too large");
        }
    }
}

/* ---- formatting ---- */

static void json_format_string(GString *out, const char *s)
{
    static const char *const escapes[0x20] = {
        ['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
    };

    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            g_string_append_c(out, '\\');
            g_string_append_c(out, (char)*p);
        } else if (*p < 0x20 && escapes[*p]) {
            g_string_append(out, escapes[*p]);
        } else if (*p < 0x20 || *p == 0x7f) {
            g_string_append_printf(out, "\\u%04x", *p);
        } else {
            g_string_append_c(out, (char)*p);
        }
    }
    g_string_append_c(out, '"');
}

static void json_format_value(GString *out, JsonNode *node)
{
    GType type = json_node_get_value_type(node);
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    if (type == G_TYPE_STRING) {
        json_format_string(out, json_node_get_string(node));
    } else if (type == G_TYPE_BOOLEAN) {
        g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
    } else if (type == G_TYPE_DOUBLE) {
        g_string_append(out, g_ascii_dtostr(num, sizeof(num), json_node_get_double(node)));
    } else {
        g_string_append_printf(out, "%" PRId64, (int64_t)json_node_get_int(node));
    }
}

static void json_format_newline(GString *out, bool pretty, int level)
{
    if (pretty) {
        g_string_append_c(out, '\n');
        for (int i = 0; i < level; i++) {
            g_string_append(out, "    ");
        }
    }
}

/* Before a member or element: a comma after the previous one, then a space
 * (compact) or a new indented line (pretty). */
static void json_format_item(GString *out, bool first, bool pretty, int level)
{
    if (!first) {
        g_string_append_c(out, ',');
        if (!pretty) {
            g_string_append_c(out, ' ');
        }
    }
    json_format_newline(out, pretty, level);
}

static void json_format_close(GString *out, bool empty, bool pretty, int level, char close)
{
    if (!empty) {
        json_format_newline(out, pretty, level);
    }
    g_string_append_c(out, close);
}

static void json_format_node(GString *out, JsonNode *node, bool pretty, int level);

static void json_format_object(GString *out, JsonObject *obj, bool pretty, int level)
{
    GList *members = json_object_get_members(obj);

    g_string_append_c(out, '{');
    for (GList *m = members; m; m = m->next) {
        json_format_item(out, m == members, pretty, level + 1);
        json_format_string(out, m->data);
        g_string_append(out, ": ");
        json_format_node(out, json_object_get_member(obj, m->data), pretty, level + 1);
    }
    json_format_close(out, !members, pretty, level, '}');
    g_list_free(members);
}

static void json_format_array(GString *out, JsonArray *arr, bool pretty, int level)
{
    guint n = json_array_get_length(arr);

    g_string_append_c(out, '[');
    for (guint i = 0; i < n; i++) {
        json_format_item(out, i == 0, pretty, level + 1);
        json_format_node(out, json_array_get_element(arr, i), pretty, level + 1);
    }
    json_format_close(out, n == 0, pretty, level, ']');
}

static void json_format_node(GString *out, JsonNode *node, bool pretty, int level)
{
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT:
        json_format_object(out, json_node_get_object(node), pretty, level);
        break;
    case JSON_NODE_ARRAY:
        json_format_array(out, json_node_get_array(node), pretty, level);
        break;
    case JSON_NODE_VALUE:
        json_format_value(out, node);
        break;
    case JSON_NODE_NULL:
        g_string_append(out, "null");
        break;
    }
}

void json_node_format(GString *out, JsonNode *node, bool pretty)
{
    json_format_node(out, node, pretty, 0);
}

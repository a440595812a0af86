/*
 * JSON framing and formatting for QMP.
 *
 * A QMP client sends JSON values back to back on a byte stream, split
 * across reads at arbitrary points. JsonStream finds where each top-level
 * value ends by counting braces and brackets outside strings, and hands the
 * complete text to a callback for json-glib to parse. json_node_format()
 * writes a value the way QEMU does ("key": value, ", " between members), or
 * indented with pretty=on.
 */
#ifndef MONITOR_JSON_STREAM_H
#define MONITOR_JSON_STREAM_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdbool.h>

/* A complete top-level value's text, or error set (the text is then NULL). */
typedef void (*JsonStreamFn)(void *opaque, const char *text, const char *error);

typedef struct JsonStream {
    GString *buf;             /* the value being collected */
    int depth;                /* of open { and [ */
    bool in_string;
    bool escape;              /* the previous string byte was a backslash */
    bool in_scalar;           /* a bare top-level token (number, literal, garbage) */
    bool discard;             /* past a limit: drop input up to the next newline */
    JsonStreamFn emit;
    void *opaque;
} JsonStream;

/* Limits past which input is discarded with an error, as QEMU's parser has. */
#define JSON_STREAM_MAX_SIZE (1u << 20)
#define JSON_STREAM_MAX_DEPTH 1024

void json_stream_init(JsonStream *js, JsonStreamFn emit, void *opaque);
void json_stream_destroy(JsonStream *js);
/* Forgets a partial value (the client went away). */
void json_stream_reset(JsonStream *js);
void json_stream_feed(JsonStream *js, const char *buf, size_t len);

/* Appends node's JSON text to out; pretty indents by four spaces per level. */
void json_node_format(GString *out, JsonNode *node, bool pretty);

#endif

/*
 * Monitor-internal: the QMP engine without a chardev.
 *
 * A QmpSession is one client's conversation: the capabilities handshake,
 * requests in, replies and events out through a callback. The chardev
 * frontend in qmp.c and the unit tests both drive sessions through this.
 */
#ifndef MONITOR_QMP_H
#define MONITOR_QMP_H

#include <glib.h>
#include <stdbool.h>

typedef struct QmpSession QmpSession;

/* Receives one complete message (greeting, reply or event), newline included. */
typedef void (*QmpOutputFn)(void *opaque, const char *text, size_t len);

QmpSession *qmp_session_new(bool pretty, QmpOutputFn out, void *opaque);
void qmp_session_free(QmpSession *s);
/* A client arrived: sends the greeting and waits for qmp_capabilities. */
void qmp_session_open(QmpSession *s);
/* The client left: drops partial input; events stop until the next handshake. */
void qmp_session_close(QmpSession *s);
/* Bytes from the client, split anywhere; sends one reply per complete value. */
void qmp_session_feed(QmpSession *s, const char *buf, size_t len);
/* Runs one request given as JSON text; returns the reply (no newline; g_free it). */
char *qmp_dispatch_json(QmpSession *s, const char *json);

#endif

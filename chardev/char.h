/*
 * Character devices: byte streams between guest devices (UARTs, the
 * monitor) and the host (stdio, pty, files, sockets).
 *
 * A Chardev is a backend; a device talks to it through a CharFrontend
 * holding its callbacks. Input arrives on the main loop with the global lock
 * held; the frontend says how much it can take (can_read) and gets the
 * bytes (read). Output (char_fe_write) may be called from any thread holding
 * the global lock and writes everything, blocking if needed, unless the
 * backend is disconnected, when the bytes are dropped.
 *
 * A mux chardev ("mon:stdio", -nographic) serves several frontends, one at a
 * time, switched with Ctrl-A c; Ctrl-A x quits, Ctrl-A h prints help.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct Chardev Chardev;

typedef enum CharEvent {
    CHR_EVENT_OPENED,    /* a client connected, or the backend is ready */
    CHR_EVENT_CLOSED,
    CHR_EVENT_BREAK,     /* a serial break (Ctrl-A b on a mux) */
    CHR_EVENT_MUX_IN,    /* this frontend now owns a mux's input */
    CHR_EVENT_MUX_OUT,
} CharEvent;

typedef int (*CharCanReadFn)(void *opaque);
typedef void (*CharReadFn)(void *opaque, const uint8_t *buf, int len);
typedef void (*CharEventFn)(void *opaque, CharEvent event);

typedef struct CharFrontend {
    Chardev *chr;
    CharCanReadFn can_read;
    CharReadFn read;
    CharEventFn event;
    void *opaque;
    int mux_index;       /* position on a mux, -1 otherwise */
} CharFrontend;

/*
 * Creates a backend from -chardev text: "stdio,id=x[,signal=off]",
 * "null,id=x", "file,id=x,path=P", "pty,id=x",
 * "socket,id=x,host=H,port=P[,server=on][,wait=off]" or
 * "socket,id=x,path=P[,server=on][,wait=off]"; mux=on makes it a mux.
 */
Chardev *chardev_new_from_options(const char *options, GError **err);
/*
 * Creates a backend from -serial/-monitor/-qmp style text: "stdio",
 * "mon:stdio", "null", "none" (returns NULL, no error), "file:P", "pty",
 * "tcp:H:P[,server=on,wait=off]", "unix:P[,server=on,wait=off]",
 * "chardev:ID" (an existing one). label becomes its id. Errors name the
 * option the label comes from: "serial0" gives "-serial: ...",
 * "compat_monitor0" "-monitor: ...", "qmp0" "-qmp: ...".
 */
Chardev *chardev_new_from_legacy(const char *label, const char *spec, GError **err);
Chardev *chardev_find(const char *id);
const char *chardev_id(Chardev *chr);
bool chardev_is_mux(Chardev *chr);
/* The backend of a "mon:" spec: true when the monitor should be attached too. */
bool chardev_wants_monitor(Chardev *chr);
/*
 * QEMU's filename for `info chardev` (g_free it): "stdio", "null", "file",
 * "pty:/dev/pts/3", "unix:P,server=on", "disconnected:tcp:0.0.0.0:4444,server=on",
 * "mux".
 */
char *chardev_filename(Chardev *chr);
/* Appends "id: filename=..." for every chardev, as QEMU's `info chardev`. */
void chardev_print_info(GString *out);

/* Attaches a frontend; a plain chardev takes one, a mux several. */
bool char_fe_init(CharFrontend *fe, Chardev *chr, GError **err);
void char_fe_set_handlers(CharFrontend *fe, CharCanReadFn can_read, CharReadFn read,
                          CharEventFn event, void *opaque);
void char_fe_deinit(CharFrontend *fe);
int char_fe_write(CharFrontend *fe, const uint8_t *buf, int len);
int char_fe_printf(CharFrontend *fe, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* The frontend can take more now (after can_read returned 0). */
void char_fe_accept_input(CharFrontend *fe);
/* Switches a mux to this frontend (e.g. -nographic focuses the serial port). */
void char_fe_focus(CharFrontend *fe);
bool char_fe_backend_connected(CharFrontend *fe);

/* Puts terminals back (raw mode off) on every exit path; safe in signal handlers. */
void chardev_restore_terminals(void);
/* Closes every backend, flushing files. */
void chardev_cleanup_all(void);

#endif

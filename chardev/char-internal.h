/*
 * Character devices, the backend side: what every backend file
 * (char-null.c, char-file.c, char-stdio.c, char-pty.c, char-socket.c,
 * char-mux.c) shares with the core in char.c.
 *
 * A backend is a ChardevOps table and a state struct that starts with a
 * Chardev. The core parses options, keeps the registry and the frontend;
 * a backend opens its host resource, writes, and feeds input back through
 * chardev_be_can_read/chardev_be_write/chardev_be_event. Input from a file
 * descriptor goes through the shared watch in char-fd.c, which stops polling
 * while the frontend cannot take bytes.
 */
#ifndef CHARDEV_CHAR_INTERNAL_H
#define CHARDEV_CHAR_INTERNAL_H

#include "chardev/char.h"

/* Largest chunk read from a host fd in one go. */
#define CHAR_READ_MAX 4096

typedef struct ChardevOps {
    const char *name;            /* backend type, as -chardev spells it */
    const char *const *keys;     /* options it takes besides id, backend and mux; NULL-terminated */
    size_t size;                 /* of the backend's state struct */
    bool (*open)(Chardev *chr, GArray *opts, GError **err);
    /* Writes all of buf; returns len (also when dropped) or -1 on a host error. */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* A frontend attached or can take input again: (re)start reading. */
    void (*accept_input)(Chardev *chr, CharFrontend *fe);
    /* The input fd reached end of file or failed. */
    void (*input_hangup)(Chardev *chr);
    void (*close)(Chardev *chr);     /* optional */
    /* For `info chardev`; optional, the backend name otherwise. */
    char *(*filename)(Chardev *chr);
    /* Optional: turns ARG of a "-serial NAME:ARG" spec into options. */
    bool (*parse_legacy)(const char *arg, GArray *opts, GError **err);
} ChardevOps;

struct Chardev {
    const ChardevOps *ops;
    char *id;
    CharFrontend *fe;       /* the one frontend of a plain backend, or NULL */
    bool be_open;           /* connected (sockets, pty) or always-open backends */
    bool wants_monitor;     /* a "mon:" spec */
    int in_fd;              /* polled for input, -1 when there is none now */
    guint in_tag;           /* the watch on in_fd, 0 while not polling */
};

extern const ChardevOps char_null_ops;
extern const ChardevOps char_file_ops;
extern const ChardevOps char_stdio_ops;
extern const ChardevOps char_pty_ops;
extern const ChardevOps char_socket_ops;
extern const ChardevOps char_mux_ops;

/*
 * Backends that live outside chardev/ (the text console, ui/vc.c) add
 * themselves from a constructor. -chardev NAME,... then creates them, and
 * so do the legacy specs NAME and NAME:ARG (-serial vc, -monitor vc).
 */
void chardev_register_backend(const ChardevOps *ops);
/* Appends key=value to parsed options (for parse_legacy). */
void chardev_opt_add(GArray *opts, const char *key, const char *value);

/* Backend to frontend (char.c). */
int chardev_be_can_read(Chardev *chr);
void chardev_be_write(Chardev *chr, const uint8_t *buf, int len);
/* Records OPENED/CLOSED in be_open and tells the frontend. */
void chardev_be_event(Chardev *chr, CharEvent event);

/* Option helpers for open functions: false with *err naming the key. */
bool chardev_opt_bool(GArray *opts, const char *key, bool def, bool *out, GError **err);
const char *chardev_opt_required(GArray *opts, const char *backend, const char *key,
                                 GError **err);

/* Shared fd I/O (char-fd.c). */
void char_fd_input_start(Chardev *chr);
void char_fd_input_stop(Chardev *chr);
/* ops->accept_input for fd backends. */
void char_fd_accept_input(Chardev *chr, CharFrontend *fe);
/*
 * Writes all of buf to fd, waiting with poll() while it would block.
 * Sockets use send(MSG_NOSIGNAL) so a gone peer never raises SIGPIPE.
 * Returns len, or -1 with errno set.
 */
int char_fd_write_all(int fd, const uint8_t *buf, int len, bool is_socket);
void char_fd_set_nonblock(int fd);

/* Mux (char-mux.c): wraps base, which becomes its only user. */
Chardev *char_mux_new(const char *id, Chardev *base, GError **err);
/* Gives fe a slot (char_fe_init) / takes it back (char_fe_deinit). */
bool char_mux_attach(Chardev *chr, CharFrontend *fe, GError **err);
void char_mux_detach(Chardev *chr, CharFrontend *fe);
/* Input goes to fe from now on; MUX_OUT/MUX_IN tell the old and new owner. */
void char_mux_focus(Chardev *chr, CharFrontend *fe);
void char_mux_focus_deferred(Chardev *chr, CharFrontend *fe);

#endif

/*
 * Character devices: the pty backend. "-chardev pty,id=x" and "-serial pty"
 * open a pseudo-terminal pair, put it in raw mode, and print the slave's
 * name ("char device redirected to /dev/pts/N (label x)") as QEMU does.
 *
 * The master reports POLLHUP while nobody has the slave open. Like QEMU we
 * call that disconnected: output is dropped rather than filling the pty, and
 * a one-second timer looks for a reader; when one appears the frontend gets
 * OPENED and input is read, until the reader goes (EIO) and CLOSED follows.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/char-internal.h"
#include "util/error.h"

#define PTY_POLL_MS 1000

typedef struct PtyChardev {
    Chardev parent;
    int master;
    char *name;       /* the slave, "/dev/pts/N" */
    guint timer;      /* looks for a reader while disconnected */
} PtyChardev;

static bool pty_has_reader(PtyChardev *p)
{
    struct pollfd pfd = { .fd = p->master, .events = POLLIN };
    return poll(&pfd, 1, 0) >= 0 && !(pfd.revents & POLLHUP);
}

static gboolean pty_timer_tick(gpointer opaque)
{
    PtyChardev *p = opaque;
    Chardev *chr = &p->parent;

    if (!pty_has_reader(p)) {
        return G_SOURCE_CONTINUE;
    }
    p->timer = 0;
    chr->in_fd = p->master;
    chardev_be_event(chr, CHR_EVENT_OPENED);
    char_fd_input_start(chr);
    return G_SOURCE_REMOVE;
}

static void pty_disconnected(PtyChardev *p)
{
    p->parent.in_fd = -1;
    if (!p->timer) {
        p->timer = g_timeout_add(PTY_POLL_MS, pty_timer_tick, p);
    }
}

/* Opens the slave once to make the pair raw, as qemu_openpty_raw does. */
static bool pty_make_raw(const char *name, GError **err)
{
    struct termios tty;
    int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);

    if (slave < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot open '%s': %s", name, g_strerror(errno));
        return false;
    }
    if (tcgetattr(slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(slave, TCSAFLUSH, &tty);
    }
    close(slave);
    return true;
}

static bool char_pty_open(Chardev *chr, GArray *opts, GError **err)
{
    PtyChardev *p = (PtyChardev *)chr;
    const char *name = NULL;

    p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0 ||
        !(name = ptsname(p->master))) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot open a pseudo-terminal: %s",
                    g_strerror(errno));
        if (p->master >= 0) {
            close(p->master);
        }
        return false;
    }
    if (!pty_make_raw(name, err)) {
        close(p->master);
        return false;
    }
    char_fd_set_nonblock(p->master);
    p->name = g_strdup(name);
    fprintf(stderr, "char device redirected to %s (label %s)\n", name, chr->id);
    pty_disconnected(p);
    return true;
}

static int char_pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *p = (PtyChardev *)chr;

    /* A reader may have come since the last tick: look now, as QEMU does. */
    if (!chr->be_open && !pty_has_reader(p)) {
        return len;
    }
    /* A reader that left mid-write: drop the rest; the input side sees EIO. */
    char_fd_write_all(p->master, buf, len, false);
    return len;
}

static void char_pty_input_hangup(Chardev *chr)
{
    pty_disconnected((PtyChardev *)chr);
    chardev_be_event(chr, CHR_EVENT_CLOSED);
}

static void char_pty_close(Chardev *chr)
{
    PtyChardev *p = (PtyChardev *)chr;
    if (p->timer) {
        g_source_remove(p->timer);
    }
    close(p->master);
    g_free(p->name);
}

static char *char_pty_filename(Chardev *chr)
{
    return g_strdup_printf("pty:%s", ((PtyChardev *)chr)->name);
}

const ChardevOps char_pty_ops = {
    .name = "pty",
    .size = sizeof(PtyChardev),
    .open = char_pty_open,
    .write = char_pty_write,
    .accept_input = char_fd_accept_input,
    .input_hangup = char_pty_input_hangup,
    .close = char_pty_close,
    .filename = char_pty_filename,
};

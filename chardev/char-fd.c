/*
 * Character devices: file-descriptor I/O shared by the stdio, file, pty and
 * socket backends.
 *
 * Input is a watch on the GLib main loop. Before each read the frontend says
 * how much it can take; when it can take nothing the watch removes itself,
 * so a full guest UART does not spin the loop, and char_fe_accept_input
 * puts it back. Output writes everything, waiting in poll() on EAGAIN.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#include "chardev/char-internal.h"

static gboolean char_fd_input_ready(int fd, GIOCondition cond, gpointer opaque)
{
    Chardev *chr = opaque;
    uint8_t buf[CHAR_READ_MAX];
    int room = chardev_be_can_read(chr);

    if (room <= 0) {
        chr->in_tag = 0;
        return G_SOURCE_REMOVE;
    }
    ssize_t got = read(fd, buf, MIN(room, (int)sizeof(buf)));
    if (got > 0) {
        chardev_be_write(chr, buf, got);
        return G_SOURCE_CONTINUE;
    }
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) {
        return G_SOURCE_CONTINUE;
    }
    /* End of file, a hung-up peer, or EIO from a pty without a reader. */
    chr->in_tag = 0;
    if (chr->ops->input_hangup) {
        chr->ops->input_hangup(chr);
    }
    return G_SOURCE_REMOVE;
}

void char_fd_input_start(Chardev *chr)
{
    if (chr->in_fd >= 0 && !chr->in_tag && chardev_be_can_read(chr) > 0) {
        chr->in_tag = g_unix_fd_add(chr->in_fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                    char_fd_input_ready, chr);
    }
}

void char_fd_input_stop(Chardev *chr)
{
    if (chr->in_tag) {
        g_source_remove(chr->in_tag);
        chr->in_tag = 0;
    }
}

void char_fd_accept_input(Chardev *chr, CharFrontend *fe)
{
    char_fd_input_start(chr);
}

int char_fd_write_all(int fd, const uint8_t *buf, int len, bool is_socket)
{
    int done = 0;

    while (done < len) {
        ssize_t n = is_socket ? send(fd, buf + done, len - done, MSG_NOSIGNAL)
                              : write(fd, buf + done, len - done);
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EAGAIN) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            poll(&pfd, 1, -1);
            /* A pty master without a reader reports POLLHUP, never POLLOUT. */
            if (!(pfd.revents & POLLOUT) && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))) {
                errno = EPIPE;
                return -1;
            }
        } else if (n < 0 && errno != EINTR) {
            return -1;
        }
    }
    return len;
}

void char_fd_set_nonblock(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) {
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

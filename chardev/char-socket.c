/*
 * Character devices: the socket backend, TCP or Unix stream.
 * "-chardev socket,id=x,host=H,port=P[,server=on][,wait=off][,nodelay=on]",
 * "-chardev socket,id=x,path=P[,server=on][,wait=off]" and the legacy
 * "tcp:H:P,..." and "unix:P,..." specs.
 *
 * A server takes one client at a time: while one is connected the listening
 * socket is not polled, and after it leaves the next is accepted. With
 * server=on, wait=on (QEMU's default) creation blocks until the first client
 * comes. A client connects at creation and stays disconnected once the peer
 * leaves. Output while nobody is connected is dropped.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>

#include "chardev/char-internal.h"
#include "util/cutils.h"
#include "util/error.h"

typedef struct SocketChardev {
    Chardev parent;
    int listen_fd;       /* server only, else -1 */
    guint listen_tag;    /* accept watch, 0 while a client is connected */
    bool nodelay;
    char *unix_path;     /* a Unix server's path, removed at close */
    char *address;       /* "unix:P" or "tcp:H:P", for messages */
} SocketChardev;

static void socket_connected(SocketChardev *s, int fd)
{
    Chardev *chr = &s->parent;
    int on = 1;

    char_fd_set_nonblock(fd);
    if (s->nodelay) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    }
    chr->in_fd = fd;
    chardev_be_event(chr, CHR_EVENT_OPENED);
    char_fd_input_start(chr);
}

static gboolean socket_accept_ready(int fd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;
    int client = accept4(fd, NULL, NULL, SOCK_CLOEXEC);

    if (client < 0) {
        return G_SOURCE_CONTINUE;
    }
    s->listen_tag = 0;
    socket_connected(s, client);
    return G_SOURCE_REMOVE;
}

static void socket_listen_start(SocketChardev *s)
{
    if (s->listen_fd >= 0 && !s->listen_tag) {
        s->listen_tag = g_unix_fd_add(s->listen_fd, G_IO_IN, socket_accept_ready, s);
    }
}

/* Returns a listening or connected socket, or -1 with errno set. */
static int socket_open_addr(const struct sockaddr *sa, socklen_t len, bool server)
{
    int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1;

    if (fd < 0) {
        return -1;
    }
    if (server) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    }
    if (server ? bind(fd, sa, len) == 0 && listen(fd, 1) == 0 : connect(fd, sa, len) == 0) {
        return fd;
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

static int socket_open_unix(SocketChardev *s, const char *path, bool server, GError **err)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    s->address = g_strdup_printf("unix:%s", path);
    if (strlen(path) >= sizeof(sa.sun_path)) {
        g_set_error(err, CHIMERA_ERROR, 0, "socket path '%s' is too long", path);
        return -1;
    }
    strcpy(sa.sun_path, path);
    if (server) {
        /* A stale socket file from an earlier run would make bind fail. */
        unlink(path);
    }
    int fd = socket_open_addr((struct sockaddr *)&sa, sizeof(sa), server);
    if (fd < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot %s '%s': %s",
                    server ? "listen on" : "connect to", s->address, g_strerror(errno));
    } else if (server) {
        s->unix_path = g_strdup(path);
    }
    return fd;
}

/* The bound address of a TCP server, "tcp:0.0.0.0:4444" as QEMU shows it. */
static char *socket_tcp_bound_address(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char host[NI_MAXHOST], port[NI_MAXSERV];

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
        getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), port, sizeof(port),
                    NI_NUMERICHOST | NI_NUMERICSERV)) {
        return NULL;
    }
    return g_strdup_printf(ss.ss_family == AF_INET6 ? "tcp:[%s]:%s" : "tcp:%s:%s", host, port);
}

static int socket_open_tcp(SocketChardev *s, const char *host, const char *port, bool server,
                           GError **err)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = server ? AI_PASSIVE : 0,
    };
    struct addrinfo *res;
    const char *node = host && *host ? host : server ? NULL : "localhost";
    int fd = -1, rc;

    s->address = g_strdup_printf("tcp:%s:%s", host ? host : "", port);
    rc = getaddrinfo(node, port, &hints, &res);
    if (rc) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot resolve '%s': %s", s->address,
                    gai_strerror(rc));
        return -1;
    }
    errno = EADDRNOTAVAIL;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket_open_addr(ai->ai_addr, ai->ai_addrlen, server);
    }
    if (fd < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot %s '%s': %s",
                    server ? "listen on" : "connect to", s->address, g_strerror(errno));
    }
    freeaddrinfo(res);
    char *bound = fd >= 0 && server ? socket_tcp_bound_address(fd) : NULL;
    if (bound) {
        g_free(s->address);
        s->address = bound;
    }
    return fd;
}

/* QEMU's filename: "disconnected:unix:P,server=on", "tcp:0.0.0.0:4444,server=on"... */
static char *char_socket_filename(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;
    return g_strdup_printf("%s%s%s", chr->in_fd < 0 ? "disconnected:" : "", s->address,
                           s->listen_fd >= 0 ? ",server=on" : "");
}

/* server=on,wait=on: block until the first client, as QEMU does. */
static void socket_wait_first_client(SocketChardev *s)
{
    g_autofree char *name = char_socket_filename(&s->parent);
    int client = -1;

    error_report("info: QEMU waiting for connection on: %s", name);
    while (client < 0) {
        struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };
        if (poll(&pfd, 1, -1) > 0) {
            client = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        }
    }
    socket_connected(s, client);
}

static bool char_socket_open(Chardev *chr, GArray *opts, GError **err)
{
    SocketChardev *s = (SocketChardev *)chr;
    const char *path = keyval_get(opts, "path");
    const char *port = keyval_get(opts, "port");
    bool server, wait, nowait, telnet;
    int fd;

    s->listen_fd = -1;
    if (!chardev_opt_bool(opts, "server", false, &server, err) ||
        !chardev_opt_bool(opts, "wait", true, &wait, err) ||
        !chardev_opt_bool(opts, "nowait", false, &nowait, err) ||
        !chardev_opt_bool(opts, "nodelay", false, &s->nodelay, err) ||
        !chardev_opt_bool(opts, "telnet", false, &telnet, err)) {
        return false;
    }
    if (telnet) {
        g_set_error(err, CHIMERA_ERROR, 0, "socket: telnet is not supported");
        return false;
    }
    if (path && (port || keyval_get(opts, "host"))) {
        g_set_error(err, CHIMERA_ERROR, 0, "socket: 'path' excludes 'host' and 'port'");
        return false;
    }
    if (!path && !chardev_opt_required(opts, "socket", "port", err)) {
        return false;
    }
    fd = path ? socket_open_unix(s, path, server, err)
              : socket_open_tcp(s, keyval_get(opts, "host"), port, server, err);
    if (fd < 0) {
        g_free(s->address);
        return false;
    }
    if (!server) {
        socket_connected(s, fd);
        return true;
    }
    s->listen_fd = fd;
    char_fd_set_nonblock(fd);
    if (wait && !nowait) {
        socket_wait_first_client(s);
    } else {
        socket_listen_start(s);
    }
    return true;
}

static int char_socket_write(Chardev *chr, const uint8_t *buf, int len)
{
    /* Nobody there, or the peer left mid-write: drop, as QEMU does. The
     * input watch notices the hang-up. */
    if (chr->in_fd >= 0) {
        char_fd_write_all(chr->in_fd, buf, len, true);
    }
    return len;
}

static void char_socket_input_hangup(Chardev *chr)
{
    close(chr->in_fd);
    chr->in_fd = -1;
    chardev_be_event(chr, CHR_EVENT_CLOSED);
    socket_listen_start((SocketChardev *)chr);
}

static void char_socket_close(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    if (chr->in_fd >= 0) {
        close(chr->in_fd);
    }
    if (s->listen_tag) {
        g_source_remove(s->listen_tag);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
    }
    if (s->unix_path) {
        unlink(s->unix_path);
    }
    g_free(s->unix_path);
    g_free(s->address);
}

static const char *const char_socket_keys[] = {
    "host", "port", "path", "server", "wait", "nowait", "nodelay", "telnet", NULL
};

const ChardevOps char_socket_ops = {
    .name = "socket",
    .keys = char_socket_keys,
    .size = sizeof(SocketChardev),
    .open = char_socket_open,
    .write = char_socket_write,
    .accept_input = char_fd_accept_input,
    .input_hangup = char_socket_input_hangup,
    .close = char_socket_close,
    .filename = char_socket_filename,
};

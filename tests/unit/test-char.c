/*
 * Unit tests for chardev/: -chardev and legacy spec parsing, the null, file
 * and socket backends driven through the GLib main loop, mux focus and
 * escape keys, and can_read backpressure. Sockets are Unix sockets in a
 * temporary directory; the peer is a plain socket owned by the test, so no
 * terminal is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chardev/char.h"
#include "hw/core/qdev.h"
#include "softmmu/runstate.h"
#include "util/error.h"

/* Test doubles for the two functions chardev/ needs from other layers. */
static LinkResolver chardev_resolver;
static int shutdown_requests;
static ShutdownCause shutdown_cause;

void link_resolver_register(const char *kind, LinkResolver resolve)
{
    if (!strcmp(kind, "chardev")) {
        chardev_resolver = resolve;
    }
}

void system_shutdown_request(ShutdownCause cause)
{
    shutdown_requests++;
    shutdown_cause = cause;
}

static char *tmpdir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* A fake device: records input and events, takes at most `budget` bytes. */
typedef struct TestFe {
    CharFrontend fe;
    GByteArray *in;
    GArray *events;
    int budget;        /* bytes it can still take; -1 for no limit */
} TestFe;

static int test_can_read(void *opaque)
{
    TestFe *t = opaque;
    return t->budget < 0 ? 1024 : t->budget;
}

static void test_read(void *opaque, const uint8_t *buf, int len)
{
    TestFe *t = opaque;
    g_assert_cmpint(len, >, 0);
    if (t->budget >= 0) {
        g_assert_cmpint(len, <=, t->budget);
        t->budget -= len;
    }
    g_byte_array_append(t->in, buf, len);
}

static void test_event(void *opaque, CharEvent event)
{
    TestFe *t = opaque;
    int e = event;
    g_array_append_val(t->events, e);
}

static TestFe *test_fe_new(Chardev *chr)
{
    TestFe *t = g_new0(TestFe, 1);
    t->in = g_byte_array_new();
    t->events = g_array_new(FALSE, FALSE, sizeof(int));
    t->budget = -1;
    g_assert_true(char_fe_init(&t->fe, chr, NULL));
    char_fe_set_handlers(&t->fe, test_can_read, test_read, test_event, t);
    return t;
}

static void test_fe_free(TestFe *t)
{
    char_fe_deinit(&t->fe);
    g_byte_array_unref(t->in);
    g_array_unref(t->events);
    g_free(t);
}

/* Checks the events seen since the last check, in order, and forgets them. */
static void expect_events(TestFe *t, const int *want, guint n)
{
    g_assert_cmpuint(t->events->len, ==, n);
    for (guint i = 0; i < n; i++) {
        g_assert_cmpint(g_array_index(t->events, int, i), ==, want[i]);
    }
    g_array_set_size(t->events, 0);
}
#define EXPECT_EVENTS(t, ...)                                           \
    expect_events((t), (const int[]){ __VA_ARGS__ },                   \
                  sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

static void expect_input(TestFe *t, const char *want)
{
    g_assert_cmpmem(t->in->data, t->in->len, want, strlen(want));
    g_byte_array_set_size(t->in, 0);
}

/* Runs the main loop until *count reaches want, or two seconds pass. */
static void pump_until(const guint *count, guint want)
{
    gint64 end = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;
    while (*count < want && g_get_monotonic_time() < end) {
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
    g_assert_cmpuint(*count, >=, want);
}

/* Runs the main loop for a while (to show nothing more arrives). */
static void pump_for_ms(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;
    while (g_get_monotonic_time() < end) {
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
}

static int raw_unix_socket(const char *path, bool listen_on)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    if (listen_on) {
        g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
        g_assert_cmpint(listen(fd, 1), ==, 0);
    } else {
        g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    }
    return fd;
}

static void raw_send(int fd, const char *s)
{
    g_assert_cmpint(write(fd, s, strlen(s)), ==, strlen(s));
}

/* Reads from fd until want bytes came (pumping the main loop meanwhile). */
static char *raw_recv(int fd, size_t want)
{
    GString *s = g_string_new(NULL);
    gint64 end = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;

    while (s->len < want && g_get_monotonic_time() < end) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[256];
        g_main_context_iteration(NULL, FALSE);
        if (poll(&pfd, 1, 1) > 0) {
            ssize_t n = read(fd, buf, MIN(sizeof(buf), want - s->len));
            g_assert_cmpint(n, >, 0);
            g_string_append_len(s, buf, n);
        }
    }
    g_assert_cmpuint(s->len, ==, want);
    return g_string_free(s, FALSE);
}

static Chardev *new_chardev(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static Chardev *new_chardev(const char *fmt, ...)
{
    va_list ap;
    GError *err = NULL;

    va_start(ap, fmt);
    g_autofree char *opts = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    Chardev *chr = chardev_new_from_options(opts, &err);
    g_assert_no_error(err);
    g_assert_nonnull(chr);
    return chr;
}

/* Parsing */

static void test_parse_options_good(void)
{
    g_autofree char *file = tmp_path("good.log");
    g_autofree char *sock = tmp_path("good.sock");

    Chardev *n = new_chardev("null,id=n1");
    g_assert_true(chardev_find("n1") == n);
    g_assert_cmpstr(chardev_id(n), ==, "n1");
    g_assert_false(chardev_is_mux(n));
    g_assert_false(chardev_wants_monitor(n));

    Chardev *f = new_chardev("file,id=f1,path=%s,append=off", file);
    g_assert_true(g_file_test(file, G_FILE_TEST_EXISTS));
    g_assert_true(chardev_find("f1") == f);

    new_chardev("socket,id=s1,path=%s,server=on,wait=off", sock);
    g_assert_true(g_file_test(sock, G_FILE_TEST_EXISTS));
    new_chardev("socket,id=s2,host=127.0.0.1,port=0,server,nowait,nodelay");

    Chardev *m = new_chardev("null,id=m1,mux=on");
    g_assert_true(chardev_is_mux(m));
    g_assert_true(chardev_find("m1") == m);
    g_assert_nonnull(chardev_find("m1-base"));
    g_assert_false(chardev_is_mux(chardev_find("m1-base")));
    g_assert_false(chardev_wants_monitor(m));
}

static void expect_error(Chardev *chr, GError *err, const char *want)
{
    g_assert_null(chr);
    g_assert_nonnull(err);
    if (!strstr(err->message, want)) {
        g_error("error '%s' lacks '%s'", err->message, want);
    }
    g_assert_null(strchr(err->message, '\n'));
    g_error_free(err);
}

static void test_parse_options_bad(void)
{
    static const struct {
        const char *opts, *error;
    } cases[] = {
        { "foo,id=x", "-chardev: unknown backend type 'foo'" },
        { "id=x", "-chardev: no backend type given" },
        { "null", "-chardev: 'id' is required" },
        { "null,id=bad1,bogus=1", "-chardev: invalid parameter 'bogus' for backend 'null'" },
        { "stdio,id=bad2,path=x", "invalid parameter 'path' for backend 'stdio'" },
        { "file,id=bad3", "-chardev: file: 'path' is required" },
        { "file,id=bad4,path=/nonexistent/dir/x",
          "-chardev: cannot open '/nonexistent/dir/x': No such file or directory" },
        { "null,id=bad5,mux=maybe", "invalid value 'maybe' for 'mux'" },
        { "socket,id=bad6,path=/x,server=maybe", "invalid value 'maybe' for 'server'" },
        { "socket,id=bad7", "-chardev: socket: 'port' is required" },
        { "socket,id=bad8,path=/nonexistent/dir/s",
          "-chardev: cannot connect to 'unix:/nonexistent/dir/s': No such file or directory" },
        { "socket,id=bad9,path=/x,port=4", "'path' excludes 'host' and 'port'" },
        { "socket,id=bad10,port=1,telnet=on", "telnet is not supported" },
        { "null,id=n2,=x", "empty parameter name" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *err = NULL;
        Chardev *chr = chardev_new_from_options(cases[i].opts, &err);
        expect_error(chr, err, cases[i].error);
    }
    GError *err = NULL;
    new_chardev("null,id=dup");
    Chardev *chr = chardev_new_from_options("null,id=dup", &err);
    expect_error(chr, err, "-chardev: duplicate chardev id 'dup'");
    err = NULL;
    chr = chardev_new_from_options("null,id=dup,mux=on", &err);
    expect_error(chr, err, "duplicate chardev id 'dup'");
    g_assert_null(chardev_find("dup-base"));
    g_assert_null(chardev_find("bad1"));
}

static void test_parse_legacy_good(void)
{
    g_autofree char *file = tmp_path("legacy.log");
    g_autofree char *sock = tmp_path("legacy.sock");
    g_autofree char *spec_file = g_strdup_printf("file:%s", file);
    g_autofree char *spec_unix = g_strdup_printf("unix:%s,server=on,wait=off", sock);
    GError *err = NULL;

    g_assert_null(chardev_new_from_legacy("serial9", "none", &err));
    g_assert_no_error(err);

    Chardev *n = chardev_new_from_legacy("serial0", "null", &err);
    g_assert_no_error(err);
    g_assert_cmpstr(chardev_id(n), ==, "serial0");
    g_assert_true(chardev_new_from_legacy("serial1", "chardev:serial0", &err) == n);
    g_assert_no_error(err);

    Chardev *f = chardev_new_from_legacy("serial2", spec_file, &err);
    g_assert_no_error(err);
    g_assert_nonnull(f);
    g_assert_true(g_file_test(file, G_FILE_TEST_EXISTS));

    g_assert_nonnull(chardev_new_from_legacy("serial3", spec_unix, &err));
    g_assert_no_error(err);
    g_assert_true(g_file_test(sock, G_FILE_TEST_EXISTS));
    g_assert_nonnull(chardev_new_from_legacy("serial4", "tcp:127.0.0.1:0,server=on,wait=off",
                                             &err));
    g_assert_no_error(err);
    g_assert_nonnull(chardev_new_from_legacy("serial5", "tcp::0,server,nowait", &err));
    g_assert_no_error(err);

    Chardev *m = chardev_new_from_legacy("monitor0", "mon:null", &err);
    g_assert_no_error(err);
    g_assert_true(chardev_is_mux(m));
    g_assert_true(chardev_wants_monitor(m));
    g_assert_cmpstr(chardev_id(m), ==, "monitor0");
    g_assert_nonnull(chardev_find("monitor0-base"));
}

static void test_parse_legacy_bad(void)
{
    static const struct {
        const char *label, *spec, *error;
    } cases[] = {
        { "serial6", "bogus", "-serial: unknown character device 'bogus'" },
        { "serial6", "telnet::4444,server", "-serial: 'telnet::4444,server': telnet is not" },
        { "serial6", "chardev:nope", "-serial: chardev 'nope' not found" },
        { "serial6", "file:/nonexistent/dir/x",
          "-serial: cannot open '/nonexistent/dir/x': No such file or directory" },
        { "serial6", "tcp:nohostport", "-serial: tcp: expected HOST:PORT, got 'nohostport'" },
        { "compat_monitor0", "unix:/nonexistent/dir/s", "-monitor: cannot connect to" },
        { "qmp0", "tcp:127.0.0.1:0,bogus=1", "-qmp: invalid parameter 'bogus'" },
        { "serial6", "mon:bogus", "-serial: unknown character device 'bogus'" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *err = NULL;
        Chardev *chr = chardev_new_from_legacy(cases[i].label, cases[i].spec, &err);
        expect_error(chr, err, cases[i].error);
    }
    g_assert_null(chardev_find("serial6"));
}

static void test_link_resolver(void)
{
    new_chardev("null,id=linked");
    g_assert_nonnull(chardev_resolver);
    g_assert_true(chardev_resolver("linked") == chardev_find("linked"));
    g_assert_null(chardev_resolver("missing"));
}

static void test_info(void)
{
    g_autofree char *sock = tmp_path("info.sock");
    g_autoptr(GString) out = g_string_new(NULL);
    Chardev *chr = new_chardev("socket,id=info1,path=%s,server=on,wait=off", sock);
    g_autofree char *name = chardev_filename(chr);
    g_autofree char *want = g_strdup_printf("disconnected:unix:%s,server=on", sock);
    g_autofree char *line = g_strdup_printf("info1: filename=%s\n", want);

    g_assert_cmpstr(name, ==, want);
    chardev_print_info(out);
    g_assert_true(g_str_has_prefix(out->str, "n1: filename=null\n"));
    g_assert_nonnull(strstr(out->str, "\nf1: filename=file\n"));
    g_assert_nonnull(strstr(out->str, "\nm1: filename=mux\n"));
    g_assert_true(g_str_has_suffix(out->str, line));
}

/* Backends */

static void test_null(void)
{
    Chardev *chr = new_chardev("null,id=null1");
    TestFe *t = test_fe_new(chr);
    GError *err = NULL;
    CharFrontend second;

    EXPECT_EVENTS(t, CHR_EVENT_OPENED);
    g_assert_true(char_fe_backend_connected(&t->fe));
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"abc", 3), ==, 3);
    g_assert_false(char_fe_init(&second, chr, &err));
    g_assert_error(err, CHIMERA_ERROR, 0);
    g_assert_nonnull(strstr(err->message, "'null1' is already in use"));
    g_error_free(err);
    test_fe_free(t);
}

static void test_file(void)
{
    g_autofree char *path = tmp_path("out.log");
    g_autofree char *contents = NULL;

    g_assert_true(g_file_set_contents(path, "old\n", -1, NULL));
    TestFe *t = test_fe_new(new_chardev("file,id=file1,path=%s", path));
    EXPECT_EVENTS(t, CHR_EVENT_OPENED);
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"hello\n", 6), ==, 6);
    g_assert_cmpint(char_fe_printf(&t->fe, "n=%d\n", 42), ==, 5);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello\nn=42\n");
    test_fe_free(t);

    g_clear_pointer(&contents, g_free);
    t = test_fe_new(new_chardev("file,id=file2,path=%s,append=on", path));
    char_fe_printf(&t->fe, "more\n");
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello\nn=42\nmore\n");
    test_fe_free(t);
}

static void test_pty(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_options("pty,id=pty1", &err);
    if (!chr) {
        g_test_skip(err->message);
        g_error_free(err);
        return;
    }
    TestFe *t = test_fe_new(chr);
    g_autofree char *name = chardev_filename(chr);
    char buf[8];

    g_assert_true(g_str_has_prefix(name, "pty:/dev/"));
    /* Nobody on the slave side: output is dropped, not queued. */
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"lost", 4), ==, 4);
    g_assert_cmpuint(t->events->len, ==, 0);

    int slave = open(name + 4, O_RDWR | O_NOCTTY);
    g_assert_cmpint(slave, >=, 0);
    pump_until(&t->events->len, 1);
    EXPECT_EVENTS(t, CHR_EVENT_OPENED);
    raw_send(slave, "hi\n");
    pump_until(&t->in->len, 3);
    expect_input(t, "hi\n");       /* raw mode: no line discipline */
    char_fe_printf(&t->fe, "yo\n");
    g_assert_cmpint(read(slave, buf, sizeof(buf)), ==, 3);
    g_assert_cmpmem(buf, 3, "yo\n", 3);

    close(slave);
    pump_until(&t->events->len, 1);
    EXPECT_EVENTS(t, CHR_EVENT_CLOSED);
    test_fe_free(t);
}

static void test_socket_server(void)
{
    g_autofree char *path = tmp_path("server.sock");
    TestFe *t = test_fe_new(new_chardev("socket,id=srv,path=%s,server=on,wait=off", path));
    g_autofree char *got = NULL;

    /* Nobody connected yet: no OPENED, output dropped. */
    g_assert_cmpuint(t->events->len, ==, 0);
    g_assert_false(char_fe_backend_connected(&t->fe));
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"lost", 4), ==, 4);

    for (int round = 0; round < 2; round++) {
        int peer = raw_unix_socket(path, false);
        pump_until(&t->events->len, 1);
        EXPECT_EVENTS(t, CHR_EVENT_OPENED);
        g_assert_true(char_fe_backend_connected(&t->fe));

        raw_send(peer, "ping");
        pump_until(&t->in->len, 4);
        expect_input(t, "ping");

        g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"pong", 4), ==, 4);
        g_free(got);
        got = raw_recv(peer, 4);
        g_assert_cmpstr(got, ==, "pong");

        close(peer);
        pump_until(&t->events->len, 1);
        EXPECT_EVENTS(t, CHR_EVENT_CLOSED);
        g_assert_false(char_fe_backend_connected(&t->fe));
    }
    test_fe_free(t);
}

static void test_socket_client(void)
{
    g_autofree char *path = tmp_path("client.sock");
    int listener = raw_unix_socket(path, true);
    Chardev *chr = new_chardev("socket,id=cli,path=%s", path);
    int peer = accept(listener, NULL, NULL);
    g_autofree char *got = NULL;

    g_assert_cmpint(peer, >=, 0);
    TestFe *t = test_fe_new(chr);
    EXPECT_EVENTS(t, CHR_EVENT_OPENED);

    char_fe_printf(&t->fe, "hi %s", "there");
    got = raw_recv(peer, 8);
    g_assert_cmpstr(got, ==, "hi there");
    raw_send(peer, "back");
    pump_until(&t->in->len, 4);
    expect_input(t, "back");

    close(peer);
    pump_until(&t->events->len, 1);
    EXPECT_EVENTS(t, CHR_EVENT_CLOSED);
    /* A client stays down; output is dropped without SIGPIPE. */
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"gone", 4), ==, 4);
    pump_for_ms(20);
    g_assert_cmpuint(t->events->len, ==, 0);
    test_fe_free(t);
    close(listener);
}

/* Our own TCP client and server talking over loopback. */
static void test_socket_tcp(void)
{
    Chardev *srv = new_chardev("socket,id=tcps,host=127.0.0.1,port=0,server=on,wait=off");
    g_autofree char *name = chardev_filename(srv);
    const char *port = strrchr(name, ':') + 1;

    g_assert_true(g_str_has_prefix(name, "disconnected:tcp:127.0.0.1:"));
    g_assert_true(g_str_has_suffix(name, ",server=on"));
    TestFe *s = test_fe_new(srv);
    TestFe *c = test_fe_new(new_chardev("socket,id=tcpc,host=127.0.0.1,port=%.*s,nodelay=on",
                                        (int)(strchr(port, ',') - port), port));
    EXPECT_EVENTS(c, CHR_EVENT_OPENED);
    pump_until(&s->events->len, 1);
    EXPECT_EVENTS(s, CHR_EVENT_OPENED);

    char_fe_printf(&c->fe, "to server");
    pump_until(&s->in->len, 9);
    expect_input(s, "to server");
    char_fe_printf(&s->fe, "to client");
    pump_until(&c->in->len, 9);
    expect_input(c, "to client");
    test_fe_free(s);
    test_fe_free(c);
}

static gpointer connect_later(gpointer path)
{
    g_usleep(50 * 1000);
    return GINT_TO_POINTER(raw_unix_socket(path, false));
}

static void test_socket_wait(void)
{
    g_autofree char *path = tmp_path("wait.sock");
    GThread *th = g_thread_new("peer", connect_later, path);

    /* Blocks until the thread connects. */
    Chardev *chr = new_chardev("socket,id=waiter,path=%s,server=on", path);
    int peer = GPOINTER_TO_INT(g_thread_join(th));
    TestFe *t = test_fe_new(chr);
    EXPECT_EVENTS(t, CHR_EVENT_OPENED);
    raw_send(peer, "x");
    pump_until(&t->in->len, 1);
    expect_input(t, "x");
    close(peer);
    test_fe_free(t);
}

static void test_backpressure(void)
{
    g_autofree char *path = tmp_path("bp.sock");
    TestFe *t = test_fe_new(new_chardev("socket,id=bp,path=%s,server=on,wait=off", path));
    int peer = raw_unix_socket(path, false);

    pump_until(&t->events->len, 1);
    t->budget = 3;
    raw_send(peer, "abcdefghij");
    pump_until(&t->in->len, 3);
    pump_for_ms(30);
    /* The frontend said it is full: nothing more is read. */
    g_assert_cmpuint(t->in->len, ==, 3);
    g_assert_cmpint(t->budget, ==, 0);

    t->budget = 4;
    char_fe_accept_input(&t->fe);
    pump_until(&t->in->len, 7);
    pump_for_ms(30);
    g_assert_cmpuint(t->in->len, ==, 7);

    t->budget = -1;
    char_fe_accept_input(&t->fe);
    pump_until(&t->in->len, 10);
    expect_input(t, "abcdefghij");
    close(peer);
    test_fe_free(t);
}

/* Mux */

typedef struct MuxFixture {
    char *path;
    int peer;
    TestFe *a, *b;
} MuxFixture;

/* A mux over a Unix server with frontends a then b, and a connected peer. */
static void mux_setup(MuxFixture *m, const char *id)
{
    m->path = tmp_path(id);
    Chardev *chr = new_chardev("socket,id=%s,path=%s,server=on,wait=off,mux=on", id, m->path);
    m->a = test_fe_new(chr);
    m->b = test_fe_new(chr);
    /* The newest frontend takes the focus once the main loop runs; the
     * older one never hears MUX_IN (a monitor does not greet early). */
    g_assert_cmpuint(m->a->events->len + m->b->events->len, ==, 0);
    pump_until(&m->b->events->len, 1);
    g_assert_cmpuint(m->a->events->len, ==, 0);
    EXPECT_EVENTS(m->b, CHR_EVENT_MUX_IN);
    g_assert_cmpint(m->a->fe.mux_index, ==, 0);
    g_assert_cmpint(m->b->fe.mux_index, ==, 1);

    m->peer = raw_unix_socket(m->path, false);
    pump_until(&m->b->events->len, 1);
    EXPECT_EVENTS(m->a, CHR_EVENT_OPENED);
    EXPECT_EVENTS(m->b, CHR_EVENT_OPENED);
}

static void mux_teardown(MuxFixture *m)
{
    close(m->peer);
    test_fe_free(m->a);
    test_fe_free(m->b);
    g_free(m->path);
}

static void test_mux_focus(void)
{
    MuxFixture m;
    mux_setup(&m, "mux1");

    raw_send(m.peer, "b1");
    pump_until(&m.b->in->len, 2);
    expect_input(m.b, "b1");

    /* Ctrl-A c: input moves to a; the escape itself reaches nobody. */
    raw_send(m.peer, "\001c" "a1");
    pump_until(&m.a->in->len, 2);
    expect_input(m.a, "a1");
    g_assert_cmpuint(m.b->in->len, ==, 0);
    EXPECT_EVENTS(m.b, CHR_EVENT_MUX_OUT);
    EXPECT_EVENTS(m.a, CHR_EVENT_MUX_IN);

    /* Ctrl-A Ctrl-A sends one Ctrl-A; Ctrl-A b a break. */
    raw_send(m.peer, "\001\001" "\001b" "z");
    pump_until(&m.a->in->len, 2);
    expect_input(m.a, "\001z");
    EXPECT_EVENTS(m.a, CHR_EVENT_BREAK);

    /* Ctrl-A c wraps around; char_fe_focus switches explicitly. */
    raw_send(m.peer, "\001c" "b2");
    pump_until(&m.b->in->len, 2);
    expect_input(m.b, "b2");
    EXPECT_EVENTS(m.a, CHR_EVENT_MUX_OUT);
    EXPECT_EVENTS(m.b, CHR_EVENT_MUX_IN);
    char_fe_focus(&m.a->fe);
    EXPECT_EVENTS(m.b, CHR_EVENT_MUX_OUT);
    EXPECT_EVENTS(m.a, CHR_EVENT_MUX_IN);

    /* Output from every frontend reaches the backend, focused or not. */
    char_fe_printf(&m.a->fe, "A");
    char_fe_printf(&m.b->fe, "B");
    g_autofree char *out = raw_recv(m.peer, 2);
    g_assert_cmpstr(out, ==, "AB");

    /* The peer leaves: every frontend hears CLOSED. */
    close(m.peer);
    pump_until(&m.b->events->len, 1);
    EXPECT_EVENTS(m.a, CHR_EVENT_CLOSED);
    EXPECT_EVENTS(m.b, CHR_EVENT_CLOSED);
    m.peer = raw_unix_socket(m.path, false);
    pump_until(&m.b->events->len, 1);
    EXPECT_EVENTS(m.a, CHR_EVENT_OPENED);
    EXPECT_EVENTS(m.b, CHR_EVENT_OPENED);
    mux_teardown(&m);
}

static void test_mux_commands(void)
{
    static const char help[] =
        "\n\r"
        "C-a h    print this help\n\r"
        "C-a x    exit emulator\n\r"
        "C-a s    save disk data back to file (if -snapshot)\n\r"
        "C-a t    toggle console timestamps\n\r"
        "C-a b    send break (magic sysrq)\n\r"
        "C-a c    switch between console and monitor\n\r"
        "C-a C-a  sends C-a\n\r";
    static const char terminated[] = "QEMU: Terminated\n\r";
    MuxFixture m;
    mux_setup(&m, "mux2");

    raw_send(m.peer, "\001h");
    g_autofree char *out = raw_recv(m.peer, strlen(help));
    g_assert_cmpstr(out, ==, help);

    g_assert_cmpint(shutdown_requests, ==, 0);
    raw_send(m.peer, "\001x");
    g_autofree char *out2 = raw_recv(m.peer, strlen(terminated));
    g_assert_cmpstr(out2, ==, terminated);
    g_assert_cmpint(shutdown_requests, ==, 1);
    g_assert_cmpint(shutdown_cause, ==, SHUTDOWN_CAUSE_HOST_UI);

    /* Ctrl-A t stamps each line after the next newline. */
    raw_send(m.peer, "\001t");
    pump_for_ms(20);
    char_fe_printf(&m.b->fe, "one\ntwo\n");
    g_autofree char *out3 = raw_recv(m.peer, strlen("one\n[00:00:00.000] two\n"));
    g_assert_true(g_str_has_prefix(out3, "one\n[00:00:00."));
    g_assert_true(g_str_has_suffix(out3, "] two\n"));

    g_assert_cmpuint(m.a->in->len + m.b->in->len, ==, 0);
    mux_teardown(&m);
}

static void test_mux_backpressure(void)
{
    MuxFixture m;
    mux_setup(&m, "mux3");

    m.b->budget = 2;
    raw_send(m.peer, "12345");
    pump_until(&m.b->in->len, 2);
    pump_for_ms(30);
    g_assert_cmpuint(m.b->in->len, ==, 2);

    m.b->budget = -1;
    char_fe_accept_input(&m.b->fe);
    pump_until(&m.b->in->len, 5);
    expect_input(m.b, "12345");
    mux_teardown(&m);
}

static void test_mux_slots(void)
{
    Chardev *chr = new_chardev("null,id=mux4,mux=on");
    CharFrontend fes[5];
    GError *err = NULL;

    for (int i = 0; i < 4; i++) {
        g_assert_true(char_fe_init(&fes[i], chr, NULL));
        g_assert_cmpint(fes[i].mux_index, ==, i);
    }
    g_assert_false(char_fe_init(&fes[4], chr, &err));
    g_assert_nonnull(strstr(err->message, "'mux4': too many users"));
    g_clear_error(&err);
    char_fe_deinit(&fes[2]);
    g_assert_true(char_fe_init(&fes[4], chr, NULL));
    g_assert_cmpint(fes[4].mux_index, ==, 2);
    for (int i = 0; i < 5; i++) {
        char_fe_deinit(&fes[i]);
    }
}

static void test_cleanup(void)
{
    g_autofree char *sock = tmp_path("cleanup.sock");
    TestFe *t = test_fe_new(new_chardev("socket,id=last,path=%s,server=on,wait=off", sock));

    chardev_cleanup_all();
    g_assert_null(chardev_find("last"));
    g_assert_null(chardev_find("n1"));
    g_assert_false(g_file_test(sock, G_FILE_TEST_EXISTS));
    /* A frontend that outlives its backend writes into nothing. */
    g_assert_null(t->fe.chr);
    g_assert_cmpint(char_fe_write(&t->fe, (const uint8_t *)"x", 1), ==, 1);
    test_fe_free(t);
    /* Ids are free again. */
    new_chardev("null,id=n1");
    chardev_cleanup_all();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-char-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/char/parse/options-good", test_parse_options_good);
    g_test_add_func("/char/parse/options-bad", test_parse_options_bad);
    g_test_add_func("/char/parse/legacy-good", test_parse_legacy_good);
    g_test_add_func("/char/parse/legacy-bad", test_parse_legacy_bad);
    g_test_add_func("/char/registry/link-resolver", test_link_resolver);
    g_test_add_func("/char/registry/info", test_info);
    g_test_add_func("/char/backend/null", test_null);
    g_test_add_func("/char/backend/file", test_file);
    g_test_add_func("/char/backend/pty", test_pty);
    g_test_add_func("/char/socket/server", test_socket_server);
    g_test_add_func("/char/socket/client", test_socket_client);
    g_test_add_func("/char/socket/tcp", test_socket_tcp);
    g_test_add_func("/char/socket/wait", test_socket_wait);
    g_test_add_func("/char/socket/backpressure", test_backpressure);
    g_test_add_func("/char/mux/focus", test_mux_focus);
    g_test_add_func("/char/mux/commands", test_mux_commands);
    g_test_add_func("/char/mux/backpressure", test_mux_backpressure);
    g_test_add_func("/char/mux/slots", test_mux_slots);
    g_test_add_func("/char/end/cleanup", test_cleanup);
    int rc = g_test_run();

    chardev_cleanup_all();
    g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
    for (const char *name; dir && (name = g_dir_read_name(dir));) {
        g_autofree char *p = tmp_path(name);
        g_unlink(p);
    }
    g_rmdir(tmpdir);
    return rc;
}

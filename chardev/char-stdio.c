/*
 * Character devices: the stdio backend. "-chardev stdio,id=x[,signal=off]",
 * "-serial stdio", "mon:stdio" and what -nographic builds.
 *
 * When stdin is a terminal it is put in raw mode as QEMU does (no echo, no
 * line editing, output post-processing kept so "\n" still starts a line),
 * with ISIG left on unless signal=off. The saved settings come back on every
 * way out: chardev_cleanup_all, atexit, and the fatal signals, whose handlers
 * restore the terminal and re-raise the signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/char-internal.h"
#include "util/error.h"

static Chardev *stdio_owner;
static struct termios stdio_saved_tty;
static volatile sig_atomic_t stdio_tty_raw;

void chardev_restore_terminals(void)
{
    /* Only tcsetattr: it is async-signal-safe. */
    if (stdio_tty_raw) {
        tcsetattr(STDIN_FILENO, TCSANOW, &stdio_saved_tty);
    }
}

static void stdio_signal_restore(int sig)
{
    chardev_restore_terminals();
    /* SA_RESETHAND put the default action back; it runs when we return. */
    raise(sig);
}

/* Leaves handlers someone else installed alone; the default action would
 * kill the process with the terminal still raw. */
static void stdio_install_signal_handlers(void)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };
    struct sigaction sa = { .sa_handler = stdio_signal_restore, .sa_flags = SA_RESETHAND };
    struct sigaction old;

    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            sigaction(sigs[i], &sa, NULL);
        }
    }
}

static void stdio_set_raw(bool allow_signal)
{
    static bool atexit_done;
    struct termios tty;

    if (tcgetattr(STDIN_FILENO, &stdio_saved_tty) < 0) {
        return;
    }
    tty = stdio_saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!allow_signal) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;

    if (!atexit_done) {
        atexit(chardev_restore_terminals);
        atexit_done = true;
    }
    stdio_install_signal_handlers();
    stdio_tty_raw = 1;
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

static bool char_stdio_open(Chardev *chr, GArray *opts, GError **err)
{
    bool allow_signal;

    if (stdio_owner) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot use stdio by multiple character devices");
        return false;
    }
    if (!chardev_opt_bool(opts, "signal", true, &allow_signal, err)) {
        return false;
    }
    /* A closed stdin would make the watch spin on POLLNVAL. */
    chr->in_fd = fcntl(STDIN_FILENO, F_GETFL) < 0 ? -1 : STDIN_FILENO;
    if (chr->in_fd >= 0 && isatty(STDIN_FILENO)) {
        stdio_set_raw(allow_signal);
    }
    /* A closed stdout pipe must end in EPIPE, not in a killed process. */
    struct sigaction old;
    if (sigaction(SIGPIPE, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
        signal(SIGPIPE, SIG_IGN);
    }
    stdio_owner = chr;
    chr->be_open = true;
    return true;
}

static int char_stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    return char_fd_write_all(STDOUT_FILENO, buf, len, false);
}

/* End of input (a pipe ran dry): the frontend hears CLOSED. */
static void char_stdio_input_hangup(Chardev *chr)
{
    chr->in_fd = -1;
    chardev_be_event(chr, CHR_EVENT_CLOSED);
}

static void char_stdio_close(Chardev *chr)
{
    chardev_restore_terminals();
    stdio_tty_raw = 0;
    stdio_owner = NULL;
}

static const char *const char_stdio_keys[] = { "signal", NULL };

const ChardevOps char_stdio_ops = {
    .name = "stdio",
    .keys = char_stdio_keys,
    .size = sizeof(Chardev),
    .open = char_stdio_open,
    .write = char_stdio_write,
    .accept_input = char_fd_accept_input,
    .input_hangup = char_stdio_input_hangup,
    .close = char_stdio_close,
};

/*
 * Character devices: the multiplexer. "mux=on", "mon:stdio" and -nographic
 * put several frontends (a UART and the monitor) on one backend.
 *
 * Every frontend's output goes to the backend; input goes to the focused
 * frontend only, through a small queue per frontend so that bytes already
 * read wait while that frontend cannot take them. The escape key Ctrl-A
 * (QEMU's default) starts a command, with QEMU's keys and help text:
 *   h/?  help        x  quit ("QEMU: Terminated")   c  next frontend
 *   b    send break  t  toggle timestamps           s  save disks (nothing here)
 *   Ctrl-A again sends one Ctrl-A.
 */
#include <string.h>

#include "chardev/char-internal.h"
#include "softmmu/runstate.h"
#include "util/error.h"

#define MUX_MAX 4
#define MUX_BUFFER_SIZE 32
#define MUX_ESCAPE_CHAR 0x01   /* Ctrl-A */

typedef struct MuxQueue {
    uint8_t buf[MUX_BUFFER_SIZE];
    unsigned prod, cons;       /* free-running; the difference is the fill */
} MuxQueue;

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    CharFrontend base_fe;      /* the mux's own place on the backend */
    CharFrontend *fes[MUX_MAX];
    MuxQueue queue[MUX_MAX];
    int count;                 /* slots handed out */
    int focus;                 /* slot receiving input, -1 before any */
    int pending_focus;         /* slot to focus when the main loop runs, -1 none */
    guint focus_idle;          /* the idle source applying pending_focus */
    bool got_escape;
    bool timestamps;
    bool linestart;            /* next output byte starts a line (for timestamps) */
    gint64 timestamps_start;   /* ms of the first stamped line */
} MuxChardev;

static const char *const mux_help[] = {
    "% h    print this help\n\r",
    "% x    exit emulator\n\r",
    "% s    save disk data back to file (if -snapshot)\n\r",
    "% t    toggle console timestamps\n\r",
    "% b    send break (magic sysrq)\n\r",
    "% c    switch between console and monitor\n\r",
    "% %  sends %\n\r",
};

static void mux_backend_write(MuxChardev *d, const char *text)
{
    char_fe_write(&d->base_fe, (const uint8_t *)text, strlen(text));
}

static void mux_send_event(MuxChardev *d, int slot, CharEvent event)
{
    CharFrontend *fe = slot >= 0 ? d->fes[slot] : NULL;
    if (fe && fe->event) {
        fe->event(fe->opaque, event);
    }
}

/* Hands queued input to the slot's frontend as far as it can take it. */
static void mux_queue_flush(MuxChardev *d, int slot)
{
    CharFrontend *fe = d->fes[slot];
    MuxQueue *q = &d->queue[slot];

    while (fe && fe->read && q->prod != q->cons) {
        int room = fe->can_read ? fe->can_read(fe->opaque) : MUX_BUFFER_SIZE;
        unsigned start = q->cons % MUX_BUFFER_SIZE;
        int run = MIN(q->prod - q->cons, MUX_BUFFER_SIZE - start);
        if (room <= 0) {
            return;
        }
        run = MIN(run, room);
        q->cons += run;
        fe->read(fe->opaque, q->buf + start, run);
    }
}

static void mux_set_focus(MuxChardev *d, int slot)
{
    if (d->focus >= 0) {
        mux_send_event(d, d->focus, CHR_EVENT_MUX_OUT);
    }
    d->focus = slot;
    mux_send_event(d, slot, CHR_EVENT_MUX_IN);
    mux_queue_flush(d, slot);
    char_fe_accept_input(&d->base_fe);
}

/* Ctrl-A c: the next attached frontend after the focused one. */
static void mux_focus_next(MuxChardev *d)
{
    for (int i = 1; i <= d->count; i++) {
        int slot = (d->focus + i + d->count) % d->count;
        if (d->fes[slot]) {
            mux_set_focus(d, slot);
            return;
        }
    }
}

static void mux_print_help(MuxChardev *d)
{
    GString *s = g_string_new("\n\r");

    for (size_t i = 0; i < G_N_ELEMENTS(mux_help); i++) {
        for (const char *p = mux_help[i]; *p; p++) {
            if (*p == '%') {
                g_string_append(s, "C-a");
            } else {
                g_string_append_c(s, *p);
            }
        }
    }
    mux_backend_write(d, s->str);
    g_string_free(s, TRUE);
}

/* The byte after Ctrl-A. */
static void mux_command(MuxChardev *d, uint8_t ch)
{
    switch (ch) {
    case '?':
    case 'h':
        mux_print_help(d);
        break;
    case 'x':
        mux_backend_write(d, "QEMU: Terminated\n\r");
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    case 'c':
        mux_focus_next(d);
        break;
    case 'b':
        mux_send_event(d, d->focus, CHR_EVENT_BREAK);
        break;
    case 't':
        d->timestamps = !d->timestamps;
        d->timestamps_start = -1;
        d->linestart = false;
        break;
    default:
        /* 's' (disks are never in snapshot mode here) and unknown keys do nothing. */
        break;
    }
}

/* True when ch is for the focused frontend, false when the mux ate it. */
static bool mux_input_byte(MuxChardev *d, uint8_t ch)
{
    if (d->got_escape) {
        d->got_escape = false;
        if (ch == MUX_ESCAPE_CHAR) {
            return true;
        }
        mux_command(d, ch);
        return false;
    }
    if (ch == MUX_ESCAPE_CHAR) {
        d->got_escape = true;
        return false;
    }
    return true;
}

/* Room in the focused queue; with no frontend yet, escapes still work. */
static int mux_can_read(void *opaque)
{
    MuxChardev *d = opaque;
    if (d->focus < 0) {
        return 1;
    }
    MuxQueue *q = &d->queue[d->focus];
    return MUX_BUFFER_SIZE - (int)(q->prod - q->cons);
}

static void mux_read(void *opaque, const uint8_t *buf, int len)
{
    MuxChardev *d = opaque;

    for (int i = 0; i < len; i++) {
        /* What came before a command reaches its frontend before the command acts. */
        if ((d->got_escape || buf[i] == MUX_ESCAPE_CHAR) && d->focus >= 0) {
            mux_queue_flush(d, d->focus);
        }
        /* Each byte goes to the frontend focused when it arrives. */
        if (mux_input_byte(d, buf[i]) && d->focus >= 0) {
            MuxQueue *q = &d->queue[d->focus];
            if (q->prod - q->cons < MUX_BUFFER_SIZE) {
                q->buf[q->prod++ % MUX_BUFFER_SIZE] = buf[i];
            }
        }
    }
    for (int slot = 0; slot < d->count; slot++) {
        mux_queue_flush(d, slot);
    }
}

static void mux_event(void *opaque, CharEvent event)
{
    MuxChardev *d = opaque;

    if (event == CHR_EVENT_OPENED || event == CHR_EVENT_CLOSED) {
        d->parent.be_open = event == CHR_EVENT_OPENED;
        for (int slot = 0; slot < d->count; slot++) {
            mux_send_event(d, slot, event);
        }
    } else {
        mux_send_event(d, d->focus, event);
    }
}

Chardev *char_mux_new(const char *id, Chardev *base, GError **err)
{
    MuxChardev *d = g_new0(MuxChardev, 1);

    if (!char_fe_init(&d->base_fe, base, err)) {
        g_free(d);
        return NULL;
    }
    d->parent.ops = &char_mux_ops;
    d->parent.id = g_strdup(id);
    d->parent.in_fd = -1;
    d->base = base;
    d->focus = -1;
    d->pending_focus = -1;
    d->linestart = true;
    char_fe_set_handlers(&d->base_fe, mux_can_read, mux_read, mux_event, d);
    return &d->parent;
}

bool char_mux_attach(Chardev *chr, CharFrontend *fe, GError **err)
{
    MuxChardev *d = (MuxChardev *)chr;
    int slot = 0;

    /* Reuse a slot a detached frontend left. */
    while (slot < d->count && d->fes[slot]) {
        slot++;
    }
    if (slot == MUX_MAX) {
        g_set_error(err, CHIMERA_ERROR, 0, "chardev '%s': too many users (at most %d)", chr->id,
                    MUX_MAX);
        return false;
    }
    d->count = MAX(d->count, slot + 1);
    fe->mux_index = slot;
    d->fes[slot] = fe;
    return true;
}

void char_mux_detach(Chardev *chr, CharFrontend *fe)
{
    MuxChardev *d = (MuxChardev *)chr;

    d->fes[fe->mux_index] = NULL;
    d->queue[fe->mux_index].cons = d->queue[fe->mux_index].prod;
    if (d->focus == fe->mux_index) {
        d->focus = -1;
    }
}

void char_mux_focus(Chardev *chr, CharFrontend *fe)
{
    mux_set_focus((MuxChardev *)chr, fe->mux_index);
}

/*
 * The newest frontend to attach takes the focus, but only once the main loop
 * runs: a machine attaches its serial port after the monitor, and the
 * monitor must not greet (its banner) before the user switches to it.
 */
static gboolean mux_apply_pending_focus(gpointer opaque)
{
    MuxChardev *d = opaque;
    d->focus_idle = 0;
    if (d->pending_focus >= 0 && d->fes[d->pending_focus]) {
        mux_set_focus(d, d->pending_focus);
    }
    d->pending_focus = -1;
    return G_SOURCE_REMOVE;
}

void char_mux_focus_deferred(Chardev *chr, CharFrontend *fe)
{
    MuxChardev *d = (MuxChardev *)chr;
    d->pending_focus = fe->mux_index;
    if (!d->focus_idle) {
        d->focus_idle = g_idle_add(mux_apply_pending_focus, d);
    }
}

/* "[hh:mm:ss.mmm] " since the first stamped line, as QEMU's Ctrl-A t. */
static void mux_write_timestamp(MuxChardev *d)
{
    gint64 now = g_get_monotonic_time() / 1000;
    if (d->timestamps_start < 0) {
        d->timestamps_start = now;
    }
    gint64 ms = now - d->timestamps_start;
    g_autofree char *stamp = g_strdup_printf("[%02d:%02d:%02d.%03d] ",
        (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60), (int)(ms % 1000));
    mux_backend_write(d, stamp);
}

static int char_mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *d = (MuxChardev *)chr;
    int start = 0;

    if (!d->timestamps) {
        return char_fe_write(&d->base_fe, buf, len);
    }
    for (int i = 0; i < len; i++) {
        if (d->linestart) {
            mux_write_timestamp(d);
            d->linestart = false;
        }
        if (buf[i] == '\n') {
            char_fe_write(&d->base_fe, buf + start, i + 1 - start);
            start = i + 1;
            d->linestart = true;
        }
    }
    char_fe_write(&d->base_fe, buf + start, len - start);
    return len;
}

/* A frontend can take more: its queue first, then the backend. */
static void char_mux_accept_input(Chardev *chr, CharFrontend *fe)
{
    MuxChardev *d = (MuxChardev *)chr;
    mux_queue_flush(d, fe->mux_index);
    char_fe_accept_input(&d->base_fe);
}

static void char_mux_close(Chardev *chr)
{
    MuxChardev *d = (MuxChardev *)chr;

    for (int slot = 0; slot < d->count; slot++) {
        if (d->fes[slot]) {
            d->fes[slot]->chr = NULL;
        }
    }
    char_fe_deinit(&d->base_fe);
}

const ChardevOps char_mux_ops = {
    .name = "mux",
    .size = sizeof(MuxChardev),
    .write = char_mux_write,
    .accept_input = char_mux_accept_input,
    .close = char_mux_close,
};

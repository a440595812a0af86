/*
 * Unit tests for the monitor: HMP commands through monitor_hmp_command, the
 * HMP terminal (line editor, banner, prompt) and QMP through a fake chardev,
 * and the QMP engine on strings through QmpSession.
 *
 * The run state, memory, device tree, CPU list and chardev front end are
 * test doubles defined here, so this links only monitor/ and counts what
 * the monitor asked of them.
 */
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "config-host.h"
#include "chardev/char.h"
#include "hw/core/qdev.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"
#include "softmmu/cpu.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"

/* ---- run state double ---- */

static RunState fake_state = RUN_STATE_RUNNING;
static int n_stop, n_start, n_reset, n_powerdown, n_shutdown;
static ShutdownCause last_cause;
static RunEventNotify listener;
static void *listener_opaque;
static guint msgs_at_shutdown;   /* QMP messages already sent when shutdown was asked */
static GPtrArray *current_capture;

RunState runstate_get(void)
{
    return fake_state;
}

bool runstate_is_running(void)
{
    return fake_state == RUN_STATE_RUNNING;
}

const char *runstate_name(RunState state)
{
    static const char *const names[] = { "prelaunch", "running", "paused", "debug", "shutdown" };
    return names[state];
}

void vm_start(void)
{
    n_start++;
    fake_state = RUN_STATE_RUNNING;
}

void vm_stop(RunState reason)
{
    n_stop++;
    fake_state = reason;
}

void system_reset_request(void)
{
    n_reset++;
}

void system_powerdown_request(void)
{
    n_powerdown++;
}

void system_shutdown_request(ShutdownCause cause)
{
    n_shutdown++;
    last_cause = cause;
    msgs_at_shutdown = current_capture ? current_capture->len : 0;
}

void runstate_add_listener(RunEventNotify fn, void *opaque)
{
    listener = fn;
    listener_opaque = opaque;
}

/* ---- memory, devices, CPUs ---- */

#define RAM_BASE 0x1000
#define RAM_SIZE 0x1000
#define VIRT_OFFSET 0x80000000u

static uint8_t ram[RAM_SIZE];
AddressSpace address_space_memory;
GPtrArray *cpus_all;

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len)
{
    if (as != &address_space_memory || addr < RAM_BASE || addr + len > RAM_BASE + RAM_SIZE) {
        return MEMTX_DECODE_ERROR;
    }
    memcpy(buf, ram + (addr - RAM_BASE), len);
    return MEMTX_OK;
}

void memory_mtree_print(GString *out)
{
    g_string_append(out, "address-space: memory\n  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n");
}

void devices_print_tree(GString *out)
{
    g_string_append(out, "bus: main-system-bus\n");
}

static void fake_dump_state(CPUState *cpu, GString *out)
{
    g_string_append_printf(out, "R00=%08x\n", cpu->index);
}

static uint64_t fake_get_pc(CPUState *cpu)
{
    return VIRT_OFFSET + RAM_BASE + 4;
}

static bool fake_debug_translate(CPUState *cpu, uint64_t vaddr, hwaddr *paddr)
{
    if (vaddr < VIRT_OFFSET || vaddr >= VIRT_OFFSET + 0x10000) {
        return false;
    }
    *paddr = vaddr - VIRT_OFFSET;
    return true;
}

static const CPUOps fake_cpu_ops = {
    .dump_state = fake_dump_state,
    .get_pc = fake_get_pc,
    .debug_translate = fake_debug_translate,
};

static CPUState fake_cpus[2];

static void cpus_set(unsigned n)
{
    g_clear_pointer(&cpus_all, g_ptr_array_unref);
    if (n == 0) {
        return;
    }
    cpus_all = g_ptr_array_new();
    for (unsigned i = 0; i < n; i++) {
        fake_cpus[i] = (CPUState) { .ops = &fake_cpu_ops, .index = i,
                                    .as = &address_space_memory };
        g_ptr_array_add(cpus_all, &fake_cpus[i]);
    }
}

/* ---- chardev double: one frontend per fake chardev, output captured ---- */

struct Chardev {
    bool mux;
    CharFrontend *fe;
    GString *out;
};

bool char_fe_init(CharFrontend *fe, Chardev *chr, GError **err)
{
    fe->chr = chr;
    chr->fe = fe;
    return true;
}

void char_fe_set_handlers(CharFrontend *fe, CharCanReadFn can_read, CharReadFn read,
                          CharEventFn event, void *opaque)
{
    fe->can_read = can_read;
    fe->read = read;
    fe->event = event;
    fe->opaque = opaque;
}

int char_fe_write(CharFrontend *fe, const uint8_t *buf, int len)
{
    g_string_append_len(fe->chr->out, (const char *)buf, len);
    return len;
}

bool chardev_is_mux(Chardev *chr)
{
    return chr->mux;
}

void chardev_print_info(GString *out)
{
    g_string_append(out, "serial0: filename=stdio\n");
}

static void chr_input(Chardev *chr, const char *text)
{
    int len = strlen(text);

    g_assert_cmpint(chr->fe->can_read(chr->fe->opaque), >=, len);
    chr->fe->read(chr->fe->opaque, (const uint8_t *)text, len);
}

static char *chr_take(Chardev *chr)
{
    char *s = g_strdup(chr->out->str);

    g_string_truncate(chr->out, 0);
    return s;
}

/* ---- HMP helpers ---- */

static void assert_hmp(const char *line, const char *expected)
{
    char *out = monitor_hmp_command(line);

    g_assert_cmpstr(out, ==, expected);
    g_free(out);
}

static void assert_hmp_contains(const char *line, const char *needle)
{
    char *out = monitor_hmp_command(line);

    if (!strstr(out, needle)) {
        g_error("'%s' printed:\n%s\nwithout '%s'", line, out, needle);
    }
    g_free(out);
}

static void ram_fill(void)
{
    for (unsigned i = 0; i < RAM_SIZE; i++) {
        ram[i] = i & 0xff;
    }
}

/* ---- HMP ---- */

static void test_hmp_help(void)
{
    static const char *const lines[] = {
        "cont|c  -- resume emulation\n",
        "help|? [cmd] -- show the help\n",
        "info [subcommand] -- show various information about the system state\n",
        "quit|q  -- quit the emulator\n",
        "stop  -- stop emulation\n",
        "system_powerdown  -- send system power down event\n",
        "system_reset  -- reset the system\n",
        "x /fmt addr -- virtual memory dump starting at 'addr'\n",
        "xp /fmt addr -- physical memory dump starting at 'addr'\n",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
        assert_hmp_contains("help", lines[i]);
    }
    assert_hmp("help xp", "xp /fmt addr -- physical memory dump starting at 'addr'\n");
    assert_hmp("help c", "cont|c  -- resume emulation\n");
    assert_hmp("help nosuch", "unknown command: 'nosuch'\n");
    assert_hmp_contains("help info", "info mtree  -- show memory tree\n");
    assert_hmp_contains("? info", "info status  -- show the current VM status (running|paused)\n");
}

static void test_hmp_info(void)
{
    fake_state = RUN_STATE_RUNNING;
    assert_hmp("info status", "VM status: running\n");
    fake_state = RUN_STATE_PAUSED;
    assert_hmp("info status", "VM status: paused\n");
    fake_state = RUN_STATE_SHUTDOWN;
    assert_hmp("info status", "VM status: paused (shutdown)\n");
    fake_state = RUN_STATE_RUNNING;

    assert_hmp("info version", CHIMERA_VERSION "\n");
    assert_hmp("  info   mtree  ", "address-space: memory\n"
               "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n");
    assert_hmp("info qtree", "bus: main-system-bus\n");
    assert_hmp("info chardev", "serial0: filename=stdio\n");
    assert_hmp_contains("info", "info registers  -- show the cpu registers\n");
    assert_hmp("info nosuch", "unknown command: 'info nosuch'\n");

    cpus_set(0);
    assert_hmp("info registers", "No CPU available\n");
    assert_hmp("info cpus", "");
    cpus_set(1);
    assert_hmp("info registers", "R00=00000000\n");
    assert_hmp("info cpus", "* CPU #0: pc=0x0000000080001004\n");
    cpus_set(2);
    fake_cpus[1].halted = true;
    assert_hmp("info registers", "CPU#0\nR00=00000000\nCPU#1\nR00=00000001\n");
    assert_hmp("info cpus", "* CPU #0: pc=0x0000000080001004\n"
               "  CPU #1: pc=0x0000000080001004 (halted)\n");
    assert_hmp("cpu 1", "");
    assert_hmp("info cpus", "  CPU #0: pc=0x0000000080001004\n"
               "* CPU #1: pc=0x0000000080001004 (halted)\n");
    assert_hmp("cpu 7", "invalid CPU index\n");
    assert_hmp("cpu", "cpu: CPU index expected\n");
    assert_hmp("cpu 0", "");
    cpus_set(0);
}

static void test_hmp_control(void)
{
    int stop = n_stop, start = n_start, reset = n_reset, pd = n_powerdown, sd = n_shutdown;

    assert_hmp("stop", "");
    g_assert_cmpint(n_stop, ==, stop + 1);
    g_assert_cmpint(fake_state, ==, RUN_STATE_PAUSED);
    assert_hmp("info status", "VM status: paused\n");
    assert_hmp("cont", "");
    assert_hmp("c", "");
    g_assert_cmpint(n_start, ==, start + 2);
    g_assert_cmpint(fake_state, ==, RUN_STATE_RUNNING);
    assert_hmp("system_reset", "");
    g_assert_cmpint(n_reset, ==, reset + 1);
    assert_hmp("system_powerdown", "");
    g_assert_cmpint(n_powerdown, ==, pd + 1);
    assert_hmp("quit", "");
    assert_hmp("q", "");
    g_assert_cmpint(n_shutdown, ==, sd + 2);
    g_assert_cmpint(last_cause, ==, SHUTDOWN_CAUSE_HOST_UI);
}

static void test_hmp_errors(void)
{
    assert_hmp("foo", "unknown command: 'foo'\n");
    assert_hmp("foo/4", "unknown command: 'foo'\n");
    assert_hmp("", "");
    assert_hmp("   \t ", "");
    assert_hmp_contains("info \"status", "info: ");
}

static void test_hmp_xp_formats(void)
{
    ram_fill();
    monitor_set_target_big_endian(false);
    assert_hmp("xp /4wx 0x1000",
               "0000000000001000: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\n");
    assert_hmp("xp /6wx 0x1000",
               "0000000000001000: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\n"
               "0000000000001010: 0x13121110 0x17161514\n");
    assert_hmp("xp /10bx 0x1000",
               "0000000000001000: 0x00 0x01 0x02 0x03 0x04 0x05 0x06 0x07\n"
               "0000000000001008: 0x08 0x09\n");
    assert_hmp("xp /2hx 0x1010", "0000000000001010: 0x1110 0x1312\n");
    assert_hmp("xp /1gx 0x1008", "0000000000001008: 0x0f0e0d0c0b0a0908\n");
    /* The format and unit persist; the count does not. */
    assert_hmp("xp 0x1000", "0000000000001000: 0x0706050403020100\n");
}

static void test_hmp_xp_persist(void)
{
    ram_fill();
    assert_hmp("xp /2hx 0x1000", "0000000000001000: 0x0100 0x0302\n");
    assert_hmp("xp 0x1000", "0000000000001000: 0x0100\n");
    assert_hmp("xp /2 0x1000", "0000000000001000: 0x0100 0x0302\n");
    assert_hmp("xp /w 0x1000", "0000000000001000: 0x03020100\n");
    assert_hmp("xp /2bu 0x10fe", "00000000000010fe: 254 255\n");
    assert_hmp("xp /1wx 0x1000", "0000000000001000: 0x03020100\n");
}

static void test_hmp_xp_numbers(void)
{
    ram_fill();
    ram[0x800] = 0xfe;
    ram[0x801] = 0xff;
    assert_hmp("xp /1hd 0x1800", "0000000000001800:    -2\n");
    assert_hmp("xp /1hu 0x1800", "0000000000001800: 65534\n");
    assert_hmp("xp /2bd 0x1800", "0000000000001800:  -2  -1\n");
    assert_hmp("xp /1wd 0x1000", "0000000000001000:   50462976\n");
    assert_hmp("xp /1ho 0x1000", "0000000000001000:   0400\n");
    assert_hmp("xp /1bo 0x1008", "0000000000001008: 010\n");
    assert_hmp("xp /1go 0x1000", "0000000000001000:  034060120200300400400\n");
    /* A plain 0 gets no octal prefix from %#o, as in QEMU. */
    assert_hmp("xp /1bo 0x1000", "0000000000001000:   0\n");
}

static void test_hmp_xp_chars(void)
{
    ram_fill();
    memcpy(ram + 0x900, "A\n\x01'\\z", 6);
    assert_hmp("xp /6c 0x1900",
               "0000000000001900: 'A' '\\n' '\\x01' '\\'' '\\\\' 'z'\n");
}

static void test_hmp_xp_big_endian(void)
{
    ram_fill();
    monitor_set_target_big_endian(true);
    assert_hmp("xp /2wx 0x1000", "0000000000001000: 0x00010203 0x04050607\n");
    assert_hmp("xp /1hx 0x1000", "0000000000001000: 0x0001\n");
    assert_hmp("xp /1gx 0x1000", "0000000000001000: 0x0001020304050607\n");
    monitor_set_target_big_endian(false);
}

static void test_hmp_xp_errors(void)
{
    ram_fill();
    assert_hmp("xp /4wx 0x100000", "0000000000100000: Cannot access memory\n");
    /* a dump that runs off the end of RAM stops at the first bad row */
    assert_hmp("xp /8wx 0x1ff0",
               "0000000000001ff0: 0xf3f2f1f0 0xf7f6f5f4 0xfbfaf9f8 0xfffefdfc\n"
               "0000000000002000: Cannot access memory\n");
    assert_hmp("xp /4z 0x1000", "invalid char in format: 'z'\n");
    assert_hmp("xp /4wx", "xp: address expected\n");
    assert_hmp("xp", "xp: address expected\n");
    assert_hmp("xp /4wx junk", "invalid address expression: 'junk'\n");
    assert_hmp("xp /4wx 0x1000 *", "invalid address expression: '0x1000 *'\n");
    assert_hmp("xp /0wx 0x1000", "invalid count in format: '0'\n");
    cpus_set(0);
    assert_hmp("x /4wx 0x1000", "No CPU available\n");
    assert_hmp("xp /1wx $pc", "No CPU available\n");
    assert_hmp("xp /1wx 0x1000", "0000000000001000: 0x03020100\n");
}

static void test_hmp_x_virtual(void)
{
    ram_fill();
    cpus_set(1);
    assert_hmp("x /2wx 0x80001000", "0000000080001000: 0x03020100 0x07060504\n");
    assert_hmp("x/2wx 0x80001000", "0000000080001000: 0x03020100 0x07060504\n");
    assert_hmp("x /1wx $pc", "0000000080001004: 0x07060504\n");
    assert_hmp("x /1wx $pc + 4", "0000000080001008: 0x0b0a0908\n");
    assert_hmp("x /1wx $pc-4", "0000000080001000: 0x03020100\n");
    assert_hmp("xp /1bx 0x1000 + 0x10 - 1", "000000000000100f: 0x0f\n");
    /* physical 0x1000 is not virtual 0x1000 */
    assert_hmp("x /1wx 0x1000", "0000000000001000: Cannot access memory\n");
    cpus_set(0);
}

static void custom_cmd(GString *out, int argc, char **argv)
{
    g_string_append_printf(out, "argc=%d", argc);
    for (int i = 0; i < argc; i++) {
        g_string_append_printf(out, " [%s]", argv[i]);
    }
    g_string_append_c(out, '\n');
}

static void custom_info(GString *out)
{
    g_string_append(out, "jit: 42 blocks\n");
}

static void test_hmp_register(void)
{
    monitor_register_command("screendump", "filename", "save screen to a file", custom_cmd);
    monitor_register_info("jit", "show dynamic compiler info", custom_info);
    assert_hmp("screendump /tmp/a b", "argc=3 [screendump] [/tmp/a] [b]\n");
    assert_hmp("screendump \"with space\" 'q'", "argc=3 [screendump] [with space] [q]\n");
    assert_hmp("screendump", "argc=1 [screendump]\n");
    assert_hmp("info jit", "jit: 42 blocks\n");
    assert_hmp_contains("help", "screendump filename -- save screen to a file\n");
    assert_hmp_contains("info", "info jit  -- show dynamic compiler info\n");
}

/* ---- the HMP terminal ---- */

#define BANNER "Chimera " CHIMERA_VERSION " monitor - type 'help' for more information\r\n"

/* Keys typed at the terminal and what the monitor must answer. */
typedef struct TermStep {
    const char *input;
    const char *output;       /* the exact output, or NULL */
    const char *contains;     /* or a piece of it */
    const char *absent;       /* and what must not appear, or NULL */
} TermStep;

#define VERSION_LINE "\r\n" CHIMERA_VERSION "\r\n(qemu) "

static const TermStep term_steps[] = {
    /* typed characters are echoed; LF goes out as CR LF */
    { "info version\r", "info version" VERSION_LINE },
    /* a piped burst: every line runs, in order; CR LF counts once */
    { "info status\r\ninfo version\nquit\n",
      "info status\r\nVM status: running\r\n(qemu) info version" VERSION_LINE
      "quit\r\n(qemu) " },
    /* backspace (DEL and BS), Ctrl-U */
    { "infx\x7fo statx\bus\r", "infx\b \bo statx\b \bus\r\nVM status: running\r\n(qemu) " },
    { "rubbish\x15info version\r", NULL, VERSION_LINE, "unknown command" },
    /* history: up repeats the last line; up thrice and down once is two back */
    { "\033[A\r", NULL, VERSION_LINE },
    { "\033[A\033[A\033[A\033[B\r", NULL, "VM status: running\r\n(qemu) " },
    /* down past the newest entry gives back the line being typed */
    { "info ver\033[A\033[Bsion\r", NULL, VERSION_LINE },
    /* Home, Delete, End; left arrows then an insert in the middle */
    { "iinfo status\033[H\033[3~\033[Fx\b\r", NULL, "VM status: running\r\n(qemu) " },
    { "info vrsion\033[D\033[D\033[D\033[D\033[De\r", NULL, VERSION_LINE },
    /* Ctrl-A, Ctrl-K: an empty line runs nothing */
    { "info statusXYZ\x01\x0b\r", NULL, "\r\n(qemu) ", "VM status" },
    { "foo\r", "foo\r\nunknown command: 'foo'\r\n(qemu) " },
};

static void test_hmp_terminal(void)
{
    Chardev chr = { .out = g_string_new(NULL) };
    GError *err = NULL;
    char *out;
    int sd = n_shutdown;

    g_assert_true(monitor_init_hmp(&chr, &err));
    chr.fe->event(chr.fe->opaque, CHR_EVENT_OPENED);
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, BANNER "(qemu) ");
    g_free(out);

    for (size_t i = 0; i < G_N_ELEMENTS(term_steps); i++) {
        const TermStep *t = &term_steps[i];

        chr_input(&chr, t->input);
        out = chr_take(&chr);
        if (t->output) {
            g_assert_cmpstr(out, ==, t->output);
        }
        if ((t->contains && !strstr(out, t->contains)) || (t->absent && strstr(out, t->absent))) {
            g_error("step %zu printed '%s'", i, out);
        }
        g_free(out);
    }
    g_assert_cmpint(n_shutdown, ==, sd + 1);
    g_string_free(chr.out, TRUE);
}

static void test_hmp_terminal_mux(void)
{
    Chardev chr = { .mux = true, .out = g_string_new(NULL) };
    char *out;

    g_assert_true(monitor_init_hmp(&chr, NULL));
    chr.fe->event(chr.fe->opaque, CHR_EVENT_OPENED);
    g_assert_cmpstr(chr.out->str, ==, "");
    chr.fe->event(chr.fe->opaque, CHR_EVENT_MUX_IN);
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, BANNER "(qemu) ");
    g_free(out);
    chr.fe->event(chr.fe->opaque, CHR_EVENT_MUX_OUT);
    chr.fe->event(chr.fe->opaque, CHR_EVENT_MUX_IN);
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, "(qemu) ");
    g_free(out);
    g_string_free(chr.out, TRUE);
}

/* ---- QMP ---- */

typedef struct Capture {
    GPtrArray *msgs;          /* char *, each a message with its newline */
} Capture;

static void capture_out(void *opaque, const char *text, size_t len)
{
    Capture *c = opaque;

    g_ptr_array_add(c->msgs, g_strndup(text, len));
}

static void feed(QmpSession *s, const char *text)
{
    qmp_session_feed(s, text, strlen(text));
}

static QmpSession *session_new(Capture *c, bool negotiate)
{
    QmpSession *s;

    c->msgs = g_ptr_array_new_with_free_func(g_free);
    s = qmp_session_new(false, capture_out, c);
    qmp_session_open(s);
    if (negotiate) {
        feed(s, "{\"execute\": \"qmp_capabilities\"}\n");
        g_assert_cmpstr(g_ptr_array_index(c->msgs, 1), ==, "{\"return\": {}}\n");
    }
    g_ptr_array_set_size(c->msgs, 0);
    return s;
}

static void session_free(QmpSession *s, Capture *c)
{
    qmp_session_free(s);
    g_ptr_array_free(c->msgs, TRUE);
}

static void assert_qmp(QmpSession *s, const char *request, const char *reply)
{
    char *out = qmp_dispatch_json(s, request);

    g_assert_cmpstr(out, ==, reply);
    g_free(out);
}

static void assert_qmp_prefix(QmpSession *s, const char *request, const char *prefix)
{
    char *out = qmp_dispatch_json(s, request);

    if (!g_str_has_prefix(out, prefix)) {
        g_error("%s gave %s, expected %s...", request, out, prefix);
    }
    g_free(out);
}

static char *version_object(void)
{
    int major = 0, minor = 0, micro = 0;

    sscanf(CHIMERA_VERSION, "%d.%d.%d", &major, &minor, &micro);
    return g_strdup_printf("{\"qemu\": {\"micro\": %d, \"minor\": %d, \"major\": %d}, "
                           "\"package\": \"Chimera\"}", micro, minor, major);
}

static void test_qmp_greeting(void)
{
    Capture c = { g_ptr_array_new_with_free_func(g_free) };
    QmpSession *s = qmp_session_new(false, capture_out, &c);
    char *version = version_object();
    char *expected = g_strdup_printf("{\"QMP\": {\"version\": %s, \"capabilities\": []}}\n",
                                     version);

    qmp_session_open(s);
    g_assert_cmpuint(c.msgs->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 0), ==, expected);
    g_free(expected);
    g_free(version);
    session_free(s, &c);
}

static void test_qmp_capabilities_gate(void)
{
    Capture c;
    QmpSession *s = session_new(&c, false);
    int stop = n_stop;

    assert_qmp(s, "{\"execute\": \"query-status\"}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}");
    assert_qmp(s, "{\"execute\": \"stop\", \"id\": 1}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}, \"id\": 1}");
    assert_qmp(s, "{\"execute\": \"nosuch\"}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"Expecting capabilities negotiation with 'qmp_capabilities'\"}}");
    g_assert_cmpint(n_stop, ==, stop);
    assert_qmp(s, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Capability 'oob' not available\"}}");
    assert_qmp(s, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": []}}",
               "{\"return\": {}}");
    assert_qmp(s, "{\"execute\": \"qmp_capabilities\"}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"Capabilities negotiation is already complete, command ignored\"}}");
    assert_qmp(s, "{\"execute\": \"query-status\"}",
               "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}");

    /* a new connection starts over */
    qmp_session_close(s);
    qmp_session_open(s);
    assert_qmp_prefix(s, "{\"execute\": \"query-status\"}",
                      "{\"error\": {\"class\": \"CommandNotFound\"");
    session_free(s, &c);
}

static void test_qmp_commands(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    int stop = n_stop, start = n_start, reset = n_reset, pd = n_powerdown;
    char *version = version_object();
    char *expected = g_strdup_printf("{\"return\": %s}", version);

    fake_state = RUN_STATE_RUNNING;
    assert_qmp(s, "{\"execute\": \"stop\"}", "{\"return\": {}}");
    g_assert_cmpint(n_stop, ==, stop + 1);
    assert_qmp(s, "{\"execute\": \"query-status\"}",
               "{\"return\": {\"status\": \"paused\", \"singlestep\": false, \"running\": false}}");
    assert_qmp(s, "{\"execute\": \"cont\"}", "{\"return\": {}}");
    g_assert_cmpint(n_start, ==, start + 1);
    assert_qmp(s, "{\"execute\": \"query-status\"}",
               "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}");
    assert_qmp(s, "{\"execute\": \"system_reset\"}", "{\"return\": {}}");
    g_assert_cmpint(n_reset, ==, reset + 1);
    assert_qmp(s, "{\"execute\": \"system_powerdown\", \"arguments\": {}}", "{\"return\": {}}");
    g_assert_cmpint(n_powerdown, ==, pd + 1);
    assert_qmp(s, "{\"execute\": \"query-version\"}", expected);
    assert_qmp_prefix(s, "{\"execute\": \"query-commands\"}",
                      "{\"return\": [{\"name\": \"qmp_capabilities\"}, "
                      "{\"name\": \"query-status\"}, {\"name\": \"query-version\"}, "
                      "{\"name\": \"query-commands\"}, {\"name\": \"stop\"}, "
                      "{\"name\": \"cont\"}, {\"name\": \"system_reset\"}, "
                      "{\"name\": \"system_powerdown\"}, {\"name\": \"quit\"}, "
                      "{\"name\": \"human-monitor-command\"}]}");
    assert_qmp(s, "{\"execute\": \"nosuch\"}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"The command nosuch has not been found\"}}");
    g_free(expected);
    g_free(version);
    session_free(s, &c);
}

static void test_qmp_human_monitor_command(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    char *expected;

    expected = g_strdup_printf("{\"return\": \"%s\\n\"}", CHIMERA_VERSION);
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"info version\"}}", expected);
    g_free(expected);
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"info mtree\"}, \"id\": \"m\"}",
               "{\"return\": \"address-space: memory\\n  0000000000000000-ffffffffffffffff "
               "(prio 0, i/o): system\\n\", \"id\": \"m\"}");
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"bogus\"}}",
               "{\"return\": \"unknown command: 'bogus'\\n\"}");
    assert_qmp(s, "{\"execute\": \"human-monitor-command\"}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Parameter 'command-line' is missing\"}}");
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": 3}}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Invalid parameter type for 'command-line', expected: string\"}}");
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"info version\", \"x\": 1}}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Parameter 'x' is unexpected\"}}");
    assert_qmp(s, "{\"execute\": \"stop\", \"arguments\": {\"now\": true}}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Parameter 'now' is unexpected\"}}");

    cpus_set(2);
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"info cpus\", \"cpu-index\": 1}}",
               "{\"return\": \"  CPU #0: pc=0x0000000080001004\\n"
               "* CPU #1: pc=0x0000000080001004\\n\"}");
    /* the HMP's own current CPU is untouched */
    assert_hmp("info cpus", "* CPU #0: pc=0x0000000080001004\n"
               "  CPU #1: pc=0x0000000080001004\n");
    assert_qmp(s, "{\"execute\": \"human-monitor-command\", "
               "\"arguments\": {\"command-line\": \"info cpus\", \"cpu-index\": 9}}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"Parameter 'cpu-index' expects a CPU number\"}}");
    cpus_set(0);
    session_free(s, &c);
}

static void test_qmp_id_echo(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);

    assert_qmp(s, "{\"execute\": \"cont\", \"id\": \"abc\"}", "{\"return\": {}, \"id\": \"abc\"}");
    assert_qmp(s, "{\"id\": 42, \"execute\": \"cont\"}", "{\"return\": {}, \"id\": 42}");
    assert_qmp(s, "{\"execute\": \"cont\", \"id\": {\"seq\": [1, true, null, \"x\\\"y\"]}}",
               "{\"return\": {}, \"id\": {\"seq\": [1, true, null, \"x\\\"y\"]}}");
    assert_qmp(s, "{\"execute\": \"nosuch\", \"id\": 7}",
               "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
               "\"The command nosuch has not been found\"}, \"id\": 7}");
    session_free(s, &c);
}

static void test_qmp_malformed(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    char *out;

    assert_qmp_prefix(s, "{\"execute\": }",
                      "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, ");
    /* json-glib's "<data>:line:col: Parse error:" prefix is not passed on */
    out = qmp_dispatch_json(s, "{\"execute\": }");
    g_assert_null(strstr(out, "<data>"));
    g_assert_null(strstr(out, "Parse error"));
    g_free(out);
    assert_qmp_prefix(s, "nonsense",
                      "{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, ");
    assert_qmp(s, "[1, 2]", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input must be a JSON object\"}}");
    assert_qmp(s, "17", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input must be a JSON object\"}}");
    assert_qmp(s, "{}", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input lacks member 'execute'\"}}");
    assert_qmp(s, "{\"execute\": 1}", "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input member 'execute' must be a string\"}}");
    assert_qmp(s, "{\"execute\": \"cont\", \"arguments\": []}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input member 'arguments' must be an object\"}}");
    assert_qmp(s, "{\"execute\": \"cont\", \"bogus\": 1, \"id\": 3}",
               "{\"error\": {\"class\": \"GenericError\", \"desc\": "
               "\"QMP input member 'bogus' is unexpected\"}, \"id\": 3}");

    /* through the stream: garbage, a stray brace, then a good request still works */
    feed(s, "garbage\n}\n{\"execute\": \"cont\"}\n");
    g_assert_cmpuint(c.msgs->len, ==, 3);
    g_assert_true(g_str_has_prefix(g_ptr_array_index(c.msgs, 0),
                                   "{\"error\": {\"class\": \"GenericError\", "
                                   "\"desc\": \"JSON parse error, "));
    g_assert_true(g_str_has_prefix(g_ptr_array_index(c.msgs, 1),
                                   "{\"error\": {\"class\": \"GenericError\", "
                                   "\"desc\": \"JSON parse error, "));
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 2), ==, "{\"return\": {}}\n");
    session_free(s, &c);
}

static void test_qmp_nesting_limit(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    GString *deep = g_string_new("{\"execute\": \"cont\", \"id\": ");

    for (int i = 0; i < 2000; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 2000; i++) {
        g_string_append_c(deep, ']');
    }
    g_string_append(deep, "}\n{\"execute\": \"cont\"}\n");
    qmp_session_feed(s, deep->str, deep->len);
    g_assert_cmpuint(c.msgs->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 0), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"JSON parse error, nesting too deep\"}}\n");
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 1), ==, "{\"return\": {}}\n");
    g_string_free(deep, TRUE);
    session_free(s, &c);
}

static void test_qmp_stream_split(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    const char *req = "{\"execute\": \"human-monitor-command\", "
                      "\"arguments\": {\"command-line\": \"foo}{\\\"[\"}, \"id\": \"}\"}";

    /* one byte at a time */
    for (const char *p = req; *p; p++) {
        g_assert_cmpuint(c.msgs->len, ==, 0);
        qmp_session_feed(s, p, 1);
    }
    g_assert_cmpuint(c.msgs->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 0), ==,
                    "{\"return\": \"unknown command: 'foo}{\\\"['\\n\", \"id\": \"}\"}\n");

    /* two objects in one read, no separator, then one split in the middle */
    g_ptr_array_set_size(c.msgs, 0);
    feed(s, "{\"execute\":\"stop\",\"id\":1}{\"execute\":\"cont\",\"id\":2}"
                     "  {\"execute\": \"query-");
    g_assert_cmpuint(c.msgs->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 0), ==, "{\"return\": {}, \"id\": 1}\n");
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 1), ==, "{\"return\": {}, \"id\": 2}\n");
    feed(s, "status\"}\r\n");
    g_assert_cmpuint(c.msgs->len, ==, 3);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 2), ==,
                    "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
                    "\"running\": true}}\n");
    session_free(s, &c);
}

static void test_qmp_quit(void)
{
    Capture c;
    QmpSession *s = session_new(&c, true);
    int sd = n_shutdown;

    current_capture = c.msgs;
    feed(s, "{\"execute\": \"quit\"}");
    current_capture = NULL;
    g_assert_cmpint(n_shutdown, ==, sd + 1);
    g_assert_cmpint(last_cause, ==, SHUTDOWN_CAUSE_HOST_QMP);
    /* the reply was out before the shutdown was asked for */
    g_assert_cmpuint(msgs_at_shutdown, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 0), ==, "{\"return\": {}}\n");
    session_free(s, &c);
}

static JsonObject *parse_event(const char *text, const char *name)
{
    JsonNode *node = json_from_string(text, NULL);
    JsonObject *ev, *ts;

    g_assert_nonnull(node);
    g_assert_true(g_str_has_suffix(text, "}\n"));
    ev = json_object_ref(json_node_get_object(node));
    json_node_unref(node);
    g_assert_cmpstr(json_object_get_string_member(ev, "event"), ==, name);
    ts = json_object_get_object_member(ev, "timestamp");
    g_assert_cmpint(json_object_get_int_member(ts, "seconds"), >, 1600000000);
    g_assert_cmpint(json_object_get_int_member(ts, "microseconds"), <, 1000000);
    return ev;
}

static void test_qmp_events(void)
{
    Capture ca, cb;
    QmpSession *a = session_new(&ca, true);
    QmpSession *b = session_new(&cb, false);
    JsonObject *ev, *data;

    g_assert_nonnull(listener);
    qmp_event_emit("TEST", "{\"x\": 1}");
    g_assert_cmpuint(ca.msgs->len, ==, 1);
    g_assert_cmpuint(cb.msgs->len, ==, 0);
    ev = parse_event(g_ptr_array_index(ca.msgs, 0), "TEST");
    g_assert_cmpint(json_object_get_int_member(json_object_get_object_member(ev, "data"), "x"),
                    ==, 1);
    json_object_unref(ev);

    listener(listener_opaque, RUN_EVENT_SHUTDOWN, SHUTDOWN_CAUSE_HOST_QMP);
    g_assert_cmpuint(ca.msgs->len, ==, 2);
    ev = parse_event(g_ptr_array_index(ca.msgs, 1), "SHUTDOWN");
    data = json_object_get_object_member(ev, "data");
    g_assert_false(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==, "host-qmp-quit");
    json_object_unref(ev);

    listener(listener_opaque, RUN_EVENT_SHUTDOWN, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    ev = parse_event(g_ptr_array_index(ca.msgs, 2), "SHUTDOWN");
    data = json_object_get_object_member(ev, "data");
    g_assert_true(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==, "guest-shutdown");
    json_object_unref(ev);

    listener(listener_opaque, RUN_EVENT_RESET, SHUTDOWN_CAUSE_NONE);
    ev = parse_event(g_ptr_array_index(ca.msgs, 3), "RESET");
    data = json_object_get_object_member(ev, "data");
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==, "host-qmp-system-reset");
    json_object_unref(ev);

    static const struct {
        RunEvent event;
        const char *name;
    } plain[] = {
        { RUN_EVENT_STOP, "STOP" }, { RUN_EVENT_RESUME, "RESUME" },
        { RUN_EVENT_POWERDOWN, "POWERDOWN" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(plain); i++) {
        listener(listener_opaque, plain[i].event, SHUTDOWN_CAUSE_NONE);
        ev = parse_event(g_ptr_array_index(ca.msgs, 4 + i), plain[i].name);
        g_assert_cmpuint(json_object_get_size(json_object_get_object_member(ev, "data")), ==, 0);
        json_object_unref(ev);
    }
    g_assert_cmpuint(ca.msgs->len, ==, 7);
    g_assert_cmpuint(cb.msgs->len, ==, 0);

    /* b negotiates and hears the next one; a leaves and does not */
    feed(b, "{\"execute\": \"qmp_capabilities\"}");
    qmp_session_close(a);
    qmp_event_emit("STOP", NULL);
    g_assert_cmpuint(ca.msgs->len, ==, 7);
    g_assert_cmpuint(cb.msgs->len, ==, 2);
    json_object_unref(parse_event(g_ptr_array_index(cb.msgs, 1), "STOP"));
    session_free(a, &ca);
    session_free(b, &cb);
}

static void test_qmp_pretty(void)
{
    Capture c = { g_ptr_array_new_with_free_func(g_free) };
    QmpSession *s = qmp_session_new(true, capture_out, &c);

    qmp_session_open(s);
    feed(s, "{\"execute\": \"qmp_capabilities\", \"id\": [1]}");
    feed(s, "{\"execute\": \"query-status\"}");
    g_assert_cmpuint(c.msgs->len, ==, 3);
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 1), ==,
                    "{\n    \"return\": {},\n    \"id\": [\n        1\n    ]\n}\n");
    g_assert_cmpstr(g_ptr_array_index(c.msgs, 2), ==,
                    "{\n    \"return\": {\n        \"status\": \"running\",\n"
                    "        \"singlestep\": false,\n        \"running\": true\n    }\n}\n");
    session_free(s, &c);
}

static void test_qmp_chardev(void)
{
    Chardev chr = { .out = g_string_new(NULL) };
    GError *err = NULL;
    char *out;

    g_assert_true(monitor_init_qmp(&chr, false, &err));
    chr.fe->event(chr.fe->opaque, CHR_EVENT_OPENED);
    out = chr_take(&chr);
    g_assert_true(g_str_has_prefix(out, "{\"QMP\": {\"version\": "));
    g_assert_true(g_str_has_suffix(out, "}\n"));
    g_free(out);
    chr_input(&chr, "{\"execute\": \"qmp_capabilities\"}\n{\"execute\": \"query-status\", ");
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, "{\"return\": {}}\n");
    g_free(out);
    chr_input(&chr, "\"id\": \"q\"}\n");
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, "{\"return\": {\"status\": \"running\", \"singlestep\": false, "
                    "\"running\": true}, \"id\": \"q\"}\n");
    g_free(out);

    /* disconnect mid-request: the partial request is forgotten */
    chr_input(&chr, "{\"execute\": \"sto");
    chr.fe->event(chr.fe->opaque, CHR_EVENT_CLOSED);
    chr.fe->event(chr.fe->opaque, CHR_EVENT_OPENED);
    g_free(chr_take(&chr));
    chr_input(&chr, "{\"execute\": \"qmp_capabilities\"}");
    out = chr_take(&chr);
    g_assert_cmpstr(out, ==, "{\"return\": {}}\n");
    g_free(out);
    g_string_free(chr.out, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/monitor/hmp/help", test_hmp_help);
    g_test_add_func("/monitor/hmp/info", test_hmp_info);
    g_test_add_func("/monitor/hmp/control", test_hmp_control);
    g_test_add_func("/monitor/hmp/errors", test_hmp_errors);
    g_test_add_func("/monitor/hmp/xp-formats", test_hmp_xp_formats);
    g_test_add_func("/monitor/hmp/xp-persist", test_hmp_xp_persist);
    g_test_add_func("/monitor/hmp/xp-numbers", test_hmp_xp_numbers);
    g_test_add_func("/monitor/hmp/xp-chars", test_hmp_xp_chars);
    g_test_add_func("/monitor/hmp/xp-big-endian", test_hmp_xp_big_endian);
    g_test_add_func("/monitor/hmp/xp-errors", test_hmp_xp_errors);
    g_test_add_func("/monitor/hmp/x-virtual", test_hmp_x_virtual);
    g_test_add_func("/monitor/hmp/register", test_hmp_register);
    g_test_add_func("/monitor/hmp/terminal", test_hmp_terminal);
    g_test_add_func("/monitor/hmp/terminal-mux", test_hmp_terminal_mux);
    g_test_add_func("/monitor/qmp/greeting", test_qmp_greeting);
    g_test_add_func("/monitor/qmp/capabilities", test_qmp_capabilities_gate);
    g_test_add_func("/monitor/qmp/commands", test_qmp_commands);
    g_test_add_func("/monitor/qmp/human-monitor-command", test_qmp_human_monitor_command);
    g_test_add_func("/monitor/qmp/id", test_qmp_id_echo);
    g_test_add_func("/monitor/qmp/malformed", test_qmp_malformed);
    g_test_add_func("/monitor/qmp/nesting", test_qmp_nesting_limit);
    g_test_add_func("/monitor/qmp/stream", test_qmp_stream_split);
    g_test_add_func("/monitor/qmp/quit", test_qmp_quit);
    g_test_add_func("/monitor/qmp/events", test_qmp_events);
    g_test_add_func("/monitor/qmp/pretty", test_qmp_pretty);
    g_test_add_func("/monitor/qmp/chardev", test_qmp_chardev);
    return g_test_run();
}

/*
 * The gdbstub's protocol engine: what each GDB remote serial protocol
 * packet means for the machine. It reads registers through the CPU's
 * CPUOps gdb hooks, memory through the CPU's debug translation and its
 * address space, runs and stops the guest through the run state and the
 * CPUs' singlestep/stopped fields, and keeps breakpoints and watchpoints in
 * gdbstub/breakpoints.c. Threads are the vCPUs: thread id = cpu index + 1.
 *
 * Framing and payload encodings are packet.c's; the connection to a
 * chardev and to the vCPU thread's debug stops is server.c's. All entry
 * points run with the global lock held.
 *
 * Reference: the GDB manual, appendix E: E.2 Packets, E.3 Stop Reply
 * Packets, E.4 General Query Packets (qXfer:features:read serves the
 * target description of appendix G).
 */
#include <inttypes.h>
#include <string.h>

#include "gdbstub/breakpoints.h"
#include "gdbstub/gdbstub-internal.h"
#include "gdbstub/packet.h"
#include "monitor/monitor.h"
#include "softmmu/runstate.h"

/* errno-style codes as gdb's own stubs send them */
#define GDB_E_GENERIC "E01"
#define GDB_E_FAULT "E14"     /* bad address */
#define GDB_E_INVAL "E22"     /* malformed or out-of-range argument */

/* Signals in stop replies (gdb's numbering, include/gdb/signals.def). */
#define GDB_SIGNAL_INT 2
#define GDB_SIGNAL_TRAP 5

/* Monitor output per 'O' packet: hex doubles it. */
#define GDB_CONSOLE_CHUNK 512

struct GdbState {
    GdbOutputFn out;
    void *opaque;
    GdbPacketReader rx;
    GString *last;          /* the last framed reply, resent on '-' */
    bool no_ack;            /* after QStartNoAckMode */
    bool attached;          /* a gdb is connected */
    bool running;           /* resumed by gdb: a stop reply is owed */
    CPUState *g_cpu;        /* Hg: registers and memory */
    CPUState *c_cpu;        /* Hc: c and s */
};

typedef void GdbCmdFn(GdbState *s, const char *args, size_t len);

/* ---- output ----------------------------------------------------------- */

static void gdb_reply_len(GdbState *s, const void *body, size_t len)
{
    g_string_truncate(s->last, 0);
    gdb_packet_frame(s->last, body, len);
    s->out(s->opaque, (const uint8_t *)s->last->str, s->last->len);
}

static void gdb_reply(GdbState *s, const char *body)
{
    gdb_reply_len(s, body, strlen(body));
}

static void gdb_reply_gstring(GdbState *s, GString *body)
{
    gdb_reply_len(s, body->str, body->len);
    g_string_free(body, TRUE);
}

/* ---- CPUs and threads ---------------------------------------------------- */

static unsigned gdb_cpu_count(void)
{
    return cpus_all ? cpus_all->len : 0;
}

static CPUState *gdb_cpu(unsigned i)
{
    return g_ptr_array_index(cpus_all, i);
}

static int gdb_thread_id(CPUState *cpu)
{
    return cpu->index + 1;
}

/* The CPU a thread id names: -1 (all) and 0 (any) give the first. */
static CPUState *gdb_cpu_by_thread(int64_t tid)
{
    if (!gdb_cpu_count()) {
        return NULL;
    }
    if (tid <= 0) {
        return gdb_cpu(0);
    }
    return (uint64_t)tid <= gdb_cpu_count() ? gdb_cpu(tid - 1) : NULL;
}

/* ---- running and stopping ------------------------------------------------ */

/* Per CPU: 'c' continue, 's' step, 0 stay stopped. */
static void gdb_resume(GdbState *s, const char *actions)
{
    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        CPUState *cpu = gdb_cpu(i);
        cpu->singlestep = actions[i] == 's';
        cpu->stopped = !actions[i];
    }
    s->running = true;
    vm_start();
}

/* Every CPU back to normal after a stop; stale watchpoint replays are
 * dropped (the access runs again, and hits again, on resume). */
static void gdb_clear_run_state(void)
{
    CPUWatchpoint stale;

    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        CPUState *cpu = gdb_cpu(i);
        cpu_watchpoint_take_hit(cpu, &stale);
        cpu->singlestep = 0;
        cpu->stopped = false;
    }
}

static void gdb_send_stop(GdbState *s, CPUState *cpu, int signal, const char *extra)
{
    GString *r = g_string_new(NULL);

    g_string_printf(r, "T%02xthread:%02x;%s", signal, gdb_thread_id(cpu), extra);
    gdb_reply_gstring(s, r);
}

static const char *gdb_watch_kind(int flags)
{
    switch (flags) {
    case BP_MEM_READ:
        return "rwatch";
    case BP_MEM_ACCESS:
        return "awatch";
    default:
        return "watch";
    }
}

void gdb_state_debug_stop(GdbState *s, CPUState *cpu)
{
    CPUWatchpoint wp;
    bool watch = cpu_watchpoint_take_hit(cpu, &wp);
    bool stepping = cpu->singlestep != 0;

    gdb_clear_run_state();
    if (!s->attached) {
        /* Nobody to report to (gdb left while the stop was on its way). */
        vm_start();
        return;
    }
    if (!s->running) {
        return;     /* already reported: a Ctrl-C got there first */
    }
    s->running = false;
    s->g_cpu = s->c_cpu = cpu;

    char *extra;
    if (watch) {
        extra = g_strdup_printf("%s:%" PRIx64 ";", gdb_watch_kind(wp.flags), wp.addr);
    } else if (!stepping && cpu_breakpoint_test(cpu, cpu->ops->get_pc(cpu))) {
        extra = g_strdup("swbreak:;");
    } else {
        extra = g_strdup("");
    }
    gdb_send_stop(s, cpu, GDB_SIGNAL_TRAP, extra);
    g_free(extra);
}

/* Ctrl-C, or a stop that came from elsewhere (the monitor). */
static void gdb_report_interrupt(GdbState *s)
{
    s->running = false;
    gdb_clear_run_state();
    gdb_send_stop(s, s->c_cpu, GDB_SIGNAL_INT, "");
}

static void gdb_interrupt(GdbState *s)
{
    if (!s->running) {
        return;     /* stopped already; gdb has (or will get) the reply */
    }
    vm_stop(RUN_STATE_DEBUG);
    gdb_report_interrupt(s);
}

void gdb_state_run_event(GdbState *s, RunEvent event)
{
    if (!s->attached || !s->running) {
        return;
    }
    if (event == RUN_EVENT_STOP && runstate_get() != RUN_STATE_DEBUG) {
        gdb_report_interrupt(s);
    } else if (event == RUN_EVENT_SHUTDOWN) {
        /* E.3: "W AA": the process exited. */
        s->running = false;
        gdb_reply(s, "W00");
    }
}

/* Breakpoints off, every CPU free, the guest running (D, disconnect). */
static void gdb_release_guest(GdbState *s)
{
    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        cpu_debug_remove_all(gdb_cpu(i));
    }
    gdb_clear_run_state();
    s->running = false;
    if (runstate_get() != RUN_STATE_RUNNING && runstate_get() != RUN_STATE_SHUTDOWN) {
        vm_start();
    }
}

/* ---- memory ---------------------------------------------------------------- */

/* Guest virtual memory as the CPU sees it, page by page; ROM is writable
 * (gdb may patch firmware). False when a page is unmapped or a device
 * refused. */
static bool gdb_memory_rw(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
    while (len) {
        size_t chunk = MIN(len, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
        hwaddr phys = addr;
        MemTxResult r;

        if (cpu->ops->debug_translate && !cpu->ops->debug_translate(cpu, addr, &phys)) {
            return false;
        }
        r = write ? address_space_write_rom(cpu->as, phys, buf, chunk)
                  : address_space_read(cpu->as, phys, buf, chunk);
        if (r != MEMTX_OK) {
            return false;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return true;
}

/* "ADDR,LEN" followed by end_char; a length that cannot fit a reply
 * (or a packet) is refused. */
static bool gdb_parse_addr_len(const char **p, char end_char, uint64_t *addr, uint64_t *len)
{
    return gdb_parse_hex(p, addr) && gdb_parse_char(p, ',') && gdb_parse_hex(p, len) &&
           (end_char ? gdb_parse_char(p, end_char) : **p == 0) && *len <= GDB_PACKET_MAX / 2;
}

static void gdb_cmd_read_memory(GdbState *s, const char *p, size_t len)
{
    uint64_t addr, n;

    if (!gdb_parse_addr_len(&p, 0, &addr, &n)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    g_autofree uint8_t *buf = g_malloc(n);
    if (!gdb_memory_rw(s->g_cpu, addr, buf, n, false)) {
        gdb_reply(s, GDB_E_FAULT);
        return;
    }
    GString *r = g_string_new(NULL);
    gdb_hex_encode(r, buf, n);
    gdb_reply_gstring(s, r);
}

static void gdb_write_memory_reply(GdbState *s, uint64_t addr, uint8_t *buf, uint64_t n)
{
    gdb_reply(s, gdb_memory_rw(s->g_cpu, addr, buf, n, true) ? "OK" : GDB_E_FAULT);
}

static void gdb_cmd_write_memory_hex(GdbState *s, const char *p, size_t len)
{
    const char *start = p;
    uint64_t addr, n;

    if (!gdb_parse_addr_len(&p, ':', &addr, &n) || len - (p - start) != 2 * n) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    g_autofree uint8_t *buf = g_malloc(n);
    if (!gdb_hex_decode(p, buf, n)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    gdb_write_memory_reply(s, addr, buf, n);
}

static void gdb_cmd_write_memory_binary(GdbState *s, const char *p, size_t len)
{
    const char *start = p;
    uint64_t addr, n;

    if (!gdb_parse_addr_len(&p, ':', &addr, &n)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    size_t data_len = len - (p - start);
    g_autofree uint8_t *buf = g_malloc(data_len + 1);
    if (gdb_binary_unescape((const uint8_t *)p, data_len, buf) != (long)n) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    /* "X addr,0:" is gdb probing for X support. */
    gdb_write_memory_reply(s, addr, buf, n);
}

/* ---- registers -------------------------------------------------------------- */

/* Register n's bytes (target order) appended to buf; its size, 0 if none. */
static int gdb_read_register(CPUState *cpu, GByteArray *buf, int n)
{
    if (n < 0 || n >= cpu->ops->gdb_num_regs || !cpu->ops->gdb_read_register) {
        return 0;
    }
    return cpu->ops->gdb_read_register(cpu, buf, n);
}

static void gdb_reply_bytes_hex(GdbState *s, GByteArray *bytes)
{
    GString *r = g_string_new(NULL);
    gdb_hex_encode(r, bytes->data, bytes->len);
    gdb_reply_gstring(s, r);
    g_byte_array_unref(bytes);
}

static void gdb_cmd_read_registers(GdbState *s, const char *p, size_t len)
{
    GByteArray *regs = g_byte_array_new();

    for (int n = 0; n < s->g_cpu->ops->gdb_num_regs; n++) {
        gdb_read_register(s->g_cpu, regs, n);
    }
    gdb_reply_bytes_hex(s, regs);
}

/* Register n's size in bytes, 0 when there is no such register. */
static int gdb_register_size(CPUState *cpu, int n)
{
    GByteArray *val = g_byte_array_new();
    int size = gdb_read_register(cpu, val, n);

    g_byte_array_unref(val);
    return cpu->ops->gdb_write_register ? size : 0;
}

static void gdb_cmd_write_registers(GdbState *s, const char *p, size_t len)
{
    size_t n = len / 2;
    g_autofree uint8_t *buf = g_malloc(n + 1);

    if (len % 2 || !gdb_hex_decode(p, buf, n)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    /* gdb may send fewer bytes than the whole file: write what is there. */
    size_t off = 0;
    for (int r = 0; r < s->g_cpu->ops->gdb_num_regs; r++) {
        int size = gdb_register_size(s->g_cpu, r);
        if (!size || off + size > n) {
            break;
        }
        s->g_cpu->ops->gdb_write_register(s->g_cpu, buf + off, r);
        off += size;
    }
    gdb_reply(s, "OK");
}

static void gdb_cmd_read_register(GdbState *s, const char *p, size_t len)
{
    uint64_t n;
    GByteArray *val = g_byte_array_new();

    if (!gdb_parse_hex(&p, &n) || *p || n > INT32_MAX ||
        !gdb_read_register(s->g_cpu, val, (int)n)) {
        g_byte_array_unref(val);
        gdb_reply(s, GDB_E_FAULT);
        return;
    }
    gdb_reply_bytes_hex(s, val);
}

static void gdb_cmd_write_register(GdbState *s, const char *p, size_t len)
{
    const char *start = p;
    uint64_t n;

    if (!gdb_parse_hex(&p, &n) || !gdb_parse_char(&p, '=') || n > INT32_MAX) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    size_t hex_len = len - (p - start);
    g_autofree uint8_t *buf = g_malloc(hex_len / 2 + 1);
    if (hex_len % 2 || !gdb_hex_decode(p, buf, hex_len / 2)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    int size = gdb_register_size(s->g_cpu, (int)n);
    if (!size || (size_t)size != hex_len / 2) {
        gdb_reply(s, GDB_E_FAULT);
        return;
    }
    s->g_cpu->ops->gdb_write_register(s->g_cpu, buf, (int)n);
    gdb_reply(s, "OK");
}

/* ---- execution: ?, c, s, C, S, vCont, D, k ------------------------------- */

static void gdb_cmd_stop_reason(GdbState *s, const char *p, size_t len)
{
    gdb_send_stop(s, s->g_cpu, GDB_SIGNAL_TRAP, "");
}

/* "[sig;]addr" after c/s/C/S: a new pc for the resuming CPU. */
static bool gdb_parse_resume_addr(GdbState *s, const char *p, bool has_signal)
{
    uint64_t v;

    if (has_signal && (!gdb_parse_hex(&p, &v) || (*p && !gdb_parse_char(&p, ';')))) {
        return false;
    }
    if (!*p) {
        return true;
    }
    if (!gdb_parse_hex(&p, &v) || *p) {
        return false;
    }
    s->c_cpu->ops->set_pc(s->c_cpu, v);
    return true;
}

/*
 * c/C continue every CPU; s/S step the Hc CPU and leave the others
 * stopped. The signal of C and S means nothing to a system emulator and is
 * dropped (gdb passes one only when the user asks for it).
 */
static void gdb_resume_simple(GdbState *s, const char *p, bool step, bool has_signal)
{
    if (!gdb_parse_resume_addr(s, p, has_signal)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    g_autofree char *actions = g_malloc0(gdb_cpu_count() + 1);
    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        if (!step) {
            actions[i] = 'c';
        } else if (gdb_cpu(i) == s->c_cpu) {
            actions[i] = 's';
        }
    }
    gdb_resume(s, actions);
}

static void gdb_cmd_continue(GdbState *s, const char *p, size_t len)
{
    gdb_resume_simple(s, p, false, false);
}

static void gdb_cmd_continue_signal(GdbState *s, const char *p, size_t len)
{
    gdb_resume_simple(s, p, false, true);
}

static void gdb_cmd_step(GdbState *s, const char *p, size_t len)
{
    gdb_resume_simple(s, p, true, false);
}

static void gdb_cmd_step_signal(GdbState *s, const char *p, size_t len)
{
    gdb_resume_simple(s, p, true, true);
}

static void gdb_cmd_vcont_query(GdbState *s, const char *p, size_t len)
{
    gdb_reply(s, "vCont;c;C;s;S");
}

/*
 * "vCont;ACTION[:TID];ACTION[:TID]...": each CPU takes the leftmost action
 * naming it (E.2); CPUs no action names stay stopped. 't' (stop) leaves a
 * CPU stopped, which in all-stop mode it already is.
 */
static void gdb_cmd_vcont(GdbState *s, const char *p, size_t len)
{
    unsigned ncpus = gdb_cpu_count();
    g_autofree char *actions = g_malloc0(ncpus + 1);
    g_autofree bool *assigned = g_new0(bool, ncpus + 1);
    bool any = false;

    for (;;) {
        char action = *p++;
        uint64_t signal;
        int64_t tid = -1;

        if (action == 'C' || action == 'S') {
            if (!gdb_parse_hex(&p, &signal)) {
                break;
            }
            action = g_ascii_tolower(action);
        } else if (action != 'c' && action != 's' && action != 't') {
            break;
        }
        if (gdb_parse_char(&p, ':') && !gdb_parse_thread_id(&p, &tid)) {
            break;
        }
        CPUState *named = tid > 0 ? gdb_cpu_by_thread(tid) : NULL;
        if (tid > 0 && !named) {
            break;
        }
        for (unsigned i = 0; i < ncpus; i++) {
            if (!assigned[i] && (!named || named == gdb_cpu(i))) {
                assigned[i] = true;
                actions[i] = action == 't' ? 0 : action;
                any |= action != 't';
            }
        }
        if (!*p) {
            if (!any) {
                break;
            }
            gdb_resume(s, actions);
            return;
        }
        if (!gdb_parse_char(&p, ';')) {
            break;
        }
    }
    gdb_reply(s, GDB_E_INVAL);
}

static void gdb_cmd_detach(GdbState *s, const char *p, size_t len)
{
    gdb_reply(s, "OK");
    gdb_release_guest(s);
}

static void gdb_cmd_kill(GdbState *s, const char *p, size_t len)
{
    /* No reply (E.2 'k'): the process goes away. */
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

/* ---- breakpoints and watchpoints: Z and z --------------------------------- */

/* Z/z types (E.2): 0 software, 1 hardware breakpoint, 2 write, 3 read,
 * 4 access watchpoint. */
static const int gdb_watch_flags[] = { [2] = BP_MEM_WRITE, [3] = BP_MEM_READ,
                                       [4] = BP_MEM_ACCESS };

static void gdb_breakpoint_cmd(GdbState *s, const char *p, bool insert)
{
    uint64_t type, addr, kind;

    if (!gdb_parse_hex(&p, &type)) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    if (type > 4) {
        gdb_reply(s, "");   /* unsupported type: empty reply (E.2) */
        return;
    }
    if (!gdb_parse_char(&p, ',') || !gdb_parse_hex(&p, &addr) || !gdb_parse_char(&p, ',') ||
        !gdb_parse_hex(&p, &kind) || (*p && *p != ';')) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    /* Conditions and commands after ';' are for agents: ignored. */
    bool ok = true;
    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        CPUState *cpu = gdb_cpu(i);
        if (type <= 1 && insert) {
            cpu_breakpoint_insert(cpu, addr);
        } else if (type <= 1) {
            ok &= cpu_breakpoint_remove(cpu, addr);
        } else if (insert) {
            ok &= cpu_watchpoint_insert(cpu, addr, kind, gdb_watch_flags[type]);
        } else {
            ok &= cpu_watchpoint_remove(cpu, addr, kind, gdb_watch_flags[type]);
        }
    }
    gdb_reply(s, ok ? "OK" : GDB_E_INVAL);
}

static void gdb_cmd_insert_breakpoint(GdbState *s, const char *p, size_t len)
{
    gdb_breakpoint_cmd(s, p, true);
}

static void gdb_cmd_remove_breakpoint(GdbState *s, const char *p, size_t len)
{
    gdb_breakpoint_cmd(s, p, false);
}

/* ---- threads: H, T, qfThreadInfo, qsThreadInfo, qC, qThreadExtraInfo ------ */

static void gdb_cmd_set_thread(GdbState *s, const char *p, size_t len)
{
    char op = *p++;
    int64_t tid;
    CPUState *cpu;

    if ((op != 'g' && op != 'c') || !gdb_parse_thread_id(&p, &tid) || *p ||
        !(cpu = gdb_cpu_by_thread(tid))) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    if (op == 'g') {
        s->g_cpu = cpu;
    } else {
        s->c_cpu = cpu;
    }
    gdb_reply(s, "OK");
}

static void gdb_cmd_thread_alive(GdbState *s, const char *p, size_t len)
{
    int64_t tid;

    bool ok = gdb_parse_thread_id(&p, &tid) && !*p && tid > 0 && gdb_cpu_by_thread(tid);
    gdb_reply(s, ok ? "OK" : GDB_E_INVAL);
}

static void gdb_cmd_thread_info_first(GdbState *s, const char *p, size_t len)
{
    GString *r = g_string_new("m");

    for (unsigned i = 0; i < gdb_cpu_count(); i++) {
        g_string_append_printf(r, "%s%02x", i ? "," : "", gdb_thread_id(gdb_cpu(i)));
    }
    gdb_reply_gstring(s, r);
}

static void gdb_cmd_thread_info_next(GdbState *s, const char *p, size_t len)
{
    gdb_reply(s, "l");
}

static void gdb_cmd_current_thread(GdbState *s, const char *p, size_t len)
{
    g_autofree char *r = g_strdup_printf("QC%02x", gdb_thread_id(s->g_cpu));
    gdb_reply(s, r);
}

static void gdb_cmd_thread_extra_info(GdbState *s, const char *p, size_t len)
{
    int64_t tid;
    CPUState *cpu;

    if (!gdb_parse_thread_id(&p, &tid) || *p || tid <= 0 || !(cpu = gdb_cpu_by_thread(tid))) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    /* QEMU's wording, which gdb shows in `info threads`. */
    g_autofree char *text =
        g_strdup_printf("CPU#%d [%s]", cpu->index, cpu->halted ? "halted " : "running");
    GString *r = g_string_new(NULL);
    gdb_hex_encode(r, (const uint8_t *)text, strlen(text));
    gdb_reply_gstring(s, r);
}

/* ---- queries ----------------------------------------------------------------- */

static void gdb_cmd_supported(GdbState *s, const char *p, size_t len)
{
    const CPUOps *ops = s->g_cpu->ops;
    bool xml = ops->gdb_target_xml || ops->gdb_arch_name;
    g_autofree char *r = g_strdup_printf("PacketSize=%x;%svContSupported+;swbreak+;hwbreak+;"
                                         "QStartNoAckMode+",
                                         GDB_PACKET_MAX, xml ? "qXfer:features:read+;" : "");
    gdb_reply(s, r);
}

static void gdb_cmd_start_no_ack(GdbState *s, const char *p, size_t len)
{
    /* This reply still gets gdb's ack; nothing after it does (E.11). */
    gdb_reply(s, "OK");
    s->no_ack = true;
}

/* The target description: the CPU's own, or a minimal one naming the
 * architecture (gdb then uses its built-in register layout). */
static char *gdb_target_xml(CPUState *cpu, const char *annex)
{
    const CPUOps *ops = cpu->ops;

    if (ops->gdb_target_xml) {
        const char *xml = ops->gdb_target_xml(cpu, annex);
        return xml ? g_strdup(xml) : NULL;
    }
    if (ops->gdb_arch_name && !strcmp(annex, "target.xml")) {
        return g_strdup_printf("<?xml version=\"1.0\"?>\n"
                               "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                               "<target><architecture>%s</architecture></target>\n",
                               ops->gdb_arch_name);
    }
    return NULL;
}

/* "ANNEX:OFFSET,LENGTH": a chunk of the document, 'm' when more follows,
 * 'l' for the last (E.4 qXfer). */
static void gdb_cmd_xfer_features(GdbState *s, const char *p, size_t len)
{
    const char *colon = strchr(p, ':');
    uint64_t offset, length;

    if (!colon) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    g_autofree char *annex = g_strndup(p, colon - p);
    p = colon + 1;
    if (!gdb_parse_hex(&p, &offset) || !gdb_parse_char(&p, ',') || !gdb_parse_hex(&p, &length) ||
        *p) {
        gdb_reply(s, GDB_E_INVAL);
        return;
    }
    g_autofree char *xml = gdb_target_xml(s->g_cpu, annex);
    if (!xml) {
        gdb_reply(s, "E00");
        return;
    }
    size_t total = strlen(xml);
    offset = MIN(offset, total);
    /* Escaping may double the bytes: stay inside the packet size. */
    length = MIN(MIN(length, total - offset), GDB_PACKET_MAX / 2);
    GString *r = g_string_new(offset + length < total ? "m" : "l");
    gdb_binary_escape(r, (const uint8_t *)xml + offset, length);
    gdb_reply_gstring(s, r);
}

/* A monitor command, hex-encoded; its output comes back in 'O' packets,
 * then OK. */
static void gdb_cmd_monitor(GdbState *s, const char *p, size_t len)
{
    size_t n = len / 2;
    g_autofree char *line = g_malloc(n + 1);

    if (len % 2 || !gdb_hex_decode(p, (uint8_t *)line, n)) {
        gdb_reply(s, GDB_E_GENERIC);
        return;
    }
    line[n] = 0;
    g_autofree char *output = monitor_hmp_command(line);
    size_t out_len = output ? strlen(output) : 0;
    for (size_t off = 0; off < out_len; off += GDB_CONSOLE_CHUNK) {
        GString *r = g_string_new("O");
        gdb_hex_encode(r, (const uint8_t *)output + off, MIN(GDB_CONSOLE_CHUNK, out_len - off));
        gdb_reply_gstring(s, r);
    }
    gdb_reply(s, "OK");
}

static void gdb_cmd_attached(GdbState *s, const char *p, size_t len)
{
    /* 1: we attached to an existing process, so `quit` detaches, not kills. */
    gdb_reply(s, "1");
}

static void gdb_cmd_offsets(GdbState *s, const char *p, size_t len)
{
    gdb_reply(s, "Text=0;Data=0;Bss=0");
}

/* ---- dispatch ----------------------------------------------------------------- */

static GdbCmdFn *const gdb_letter_cmds[128] = {
    ['?'] = gdb_cmd_stop_reason,
    ['c'] = gdb_cmd_continue,
    ['C'] = gdb_cmd_continue_signal,
    ['D'] = gdb_cmd_detach,
    ['g'] = gdb_cmd_read_registers,
    ['G'] = gdb_cmd_write_registers,
    ['H'] = gdb_cmd_set_thread,
    ['k'] = gdb_cmd_kill,
    ['m'] = gdb_cmd_read_memory,
    ['M'] = gdb_cmd_write_memory_hex,
    ['p'] = gdb_cmd_read_register,
    ['P'] = gdb_cmd_write_register,
    ['s'] = gdb_cmd_step,
    ['S'] = gdb_cmd_step_signal,
    ['T'] = gdb_cmd_thread_alive,
    ['X'] = gdb_cmd_write_memory_binary,
    ['z'] = gdb_cmd_remove_breakpoint,
    ['Z'] = gdb_cmd_insert_breakpoint,
};

/*
 * q, Q and v packets by name. A name ending in a separator takes
 * arguments after it; any other must be the whole packet or be followed
 * by ':' (qSupported:features, qAttached:pid).
 */
static const struct {
    const char *name;
    GdbCmdFn *fn;
} gdb_named_cmds[] = {
    { "qSupported", gdb_cmd_supported },
    { "QStartNoAckMode", gdb_cmd_start_no_ack },
    { "qXfer:features:read:", gdb_cmd_xfer_features },
    { "qfThreadInfo", gdb_cmd_thread_info_first },
    { "qsThreadInfo", gdb_cmd_thread_info_next },
    { "qThreadExtraInfo,", gdb_cmd_thread_extra_info },
    { "qC", gdb_cmd_current_thread },
    { "qAttached", gdb_cmd_attached },
    { "qOffsets", gdb_cmd_offsets },
    { "qRcmd,", gdb_cmd_monitor },
    { "vCont?", gdb_cmd_vcont_query },
    { "vCont;", gdb_cmd_vcont },
};

static GdbCmdFn *gdb_lookup_named(const char *pkt, size_t *name_len)
{
    for (size_t i = 0; i < G_N_ELEMENTS(gdb_named_cmds); i++) {
        const char *name = gdb_named_cmds[i].name;
        size_t n = strlen(name);
        if (strncmp(pkt, name, n)) {
            continue;
        }
        if (strchr(",:;?", name[n - 1]) || pkt[n] == 0 || pkt[n] == ':') {
            *name_len = n;
            return gdb_named_cmds[i].fn;
        }
    }
    return NULL;
}

static void gdb_handle_packet(GdbState *s, const char *pkt, size_t len)
{
    GdbCmdFn *fn = NULL;
    size_t skip = 1;
    uint8_t c = pkt[0];

    if (!len) {
        /* "$#00": nothing to do but answer */
    } else if (c == 'q' || c == 'Q' || c == 'v') {
        fn = gdb_lookup_named(pkt, &skip);
    } else if (c < G_N_ELEMENTS(gdb_letter_cmds)) {
        fn = gdb_letter_cmds[c];
    }
    if (!fn) {
        gdb_reply(s, "");   /* unknown: the empty reply (E.1) */
    } else if (!s->g_cpu) {
        gdb_reply(s, GDB_E_GENERIC);  /* a machine without CPUs */
    } else {
        fn(s, pkt + skip, len - skip);
    }
}

void gdb_state_input(GdbState *s, const uint8_t *buf, size_t len)
{
    static const uint8_t ack = '+', nak = '-';

    for (size_t i = 0; i < len; i++) {
        switch (gdb_packet_feed(&s->rx, buf[i])) {
        case GDB_RX_PACKET:
            if (!s->no_ack) {
                s->out(s->opaque, &ack, 1);
            }
            gdb_handle_packet(s, (const char *)s->rx.buf, s->rx.len);
            break;
        case GDB_RX_OVERLONG:
            if (!s->no_ack) {
                s->out(s->opaque, &ack, 1);
            }
            gdb_reply(s, GDB_E_INVAL);
            break;
        case GDB_RX_BAD_CHECKSUM:
            s->out(s->opaque, &nak, 1);
            break;
        case GDB_RX_NAK:
            if (!s->no_ack && s->last->len) {
                s->out(s->opaque, (const uint8_t *)s->last->str, s->last->len);
            }
            break;
        case GDB_RX_INTERRUPT:
            gdb_interrupt(s);
            break;
        case GDB_RX_ACK:
        case GDB_RX_NONE:
            break;
        }
    }
}

/* ---- connection --------------------------------------------------------------- */

GdbState *gdb_state_new(GdbOutputFn out, void *opaque)
{
    GdbState *s = g_new0(GdbState, 1);

    s->out = out;
    s->opaque = opaque;
    s->last = g_string_new(NULL);
    gdb_packet_reader_reset(&s->rx);
    return s;
}

void gdb_state_free(GdbState *s)
{
    g_string_free(s->last, TRUE);
    g_free(s);
}

void gdb_state_connect(GdbState *s)
{
    gdb_packet_reader_reset(&s->rx);
    g_string_truncate(s->last, 0);
    s->no_ack = false;
    s->attached = true;
    s->running = false;
    s->g_cpu = s->c_cpu = gdb_cpu_count() ? gdb_cpu(0) : NULL;
    vm_stop(RUN_STATE_DEBUG);
}

void gdb_state_disconnect(GdbState *s)
{
    if (s->attached) {
        s->attached = false;
        gdb_release_guest(s);
    }
}

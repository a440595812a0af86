/*
 * The human monitor (HMP): QEMU's text commands, on a chardev or as a
 * function call.
 *
 * monitor_hmp_command() parses one line and runs it against a table of
 * commands and a table of `info` topics; other layers add to both. The
 * chardev side (monitor_init_hmp) wraps it in the line editor, prints the
 * banner and the "(qemu) " prompt scripts wait for, and turns LF into CR LF
 * because the terminal is in raw mode. Command spellings, output and error
 * texts follow QEMU's monitor, which users and tools already know.
 */
#include "monitor/monitor.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "hw/core/qdev.h"
#include "monitor/hmp.h"
#include "monitor/readline.h"
#include "softmmu/cpu.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "util/bswap.h"

#define HMP_PROMPT "(qemu) "

typedef struct HmpCommand {
    const char *name;
    const char *alias;        /* short form ("c" for cont), or NULL */
    const char *args_help;
    const char *help;
    MonitorCmdFn fn;          /* a command */
    MonitorInfoFn info;       /* or an `info` topic */
} HmpCommand;

/* A table of built-in entries that other layers extend at run time. */
typedef struct HmpTable {
    const HmpCommand *builtin;
    size_t n_builtin;
    GPtrArray *all;           /* const HmpCommand *, built-ins first */
} HmpTable;

/* The monitor's settings that persist between commands, as in QEMU. */
static struct {
    int cpu_index;            /* the CPU x, info registers marks, `cpu N` picks */
    char dump_format;         /* x/xp: the last format and unit, reused when omitted */
    unsigned dump_size;
    bool big_endian;
} hmp = { .dump_format = 'x', .dump_size = 4 };

/* ---- tables ---- */

static GPtrArray *hmp_table_entries(HmpTable *t)
{
    if (!t->all) {
        t->all = g_ptr_array_new();
        for (size_t i = 0; i < t->n_builtin; i++) {
            g_ptr_array_add(t->all, (gpointer)&t->builtin[i]);
        }
    }
    return t->all;
}

static const HmpCommand *hmp_table_find(HmpTable *t, const char *name)
{
    GPtrArray *all = hmp_table_entries(t);

    for (guint i = 0; i < all->len; i++) {
        const HmpCommand *c = g_ptr_array_index(all, i);
        if (strcmp(c->name, name) == 0 || (c->alias && strcmp(c->alias, name) == 0)) {
            return c;
        }
    }
    return NULL;
}

static void hmp_table_add(HmpTable *t, const HmpCommand *entry)
{
    HmpCommand *copy = g_new(HmpCommand, 1);

    /* Registrations live as long as the process. */
    *copy = (HmpCommand) {
        .name = g_strdup(entry->name),
        .args_help = g_strdup(entry->args_help ? entry->args_help : ""),
        .help = g_strdup(entry->help ? entry->help : ""),
        .fn = entry->fn,
        .info = entry->info,
    };
    g_ptr_array_add(hmp_table_entries(t), copy);
}

static void hmp_print_entry(GString *out, const char *prefix, const HmpCommand *c)
{
    g_string_append_printf(out, "%s%s%s%s %s -- %s\n", prefix, c->name, c->alias ? "|" : "",
                           c->alias ? c->alias : "", c->args_help, c->help);
}

static gint hmp_entry_compare(gconstpointer a, gconstpointer b)
{
    const HmpCommand *ca = *(const HmpCommand *const *)a;
    const HmpCommand *cb = *(const HmpCommand *const *)b;

    return strcmp(ca->name, cb->name);
}

static void hmp_table_print(GString *out, const char *prefix, HmpTable *t)
{
    GPtrArray *all = hmp_table_entries(t);
    GPtrArray *sorted = g_ptr_array_sized_new(all->len);

    for (guint i = 0; i < all->len; i++) {
        g_ptr_array_add(sorted, g_ptr_array_index(all, i));
    }
    g_ptr_array_sort(sorted, hmp_entry_compare);
    for (guint i = 0; i < sorted->len; i++) {
        hmp_print_entry(out, prefix, g_ptr_array_index(sorted, i));
    }
    g_ptr_array_free(sorted, TRUE);
}

/* ---- CPUs ---- */

static CPUState *hmp_find_cpu(int index)
{
    for (guint i = 0; cpus_all && i < cpus_all->len; i++) {
        CPUState *cpu = g_ptr_array_index(cpus_all, i);
        if (cpu->index == index) {
            return cpu;
        }
    }
    return NULL;
}

static CPUState *hmp_current_cpu(void)
{
    CPUState *cpu = hmp_find_cpu(hmp.cpu_index);

    if (!cpu && cpus_all && cpus_all->len > 0) {
        cpu = g_ptr_array_index(cpus_all, 0);
    }
    return cpu;
}

/* ---- info topics ---- */

static void hmp_info_status(GString *out)
{
    RunState state = runstate_get();
    bool running = runstate_is_running();

    g_string_append_printf(out, "VM status: %s", running ? "running" : "paused");
    if (!running && state != RUN_STATE_PAUSED) {
        g_string_append_printf(out, " (%s)", runstate_name(state));
    }
    g_string_append_c(out, '\n');
}

static void hmp_info_registers(GString *out)
{
    if (!cpus_all || cpus_all->len == 0) {
        g_string_append(out, "No CPU available\n");
        return;
    }
    for (guint i = 0; i < cpus_all->len; i++) {
        CPUState *cpu = g_ptr_array_index(cpus_all, i);

        if (cpus_all->len > 1) {
            g_string_append_printf(out, "CPU#%d\n", cpu->index);
        }
        if (cpu->ops && cpu->ops->dump_state) {
            cpu->ops->dump_state(cpu, out);
        }
    }
}

static void hmp_info_cpus(GString *out)
{
    CPUState *current = hmp_current_cpu();

    for (guint i = 0; cpus_all && i < cpus_all->len; i++) {
        CPUState *cpu = g_ptr_array_index(cpus_all, i);
        uint64_t pc = cpu->ops && cpu->ops->get_pc ? cpu->ops->get_pc(cpu) : 0;

        g_string_append_printf(out, "%c CPU #%d: pc=0x%016" PRIx64 "%s\n",
                               cpu == current ? '*' : ' ', cpu->index, pc,
                               cpu->halted ? " (halted)" : "");
    }
}

static void hmp_info_version(GString *out)
{
    g_string_append(out, CHIMERA_VERSION "\n");
}

static const HmpCommand hmp_info_builtin[] = {
    { "chardev", NULL, "", "show the character devices", .info = chardev_print_info },
    { "cpus", NULL, "", "show infos for each CPU", .info = hmp_info_cpus },
    { "mtree", NULL, "", "show memory tree", .info = memory_mtree_print },
    { "qtree", NULL, "", "show device tree", .info = devices_print_tree },
    { "registers", NULL, "", "show the cpu registers", .info = hmp_info_registers },
    { "status", NULL, "", "show the current VM status (running|paused)",
      .info = hmp_info_status },
    { "version", NULL, "", "show the version of Chimera", .info = hmp_info_version },
};

static HmpTable hmp_info_table = { hmp_info_builtin, G_N_ELEMENTS(hmp_info_builtin) };

/* ---- memory dump (x, xp) ---- */

/* Translate virtual addresses piecewise: 1 KiB is the smallest page of any
 * target we emulate (ARMv5 tiny pages). */
#define HMP_XLATE_CHUNK 1024
/* A dump larger than this is a typo, not a request. */
#define HMP_DUMP_MAX (1u << 20)

typedef struct HmpDumpFormat {
    unsigned count;
    char format;              /* x d u o c */
    unsigned size;            /* 1 2 4 8 */
} HmpDumpFormat;

/* Parses QEMU's /Nfu: a count, then format and unit letters in any order. */
static bool hmp_parse_dump_format(const char *spec, HmpDumpFormat *f, GString *out)
{
    static const struct {
        char letter;
        unsigned size;
    } units[] = { { 'b', 1 }, { 'h', 2 }, { 'w', 4 }, { 'g', 8 }, { 'L', 8 } };
    const char *p = spec + 1;
    unsigned size = 0;
    char format = 0;

    f->count = 1;
    if (g_ascii_isdigit(*p)) {
        char *end;
        unsigned long n = strtoul(p, &end, 10);

        if (n == 0 || n > HMP_DUMP_MAX) {
            g_string_append_printf(out, "invalid count in format: '%.*s'\n",
                                   (int)(end - p), p);
            return false;
        }
        f->count = n;
        p = end;
    }
    for (; *p; p++) {
        size_t i;

        if (strchr("xduoc", *p)) {
            format = *p;
            continue;
        }
        for (i = 0; i < G_N_ELEMENTS(units) && units[i].letter != *p; i++) {
        }
        if (i == G_N_ELEMENTS(units)) {
            g_string_append_printf(out, "invalid char in format: '%c'\n", *p);
            return false;
        }
        size = units[i].size;
    }
    /* Omitted parts default to what the previous dump used. */
    f->format = format ? format : hmp.dump_format;
    f->size = size ? size : hmp.dump_size;
    hmp.dump_format = f->format;
    hmp.dump_size = f->size;
    return true;
}

/* Address expressions: numbers (0x hex, 0 octal, decimal) and $pc, joined by + and -. */
static bool hmp_parse_address(const char *text, uint64_t *addr, GString *out)
{
    const char *p = text;
    uint64_t sum = 0;
    int sign = 1;

    for (;;) {
        uint64_t term;

        while (g_ascii_isspace(*p)) {
            p++;
        }
        if (g_str_has_prefix(p, "$pc")) {
            CPUState *cpu = hmp_current_cpu();

            if (!cpu || !cpu->ops->get_pc) {
                g_string_append(out, "No CPU available\n");
                return false;
            }
            term = cpu->ops->get_pc(cpu);
            p += 3;
        } else {
            char *end;

            if (!g_ascii_isdigit(*p)) {
                g_string_append_printf(out, "invalid address expression: '%s'\n", text);
                return false;
            }
            term = g_ascii_strtoull(p, &end, 0);
            p = end;
        }
        sum += sign > 0 ? term : -term;
        while (g_ascii_isspace(*p)) {
            p++;
        }
        if (*p == '\0') {
            *addr = sum;
            return true;
        }
        if (*p != '+' && *p != '-') {
            g_string_append_printf(out, "invalid address expression: '%s'\n", text);
            return false;
        }
        sign = *p++ == '+' ? 1 : -1;
    }
}

static bool hmp_read_memory(CPUState *cpu, bool physical, uint64_t addr, uint8_t *buf,
                            size_t len)
{
    AddressSpace *as = !physical && cpu->as ? cpu->as : &address_space_memory;

    while (len > 0) {
        size_t chunk = MIN(len, HMP_XLATE_CHUNK - (addr & (HMP_XLATE_CHUNK - 1)));
        hwaddr pa = addr;

        if (!physical && cpu->ops->debug_translate &&
            !cpu->ops->debug_translate(cpu, addr, &pa)) {
            return false;
        }
        if (address_space_read(as, pa, buf, chunk) != MEMTX_OK) {
            return false;
        }
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return true;
}

/* A byte as QEMU's /c shows it: quoted, with C escapes for the unprintable. */
static void hmp_print_char(GString *out, uint8_t c)
{
    static const char *const escapes[256] = {
        ['\\'] = "\\\\", ['\''] = "\\'", ['\n'] = "\\n", ['\r'] = "\\r",
    };

    g_string_append_c(out, '\'');
    if (escapes[c]) {
        g_string_append(out, escapes[c]);
    } else if (c >= 32 && c <= 126) {
        g_string_append_c(out, (char)c);
    } else {
        g_string_append_printf(out, "\\x%02x", c);
    }
    g_string_append_c(out, '\'');
}

static void hmp_print_word(GString *out, const HmpDumpFormat *f, uint64_t v)
{
    unsigned bits = f->size * 8;

    switch (f->format) {
    case 'x':
        g_string_append_printf(out, " 0x%0*" PRIx64, bits / 4, v);
        break;
    case 'o':
        g_string_append_printf(out, " %#*" PRIo64, (bits + 2) / 3, v);
        break;
    case 'u':
        g_string_append_printf(out, " %*" PRIu64, (bits * 10 + 32) / 33, v);
        break;
    case 'd':
        /* sign-extend the unit to 64 bits */
        g_string_append_printf(out, " %*" PRId64, (bits * 10 + 32) / 33,
                               (int64_t)(v << (64 - bits)) >> (64 - bits));
        break;
    default:
        g_string_append_c(out, ' ');
        hmp_print_char(out, (uint8_t)v);
        break;
    }
}

/* Prints rows of 16 bytes (8 for bytes), each "address: word word ...", as QEMU. */
static void hmp_memory_dump(GString *out, const HmpDumpFormat *f, uint64_t addr, bool physical)
{
    CPUState *cpu = hmp_current_cpu();
    unsigned size = f->format == 'c' ? 1 : f->size;
    uint64_t len = (uint64_t)f->count * f->size;
    unsigned line_size = size == 1 ? 8 : 16;

    if (!physical && !cpu) {
        g_string_append(out, "No CPU available\n");
        return;
    }
    while (len > 0) {
        uint8_t buf[16];
        unsigned l = MIN(len, line_size);

        g_string_append_printf(out, "%016" PRIx64 ":", addr);
        if (!hmp_read_memory(cpu, physical, addr, buf, l)) {
            g_string_append(out, " Cannot access memory\n");
            return;
        }
        for (unsigned i = 0; i + size <= l; i += size) {
            hmp_print_word(out, f, ldn_p(buf + i, size, hmp.big_endian));
        }
        g_string_append_c(out, '\n');
        addr += l;
        len -= l;
    }
}

static void hmp_dump_command(GString *out, int argc, char **argv, bool physical)
{
    HmpDumpFormat f = { .count = 1, .format = hmp.dump_format, .size = hmp.dump_size };
    int arg = 1;
    uint64_t addr;
    char *expr;
    bool ok;

    if (arg < argc && argv[arg][0] == '/') {
        if (!hmp_parse_dump_format(argv[arg], &f, out)) {
            return;
        }
        arg++;
    }
    if (arg >= argc) {
        g_string_append_printf(out, "%s: address expected\n", argv[0]);
        return;
    }
    expr = g_strjoinv(" ", argv + arg);
    ok = hmp_parse_address(expr, &addr, out);
    g_free(expr);
    if (ok) {
        hmp_memory_dump(out, &f, addr, physical);
    }
}

static void hmp_cmd_x(GString *out, int argc, char **argv)
{
    hmp_dump_command(out, argc, argv, false);
}

static void hmp_cmd_xp(GString *out, int argc, char **argv)
{
    hmp_dump_command(out, argc, argv, true);
}

/* ---- commands ---- */

static HmpTable hmp_command_table;

/* The entry argv[1] names; without a name, lists the table instead. */
static const HmpCommand *hmp_table_lookup(GString *out, HmpTable *t, const char *prefix,
                                          int argc, char **argv)
{
    const HmpCommand *c;

    if (argc < 2) {
        hmp_table_print(out, prefix, t);
        return NULL;
    }
    c = hmp_table_find(t, argv[1]);
    if (!c) {
        g_string_append_printf(out, "unknown command: '%s%s'\n", prefix, argv[1]);
    }
    return c;
}

static void hmp_cmd_help(GString *out, int argc, char **argv)
{
    const HmpCommand *c;

    if (argc >= 2 && strcmp(argv[1], "info") == 0) {
        hmp_table_print(out, "info ", &hmp_info_table);
        return;
    }
    c = hmp_table_lookup(out, &hmp_command_table, "", argc, argv);
    if (c) {
        hmp_print_entry(out, "", c);
    }
}

static void hmp_cmd_info(GString *out, int argc, char **argv)
{
    const HmpCommand *c = hmp_table_lookup(out, &hmp_info_table, "info ", argc, argv);

    if (c) {
        c->info(out);
    }
}

static void hmp_cmd_stop(GString *out, int argc, char **argv)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void hmp_cmd_cont(GString *out, int argc, char **argv)
{
    vm_start();
}

static void hmp_cmd_system_reset(GString *out, int argc, char **argv)
{
    system_reset_request();
}

static void hmp_cmd_system_powerdown(GString *out, int argc, char **argv)
{
    system_powerdown_request();
}

static void hmp_cmd_quit(GString *out, int argc, char **argv)
{
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

static void hmp_cmd_cpu(GString *out, int argc, char **argv)
{
    char *end;
    long index;

    if (argc < 2) {
        g_string_append(out, "cpu: CPU index expected\n");
        return;
    }
    index = strtol(argv[1], &end, 0);
    if (*end != '\0' || index < 0 || index > G_MAXINT || !hmp_find_cpu((int)index)) {
        g_string_append(out, "invalid CPU index\n");
        return;
    }
    hmp.cpu_index = (int)index;
}

static const HmpCommand hmp_command_builtin[] = {
    { "cont", "c", "", "resume emulation", hmp_cmd_cont },
    { "cpu", NULL, "index", "set the default CPU", hmp_cmd_cpu },
    { "help", "?", "[cmd]", "show the help", hmp_cmd_help },
    { "info", NULL, "[subcommand]", "show various information about the system state",
      hmp_cmd_info },
    { "quit", "q", "", "quit the emulator", hmp_cmd_quit },
    { "stop", NULL, "", "stop emulation", hmp_cmd_stop },
    { "system_powerdown", NULL, "", "send system power down event", hmp_cmd_system_powerdown },
    { "system_reset", NULL, "", "reset the system", hmp_cmd_system_reset },
    { "x", NULL, "/fmt addr", "virtual memory dump starting at 'addr'", hmp_cmd_x },
    { "xp", NULL, "/fmt addr", "physical memory dump starting at 'addr'", hmp_cmd_xp },
};

static HmpTable hmp_command_table = { hmp_command_builtin, G_N_ELEMENTS(hmp_command_builtin) };

/* ---- parsing and dispatch ---- */

static void hmp_run(GString *out, const char *line)
{
    const char *p = line + strspn(line, " \t\r\n");
    size_t name_len = strcspn(p, " \t\r\n/");
    char *name = g_strndup(p, name_len);
    const char *rest = p + name_len;
    const HmpCommand *c;
    GError *err = NULL;
    GPtrArray *args;
    char **parsed = NULL;
    int nparsed = 0;

    if (name_len == 0) {
        goto out;
    }
    c = hmp_table_find(&hmp_command_table, name);
    if (!c) {
        g_string_append_printf(out, "unknown command: '%s'\n", name);
        goto out;
    }
    /* The name ends at a '/' too, so "x/4wx 0x1000" reads like "x /4wx 0x1000". */
    if (rest[strspn(rest, " \t\r\n")] != '\0' &&
        !g_shell_parse_argv(rest, &nparsed, &parsed, &err)) {
        g_string_append_printf(out, "%s: %s\n", name, err->message);
        g_error_free(err);
        goto out;
    }
    args = g_ptr_array_new();
    g_ptr_array_add(args, name);
    for (int i = 0; i < nparsed; i++) {
        g_ptr_array_add(args, parsed[i]);
    }
    g_ptr_array_add(args, NULL);
    c->fn(out, (int)args->len - 1, (char **)args->pdata);
    g_ptr_array_free(args, TRUE);
out:
    g_strfreev(parsed);
    g_free(name);
}

char *monitor_hmp_command(const char *line)
{
    GString *out = g_string_new(NULL);

    hmp_run(out, line);
    return g_string_free(out, FALSE);
}

char *hmp_command_on_cpu(const char *line, int cpu_index)
{
    int saved = hmp.cpu_index;
    char *out;

    if (!hmp_find_cpu(cpu_index)) {
        return NULL;
    }
    hmp.cpu_index = cpu_index;
    out = monitor_hmp_command(line);
    hmp.cpu_index = saved;
    return out;
}

void monitor_register_info(const char *name, const char *help, MonitorInfoFn fn)
{
    hmp_table_add(&hmp_info_table, &(HmpCommand) { .name = name, .help = help, .info = fn });
}

void monitor_register_command(const char *name, const char *args_help, const char *help,
                              MonitorCmdFn fn)
{
    hmp_table_add(&hmp_command_table,
                  &(HmpCommand) { .name = name, .args_help = args_help, .help = help, .fn = fn });
}

void monitor_set_target_big_endian(bool big_endian)
{
    hmp.big_endian = big_endian;
}

/* ---- the chardev frontend ---- */

typedef struct MonitorHmp {
    CharFrontend fe;
    ReadLine rl;
    bool mux;                 /* shares a mux: greet when it gets the focus */
    bool greeted;
} MonitorHmp;

/* The terminal is raw: every LF goes out as CR LF. */
static void hmp_chr_write(MonitorHmp *mon, const char *text, size_t len)
{
    GString *s = g_string_sized_new(len + 16);

    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            g_string_append_c(s, '\r');
        }
        g_string_append_c(s, text[i]);
    }
    char_fe_write(&mon->fe, (const uint8_t *)s->str, (int)s->len);
    g_string_free(s, TRUE);
}

static void hmp_chr_echo(void *opaque, const char *text, size_t len)
{
    hmp_chr_write(opaque, text, len);
}

static void hmp_chr_line(void *opaque, const char *line)
{
    MonitorHmp *mon = opaque;
    char *out = monitor_hmp_command(line);

    hmp_chr_write(mon, out, strlen(out));
    g_free(out);
    readline_show_prompt(&mon->rl);
}

static int hmp_chr_can_read(void *opaque)
{
    return 4096;
}

static void hmp_chr_read(void *opaque, const uint8_t *buf, int len)
{
    MonitorHmp *mon = opaque;

    for (int i = 0; i < len; i++) {
        readline_handle_byte(&mon->rl, buf[i]);
    }
}

static void hmp_chr_greet(MonitorHmp *mon)
{
    static const char banner[] =
        "Chimera " CHIMERA_VERSION " monitor - type 'help' for more information\n";

    hmp_chr_write(mon, banner, strlen(banner));
    readline_show_prompt(&mon->rl);
    mon->greeted = true;
}

static void hmp_chr_event(void *opaque, CharEvent event)
{
    MonitorHmp *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (!mon->mux) {
            hmp_chr_greet(mon);
        }
        break;
    case CHR_EVENT_MUX_IN:
        if (mon->greeted) {
            readline_show_prompt(&mon->rl);
        } else {
            hmp_chr_greet(mon);
        }
        break;
    default:
        break;
    }
}

bool monitor_init_hmp(Chardev *chr, GError **err)
{
    MonitorHmp *mon = g_new0(MonitorHmp, 1);

    if (!char_fe_init(&mon->fe, chr, err)) {
        g_free(mon);
        return false;
    }
    mon->mux = chardev_is_mux(chr);
    readline_init(&mon->rl, HMP_PROMPT, hmp_chr_echo, hmp_chr_line, mon);
    char_fe_set_handlers(&mon->fe, hmp_chr_can_read, hmp_chr_read, hmp_chr_event, mon);
    return true;
}

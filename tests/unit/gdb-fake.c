/*
 * The fake machine behind the gdbstub's unit test and fuzzer (gdb-fake.h).
 */
#include <string.h>

#include "gdb-fake.h"
#include "gdbstub/breakpoints.h"
#include "monitor/monitor.h"
#include "softmmu/memory.h"
#include "tcg/exec.h"
#include "util/bswap.h"

FakeMachine fake;
GPtrArray *cpus_all;

/* Long enough to need several qXfer chunks; the '$', '#', '}' and '*' in
 * the comment exercise the binary escapes. */
const char fake_target_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<!-- fake: $cost #1 {braces} *star -->\n"
    "<target><architecture>fake</architecture>\n"
    "<feature name=\"org.chimera.fake\">\n"
    "<reg name=\"r0\" bitsize=\"32\"/><reg name=\"r1\" bitsize=\"32\"/>\n"
    "<reg name=\"r2\" bitsize=\"32\"/><reg name=\"r3\" bitsize=\"32\"/>\n"
    "<reg name=\"r4\" bitsize=\"32\"/><reg name=\"r5\" bitsize=\"32\"/>\n"
    "<reg name=\"r6\" bitsize=\"32\"/><reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
    "</feature></target>\n";

static MemoryRegion ram;

static FakeCPU *fake_cpu(CPUState *cpu)
{
    return (FakeCPU *)cpu;
}

static int fake_gdb_read_register(CPUState *cpu, GByteArray *buf, int n)
{
    uint8_t b[8];

    if (n < FAKE_NUM_GPRS) {
        stl_be_p(b, fake_cpu(cpu)->gpr[n]);
        g_byte_array_append(buf, b, 4);
        return 4;
    }
    stq_be_p(b, fake_cpu(cpu)->pc);
    g_byte_array_append(buf, b, 8);
    return 8;
}

static int fake_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n)
{
    if (n < FAKE_NUM_GPRS) {
        fake_cpu(cpu)->gpr[n] = ldl_be_p(buf);
        return 4;
    }
    fake_cpu(cpu)->pc = ldq_be_p(buf);
    return 8;
}

static const char *fake_gdb_target_xml(CPUState *cpu, const char *annex)
{
    return strcmp(annex, "target.xml") ? NULL : fake_target_xml;
}

static uint64_t fake_get_pc(CPUState *cpu)
{
    return fake_cpu(cpu)->pc;
}

static void fake_set_pc(CPUState *cpu, uint64_t pc)
{
    fake_cpu(cpu)->pc = pc;
}

static bool fake_debug_translate(CPUState *cpu, uint64_t vaddr, hwaddr *paddr)
{
    *paddr = vaddr;
    return vaddr < FAKE_UNMAPPED_VADDR;
}

static const CPUOps fake_cpu_ops = {
    .get_pc = fake_get_pc,
    .set_pc = fake_set_pc,
    .debug_translate = fake_debug_translate,
    .gdb_num_regs = FAKE_NUM_GPRS + 1,
    .gdb_read_register = fake_gdb_read_register,
    .gdb_write_register = fake_gdb_write_register,
    .gdb_arch_name = "fake",
    .gdb_target_xml = fake_gdb_target_xml,
};

uint8_t *fake_ram(void)
{
    return memory_region_get_ram_ptr(&ram);
}

void fake_machine_init(unsigned ncpus)
{
    static bool memory_ready;

    if (!memory_ready) {
        memory_system_init();
        g_assert(memory_region_init_ram(&ram, "fake.ram", FAKE_RAM_SIZE, NULL));
        memory_region_add_subregion(&system_memory, 0, &ram);
        memory_topology_commit();
        memory_ready = true;
    }
    for (unsigned i = 0; i < FAKE_RAM_SIZE; i++) {
        fake_ram()[i] = i & 0xff;
    }
    /* The breakpoint lists outlive a reset (nothing frees them): reuse them. */
    void *debug_states[FAKE_MAX_CPUS];
    for (unsigned i = 0; i < FAKE_MAX_CPUS; i++) {
        cpu_debug_remove_all(&fake.cpus[i].parent);
        debug_states[i] = fake.cpus[i].parent.debug_state;
    }
    g_free(fake.monitor_line);
    memset(&fake, 0, sizeof(fake));
    fake.state = RUN_STATE_PAUSED;
    if (cpus_all) {
        g_ptr_array_free(cpus_all, TRUE);
    }
    cpus_all = g_ptr_array_new();
    for (unsigned i = 0; i < FAKE_MAX_CPUS; i++) {
        FakeCPU *c = &fake.cpus[i];
        c->parent.ops = &fake_cpu_ops;
        c->parent.index = i;
        c->parent.as = &address_space_memory;
        c->parent.exception_index = -1;
        c->parent.debug_state = debug_states[i];
        for (unsigned r = 0; r < FAKE_NUM_GPRS; r++) {
            c->gpr[r] = 0x10000000u * (i + 1) + r;
        }
        c->pc = 0x1000 + 0x100 * i;
        if (i < ncpus) {
            g_ptr_array_add(cpus_all, &c->parent);
        }
    }
}

/* ---- the run state ---- */

RunState runstate_get(void)
{
    return fake.state;
}

void vm_start(void)
{
    fake.vm_starts++;
    fake.state = RUN_STATE_RUNNING;
}

void vm_stop(RunState reason)
{
    fake.vm_stops++;
    fake.state = reason;
}

void system_shutdown_request(ShutdownCause cause)
{
    fake.shutdowns++;
}

/* ---- the monitor: echoes, or a long answer for "info long" ---- */

char *monitor_hmp_command(const char *line)
{
    g_free(fake.monitor_line);
    fake.monitor_line = g_strdup(line);
    if (!strcmp(line, "info long")) {
        GString *s = g_string_new(NULL);
        for (int i = 0; i < 100; i++) {
            g_string_append_printf(s, "line %02d of a long answer\n", i);
        }
        return g_string_free(s, FALSE);
    }
    if (!strcmp(line, "nothing")) {
        return g_strdup("");
    }
    return g_strdup_printf("you said: %s\n", line);
}

/* ---- what breakpoints and watchpoints ask of the exec side ---- */

void tb_flush(CPUState *cpu)
{
    fake.tb_flushes++;
}

void tb_invalidate_phys_range(hwaddr start, hwaddr end)
{
    fake.tb_invalidations++;
    fake.invalidated = start;
}

void tlb_flush(CPUState *cpu)
{
    fake.tlb_flushes++;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    return true;
}

static G_NORETURN void fake_loop_exit(void)
{
    g_assert(fake.loop_exit_armed);
    fake.loop_exits++;
    siglongjmp(fake.loop_exit, 1);
}

void cpu_loop_exit_noexc(CPUState *cpu)
{
    fake_loop_exit();
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    fake_loop_exit();
}

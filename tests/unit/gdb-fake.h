/*
 * A fake machine for driving the gdbstub's protocol engine without the
 * exec loop: CPUs with a CPUOps table over plain register arrays, 64 KiB
 * of RAM in a real address space (softmmu/memory.c), and stand-ins for the
 * run state, the monitor and the translator/TLB calls breakpoints make,
 * which count what happened. Shared by tests/unit/test-gdbstub.c and
 * tests/fuzz/fuzz-gdb-packet.c.
 */
#ifndef TESTS_UNIT_GDB_FAKE_H
#define TESTS_UNIT_GDB_FAKE_H

#include <setjmp.h>

#include "softmmu/cpu.h"
#include "softmmu/runstate.h"

#define FAKE_MAX_CPUS 4
#define FAKE_NUM_GPRS 7               /* registers 0-6: 32-bit, big-endian */
#define FAKE_REG_PC FAKE_NUM_GPRS     /* register 7: the 64-bit pc */
#define FAKE_RAM_SIZE 0x10000         /* RAM at physical 0 */
#define FAKE_UNMAPPED_VADDR 0x100000  /* debug_translate fails from here up */

typedef struct FakeCPU {
    CPUState parent;
    uint32_t gpr[FAKE_NUM_GPRS];
    uint64_t pc;
} FakeCPU;

/* What the engine did to the machine. */
typedef struct FakeMachine {
    FakeCPU cpus[FAKE_MAX_CPUS];
    RunState state;
    int vm_starts;
    int vm_stops;
    int shutdowns;
    int tb_flushes;
    int tb_invalidations;
    hwaddr invalidated;           /* start of the last invalidated range */
    int tlb_flushes;
    char *monitor_line;           /* the last qRcmd line */
    bool loop_exit_armed;         /* cpu_loop_exit_* longjmp to loop_exit */
    sigjmp_buf loop_exit;
    int loop_exits;
} FakeMachine;

extern FakeMachine fake;
extern const char fake_target_xml[];

/* Resets everything: ncpus CPUs with recognizable register values, RAM
 * filled with its offsets' low bytes, the machine paused. */
void fake_machine_init(unsigned ncpus);
uint8_t *fake_ram(void);

#endif

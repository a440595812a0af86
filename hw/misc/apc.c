/*
 * The SPARCstation 4/5 APC power management controller (Sun "Aurora
 * Personal Computer" ASIC, as Linux arch/sparc/kernel/apc.c drives it): an
 * idle register whose IDLE bit stops the CPU until the next interrupt, and
 * fan, power and backplane-port control registers that only hold their
 * values here.
 */
#include "hw/core/qdev.h"
#include "softmmu/cpus.h"
#include "util/log.h"

enum {
    APC_IDLE_REG = 0x00,
    APC_FANCTL_REG = 0x20,
    APC_CPOWER_REG = 0x24,
    APC_BPORT_REG = 0x30,
};
#define APC_REGS_SIZE 0x40
#define APC_IDLE_ON 0x01

typedef struct Apc {
    Device parent;
    MemoryRegion mmio;
    uint8_t regs[APC_REGS_SIZE];
} Apc;

static uint64_t apc_read(void *opaque, hwaddr addr, unsigned size)
{
    Apc *s = opaque;

    /* The idle bit reads back clear: the CPU only sees it after waking. */
    return addr == APC_IDLE_REG ? s->regs[addr] & ~APC_IDLE_ON : s->regs[addr];
}

static void apc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Apc *s = opaque;

    s->regs[addr] = val;
    if (addr == APC_IDLE_REG && (val & APC_IDLE_ON) && current_cpu) {
        cpu_interrupt(current_cpu, CPU_INTERRUPT_HALT);
    }
}

static const MemoryRegionOps apc_ops = {
    .read = apc_read,
    .write = apc_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void apc_init(Device *dev)
{
    Apc *s = (Apc *)dev;

    memory_region_init_io(&s->mmio, &apc_ops, s, "apc", APC_REGS_SIZE);
    device_add_mmio(dev, &s->mmio);
}

static void apc_reset(Device *dev)
{
    Apc *s = (Apc *)dev;

    for (int i = 0; i < APC_REGS_SIZE; i++) {
        s->regs[i] = 0;
    }
}

static const DeviceType apc_type = {
    .name = "apc",
    .desc = "SPARCstation 4/5 power management (CPU idle)",
    .instance_size = sizeof(Apc),
    .init = apc_init,
    .reset = apc_reset,
};

static void __attribute__((constructor)) apc_register(void)
{
    device_type_register(&apc_type);
}

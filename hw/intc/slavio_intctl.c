/*
 * The sun4m interrupt controller: the interrupt part of the Slave I/O chip
 * (STP2001 / NCR89C105, "Interrupt Controller" chapter; Sun-4M System
 * Architecture, interrupts). The board maps one system register block and
 * one block per CPU, and connects 16 outputs per CPU (one per SPARC level).
 *
 * Inputs 0-31 are the system interrupt sources (bit n of the system pending
 * register), each with a fixed SPARC level; inputs 32 + n are CPU n's
 * counter/timer (level 14). The system sources go to the one target CPU the
 * target register names; level 15 and the timer reach each CPU directly.
 * Soft interrupts are set and cleared per CPU.
 */
#include "hw/core/qdev.h"
#include "util/log.h"

#define SLAVIO_MAX_CPUS 16
#define SLAVIO_NLEVELS 16

/* Per-CPU registers (word offsets in the CPU's block). */
enum {
    INTCTL_PENDING = 0x0,
    INTCTL_CLEAR = 0x4,
    INTCTL_SET = 0x8,
};
#define INTCTL_CPU_SIZE 0x10

/* System registers. */
enum {
    INTCTLM_PENDING = 0x0,
    INTCTLM_MASK = 0x4,
    INTCTLM_CLEAR_MASK = 0x8,
    INTCTLM_SET_MASK = 0xc,
    INTCTLM_TARGET = 0x10,
};
#define INTCTLM_SIZE 0x14

/* System mask: bit 31 masks every source (and levels 14/15 of the CPUs);
 * the other writable bits are the sources that exist, the rest read 0
 * and stay masked. */
#define INTCTLM_MASTER_DISABLE 0x80000000u
#define INTCTLM_VALID 0xf05dff80u
/* Per-CPU pending register: soft interrupt n at bit 16 + n, the hard
 * level-15 and counter/timer inputs at bits 15 and 14. */
#define INTCTL_SOFT_MASK 0xfffe0000u
#define INTCTL_HARD15 (1u << 15)
#define INTCTL_TIMER (1u << 14)

/* The SPARC level of each system source (0: the source does not exist). */
static const uint8_t slavio_source_level[32] = {
    2, 3, 5, 7, 9, 11, 13, 2,   3, 5, 7, 9, 11, 13, 12, 12,
    6, 13, 4, 10, 8, 9, 11, 0,  0, 0, 0, 15, 15, 15, 15, 0,
};

typedef struct SlavioIntctl SlavioIntctl;

typedef struct SlavioCpuIntctl {
    MemoryRegion mmio;
    SlavioIntctl *ctl;
    uint32_t pending;          /* the CPU's pending register */
    uint16_t levels_out;       /* levels currently driven to the CPU */
    Irq *level_irq[SLAVIO_NLEVELS];
} SlavioCpuIntctl;

struct SlavioIntctl {
    Device parent;
    MemoryRegion mmio;
    uint32_t sys_pending;      /* asserted system sources */
    uint32_t sys_mask;         /* masked sources, plus MASTER_DISABLE */
    uint32_t target;           /* CPU receiving system interrupts */
    SlavioCpuIntctl cpu[SLAVIO_MAX_CPUS];
};

/* Levels of the unmasked system sources in `sources`. */
static uint32_t slavio_sources_to_levels(uint32_t sources)
{
    uint32_t levels = 0;

    for (int i = 0; i < 32; i++) {
        if ((sources & (1u << i)) && slavio_source_level[i]) {
            levels |= 1u << slavio_source_level[i];
        }
    }
    return levels;
}

static void slavio_intctl_update(SlavioIntctl *s)
{
    bool disabled = s->sys_mask & INTCTLM_MASTER_DISABLE;
    uint32_t routed = disabled ? 0 : slavio_sources_to_levels(s->sys_pending & ~s->sys_mask);

    for (int n = 0; n < SLAVIO_MAX_CPUS; n++) {
        SlavioCpuIntctl *c = &s->cpu[n];
        uint32_t levels = (c->pending & INTCTL_SOFT_MASK) >> 16;

        /* The pending register shows the hard levels routed to this CPU. */
        c->pending &= INTCTL_SOFT_MASK | INTCTL_HARD15 | INTCTL_TIMER;
        if ((uint32_t)n == s->target) {
            c->pending |= slavio_sources_to_levels(s->sys_pending) & 0x3ffe;
            levels |= routed;
        }
        if (!disabled) {
            levels |= c->pending & (INTCTL_HARD15 | INTCTL_TIMER);
        }
        for (int l = 1; l < SLAVIO_NLEVELS; l++) {
            bool now = levels & (1u << l), was = c->levels_out & (1u << l);
            if (now != was) {
                irq_set(c->level_irq[l], now);
            }
        }
        c->levels_out = levels & 0xfffe;
    }
}

static void slavio_intctl_set_source(void *opaque, int n, int level)
{
    SlavioIntctl *s = opaque;

    if (n >= 32) {
        SlavioCpuIntctl *c = &s->cpu[n - 32];
        c->pending = level ? c->pending | INTCTL_TIMER : c->pending & ~INTCTL_TIMER;
    } else if (slavio_source_level[n]) {
        uint32_t bit = 1u << n;
        s->sys_pending = level ? s->sys_pending | bit : s->sys_pending & ~bit;
        /* Level 15 sources interrupt every CPU (broadcast). */
        if (slavio_source_level[n] == 15) {
            bool any = false;
            for (int i = 0; i < 32; i++) {
                any |= slavio_source_level[i] == 15 && (s->sys_pending & (1u << i));
            }
            for (int i = 0; i < SLAVIO_MAX_CPUS; i++) {
                s->cpu[i].pending = any ? s->cpu[i].pending | INTCTL_HARD15
                                        : s->cpu[i].pending & ~INTCTL_HARD15;
            }
        }
    }
    slavio_intctl_update(s);
}

static uint64_t slavio_intctl_cpu_read(void *opaque, hwaddr addr, unsigned size)
{
    SlavioCpuIntctl *c = opaque;

    if (addr == INTCTL_PENDING) {
        return c->pending;
    }
    return 0;
}

static void slavio_intctl_cpu_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    SlavioCpuIntctl *c = opaque;

    switch (addr) {
    case INTCTL_CLEAR:
        c->pending &= ~(val & (INTCTL_SOFT_MASK | INTCTL_HARD15));
        break;
    case INTCTL_SET:
        c->pending |= val & INTCTL_SOFT_MASK;
        break;
    default:
        log_guest_error("slavio_intctl: write to read-only per-CPU register 0x%x\n",
                        (unsigned)addr);
        return;
    }
    slavio_intctl_update(c->ctl);
}

static uint64_t slavio_intctl_sys_read(void *opaque, hwaddr addr, unsigned size)
{
    SlavioIntctl *s = opaque;

    switch (addr) {
    case INTCTLM_PENDING:
        return s->sys_pending & ~INTCTLM_MASTER_DISABLE;
    case INTCTLM_MASK:
        return s->sys_mask & (INTCTLM_VALID | INTCTLM_MASTER_DISABLE);
    case INTCTLM_TARGET:
        return s->target;
    default:
        return 0;
    }
}

static void slavio_intctl_sys_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    SlavioIntctl *s = opaque;
    uint32_t bits = val & (INTCTLM_VALID | INTCTLM_MASTER_DISABLE);

    switch (addr) {
    case INTCTLM_CLEAR_MASK:
        s->sys_mask &= ~bits;
        break;
    case INTCTLM_SET_MASK:
        s->sys_mask |= bits;
        break;
    case INTCTLM_TARGET:
        s->target = val & (SLAVIO_MAX_CPUS - 1);
        break;
    default:
        log_guest_error("slavio_intctl: write to read-only system register 0x%x\n",
                        (unsigned)addr);
        return;
    }
    slavio_intctl_update(s);
}

static const MemoryRegionOps slavio_intctl_cpu_ops = {
    .read = slavio_intctl_cpu_read,
    .write = slavio_intctl_cpu_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps slavio_intctl_sys_ops = {
    .read = slavio_intctl_sys_read,
    .write = slavio_intctl_sys_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static void slavio_intctl_init(Device *dev)
{
    SlavioIntctl *s = (SlavioIntctl *)dev;

    /* mmio 0: system registers; 1 + n: CPU n */
    memory_region_init_io(&s->mmio, &slavio_intctl_sys_ops, s, "slavio-intctl-sys",
                          INTCTLM_SIZE);
    device_add_mmio(dev, &s->mmio);
    for (int n = 0; n < SLAVIO_MAX_CPUS; n++) {
        char *name = g_strdup_printf("slavio-intctl-cpu%d", n);
        s->cpu[n].ctl = s;
        memory_region_init_io(&s->cpu[n].mmio, &slavio_intctl_cpu_ops, &s->cpu[n], name,
                              INTCTL_CPU_SIZE);
        g_free(name);
        device_add_mmio(dev, &s->cpu[n].mmio);
        /* irq output n * 16 + level */
        for (int l = 0; l < SLAVIO_NLEVELS; l++) {
            device_add_irq_out(dev, &s->cpu[n].level_irq[l]);
        }
    }
    Irq **in = irq_new_array(slavio_intctl_set_source, s, 32 + SLAVIO_MAX_CPUS);
    for (int i = 0; i < 32 + SLAVIO_MAX_CPUS; i++) {
        device_add_irq_in(dev, in[i]);
    }
    g_free(in);
}

static void slavio_intctl_reset(Device *dev)
{
    SlavioIntctl *s = (SlavioIntctl *)dev;

    for (int n = 0; n < SLAVIO_MAX_CPUS; n++) {
        s->cpu[n].pending = 0;
    }
    /* The sources that exist come up enabled (as QEMU's model, which the
     * firmware and kernels were tested against); the others stay masked. */
    s->sys_mask = ~(INTCTLM_VALID | INTCTLM_MASTER_DISABLE);
    s->sys_pending = 0;
    s->target = 0;
    slavio_intctl_update(s);
}

static const DeviceType slavio_intctl_type = {
    .name = "slavio_intctl",
    .desc = "sun4m Slave I/O interrupt controller",
    .instance_size = sizeof(SlavioIntctl),
    .init = slavio_intctl_init,
    .reset = slavio_intctl_reset,
};

static void __attribute__((constructor)) slavio_intctl_register(void)
{
    device_type_register(&slavio_intctl_type);
}

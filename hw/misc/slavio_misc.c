/*
 * The miscellaneous registers of the sun4m Slave I/O chip (STP2001 /
 * NCR89C105: "System Control", "Auxiliary I/O"): configuration, diagnostic,
 * modem control, the SS-600MP diagnostic LEDs, system control (software
 * reset), AUX1 (LED, floppy terminal count) and AUX2 (software power-off,
 * power-fail interrupt).
 *
 * Regions (board maps each): 0 configuration, 1 diagnostic, 2 modem,
 * 3 LEDs (16-bit), 4 system control (32-bit), 5 AUX1, 6 AUX2.
 * Outputs: 0 the power-fail interrupt, 1 the floppy terminal count pulse.
 * Input 0: the power button (raises power-fail when enabled).
 */
#include "hw/core/qdev.h"
#include "softmmu/runstate.h"
#include "util/log.h"

enum {
    MISC_CONFIG,
    MISC_DIAG,
    MISC_MODEM,
    MISC_LEDS,
    MISC_SYSCTRL,
    MISC_AUX1,
    MISC_AUX2,
    MISC_NREGS,
};

#define CFG_PWRINTEN 0x08       /* power-fail interrupt enable */
#define AUX1_TC 0x02            /* floppy terminal count: write-only pulse */
#define AUX2_PWROFF 0x01
#define AUX2_PWRINTCLR 0x02
#define AUX2_PWRFAIL 0x20
#define SYSCTRL_RESET 0x01
#define SYSCTRL_RESET_STATUS 0x02 /* the last reset was a software reset */

typedef struct SlavioMisc SlavioMisc;

typedef struct SlavioMiscReg {
    MemoryRegion mmio;
    SlavioMisc *s;
    int which;                 /* MISC_* */
} SlavioMiscReg;

struct SlavioMisc {
    Device parent;
    SlavioMiscReg reg[MISC_NREGS];
    uint32_t value[MISC_NREGS];
    Irq *power_irq;            /* output 0 */
    Irq *fdc_tc;               /* output 1 */
};

static void slavio_misc_update_irq(SlavioMisc *s)
{
    irq_set(s->power_irq,
            (s->value[MISC_AUX2] & AUX2_PWRFAIL) && (s->value[MISC_CONFIG] & CFG_PWRINTEN));
}

static uint64_t slavio_misc_read(void *opaque, hwaddr addr, unsigned size)
{
    SlavioMiscReg *r = opaque;
    return r->s->value[r->which];
}

static void slavio_misc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    SlavioMiscReg *r = opaque;
    SlavioMisc *s = r->s;

    switch (r->which) {
    case MISC_AUX1:
        if (val & AUX1_TC) {
            irq_pulse(s->fdc_tc);
        }
        s->value[MISC_AUX1] = val & ~AUX1_TC;
        break;
    case MISC_AUX2:
        /* Only power-off and the power-fail acknowledge are writable. */
        if (val & AUX2_PWRINTCLR) {
            s->value[MISC_AUX2] &= ~AUX2_PWRFAIL;
        }
        s->value[MISC_AUX2] = (s->value[MISC_AUX2] & AUX2_PWRFAIL) | (val & AUX2_PWROFF);
        if (val & AUX2_PWROFF) {
            system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        }
        break;
    case MISC_SYSCTRL:
        if (val & SYSCTRL_RESET) {
            s->value[MISC_SYSCTRL] = SYSCTRL_RESET_STATUS;
            system_reset_request();
        }
        break;
    default:
        s->value[r->which] = val;
        break;
    }
    slavio_misc_update_irq(s);
}

#define SLAVIO_MISC_OPS(name, sz)                                 \
    static const MemoryRegionOps name = {                         \
        .read = slavio_misc_read,                                 \
        .write = slavio_misc_write,                               \
        .endianness = MEM_BIG_ENDIAN,                             \
        .valid = { .min_access_size = sz, .max_access_size = sz }, \
    }
SLAVIO_MISC_OPS(slavio_misc_ops8, 1);
SLAVIO_MISC_OPS(slavio_misc_ops16, 2);
SLAVIO_MISC_OPS(slavio_misc_ops32, 4);

static const struct {
    const char *name;
    const MemoryRegionOps *ops;
    unsigned size;
} slavio_misc_regs[MISC_NREGS] = {
    [MISC_CONFIG] = { "slavio-misc.config", &slavio_misc_ops8, 1 },
    [MISC_DIAG] = { "slavio-misc.diag", &slavio_misc_ops8, 1 },
    [MISC_MODEM] = { "slavio-misc.modem", &slavio_misc_ops8, 1 },
    [MISC_LEDS] = { "slavio-misc.leds", &slavio_misc_ops16, 2 },
    [MISC_SYSCTRL] = { "slavio-misc.sysctrl", &slavio_misc_ops32, 4 },
    [MISC_AUX1] = { "slavio-misc.aux1", &slavio_misc_ops8, 1 },
    [MISC_AUX2] = { "slavio-misc.aux2", &slavio_misc_ops8, 1 },
};

static void slavio_misc_power_button(void *opaque, int n, int level)
{
    SlavioMisc *s = opaque;

    if (level && (s->value[MISC_CONFIG] & CFG_PWRINTEN)) {
        s->value[MISC_AUX2] |= AUX2_PWRFAIL;
    } else if (!level) {
        s->value[MISC_AUX2] &= ~AUX2_PWRFAIL;
    }
    slavio_misc_update_irq(s);
}

static void slavio_misc_init(Device *dev)
{
    SlavioMisc *s = (SlavioMisc *)dev;

    for (int i = 0; i < MISC_NREGS; i++) {
        s->reg[i].s = s;
        s->reg[i].which = i;
        memory_region_init_io(&s->reg[i].mmio, slavio_misc_regs[i].ops, &s->reg[i],
                              slavio_misc_regs[i].name, slavio_misc_regs[i].size);
        device_add_mmio(dev, &s->reg[i].mmio);
    }
    device_add_irq_out(dev, &s->power_irq);
    device_add_irq_out(dev, &s->fdc_tc);
    device_add_irq_in(dev, irq_new(slavio_misc_power_button, s, 0));
}

static void slavio_misc_reset(Device *dev)
{
    SlavioMisc *s = (SlavioMisc *)dev;

    /* The diagnostic and system control registers keep their values. */
    s->value[MISC_CONFIG] = s->value[MISC_AUX1] = s->value[MISC_AUX2] = 0;
    s->value[MISC_MODEM] = 0;
    slavio_misc_update_irq(s);
}

static const DeviceType slavio_misc_type = {
    .name = "slavio_misc",
    .desc = "sun4m Slave I/O configuration, system control and AUX registers",
    .instance_size = sizeof(SlavioMisc),
    .init = slavio_misc_init,
    .reset = slavio_misc_reset,
};

static void __attribute__((constructor)) slavio_misc_register(void)
{
    device_type_register(&slavio_misc_type);
}

/*
 * The sun4m ECC memory controllers of the MBus machines (Sun-4M System
 * Architecture, "Memory Controller"): MCC (version 0, SS-600MP), EMC
 * (implementation 1, SS-10) and SMC (implementation 2, SS-20). Guest memory
 * never has ECC errors, so the fault registers only hold what software
 * writes; the enable register reports the implementation and version.
 *
 * Region 0: the control registers; region 1 (MCC only): the diagnostic
 * bytes. Output 0: the ECC error interrupt, lowered when the fault status
 * is written.
 */
#include "hw/core/qdev.h"
#include "util/log.h"

enum {
    ECC_MER = 0x00,    /* memory enable */
    ECC_MDR = 0x04,    /* memory delay */
    ECC_MFSR = 0x08,   /* memory fault status */
    ECC_VCR = 0x0c,    /* video configuration */
    ECC_MFAR0 = 0x10,  /* memory fault address 0 */
    ECC_MFAR1 = 0x14,  /* memory fault address 1 */
    ECC_DR = 0x18,     /* diagnostic */
    ECC_ECR0 = 0x1c,   /* event count 0 */
    ECC_ECR1 = 0x20,   /* event count 1 */
    ECC_REGS_SIZE = 0x24,
};

#define ECC_VERSION_MCC 0x00000000u
#define ECC_MER_VERSION 0xff000000u    /* implementation and version */
#define ECC_MER_MASK_MCC 0x00000103u
#define ECC_MER_MASK 0x00000bffu
#define ECC_MER_REU 0x00000100u        /* MCC: refresh enable */
#define ECC_MER_RESET_KEEP 0xff000bfcu /* version, SIMM ranges, DCI */
#define ECC_MDR_MASK 0x7fffffffu
#define ECC_DIAG_SIZE 4

typedef struct EccMemctl {
    Device parent;
    uint32_t version;          /* property: MER bits 31:24 */
    MemoryRegion mmio, diag_mmio;
    Irq *irq;
    uint32_t regs[ECC_REGS_SIZE / 4];
    uint8_t diag[ECC_DIAG_SIZE];
} EccMemctl;

static uint64_t ecc_read(void *opaque, hwaddr addr, unsigned size)
{
    EccMemctl *s = opaque;
    return s->regs[addr >> 2];
}

static void ecc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    EccMemctl *s = opaque;

    switch (addr) {
    case ECC_MER:
        s->regs[0] = s->version == ECC_VERSION_MCC ? val & ECC_MER_MASK_MCC
                                                   : s->version | (val & ECC_MER_MASK);
        break;
    case ECC_MDR:
        s->regs[addr >> 2] = val & ECC_MDR_MASK;
        break;
    case ECC_MFSR:
        s->regs[addr >> 2] = val;
        irq_lower(s->irq);
        break;
    case ECC_MFAR0:
    case ECC_MFAR1:
        log_guest_error("eccmemctl: fault address register 0x%x is read-only\n", (unsigned)addr);
        break;
    default:
        s->regs[addr >> 2] = val;
        break;
    }
}

static uint64_t ecc_diag_read(void *opaque, hwaddr addr, unsigned size)
{
    EccMemctl *s = opaque;
    return s->diag[addr];
}

static void ecc_diag_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    EccMemctl *s = opaque;
    s->diag[addr] = val;
}

static const MemoryRegionOps ecc_ops = {
    .read = ecc_read,
    .write = ecc_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps ecc_diag_ops = {
    .read = ecc_diag_read,
    .write = ecc_diag_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static bool ecc_realize(Device *dev, GError **err)
{
    EccMemctl *s = (EccMemctl *)dev;

    memory_region_init_io(&s->mmio, &ecc_ops, s, "eccmemctl", ECC_REGS_SIZE);
    device_add_mmio(dev, &s->mmio);
    if (s->version == ECC_VERSION_MCC) {
        memory_region_init_io(&s->diag_mmio, &ecc_diag_ops, s, "eccmemctl.diag",
                              ECC_DIAG_SIZE);
        device_add_mmio(dev, &s->diag_mmio);
    }
    device_add_irq_out(dev, &s->irq);
    s->regs[0] = s->version;
    return true;
}

static void ecc_reset(Device *dev)
{
    EccMemctl *s = (EccMemctl *)dev;

    if (s->version == ECC_VERSION_MCC) {
        s->regs[0] &= ECC_MER_REU;
    } else {
        s->regs[0] = (s->regs[0] & ECC_MER_RESET_KEEP) | s->version;
    }
    s->regs[ECC_MDR >> 2] = 0x20;
    s->regs[ECC_MFSR >> 2] = 0;
    s->regs[ECC_VCR >> 2] = 0;
    s->regs[ECC_MFAR0 >> 2] = 0x07c00000;  /* as QEMU's model resets it */
    s->regs[ECC_MFAR1 >> 2] = 0;
    s->regs[ECC_DR >> 2] = 0;
    s->regs[ECC_ECR0 >> 2] = 0;
    s->regs[ECC_ECR1 >> 2] = 0;
}

static const Property ecc_props[] = {
    PROP_U32_("version", EccMemctl, version, 0x10000000, 0, 0, "MER implementation/version bits"),
    PROP_END,
};

static const DeviceType ecc_type = {
    .name = "eccmemctl",
    .desc = "sun4m MBus ECC memory controller (MCC/EMC/SMC)",
    .instance_size = sizeof(EccMemctl),
    .props = ecc_props,
    .realize = ecc_realize,
    .reset = ecc_reset,
};

static void __attribute__((constructor)) ecc_register(void)
{
    device_type_register(&ecc_type);
}

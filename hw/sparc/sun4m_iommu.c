/*
 * The sun4m I/O MMU (Sun-4M System Architecture, chapter "I/O MMU"; QEMU's
 * hw/sparc/sun4m_iommu.c for what OpenBIOS and Linux expect of it).
 *
 * The control register selects a DVMA window at the top of the 32-bit SBus
 * space (16 MB to 2 GB); each 4 KB page of the window has a 32-bit IOPTE in
 * a table whose physical base is the base register << 4. An IOPTE holds
 * physical address bits 35..12 in bits 31..8, W (writable) and V (valid).
 * The board maps the registers; the DMA engines (hw/sparc/sparc32_dma.c)
 * call sun4m_iommu_dma_rw, and the translated view is also an AddressSpace
 * (sun4m_sbus_create returns it) whose root is an MMIO region doing the
 * same translation per access.
 */
#include <string.h>

#include "hw/sparc/sun4m_iommu.h"
#include "util/log.h"

/* Register offsets (/4) and fields. */
enum {
    IOMMU_CTRL = 0x0000 / 4,
    IOMMU_BASE = 0x0004 / 4,
    IOMMU_TLBFLUSH = 0x0014 / 4,
    IOMMU_PGFLUSH = 0x0018 / 4,
    IOMMU_AFSR = 0x1000 / 4,
    IOMMU_AFAR = 0x1004 / 4,
    IOMMU_AER = 0x1008 / 4,
    IOMMU_SBCFG0 = 0x1010 / 4,
    IOMMU_SBCFG3 = 0x101c / 4,
    IOMMU_ARBEN = 0x2000 / 4,
    IOMMU_MASK_ID = 0x3018 / 4,
};

#define IOMMU_CTRL_IMPL_VERS 0xff000000u
#define IOMMU_CTRL_RNGE 0x0000001cu     /* window = 16 MB << RNGE */
#define IOMMU_CTRL_RNGE_SHIFT 2
#define IOMMU_CTRL_ENAB 0x00000001u
#define IOMMU_CTRL_MASK 0x0000001du
#define IOMMU_BASE_MASK 0x07fffc00u
#define IOMMU_AFSR_ERR 0x80000000u      /* LE, TO or BE */
#define IOMMU_AFSR_LE 0x40000000u       /* late error: translation failed */
#define IOMMU_AFSR_RESV 0x00800000u     /* reads as 1 */
#define IOMMU_AFSR_RD 0x00040000u       /* the failed access was a read */
#define IOMMU_AFSR_FAV 0x00020000u      /* AFAR is valid */
#define IOMMU_AFSR_MASK 0xff0fffffu
#define IOMMU_AER_EN_P0_ARB 0x00000001u
#define IOMMU_AER_EN_P1_ARB 0x00000002u
#define IOMMU_AER_MASK 0x801f000fu
#define IOMMU_SBCFG_MASK 0x00010003u
#define IOMMU_ARBEN_MASK 0x001f0000u
#define IOMMU_MID 0x00000008u
#define IOMMU_MASK_ID_MASK 0x00ffffffu
#define IOMMU_TS_MASK 0x23000000u       /* mask number as QEMU reports it */

#define IOPTE_PAGE 0xffffff00u
#define IOPTE_WRITE 0x00000004u
#define IOPTE_VALID 0x00000002u

#define IOMMU_PAGE_SHIFT 12
#define IOMMU_PAGE_SIZE (1u << IOMMU_PAGE_SHIFT)

/* The lowest DVMA address the window covers. */
static uint32_t iommu_window_base(Sun4mIOMMU *s)
{
    unsigned rnge = (s->regs[IOMMU_CTRL] & IOMMU_CTRL_RNGE) >> IOMMU_CTRL_RNGE_SHIFT;
    return (uint32_t)(0x100000000ull - (0x1000000ull << rnge));
}

static void iommu_fault(Sun4mIOMMU *s, uint32_t dvma, bool is_write)
{
    log_guest_error("sun4m-iommu: DVMA %s of unmapped page 0x%08x\n", is_write ? "write" : "read",
                    dvma);
    s->regs[IOMMU_AFSR] = IOMMU_AFSR_ERR | IOMMU_AFSR_LE | IOMMU_AFSR_RESV | IOMMU_AFSR_FAV |
                          (is_write ? 0 : IOMMU_AFSR_RD);
    s->regs[IOMMU_AFAR] = dvma & ~(IOMMU_PAGE_SIZE - 1);
    irq_raise(s->irq);
}

/* Physical address of dvma, or false (with the fault latched). */
static bool iommu_translate(Sun4mIOMMU *s, uint32_t dvma, bool is_write, hwaddr *pa)
{
    uint32_t base = iommu_window_base(s), pte;
    hwaddr pte_addr;
    MemTxResult res;

    if (dvma < base) {
        iommu_fault(s, dvma, is_write);
        return false;
    }
    pte_addr = ((hwaddr)s->regs[IOMMU_BASE] << 4) + (((dvma - base) >> IOMMU_PAGE_SHIFT) << 2);
    pte = address_space_ldl_be(&address_space_memory, pte_addr, &res);
    if (res != MEMTX_OK || !(pte & IOPTE_VALID) || (is_write && !(pte & IOPTE_WRITE))) {
        iommu_fault(s, dvma, is_write);
        return false;
    }
    *pa = ((hwaddr)(pte & IOPTE_PAGE) << 4) | (dvma & (IOMMU_PAGE_SIZE - 1));
    return true;
}

bool sun4m_iommu_dma_rw(Sun4mIOMMU *s, uint32_t dvma, void *buf, size_t len, bool is_write)
{
    uint8_t *p = buf;
    bool ok = true;

    while (len) {
        size_t n = MIN(len, IOMMU_PAGE_SIZE - (dvma & (IOMMU_PAGE_SIZE - 1)));
        hwaddr pa;

        if (iommu_translate(s, dvma, is_write, &pa)) {
            ok &= address_space_rw(&address_space_memory, pa, p, n, is_write) == MEMTX_OK;
        } else {
            if (!is_write) {
                memset(p, 0, n);
            }
            ok = false;
        }
        dvma += n;
        p += n;
        len -= n;
    }
    return ok;
}

/* The DVMA address space: each access is translated on its own. */
static MemTxResult iommu_dvma_read(void *opaque, hwaddr addr, uint64_t *value, unsigned size)
{
    uint8_t bytes[8];
    bool ok = sun4m_iommu_dma_rw(opaque, addr, bytes, size, false);
    *value = 0;
    for (unsigned i = 0; i < size; i++) {
        *value = (*value << 8) | bytes[i];
    }
    return ok ? MEMTX_OK : MEMTX_ERROR;
}

static MemTxResult iommu_dvma_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    uint8_t bytes[8];
    for (unsigned i = size; i-- > 0; value >>= 8) {
        bytes[i] = value;
    }
    return sun4m_iommu_dma_rw(opaque, addr, bytes, size, true) ? MEMTX_OK : MEMTX_ERROR;
}

static const MemoryRegionOps iommu_dvma_ops = {
    .read_tx = iommu_dvma_read,
    .write_tx = iommu_dvma_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static uint64_t iommu_reg_read(void *opaque, hwaddr addr, unsigned size)
{
    Sun4mIOMMU *s = opaque;
    unsigned r = addr >> 2;

    if (r == IOMMU_AFSR || r == IOMMU_AFAR) {
        /* Reading the fault registers acknowledges the interrupt. */
        irq_lower(s->irq);
    }
    return s->regs[r];
}

static void iommu_reg_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Sun4mIOMMU *s = opaque;
    unsigned r = addr >> 2;

    switch (r) {
    case IOMMU_CTRL:
        s->regs[r] = (val & IOMMU_CTRL_MASK) | s->version;
        break;
    case IOMMU_BASE:
        s->regs[r] = val & IOMMU_BASE_MASK;
        break;
    case IOMMU_AFSR:
        s->regs[r] = (val & IOMMU_AFSR_MASK) | IOMMU_AFSR_RESV;
        irq_lower(s->irq);
        break;
    case IOMMU_AFAR:
        s->regs[r] = val;
        irq_lower(s->irq);
        break;
    case IOMMU_AER:
        s->regs[r] = (val & IOMMU_AER_MASK) | IOMMU_AER_EN_P0_ARB;
        break;
    case IOMMU_SBCFG0 ... IOMMU_SBCFG3:
        if (val & 1) {
            log_unimp("sun4m-iommu: SBus slot %u bypass mode\n", r - IOMMU_SBCFG0);
        }
        s->regs[r] = val & IOMMU_SBCFG_MASK;
        break;
    case IOMMU_ARBEN:
        s->regs[r] = (val & IOMMU_ARBEN_MASK) | IOMMU_MID;
        break;
    case IOMMU_MASK_ID:
        s->regs[r] |= val & IOMMU_MASK_ID_MASK;
        break;
    default:
        /* TLB and page flushes have nothing to flush: every access walks
         * the table. Other registers keep what is written. */
        s->regs[r] = val;
        break;
    }
}

static const MemoryRegionOps iommu_reg_ops = {
    .read = iommu_reg_read,
    .write = iommu_reg_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static bool sun4m_iommu_realize(Device *dev, GError **err)
{
    Sun4mIOMMU *s = (Sun4mIOMMU *)dev;

    s->version &= IOMMU_CTRL_IMPL_VERS;
    memory_region_init_io(&s->mmio, &iommu_reg_ops, s, "iommu", sizeof(s->regs));
    memory_region_init_io(&s->dvma, &iommu_dvma_ops, s, "iommu-dvma", 0x100000000ull);
    address_space_init(&s->dvma_as, &s->dvma, "sbus-dvma");
    memory_register_address_space(&s->dvma_as);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_out(dev, &s->irq);
    return true;
}

static void sun4m_iommu_reset(Device *dev)
{
    Sun4mIOMMU *s = (Sun4mIOMMU *)dev;

    memset(s->regs, 0, sizeof(s->regs));
    s->regs[IOMMU_CTRL] = s->version;
    s->regs[IOMMU_ARBEN] = IOMMU_MID;
    s->regs[IOMMU_AFSR] = IOMMU_AFSR_RESV;
    s->regs[IOMMU_AER] = IOMMU_AER_EN_P0_ARB | IOMMU_AER_EN_P1_ARB;
    s->regs[IOMMU_MASK_ID] = IOMMU_TS_MASK;
    irq_lower(s->irq);
}

static const Property sun4m_iommu_props[] = {
    PROP_U32_("version", Sun4mIOMMU, version, 0, 0, 0, "IMPL/VERS bits of the control register"),
    PROP_END,
};

static const DeviceType sun4m_iommu_type = {
    .name = "sun4m-iommu",
    .desc = "sun4m SBus I/O MMU",
    .instance_size = sizeof(Sun4mIOMMU),
    .props = sun4m_iommu_props,
    .realize = sun4m_iommu_realize,
    .reset = sun4m_iommu_reset,
};

static void __attribute__((constructor)) sun4m_iommu_register(void)
{
    device_type_register(&sun4m_iommu_type);
}

/*
 * The DMA2 engines of the sun4m Master I/O chip (NCR89C100 / STP2000; the
 * "DMA2" and NCR89C100 notes Linux's asm/dma.h and QEMU's
 * hw/dma/sparc32_dma.c are written from).
 *
 * Four 32-bit registers: CSR, address, byte count and, on the Ethernet
 * channel, the high DVMA byte the Lance cannot produce. The CSR's top
 * nibble is the revision (DMA2, 0xa), bit 0 mirrors the device's interrupt
 * request and bit 1 a DVMA error; with INT_EN either reaches the interrupt
 * controller. Setting RESET resets the device behind the engine. Transfers
 * go through the IOMMU (hw/sparc/sun4m_iommu.c); the device decides their
 * direction, as QEMU's ESP model does.
 */
#include <string.h>

#include "hw/sparc/sparc32_dma.h"
#include "util/log.h"

enum {
    DMA_CSR = 0x0 / 4,
    DMA_ADDR = 0x4 / 4,
    DMA_COUNT = 0x8 / 4,
    DMA_TEST = 0xc / 4,
};

#define DMA_INT_PEND 0x00000001u
#define DMA_ERR_PEND 0x00000002u
#define DMA_DRAINING 0x0000000cu
#define DMA_INT_EN 0x00000010u
#define DMA_FIFO_INV 0x00000020u
#define DMA_DRAIN 0x00000040u
#define DMA_RESET 0x00000080u
#define DMA_WRITE 0x00000100u          /* direction: ignored, the device decides */
#define DMA_EN_DMA 0x00000200u         /* ignored: transfers run when the device asks */
#define DMA_EN_CNT 0x00002000u
#define DMA_TC 0x00004000u
#define DMA_DEV_ID 0xfe000000u         /* revision (31..28) and read-only status */
#define DMA_VERS2 0xa0000000u           /* "DMA2", as Linux's dvmarev2 */
/* Status and identity bits the guest cannot write; FIFO_INV and DRAIN act
 * and read back as 0. */
#define DMA_CSR_RO (DMA_INT_PEND | DMA_ERR_PEND | DMA_DRAINING | DMA_TC | DMA_DEV_ID)
#define DMA_CSR_ACTION (DMA_FIFO_INV | DMA_DRAIN)

#define DMA_REG_SIZE 0x10
#define LEDMA_REG_SIZE 0x20             /* the PROM's "reg" for ledma */

static void dma_update_irq(Sparc32DMA *s)
{
    s->csr = (s->csr & ~DMA_INT_PEND) | (s->dev_irq_level ? DMA_INT_PEND : 0);
    irq_set(s->irq, (s->csr & (DMA_INT_PEND | DMA_ERR_PEND)) && (s->csr & DMA_INT_EN));
}

static void dma_dev_irq(void *opaque, int n, int level)
{
    Sparc32DMA *s = opaque;
    s->dev_irq_level = level;
    dma_update_irq(s);
}

/* One transfer's bookkeeping: the byte counter and a DVMA error. */
static void dma_account(Sparc32DMA *s, size_t len, bool ok)
{
    if (s->csr & DMA_EN_CNT) {
        s->count = len < s->count ? s->count - len : 0;
        if (!s->count) {
            s->csr |= DMA_TC;
        }
    }
    if (!ok) {
        s->csr |= DMA_ERR_PEND;
        dma_update_irq(s);
    }
}

bool sparc32_espdma_transfer(void *opaque, uint8_t *buf, size_t len, bool to_memory)
{
    Sparc32DMA *s = opaque;
    bool ok = sun4m_iommu_dma_rw(s->iommu, s->addr, buf, len, to_memory);
    s->addr += len;
    dma_account(s, len, ok);
    return ok;
}

bool sparc32_ledma_rw(void *opaque, uint32_t addr, void *buf, size_t len, bool is_write)
{
    Sparc32DMA *s = opaque;
    uint32_t dvma = (s->test & 0xff000000u) | (addr & 0x00ffffffu);
    bool ok = sun4m_iommu_dma_rw(s->iommu, dvma, buf, len, is_write);
    s->addr = dvma + len;
    dma_account(s, len, ok);
    return ok;
}

static uint64_t dma_read(void *opaque, hwaddr addr, unsigned size)
{
    Sparc32DMA *s = opaque;

    switch (addr >> 2) {
    case DMA_CSR:
        return s->csr;
    case DMA_ADDR:
        return s->addr;
    case DMA_COUNT:
        return s->count;
    case DMA_TEST:
        return s->test;
    default:
        /* ledma's upper half aliases the ESP channel on hardware; no
         * driver relies on it. */
        log_guest_error("sparc32-dma: read of 0x%" G_GINT64_MODIFIER "x\n", addr);
        return 0;
    }
}

static void dma_write_csr(Sparc32DMA *s, uint32_t val)
{
    bool reset_edge = (val & DMA_RESET) && !(s->csr & DMA_RESET);

    if (val & (DMA_FIFO_INV | DMA_RESET)) {
        s->csr &= ~DMA_ERR_PEND;
    }
    s->csr = (s->csr & DMA_CSR_RO) | (val & ~(DMA_CSR_RO | DMA_CSR_ACTION));
    if (reset_edge) {
        irq_pulse(s->reset_out);
    }
    dma_update_irq(s);
}

static void dma_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Sparc32DMA *s = opaque;

    switch (addr >> 2) {
    case DMA_CSR:
        dma_write_csr(s, val);
        break;
    case DMA_ADDR:
        s->addr = val;
        break;
    case DMA_COUNT:
        s->count = val;
        s->csr &= ~DMA_TC;
        break;
    case DMA_TEST:
        s->test = val;
        break;
    default:
        log_guest_error("sparc32-dma: write of 0x%" G_GINT64_MODIFIER "x\n", addr);
        break;
    }
}

static const MemoryRegionOps dma_ops = {
    .read = dma_read,
    .write = dma_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static bool sparc32_dma_realize(Device *dev, GError **err)
{
    Sparc32DMA *s = (Sparc32DMA *)dev;

    memory_region_init_io(&s->mmio, &dma_ops, s, s->is_ledma ? "ledma" : "espdma",
                          s->is_ledma ? LEDMA_REG_SIZE : DMA_REG_SIZE);
    s->dev_irq = irq_new(dma_dev_irq, s, 0);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_in(dev, s->dev_irq);
    device_add_irq_out(dev, &s->irq);
    device_add_irq_out(dev, &s->reset_out);
    return true;
}

static void sparc32_dma_reset(Device *dev)
{
    Sparc32DMA *s = (Sparc32DMA *)dev;

    s->csr = DMA_VERS2;
    /* sunlance never sets the Ethernet channel's INT_EN: the PROM leaves it
     * on, and Lance interrupts must reach the CPU. */
    if (s->is_ledma) {
        s->csr |= DMA_INT_EN;
    }
    s->addr = s->count = s->test = 0;
    dma_update_irq(s);
}

static const Property sparc32_dma_props[] = {
    PROP_BOOL_("ledma", Sparc32DMA, is_ledma, false, "the Lance Ethernet channel"),
    PROP_END,
};

static const DeviceType sparc32_dma_type = {
    .name = "sparc32-dma",
    .desc = "sun4m DMA2 engine (espdma, ledma)",
    .instance_size = sizeof(Sparc32DMA),
    .props = sparc32_dma_props,
    .realize = sparc32_dma_realize,
    .reset = sparc32_dma_reset,
};

static void __attribute__((constructor)) sparc32_dma_register(void)
{
    device_type_register(&sparc32_dma_type);
}

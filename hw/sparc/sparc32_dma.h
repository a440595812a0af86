/*
 * The sun4m DMA2 engines of the Master I/O chip (NCR89C100 / STP2000): one
 * in front of the ESP SCSI controller, one (ledma) in front of the Lance.
 * See hw/sparc/sparc32_dma.c.
 */
#ifndef HW_SPARC_SPARC32_DMA_H
#define HW_SPARC_SPARC32_DMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"
#include "hw/sparc/sun4m_iommu.h"

typedef struct Sparc32DMA {
    Device parent;
    bool is_ledma;              /* property "ledma": the Ethernet channel */
    Sun4mIOMMU *iommu;          /* set by the board before realize */
    MemoryRegion mmio;
    Irq *irq;                   /* output 0: to the interrupt controller */
    Irq *reset_out;             /* output 1: the device's reset input, pulsed by CSR RESET */
    Irq *dev_irq;               /* input 0: the device's interrupt request */
    bool dev_irq_level;
    uint32_t csr;
    uint32_t addr;              /* ESP: next DVMA address */
    uint32_t count;             /* byte count, with EN_CNT */
    uint32_t test;              /* ledma: DVMA bits 31..24 for the Lance's 24-bit addresses */
} Sparc32DMA;

/* ESP channel: len bytes at the address register, which then advances.
 * to_memory: from the device into memory. False on an IOMMU fault. */
bool sparc32_espdma_transfer(void *opaque, uint8_t *buf, size_t len, bool to_memory);
/* Lance channel: a 24-bit Lance address completed by the high byte register. */
bool sparc32_ledma_rw(void *opaque, uint32_t addr, void *buf, size_t len, bool is_write);

#endif

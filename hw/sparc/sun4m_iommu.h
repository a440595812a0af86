/*
 * The sun4m I/O MMU: translates the DVMA addresses SBus masters (the ESP
 * and Lance DMA engines) put on the bus into physical addresses, through a
 * one-level page table in main memory. See hw/sparc/sun4m_iommu.c.
 */
#ifndef HW_SPARC_SUN4M_IOMMU_H
#define HW_SPARC_SUN4M_IOMMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"

#define SUN4M_IOMMU_NREGS (0x4000 / 4)

typedef struct Sun4mIOMMU {
    Device parent;
    uint32_t version;           /* property: the IMPL and VERS fields of the control register */
    MemoryRegion mmio;
    MemoryRegion dvma;          /* 4 GiB of DVMA space, translated on every access */
    AddressSpace dvma_as;
    Irq *irq;                   /* output: asynchronous fault */
    uint32_t regs[SUN4M_IOMMU_NREGS];
} Sun4mIOMMU;

/*
 * DMA for SBus masters: moves len bytes between buf and DVMA address dvma,
 * translating page by page. A page that is not mapped (or not writable, for
 * a write) latches the fault in AFSR/AFAR, raises the IOMMU interrupt, reads
 * as zeros and drops writes; the call then returns false.
 */
bool sun4m_iommu_dma_rw(Sun4mIOMMU *s, uint32_t dvma, void *buf, size_t len, bool is_write);

#endif

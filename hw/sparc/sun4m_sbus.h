/*
 * The sun4m SBus I/O complex as one unit for the board: the IOMMU that
 * translates SBus DVMA addresses, the two DMA engines (ESP and Lance), the
 * ESP SCSI controller with its bus and disks, and the Lance Ethernet.
 * hw/sparc/sun4m.c calls sun4m_sbus_create once with the addresses and irq
 * lines of its model; everything behind it lives in hw/sparc/ and hw/scsi/,
 * hw/net/.
 */
#ifndef HW_SPARC_SUN4M_SBUS_H
#define HW_SPARC_SUN4M_SBUS_H

#include <glib.h>
#include <stdint.h>

#include "hw/core/irq.h"
#include "softmmu/memory.h"

typedef struct Sun4mSBusWiring {
    hwaddr iommu_base;       /* 0x10000000 */
    uint32_t iommu_version;  /* SS-5 0x05000000; SS-10/20 per QEMU's hwdefs */
    hwaddr dma_base;         /* 0x78400000 (ESP DMA; Lance DMA at +0x10) */
    hwaddr esp_base;         /* 0x78800000 */
    hwaddr le_base;          /* 0x78c00000 */
    Irq *iommu_irq, *esp_irq, *le_irq;
    const uint8_t *macaddr;  /* 6 bytes, the NIC's address */
} Sun4mSBusWiring;

/* Creates the IOMMU, both DMA engines, the ESP with its SCSI bus (disks from -drive if=scsi by
 * index = SCSI ID; an empty CD-ROM at ID 2 when no drive takes it, as QEMU's default) and the
 * Lance on the first unclaimed -nic (or none: the Lance still exists with no backend).
 * Returns the DVMA address space (SBus masters' view through the IOMMU), or NULL with *err. */
AddressSpace *sun4m_sbus_create(const Sun4mSBusWiring *w, GError **err);

#endif

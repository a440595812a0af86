/*
 * The sun4m SBus I/O complex, built in one call for the board
 * (hw/sparc/sun4m.c): IOMMU, the ESP and Lance DMA engines, the ESP with
 * its SCSI bus and the Lance, wired as on the SPARCstation 5 (QEMU's
 * sun4m.c): ESP and Lance interrupts pass through their DMA engine, whose
 * RESET bit resets the device, and all DMA goes through the IOMMU.
 * Backends come from the command line: -drive if=scsi,index=N is the disk
 * at SCSI ID N, and the first unclaimed -nic is the Lance's network.
 */
#include <string.h>

#include "block/block.h"
#include "hw/net/lance.h"
#include "hw/scsi/esp.h"
#include "hw/sparc/sparc32_dma.h"
#include "hw/sparc/sun4m_iommu.h"
#include "hw/sparc/sun4m_sbus.h"
#include "net/slirp.h"
#include "util/error.h"

#define ESP_HOST_ID 7
#define SCSI_DEFAULT_CDROM_ID 2         /* QEMU's empty CD-ROM on sun4m */
#define LEDMA_OFFSET 0x10

static Device *sbus_device(const char *type, const char *id, Device *parent)
{
    Device *dev = device_new(type);
    g_assert(dev);
    device_set_id(dev, id);
    device_set_parent(dev, parent);
    return dev;
}

static Sparc32DMA *sbus_dma_create(Sun4mIOMMU *iommu, bool ledma, hwaddr base, Irq *irq)
{
    Device *dev = sbus_device("sparc32-dma", ledma ? "ledma" : "espdma", DEVICE(iommu));
    Sparc32DMA *dma = (Sparc32DMA *)dev;

    device_prop_set_bool(dev, "ledma", ledma, NULL);
    dma->iommu = iommu;
    device_realize_or_die(dev);
    device_map_mmio(dev, 0, base);
    device_connect_irq(dev, 0, irq);
    return dma;
}

/* The DMA engine carries the device's interrupt and resets it. */
static void sbus_wire_behind_dma(Device *dev, Sparc32DMA *dma, hwaddr base)
{
    device_map_mmio(dev, 0, base);
    device_connect_irq(dev, 0, device_irq_in(DEVICE(dma), 0));
    device_connect_irq(DEVICE(dma), 1, device_irq_in(dev, 0));
}

static bool sbus_scsi_target(ESPState *esp, BlockBackend *blk, unsigned id, GError **err)
{
    g_autofree char *name = g_strdup_printf("scsi%u", id);
    Device *dev = sbus_device(blk && !blk->is_cdrom ? "scsi-hd" : "scsi-cd", name, DEVICE(esp));

    device_prop_set_uint(dev, "scsi-id", id, NULL);
    if (blk) {
        device_prop_set_link(dev, "drive", blk, NULL);
    }
    if (!device_realize(dev, err)) {
        return false;
    }
    if (!scsi_bus_attach(&esp->bus, (SCSIDevice *)dev)) {
        g_set_error(err, CHIMERA_ERROR, 0, "-drive if=scsi: two drives for SCSI ID %u", id);
        return false;
    }
    return true;
}

static bool sbus_scsi_create(ESPState *esp, GError **err)
{
    GPtrArray *drives = blk_all();

    for (guint i = 0; i < drives->len; i++) {
        BlockBackend *blk = g_ptr_array_index(drives, i);
        /* One bus: unit= is the target ID as well as index=. */
        int id = blk->unit >= 0 ? blk->unit : blk->index;
        if (blk->interface != IF_SCSI) {
            continue;
        }
        if (id >= ESP_HOST_ID || blk->bus > 0) {
            g_set_error(err, CHIMERA_ERROR, 0,
                        "-drive if=scsi: SCSI ID %d on bus %d: the ESP bus has targets 0 to %d",
                        id, MAX(blk->bus, 0), ESP_HOST_ID - 1);
            return false;
        }
        if (!sbus_scsi_target(esp, blk, id, err)) {
            return false;
        }
    }
    if (!scsi_bus_find(&esp->bus, SCSI_DEFAULT_CDROM_ID)) {
        return sbus_scsi_target(esp, NULL, SCSI_DEFAULT_CDROM_ID, err);
    }
    return true;
}

static bool sbus_lance_create(const Sun4mSBusWiring *w, Sparc32DMA *ledma, GError **err)
{
    Device *dev = sbus_device("lance", "lance", DEVICE(ledma));
    LanceState *lance = (LanceState *)dev;
    NetClient *nc = net_client_next_nic();

    memcpy(lance->macaddr, w->macaddr, sizeof(lance->macaddr));
    if (nc) {
        if (nc->nic_model && strcmp(nc->nic_model, "lance")) {
            g_set_error(err, CHIMERA_ERROR, 0, "-nic model=%s: this machine has a lance",
                        nc->nic_model);
            return false;
        }
        /* The backend starts with its NIC (net.c only parses -nic). */
        if (!nc->send && !strcmp(nc->type, "user") && !net_slirp_init(nc, err)) {
            return false;
        }
        device_prop_set_link(dev, "netdev", nc, NULL);
    }
    lance->dma_rw = sparc32_ledma_rw;
    lance->dma_opaque = ledma;
    if (!device_realize(dev, err)) {
        return false;
    }
    sbus_wire_behind_dma(dev, ledma, w->le_base);
    return true;
}

AddressSpace *sun4m_sbus_create(const Sun4mSBusWiring *w, GError **err)
{
    Device *dev = sbus_device("sun4m-iommu", "iommu", NULL);
    Sun4mIOMMU *iommu = (Sun4mIOMMU *)dev;
    Sparc32DMA *espdma, *ledma;
    ESPState *esp;

    device_prop_set_uint(dev, "version", w->iommu_version, NULL);
    device_realize_or_die(dev);
    device_map_mmio(dev, 0, w->iommu_base);
    device_connect_irq(dev, 0, w->iommu_irq);

    espdma = sbus_dma_create(iommu, false, w->dma_base, w->esp_irq);
    ledma = sbus_dma_create(iommu, true, w->dma_base + LEDMA_OFFSET, w->le_irq);

    esp = (ESPState *)sbus_device("esp", "esp", DEVICE(espdma));
    esp->dma_transfer = sparc32_espdma_transfer;
    esp->dma_opaque = espdma;
    device_realize_or_die(DEVICE(esp));
    sbus_wire_behind_dma(DEVICE(esp), espdma, w->esp_base);
    if (!sbus_scsi_create(esp, err) || !sbus_lance_create(w, ledma, err)) {
        return NULL;
    }
    return &iommu->dvma_as;
}

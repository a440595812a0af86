/*
 * NCR53C9x / FAS100A ("ESP") SCSI host adapter, as on the sun4m Master I/O
 * chip behind its DMA engine. See hw/scsi/esp.c.
 */
#ifndef HW_SCSI_ESP_H
#define HW_SCSI_ESP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"
#include "hw/scsi/scsi-bus.h"

#define ESP_REGS 16
#define ESP_FIFO_SIZE 16
#define ESP_CMDBUF_SIZE 32

/* The DMA engine the ESP masters: moves len bytes at its current address,
 * to_memory from the ESP into memory. False on a bus error. */
typedef bool (*EspDmaTransfer)(void *opaque, uint8_t *buf, size_t len, bool to_memory);

typedef struct ESPState {
    Device parent;
    uint32_t it_shift;          /* property "it-shift": registers are 1 << it_shift apart */
    MemoryRegion mmio;
    Irq *irq;                   /* output 0 */
    Irq *reset_in;              /* input 0: hardware reset (the DMA engine's RESET bit) */
    EspDmaTransfer dma_transfer; /* set by the board before realize */
    void *dma_opaque;
    SCSIBus bus;

    uint8_t rregs[ESP_REGS];    /* what reads return */
    uint8_t wregs[ESP_REGS];    /* what was last written */
    uint8_t fifo[ESP_FIFO_SIZE];
    unsigned fifo_len;
    uint8_t cmdbuf[ESP_CMDBUF_SIZE]; /* selection bytes: message out, then the CDB */
    unsigned cmdlen;
    bool cmd_phase;             /* after select-with-ATN-and-stop: the CDB comes next */
    unsigned target;            /* of the current selection */
    SCSIRequest *req;           /* the command in progress */
    uint8_t *dma_buf;           /* bounce buffer between the bus and the DMA engine */
} ESPState;

#endif

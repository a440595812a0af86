/*
 * AMD Am7990 LANCE Ethernet controller, bus master through a DMA engine
 * (on sun4m the ledma channel). See hw/net/lance.c.
 */
#ifndef HW_NET_LANCE_H
#define HW_NET_LANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"
#include "net/net.h"

/* The Lance's bus: len bytes at a 24-bit Lance address. False on a bus error. */
typedef bool (*LanceDmaRW)(void *opaque, uint32_t addr, void *buf, size_t len, bool is_write);

#define LANCE_FRAME_MAX 1536   /* largest frame gathered for transmit */

typedef struct LanceState {
    Device parent;
    uint8_t macaddr[6];         /* property "mac": reported for the board's IDPROM */
    NetClient *netdev;          /* property "netdev": the backend, or none */
    MemoryRegion mmio;
    Irq *irq;                   /* output 0 */
    Irq *reset_in;              /* input 0: hardware reset (the ledma RESET bit) */
    LanceDmaRW dma_rw;          /* set by the board before realize */
    void *dma_opaque;

    uint16_t rap;               /* register address port: which CSR RDP reaches */
    uint16_t csr[4];
    /* From the initialization block. */
    uint16_t mode;
    uint8_t padr[6];
    uint16_t ladrf[4];
    uint32_t rdra, tdra;        /* descriptor ring addresses */
    unsigned rlen, tlen;        /* ring sizes (powers of two) */
    unsigned rx_next, tx_next;  /* ring positions the chip owns next */
    uint8_t tx_frame[LANCE_FRAME_MAX];
    size_t tx_len;
} LanceState;

/* What the backend calls (also the fake backend of the unit test). */
bool lance_can_receive(void *opaque);
void lance_receive(void *opaque, const uint8_t *frame, size_t len);

#endif

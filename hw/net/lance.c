/*
 * The AMD Am7990 LANCE (Am7990 data sheet, "Local Area Network Controller
 * for Ethernet"), as sun4m machines have it behind the ledma channel and as
 * Linux's sunlance driver uses it.
 *
 * Two 16-bit ports: RDP (data) at 0 and RAP (register address) at 2 select
 * one of CSR0-3. The host writes the address of an initialization block to
 * CSR1/2 and sets INIT; the chip then reads the mode, its MAC address, the
 * multicast filter and two descriptor rings from memory. Descriptors are
 * 16-bit words (address low, OWN/flags + address high, negative buffer
 * length, message length/status); the chip walks the rings while it owns
 * entries. Frames go to and come from a NetClient (net/net.h); memory is
 * reached through the board's DMA callback.
 */
#include <string.h>

#include "hw/net/lance.h"
#include "util/bswap.h"
#include "util/log.h"

#define LANCE_RDP 0
#define LANCE_RAP 2

/* CSR0 (Am7990 "CSR0 - Status and control"). */
#define CSR0_ERR 0x8000
#define CSR0_BABL 0x4000
#define CSR0_CERR 0x2000
#define CSR0_MISS 0x1000
#define CSR0_MERR 0x0800
#define CSR0_RINT 0x0400
#define CSR0_TINT 0x0200
#define CSR0_IDON 0x0100
#define CSR0_INTR 0x0080
#define CSR0_INEA 0x0040
#define CSR0_RXON 0x0020
#define CSR0_TXON 0x0010
#define CSR0_TDMD 0x0008
#define CSR0_STOP 0x0004
#define CSR0_STRT 0x0002
#define CSR0_INIT 0x0001
#define CSR0_W1C (CSR0_BABL | CSR0_CERR | CSR0_MISS | CSR0_MERR | CSR0_RINT | CSR0_TINT | CSR0_IDON)
#define CSR0_ERRORS (CSR0_BABL | CSR0_CERR | CSR0_MISS | CSR0_MERR)

#define CSR3_BSWP 0x0004        /* data bytes in big-endian order */

/* Mode word of the initialization block. */
#define MODE_PROM 0x8000
#define MODE_LOOP 0x0004
#define MODE_DTX 0x0002
#define MODE_DRX 0x0001

/* Descriptor word 1: ownership and flags above the address's high byte. */
#define DESC_OWN 0x8000
#define DESC_ERR 0x4000
#define RMD1_BUFF 0x0400
#define DESC_STP 0x0200
#define DESC_ENP 0x0100
#define DESC_HADR 0x00ff

#define ETH_MIN_FRAME 60        /* without the frame check sequence */
#define ETH_FCS_LEN 4

typedef struct LanceDesc {
    uint16_t w[4];
} LanceDesc;

static void lance_update_irq(LanceState *s)
{
    uint16_t *csr0 = &s->csr[0];
    *csr0 &= ~(CSR0_ERR | CSR0_INTR);
    if (*csr0 & CSR0_ERRORS) {
        *csr0 |= CSR0_ERR;
    }
    if (*csr0 & CSR0_W1C) {
        *csr0 |= CSR0_INTR;
    }
    irq_set(s->irq, (*csr0 & CSR0_INTR) && (*csr0 & CSR0_INEA));
}

static bool lance_dma(LanceState *s, uint32_t addr, void *buf, size_t len, bool is_write)
{
    if (!s->dma_rw || !s->dma_rw(s->dma_opaque, addr & 0xffffff, buf, len, is_write)) {
        /* Memory error: the chip stops (Am7990 CSR0 MERR). */
        log_guest_error("lance: memory error at 0x%06x\n", addr & 0xffffff);
        s->csr[0] = (s->csr[0] & ~(CSR0_RXON | CSR0_TXON)) | CSR0_MERR;
        lance_update_irq(s);
        return false;
    }
    return true;
}

/* Packet data: without BSWP the chip sees bytes swapped within each word. */
static void lance_swap_data(LanceState *s, uint8_t *buf, size_t len)
{
    if (s->csr[3] & CSR3_BSWP) {
        return;
    }
    for (size_t i = 0; i + 1 < len; i += 2) {
        uint8_t t = buf[i];
        buf[i] = buf[i + 1];
        buf[i + 1] = t;
    }
}

static bool lance_read_words(LanceState *s, uint32_t addr, uint16_t *w, unsigned n)
{
    uint8_t raw[24];
    if (!lance_dma(s, addr, raw, 2 * n, false)) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        w[i] = lduw_be_p(&raw[2 * i]);
    }
    return true;
}

static void lance_write_word(LanceState *s, uint32_t addr, uint16_t v)
{
    uint8_t raw[2];
    stuw_be_p(raw, v);
    lance_dma(s, addr, raw, 2, true);
}

static uint32_t desc_addr(uint32_t ring, unsigned idx)
{
    return ring + 8 * idx;
}

static uint32_t desc_buffer(const LanceDesc *d)
{
    return ((d->w[1] & DESC_HADR) << 16) | d->w[0];
}

/* The buffer byte count is stored negated in 12 bits. */
static size_t desc_buffer_len(const LanceDesc *d)
{
    return (uint16_t)-(d->w[2] | 0xf000);
}

/* Reads the initialization block (Am7990 "Initialization Block"). */
static void lance_init(LanceState *s)
{
    uint16_t ib[12];
    uint32_t iadr = s->csr[1] | ((s->csr[2] & 0xff) << 16);

    if (!lance_read_words(s, iadr, ib, 12)) {
        return;
    }
    s->mode = ib[0];
    for (int i = 0; i < 3; i++) {
        s->padr[2 * i] = ib[1 + i];
        s->padr[2 * i + 1] = ib[1 + i] >> 8;
    }
    memcpy(s->ladrf, &ib[4], sizeof(s->ladrf));
    s->rdra = ((ib[9] & 0xff) << 16) | (ib[8] & ~7u);
    s->rlen = 1u << (ib[9] >> 13);
    s->tdra = ((ib[11] & 0xff) << 16) | (ib[10] & ~7u);
    s->tlen = 1u << (ib[11] >> 13);
    s->rx_next = s->tx_next = 0;
    s->tx_len = 0;
    s->csr[0] = (s->csr[0] & ~CSR0_STOP) | CSR0_IDON;
}

static void lance_deliver(LanceState *s, const uint8_t *frame, size_t len)
{
    if (s->mode & MODE_LOOP) {
        lance_receive(s, frame, len);
    } else if (s->netdev) {
        net_client_send(s->netdev, frame, len);
    }
}

/* Transmits while the chip owns descriptors (Am7990 "Transmit"). */
static void lance_transmit(LanceState *s)
{
    for (unsigned n = 0; n < s->tlen && (s->csr[0] & CSR0_TXON); n++) {
        uint32_t da = desc_addr(s->tdra, s->tx_next);
        LanceDesc d;
        size_t blen;

        if (!lance_read_words(s, da, d.w, 4) || !(d.w[1] & DESC_OWN)) {
            break;
        }
        if (d.w[1] & DESC_STP) {
            s->tx_len = 0;
        }
        blen = MIN(desc_buffer_len(&d), sizeof(s->tx_frame) - s->tx_len);
        if (blen < desc_buffer_len(&d)) {
            log_guest_error("lance: transmit frame longer than %d bytes\n", LANCE_FRAME_MAX);
        }
        if (!lance_dma(s, desc_buffer(&d), s->tx_frame + s->tx_len, blen, false)) {
            break;
        }
        lance_swap_data(s, s->tx_frame + s->tx_len, blen);
        s->tx_len += blen;
        lance_write_word(s, da + 2, d.w[1] & ~DESC_OWN);
        s->tx_next = (s->tx_next + 1) & (s->tlen - 1);
        if (d.w[1] & DESC_ENP) {
            lance_deliver(s, s->tx_frame, s->tx_len);
            s->tx_len = 0;
            s->csr[0] |= CSR0_TINT;
        }
    }
    lance_update_irq(s);
}

/* Ethernet CRC-32, reflected, without the final inversion. */
static uint32_t lance_crc32(const uint8_t *p, size_t len)
{
    uint32_t crc = 0xffffffff;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return crc;
}

/* Physical, broadcast, or logical (multicast hash) address match. */
static bool lance_accepts(LanceState *s, const uint8_t *dst)
{
    static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

    if ((s->mode & MODE_PROM) || !memcmp(dst, s->padr, 6) || !memcmp(dst, broadcast, 6)) {
        return true;
    }
    if (dst[0] & 1) {
        unsigned bit = lance_crc32(dst, 6) >> 26;
        return s->ladrf[bit >> 4] & (1u << (bit & 15));
    }
    return false;
}

static bool lance_rx_running(LanceState *s)
{
    return (s->csr[0] & (CSR0_RXON | CSR0_STOP)) == CSR0_RXON;
}

bool lance_can_receive(void *opaque)
{
    LanceState *s = opaque;
    uint16_t w1;
    return lance_rx_running(s) &&
           lance_read_words(s, desc_addr(s->rdra, s->rx_next) + 2, &w1, 1) && (w1 & DESC_OWN);
}

/* Scatters a frame over owned receive descriptors (Am7990 "Receive"). */
void lance_receive(void *opaque, const uint8_t *frame, size_t len)
{
    LanceState *s = opaque;
    uint8_t buf[LANCE_FRAME_MAX + ETH_FCS_LEN];
    size_t total, done = 0;

    if (!lance_rx_running(s) || len < 6 || len > LANCE_FRAME_MAX || !lance_accepts(s, frame)) {
        return;
    }
    memcpy(buf, frame, len);
    total = MAX(len, (size_t)ETH_MIN_FRAME);
    memset(buf + len, 0, total - len);
    stl_le_p(buf + total, ~lance_crc32(buf, total));
    total += ETH_FCS_LEN;

    for (unsigned n = 0; n < s->rlen && done < total; n++) {
        uint32_t da = desc_addr(s->rdra, s->rx_next);
        LanceDesc d;
        size_t chunk;

        if (!lance_read_words(s, da, d.w, 4)) {
            return;
        }
        if (!(d.w[1] & DESC_OWN)) {
            /* No buffer: MISS for a new frame, BUFF in the last one used. */
            s->csr[0] |= done ? 0 : CSR0_MISS;
            break;
        }
        chunk = MIN(desc_buffer_len(&d), total - done);
        lance_swap_data(s, buf + done, chunk);
        if (!lance_dma(s, desc_buffer(&d), buf + done, chunk, true)) {
            return;
        }
        d.w[1] &= ~(DESC_OWN | DESC_ERR | RMD1_BUFF | DESC_STP | DESC_ENP);
        d.w[1] |= done ? 0 : DESC_STP;
        done += chunk;
        if (done == total) {
            d.w[1] |= DESC_ENP;
            lance_write_word(s, da + 6, total);
        } else if (n + 1 == s->rlen) {
            d.w[1] |= DESC_ERR | RMD1_BUFF;
        }
        lance_write_word(s, da + 2, d.w[1]);
        s->rx_next = (s->rx_next + 1) & (s->rlen - 1);
    }
    if (done) {
        s->csr[0] |= CSR0_RINT;
    }
    lance_update_irq(s);
}

static void lance_stop(LanceState *s)
{
    s->csr[0] = CSR0_STOP;
    s->csr[3] = 0;
    s->tx_len = 0;
}

static void lance_write_csr0(LanceState *s, uint16_t val)
{
    if (val & CSR0_STOP) {
        lance_stop(s);
        lance_update_irq(s);
        return;
    }
    s->csr[0] &= ~(val & CSR0_W1C);
    s->csr[0] = (s->csr[0] & ~CSR0_INEA) | (val & CSR0_INEA);
    if (val & CSR0_INIT) {
        lance_init(s);
    }
    if (val & CSR0_STRT) {
        s->csr[0] = (s->csr[0] & ~CSR0_STOP) | CSR0_STRT;
        s->csr[0] |= (s->mode & MODE_DRX) ? 0 : CSR0_RXON;
        s->csr[0] |= (s->mode & MODE_DTX) ? 0 : CSR0_TXON;
    }
    if ((val & (CSR0_TDMD | CSR0_STRT)) && (s->csr[0] & CSR0_TXON)) {
        lance_transmit(s);
    }
    lance_update_irq(s);
}

static uint64_t lance_read(void *opaque, hwaddr addr, unsigned size)
{
    LanceState *s = opaque;
    return addr == LANCE_RAP ? s->rap : s->csr[s->rap];
}

static void lance_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    LanceState *s = opaque;

    if (addr == LANCE_RAP) {
        s->rap = val & 3;
    } else if (s->rap == 0) {
        lance_write_csr0(s, val);
    } else if (!(s->csr[0] & CSR0_STOP)) {
        /* CSR1-3 are only accessible while stopped (Am7990 "Register Access"). */
        log_guest_error("lance: write of CSR%u while running\n", s->rap);
    } else {
        s->csr[s->rap] = val & (s->rap == 3 ? 0x0007 : s->rap == 2 ? 0x00ff : 0xfffe);
    }
}

static const MemoryRegionOps lance_ops = {
    .read = lance_read,
    .write = lance_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 2, .max_access_size = 2 },
};

static void lance_reset_line(void *opaque, int n, int level)
{
    if (level) {
        LanceState *s = opaque;
        lance_stop(s);
        s->rap = 0;
        lance_update_irq(s);
    }
}

static bool lance_realize(Device *dev, GError **err)
{
    LanceState *s = (LanceState *)dev;
    NetFrontend fe = { .can_receive = lance_can_receive, .receive = lance_receive, .opaque = s };

    memory_region_init_io(&s->mmio, &lance_ops, s, "lance", 4);
    s->reset_in = irq_new(lance_reset_line, s, 0);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_in(dev, s->reset_in);
    device_add_irq_out(dev, &s->irq);
    if (s->netdev) {
        net_client_attach(s->netdev, &fe);
    }
    return true;
}

static void lance_reset(Device *dev)
{
    lance_reset_line(dev, 0, 1);
}

static const Property lance_props[] = {
    PROP_MAC_("mac", LanceState, macaddr, "52:54:00:12:34:56", "MAC address"),
    PROP_LINK_("netdev", LanceState, netdev, "netdev", "network backend"),
    PROP_END,
};

static const DeviceType lance_type = {
    .name = "lance",
    .desc = "AMD Am7990 LANCE Ethernet",
    .instance_size = sizeof(LanceState),
    .props = lance_props,
    .realize = lance_realize,
    .reset = lance_reset,
};

static void __attribute__((constructor)) lance_register(void)
{
    device_type_register(&lance_type);
}

/*
 * Unit tests for the Am7990 Lance: initialization block, transmit to a fake
 * backend, receive into the descriptor ring (filtering, short frames, a
 * full ring), all over a fake 24-bit DMA bus; then frames through the real
 * slirp backend: an ARP request for the host answered into the ring, and a
 * UDP datagram to a host socket whose reply comes back through the main
 * loop.
 */
#include <arpa/inet.h>
#include <glib.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "hw/net/lance.h"
#include "net/slirp.h"
#include "util/bswap.h"

#define MEM_SIZE 0x10000
#define IB 0x1000
#define RX_RING 0x2000
#define TX_RING 0x3000
#define RX_BUF(i) (0x4000 + (i) * 0x600)
#define TX_BUF 0x8000
#define RX_LOG2 2
#define TX_LOG2 1

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static uint8_t mem[MEM_SIZE];
static LanceState *lance;
static int irq_level;
static NetClient fake_nc;
static GPtrArray *sent;        /* GByteArray * frames the Lance transmitted */

void main_loop_wakeup(void)
{
}

static void level_handler(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static bool fake_dma(void *opaque, uint32_t addr, void *buf, size_t len, bool is_write)
{
    if (addr + len > MEM_SIZE) {
        return false;
    }
    if (is_write) {
        memcpy(mem + addr, buf, len);
    } else {
        memcpy(buf, mem + addr, len);
    }
    return true;
}

static void fake_send(NetClient *nc, const uint8_t *frame, size_t len)
{
    g_ptr_array_add(sent, g_byte_array_append(g_byte_array_new(), frame, len));
}

static void reg_w(hwaddr addr, uint16_t v)
{
    memory_region_dispatch_write(&lance->mmio, addr, v, 2, true);
}

static uint16_t reg_r(hwaddr addr)
{
    uint64_t v;
    memory_region_dispatch_read(&lance->mmio, addr, &v, 2, true);
    return v;
}

static void csr_w(unsigned n, uint16_t v)
{
    reg_w(2, n);
    reg_w(0, v);
}

static uint16_t csr0(void)
{
    reg_w(2, 0);
    return reg_r(0);
}

static void put16(uint32_t addr, uint16_t v)
{
    stuw_be_p(mem + addr, v);
}

static uint16_t get16(uint32_t addr)
{
    return lduw_be_p(mem + addr);
}

static void give_rx(unsigned i)
{
    put16(RX_RING + 8 * i, RX_BUF(i));
    put16(RX_RING + 8 * i + 2, 0x8000);
    put16(RX_RING + 8 * i + 4, -0x600);
    put16(RX_RING + 8 * i + 6, 0);
}

/* The sequence sunlance runs at open: stop, CSR1-3, INIT, IDON, STRT. */
static void lance_bring_up(uint16_t mode, uint16_t ladrf3)
{
    memset(mem, 0, sizeof(mem));
    put16(IB, mode);
    for (int i = 0; i < 3; i++) {
        put16(IB + 2 + 2 * i, mac[2 * i] | (mac[2 * i + 1] << 8));
    }
    put16(IB + 14, ladrf3);
    put16(IB + 16, RX_RING);
    put16(IB + 18, RX_LOG2 << 13);
    put16(IB + 20, TX_RING);
    put16(IB + 22, TX_LOG2 << 13);
    for (unsigned i = 0; i < (1u << RX_LOG2); i++) {
        give_rx(i);
    }
    csr_w(0, 0x0004);
    csr_w(1, IB);
    csr_w(2, 0);
    csr_w(3, 0x0007);                   /* BSWP ACON BCON */
    csr_w(0, 0x0001);                   /* INIT */
    g_assert_cmphex(csr0() & 0x0100, ==, 0x0100);
    g_assert_cmpint(irq_level, ==, 0);  /* INEA still off */
    csr_w(0, 0x0100 | 0x0040 | 0x0002); /* ack IDON, INEA, STRT */
    g_assert_cmphex(csr0(), ==, 0x0040 | 0x0020 | 0x0010 | 0x0002);
}

static void test_init(void)
{
    lance_bring_up(0, 0);
    g_assert_cmpmem(lance->padr, 6, mac, 6);
    g_assert_cmpuint(lance->rlen, ==, 4);
    g_assert_cmpuint(lance->tlen, ==, 2);
    /* CSR3 is locked while running. */
    reg_w(2, 3);
    reg_w(0, 0);
    g_assert_cmphex(reg_r(0), ==, 7);
    /* INIT with INEA raises the interrupt on IDON. */
    csr_w(0, 0x0004);
    csr_w(0, 0x0041);
    g_assert_cmpint(irq_level, ==, 1);
    g_assert_cmphex(csr0() & 0x0180, ==, 0x0180);
    csr_w(0, 0x0140);
    g_assert_cmpint(irq_level, ==, 0);
}

static void test_transmit(void)
{
    uint8_t frame[100];

    lance_bring_up(0, 0);
    for (size_t i = 0; i < sizeof(frame); i++) {
        frame[i] = i + 1;
    }
    /* One frame in two descriptors. */
    memcpy(mem + TX_BUF, frame, 40);
    memcpy(mem + TX_BUF + 0x100, frame + 40, 60);
    put16(TX_RING + 0, TX_BUF);
    put16(TX_RING + 2, 0x8000 | 0x0200);            /* OWN STP */
    put16(TX_RING + 4, -40);
    put16(TX_RING + 8, TX_BUF + 0x100);
    put16(TX_RING + 10, 0x8000 | 0x0100);           /* OWN ENP */
    put16(TX_RING + 12, -60);
    csr_w(0, 0x0048);                               /* INEA TDMD */
    g_assert_cmpuint(sent->len, ==, 1);
    GByteArray *f = g_ptr_array_index(sent, 0);
    g_assert_cmpmem(f->data, f->len, frame, sizeof(frame));
    g_assert_cmphex(get16(TX_RING + 2) & 0x8000, ==, 0);
    g_assert_cmphex(get16(TX_RING + 10) & 0x8000, ==, 0);
    g_assert_cmphex(csr0() & 0x0280, ==, 0x0280);   /* TINT INTR */
    g_assert_cmpint(irq_level, ==, 1);
    csr_w(0, 0x0240);
    g_assert_cmpint(irq_level, ==, 0);
    /* Nothing owned: TDMD sends nothing. */
    csr_w(0, 0x0048);
    g_assert_cmpuint(sent->len, ==, 1);
}

static void test_receive(void)
{
    uint8_t frame[200], other[200];

    lance_bring_up(0, 0);
    memcpy(frame, mac, 6);
    for (size_t i = 6; i < sizeof(frame); i++) {
        frame[i] = i;
    }
    g_assert_true(lance_can_receive(lance));
    lance_receive(lance, frame, sizeof(frame));
    g_assert_cmphex(get16(RX_RING + 2) & 0xff00, ==, 0x0300);   /* host owns, STP ENP */
    g_assert_cmpuint(get16(RX_RING + 6), ==, sizeof(frame) + 4);
    g_assert_cmpmem(mem + RX_BUF(0), sizeof(frame), frame, sizeof(frame));
    g_assert_cmpint(irq_level, ==, 1);
    g_assert_cmphex(csr0() & 0x0400, ==, 0x0400);               /* RINT */
    csr_w(0, 0x0440);

    /* Someone else's unicast: dropped. Broadcast: taken, padded to 60 + FCS. */
    memcpy(other, frame, sizeof(other));
    other[5] ^= 1;
    lance_receive(lance, other, sizeof(other));
    g_assert_cmphex(get16(RX_RING + 8 + 2) & 0x8000, ==, 0x8000);
    memset(other, 0xff, 6);
    lance_receive(lance, other, 20);
    g_assert_cmphex(get16(RX_RING + 8 + 2) & 0x8000, ==, 0);
    g_assert_cmpuint(get16(RX_RING + 8 + 6), ==, 64);
    g_assert_cmpuint(mem[RX_BUF(1) + 30], ==, 0);

    /* Multicast through the logical address filter: 01:00:5e:00:00:01
     * hashes to bit 0x36, which the filter does not have. */
    other[0] = 0x01, other[1] = 0x00, other[2] = 0x5e, other[3] = 0, other[4] = 0, other[5] = 1;
    lance_receive(lance, other, 64);
    g_assert_cmphex(get16(RX_RING + 16 + 2) & 0x8000, ==, 0x8000);

    /* Fill the ring: the next frame is missed. */
    lance_receive(lance, frame, sizeof(frame));
    lance_receive(lance, frame, sizeof(frame));
    g_assert_false(lance_can_receive(lance));
    lance_receive(lance, frame, sizeof(frame));
    g_assert_cmphex(csr0() & 0x9000, ==, 0x9000);               /* ERR MISS */
}

static void test_multicast(void)
{
    uint8_t frame[64] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };

    lance_bring_up(0, 1u << (0x36 & 15));
    lance_receive(lance, frame, sizeof(frame));
    g_assert_cmphex(get16(RX_RING + 2) & 0x8000, ==, 0);
    frame[5] = 2;
    lance_receive(lance, frame, sizeof(frame));
    g_assert_cmphex(get16(RX_RING + 8 + 2) & 0x8000, ==, 0x8000);
}

static void test_promiscuous(void)
{
    uint8_t frame[64] = { 0x02, 0, 0, 0, 0, 9 };

    lance_bring_up(0x8000, 0);
    lance_receive(lance, frame, sizeof(frame));
    g_assert_cmphex(get16(RX_RING + 2) & 0x8000, ==, 0);
}

/* Queues one frame in TX descriptor `slot` and kicks the transmitter. */
static void send_frame(unsigned slot, const uint8_t *frame, size_t len)
{
    uint32_t buf = TX_BUF + slot * 0x600;
    memcpy(mem + buf, frame, len);
    put16(TX_RING + 8 * slot, buf);
    put16(TX_RING + 8 * slot + 2, 0x8000 | 0x0300);
    put16(TX_RING + 8 * slot + 4, -(int)MAX(len, 60u));
    csr_w(0, 0x0048);
}

/* An IPv4/UDP frame from 10.0.2.15:5555 to 10.0.2.2:port. */
static size_t build_udp(uint8_t *f, const uint8_t *dst_mac, uint16_t port, const char *payload)
{
    size_t plen = strlen(payload), iplen = 20 + 8 + plen;
    uint32_t sum = 0;

    memcpy(f, dst_mac, 6);
    memcpy(f + 6, mac, 6);
    stuw_be_p(f + 12, 0x0800);
    uint8_t *ip = f + 14;
    memset(ip, 0, 20);
    ip[0] = 0x45;
    stuw_be_p(ip + 2, iplen);
    ip[8] = 64;
    ip[9] = 17;
    memcpy(ip + 12, ((uint8_t[]){ 10, 0, 2, 15 }), 4);
    memcpy(ip + 16, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
    for (int i = 0; i < 20; i += 2) {
        sum += lduw_be_p(ip + i);
    }
    sum = (sum & 0xffff) + (sum >> 16);
    stuw_be_p(ip + 10, ~(sum + (sum >> 16)));
    uint8_t *udp = ip + 20;
    stuw_be_p(udp, 5555);
    stuw_be_p(udp + 2, port);
    stuw_be_p(udp + 4, 8 + plen);
    stuw_be_p(udp + 6, 0);
    memcpy(udp + 8, payload, plen);
    return 14 + iplen;
}

static void test_slirp(void)
{
    /* ARP who-has 10.0.2.2 tell 10.0.2.15 */
    static const uint8_t arp[42] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08, 0x06,
        0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
        10, 0, 2, 15, 0, 0, 0, 0, 0, 0, 10, 0, 2, 2,
    };
    NetClient nc = { .id = (char *)"user0", .type = (char *)"user" };
    NetFrontend fe = {
        .can_receive = lance_can_receive, .receive = lance_receive, .opaque = lance,
    };
    uint8_t host_mac[6], frame[128], buf[64];
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof(addr);
    int sock;

    g_assert_true(net_slirp_init(&nc, NULL));
    net_client_attach(&nc, &fe);
    lance->netdev = &nc;
    lance_bring_up(0, 0);

    /* The reply: to us, from the virtual host, ARP opcode 2. */
    send_frame(0, arp, sizeof(arp));
    g_assert_cmphex(get16(RX_RING + 2) & 0x8300, ==, 0x0300);
    g_assert_cmpmem(mem + RX_BUF(0), 6, mac, 6);
    g_assert_cmphex(lduw_be_p(mem + RX_BUF(0) + 12), ==, 0x0806);
    g_assert_cmphex(lduw_be_p(mem + RX_BUF(0) + 20), ==, 2);
    g_assert_cmpmem(mem + RX_BUF(0) + 28, 4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);
    memcpy(host_mac, mem + RX_BUF(0) + 22, 6);

    /* UDP to 10.0.2.2 reaches a socket on the host's loopback... */
    sock = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval limit = { .tv_sec = 5 };
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    g_assert_cmpint(bind(sock, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(getsockname(sock, (struct sockaddr *)&addr, &alen), ==, 0);
    send_frame(1, frame, build_udp(frame, host_mac, ntohs(addr.sin_port), "ping"));
    alen = sizeof(addr);
    g_assert_cmpint(recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&addr, &alen), ==, 4);
    g_assert_cmpmem(buf, 4, "ping", 4);

    /* ...and the answer comes back when the main loop polls slirp's socket. */
    g_assert_cmpint(sendto(sock, "pong", 4, 0, (struct sockaddr *)&addr, alen), ==, 4);
    for (int i = 0; i < 200 && (get16(RX_RING + 8 + 2) & 0x8000); i++) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(10000);
    }
    g_assert_cmphex(get16(RX_RING + 8 + 2) & 0x8300, ==, 0x0300);
    uint8_t *rx = mem + RX_BUF(1);
    g_assert_cmphex(lduw_be_p(rx + 12), ==, 0x0800);
    g_assert_cmpuint(rx[14 + 9], ==, 17);
    g_assert_cmpuint(lduw_be_p(rx + 14 + 20 + 2), ==, 5555);
    g_assert_cmpmem(rx + 14 + 28, 4, "pong", 4);
    close(sock);
    lance->netdev = &fake_nc;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    sent = g_ptr_array_new();
    memory_system_init();

    fake_nc.id = (char *)"fake";
    fake_nc.send = fake_send;
    lance = (LanceState *)device_new("lance");
    g_assert_true(device_prop_set_link(DEVICE(lance), "netdev", &fake_nc, NULL));
    lance->dma_rw = fake_dma;
    device_realize_or_die(DEVICE(lance));
    device_connect_irq(DEVICE(lance), 0, irq_new(level_handler, &irq_level, 0));
    g_assert_true(fake_nc.claimed);

    g_test_add_func("/lance/init", test_init);
    g_test_add_func("/lance/transmit", test_transmit);
    g_test_add_func("/lance/receive", test_receive);
    g_test_add_func("/lance/multicast", test_multicast);
    g_test_add_func("/lance/promiscuous", test_promiscuous);
    g_test_add_func("/lance/slirp", test_slirp);
    return g_test_run();
}

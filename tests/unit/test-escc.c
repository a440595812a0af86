/*
 * Unit tests for the Zilog 8530 ESCC (hw/char/escc.c) with a fake chardev
 * frontend: register pointer and read-back registers, transmit with the
 * transmitter enabled, receive FIFO, interrupt pending bits (RR3), the
 * status-modified vector (RR2 of channel B), MIE gating the INT pin,
 * channel reset and the Sun keyboard's reset answer.
 */
#include <glib.h>
#include <string.h>

#include "chardev/char.h"
#include "hw/char/escc.h"

/* ---- fake chardev: records what the device writes ---- */
static GByteArray *tx_out;
static CharFrontend *fake_fe;

bool char_fe_init(CharFrontend *fe, Chardev *chr, GError **err)
{
    fe->chr = chr;
    fake_fe = fe;
    return true;
}

void char_fe_set_handlers(CharFrontend *fe, CharCanReadFn can_read, CharReadFn read,
                          CharEventFn event, void *opaque)
{
    fe->can_read = can_read;
    fe->read = read;
    fe->event = event;
    fe->opaque = opaque;
}

int char_fe_write(CharFrontend *fe, const uint8_t *buf, int len)
{
    g_byte_array_append(tx_out, buf, len);
    return len;
}

void char_fe_accept_input(CharFrontend *fe)
{
}

/* ---- helpers: Sun layout (it_shift 1): B ctrl 0, B data 2, A ctrl 4, A data 6 ---- */
#define A_CTRL 4
#define A_DATA 6
#define B_CTRL 0
#define B_DATA 2

static int int_pin;

static void int_handler(void *opaque, int n, int level)
{
    int_pin = level;
}

static Device *escc_new(bool keyboard)
{
    Device *dev = device_new("escc");

    if (keyboard) {
        g_assert_true(device_prop_set_uint(dev, "chnA-type", ESCC_CHN_KEYBOARD, NULL));
    } else {
        g_assert_true(device_prop_set_link(dev, "chrA", (void *)&tx_out, NULL));
    }
    g_assert_true(device_realize(dev, NULL));
    device_connect_irq(dev, 0, irq_new(int_handler, NULL, 0));
    int_pin = 0;
    if (tx_out) {
        g_byte_array_set_size(tx_out, 0);
    } else {
        tx_out = g_byte_array_new();
    }
    return dev;
}

static uint8_t rd(Device *dev, hwaddr addr)
{
    uint64_t v = 0;
    g_assert_cmpint(memory_region_dispatch_read(device_mmio(dev, 0), addr, &v, 1, true), ==,
                    MEMTX_OK);
    return v;
}

static void wr(Device *dev, hwaddr addr, uint8_t v)
{
    g_assert_cmpint(memory_region_dispatch_write(device_mmio(dev, 0), addr, v, 1, true), ==,
                    MEMTX_OK);
}

static void wreg(Device *dev, hwaddr ctrl, int reg, uint8_t v)
{
    if (reg >= 8) {
        wr(dev, ctrl, (reg & 7) | 0x08);   /* point high */
    } else if (reg) {
        wr(dev, ctrl, reg);
    }
    wr(dev, ctrl, v);
}

static uint8_t rreg(Device *dev, hwaddr ctrl, int reg)
{
    wr(dev, ctrl, reg >= 8 ? (reg & 7) | 0x08 : reg);
    return rd(dev, ctrl);
}

static void test_registers(void)
{
    Device *dev = escc_new(false);

    g_assert_cmphex(rd(dev, A_CTRL) & 0x04, ==, 0x04);   /* RR0: tx empty */
    g_assert_cmphex(rreg(dev, A_CTRL, 1), ==, 0x07);     /* all sent, 8-bit residue */
    wreg(dev, A_CTRL, 12, 0x0e);
    wreg(dev, A_CTRL, 13, 0x01);
    g_assert_cmphex(rreg(dev, A_CTRL, 12), ==, 0x0e);
    g_assert_cmphex(rreg(dev, A_CTRL, 13), ==, 0x01);
    g_assert_cmphex(rreg(dev, A_CTRL, 9), ==, 0x01);     /* RR9 images RR13 */
    wreg(dev, A_CTRL, 2, 0x40);
    g_assert_cmphex(rreg(dev, A_CTRL, 2), ==, 0x40);     /* RR2A: the vector */
    g_assert_cmphex(rreg(dev, B_CTRL, 2), ==, 0x46);     /* RR2B: + "no interrupt" (3) */
    /* the pointer goes back to 0 after each access */
    g_assert_cmphex(rd(dev, A_CTRL) & 0x04, ==, 0x04);
}

static void test_transmit(void)
{
    Device *dev = escc_new(false);

    wr(dev, A_DATA, 'x');                  /* transmitter disabled: held */
    g_assert_cmpuint(tx_out->len, ==, 0);
    g_assert_cmphex(rd(dev, A_CTRL) & 0x04, ==, 0);
    wreg(dev, A_CTRL, 5, 0x68);            /* 8 bits, Tx enable */
    g_assert_cmpuint(tx_out->len, ==, 1);
    g_assert_cmpint(tx_out->data[0], ==, 'x');
    wr(dev, A_DATA, 'y');
    g_assert_cmpuint(tx_out->len, ==, 2);
    g_assert_cmphex(rd(dev, A_CTRL) & 0x04, ==, 0x04);
}

static void test_interrupts(void)
{
    Device *dev = escc_new(false);

    wreg(dev, A_CTRL, 2, 0x00);
    wreg(dev, A_CTRL, 5, 0x68);
    wreg(dev, A_CTRL, 1, 0x12);            /* Tx IE, Rx int on all chars */
    wr(dev, A_DATA, 'a');
    g_assert_cmphex(rreg(dev, A_CTRL, 3), ==, 0x10);     /* Tx A pending */
    g_assert_cmpint(int_pin, ==, 0);                     /* MIE off */
    wreg(dev, A_CTRL, 9, 0x08);                          /* MIE */
    g_assert_cmpint(int_pin, ==, 1);
    g_assert_cmphex(rreg(dev, B_CTRL, 2), ==, 4 << 1);   /* status: A tx */
    g_assert_cmphex(rreg(dev, B_CTRL, 3), ==, 0);        /* RR3 only on channel A */
    wr(dev, A_CTRL, 0x28);                               /* reset Tx IP */
    g_assert_cmphex(rreg(dev, A_CTRL, 3), ==, 0);
    g_assert_cmpint(int_pin, ==, 0);

    /* receive: no bytes accepted until Rx is enabled */
    g_assert_cmpint(fake_fe->can_read(fake_fe->opaque), ==, 0);
    wreg(dev, A_CTRL, 3, 0xc1);
    g_assert_cmpint(fake_fe->can_read(fake_fe->opaque), ==, 3);
    fake_fe->read(fake_fe->opaque, (const uint8_t *)"hi", 2);
    g_assert_cmphex(rd(dev, A_CTRL) & 0x01, ==, 0x01);
    g_assert_cmphex(rreg(dev, A_CTRL, 3), ==, 0x20);     /* Rx A pending */
    g_assert_cmpint(int_pin, ==, 1);
    wreg(dev, A_CTRL, 9, 0x18);                          /* status high */
    g_assert_cmphex(rreg(dev, B_CTRL, 2), ==, 0x30);     /* A rx, V4-V6 reversed */
    g_assert_cmpint(rd(dev, A_DATA), ==, 'h');
    g_assert_cmpint(int_pin, ==, 1);
    g_assert_cmpint(rd(dev, A_DATA), ==, 'i');
    g_assert_cmpint(int_pin, ==, 0);
    g_assert_cmphex(rd(dev, A_CTRL) & 0x01, ==, 0);

    /* hardware reset clears MIE and the enables */
    wreg(dev, A_CTRL, 9, 0xc0);
    g_assert_cmpint(fake_fe->can_read(fake_fe->opaque), ==, 0);
}

static void test_keyboard(void)
{
    Device *dev = escc_new(true);
    uint8_t got[3];

    wreg(dev, A_CTRL, 3, 0xc1);
    wreg(dev, A_CTRL, 5, 0x68);
    wr(dev, A_DATA, 0x01);                 /* keyboard reset */
    for (int i = 0; i < 3; i++) {
        g_assert_cmphex(rd(dev, A_CTRL) & 0x01, ==, 0x01);
        got[i] = rd(dev, A_DATA);
    }
    g_assert_cmphex(got[0], ==, 0xff);
    g_assert_cmphex(got[1], ==, 0x04);
    g_assert_cmphex(got[2], ==, 0x7f);
    g_assert_cmphex(rd(dev, A_CTRL) & 0x01, ==, 0);
    wr(dev, A_DATA, 0x0e);                 /* set LEDs, then the LED byte */
    wr(dev, A_DATA, 0x01);                 /* not a reset: it is the LED byte */
    g_assert_cmphex(rd(dev, A_CTRL) & 0x01, ==, 0);
    wr(dev, A_DATA, 0x0f);                 /* layout */
    g_assert_cmphex(rd(dev, A_DATA), ==, 0xfe);
    g_assert_cmphex(rd(dev, A_DATA), ==, 0x21);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/escc/registers", test_registers);
    g_test_add_func("/escc/transmit", test_transmit);
    g_test_add_func("/escc/interrupts", test_interrupts);
    g_test_add_func("/escc/keyboard", test_keyboard);
    return g_test_run();
}

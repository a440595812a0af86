/*
 * Zilog Z8530 SCC / Z85C30 ESCC: two asynchronous serial channels (Zilog
 * "SCC/ESCC User Manual", UM010903, chapters 4-5 for the registers and the
 * interrupt structure). Sun4m has two, one for ttya/ttyb and one for the
 * keyboard and mouse; the Macs have one in their I/O controller.
 *
 * Each channel has a control port (WR0 selects the register the next control
 * access reaches) and a data port. The board picks the spacing: bit
 * it_shift of the offset selects data over control, bit it_shift + 1 selects
 * channel A (channel B comes first, as on both Sun and Mac). Transmission is
 * instant; received characters wait in the chip's 3-byte FIFO. One interrupt
 * output: the chip's INT pin, active while WR9.MIE is set and any interrupt
 * of either channel is pending.
 *
 * A channel can have a Sun keyboard or mouse attached instead of a chardev:
 * the keyboard answers the reset, LED and layout commands the PROM and the
 * kernel send (Sun Type 5 Keyboard Technical Reference).
 */
#include <string.h>

#include "chardev/char.h"
#include "hw/char/escc.h"
#include "util/log.h"

/* WR0 commands (bits 5:3) */
enum {
    WR0_CMD_NULL = 0,
    WR0_CMD_POINT_HIGH = 1,
    WR0_CMD_RESET_EXT = 2,
    WR0_CMD_ENABLE_RX_NEXT = 4,
    WR0_CMD_RESET_TX_IP = 5,
    WR0_CMD_ERROR_RESET = 6,
    WR0_CMD_RESET_IUS = 7,
};

#define WR1_EXT_IE 0x01
#define WR1_TX_IE 0x02
#define WR1_RX_MODE 0x18
#define WR1_RX_FIRST 0x08
#define WR1_RX_ALL 0x10
#define WR3_RX_ENABLE 0x01
#define WR4_DEFAULT 0x04            /* 1 stop bit, x1 clock */
#define WR5_TX_ENABLE 0x08
#define WR9_RESET_MASK 0xc0
#define WR9_RESET_B 0x40
#define WR9_RESET_A 0x80
#define WR9_RESET_HW 0xc0
#define WR9_STATUS_HIGH 0x10
#define WR9_MIE 0x08
#define WR11_DEFAULT 0x08           /* TRxC as transmit clock */
#define WR14_DEFAULT 0x30           /* DPLL disabled */
#define WR15_BREAK_IE 0x80
#define WR15_DEFAULT 0xf8

#define RR0_RX_AVAIL 0x01
#define RR0_TX_EMPTY 0x04
#define RR0_DCD 0x08
#define RR0_SYNC_HUNT 0x10
#define RR0_CTS 0x20
#define RR0_TX_UNDERRUN 0x40
#define RR0_BREAK 0x80
#define RR1_ALL_SENT 0x01
#define RR1_8BIT_RESIDUE 0x06

/* RR3 interrupt-pending bits, as channel A reports them */
#define RR3_EXT_B 0x01
#define RR3_TX_B 0x02
#define RR3_RX_B 0x04
#define RR3_EXT_A 0x08
#define RR3_TX_A 0x10
#define RR3_RX_A 0x20

#define ESCC_FIFO_SERIAL 3          /* the chip's receive FIFO */
#define ESCC_FIFO_INPUT 256         /* queued keyboard/mouse bytes */

typedef struct EsccState EsccState;

typedef struct EsccChannel {
    EsccState *s;
    int id;                    /* ESCC_CHN_A or ESCC_CHN_B */
    uint32_t type;             /* ESCC_CHN_* role, property */
    Chardev *chr;              /* property */
    CharFrontend fe;
    uint8_t reg;               /* register the next control access reaches */
    uint8_t wr[16];
    uint8_t rr0_latch;         /* RR0 bits that latch: break */
    bool tx_ip, ext_ip;
    bool tx_full;              /* a byte waits for the transmitter to be enabled */
    uint8_t tx_byte;
    uint8_t fifo[ESCC_FIFO_INPUT];
    unsigned fifo_head, fifo_len;
    bool kbd_led_next;         /* the keyboard expects the LED byte */
} EsccChannel;

struct EsccState {
    Device parent;
    uint32_t it_shift;         /* property */
    bool disabled;             /* property: no device on the lines (DCD/CTS up) */
    MemoryRegion mmio;
    Irq *irq;
    uint8_t wr9;               /* shared by both channels */
    uint8_t wr2;               /* the interrupt vector, shared */
    EsccChannel chn[2];
};

static unsigned escc_fifo_size(EsccChannel *c)
{
    return c->type == ESCC_CHN_SERIAL ? ESCC_FIFO_SERIAL : ESCC_FIFO_INPUT;
}

static bool escc_rx_ip(EsccChannel *c)
{
    uint8_t mode = c->wr[1] & WR1_RX_MODE;
    return c->fifo_len && (mode == WR1_RX_FIRST || mode == WR1_RX_ALL);
}

/* The pending bits in RR3 order for one channel (channel A shifted by 3). */
static uint8_t escc_channel_ip(EsccChannel *c)
{
    uint8_t ip = (c->ext_ip ? RR3_EXT_B : 0) | (c->tx_ip ? RR3_TX_B : 0) |
                 (escc_rx_ip(c) ? RR3_RX_B : 0);
    return c->id == ESCC_CHN_A ? ip << 3 : ip;
}

static uint8_t escc_rr3(EsccState *s)
{
    return escc_channel_ip(&s->chn[ESCC_CHN_A]) | escc_channel_ip(&s->chn[ESCC_CHN_B]);
}

static void escc_update_irq(EsccState *s)
{
    irq_set(s->irq, (s->wr9 & WR9_MIE) && escc_rr3(s));
}

/*
 * RR2 of channel B: the vector with the status of the highest-priority
 * pending interrupt (UM010903 table 5-8: Rx A, Tx A, Ext A, Rx B, Tx B,
 * Ext B). Codes: B tx 0, B ext 1, B rx 2, A tx 4, A ext 5, A rx 6;
 * 3 when nothing is pending.
 */
static uint8_t escc_vector_status(EsccState *s)
{
    static const struct { uint8_t bit, code; } prio[] = {
        { RR3_RX_A, 6 }, { RR3_TX_A, 4 }, { RR3_EXT_A, 5 },
        { RR3_RX_B, 2 }, { RR3_TX_B, 0 }, { RR3_EXT_B, 1 },
    };
    uint8_t ip = escc_rr3(s), code = 3;

    for (size_t i = 0; i < G_N_ELEMENTS(prio); i++) {
        if (ip & prio[i].bit) {
            code = prio[i].code;
            break;
        }
    }
    if (s->wr9 & WR9_STATUS_HIGH) {
        /* V4..V6 carry the code bits in reverse order */
        uint8_t rev = ((code & 1) << 2) | (code & 2) | ((code >> 2) & 1);
        return (s->wr2 & ~0x70) | (rev << 4);
    }
    return (s->wr2 & ~0x0e) | (code << 1);
}

static uint8_t escc_rr0(EsccChannel *c)
{
    uint8_t v = c->rr0_latch | RR0_TX_UNDERRUN;

    if (c->fifo_len) {
        v |= RR0_RX_AVAIL;
    }
    if (!c->tx_full) {
        v |= RR0_TX_EMPTY;
    }
    if (c->s->disabled) {
        v |= RR0_DCD | RR0_SYNC_HUNT | RR0_CTS;
    }
    return v;
}

static void escc_fifo_push(EsccChannel *c, uint8_t b)
{
    if (c->fifo_len >= escc_fifo_size(c)) {
        return;  /* overrun: the character is lost */
    }
    c->fifo[(c->fifo_head + c->fifo_len++) % ESCC_FIFO_INPUT] = b;
}

static uint8_t escc_fifo_pop(EsccChannel *c)
{
    uint8_t b;

    if (!c->fifo_len) {
        return 0;
    }
    b = c->fifo[c->fifo_head];
    c->fifo_head = (c->fifo_head + 1) % ESCC_FIFO_INPUT;
    c->fifo_len--;
    return b;
}

static void escc_keyboard_command(EsccChannel *c, uint8_t cmd)
{
    static const uint8_t reset_reply[] = { 0xff, 0x04, 0x7f }; /* idle, type 4/5, idle */
    static const uint8_t layout_reply[] = { 0xfe, 0x21 };      /* layout: US */

    if (c->kbd_led_next) {
        c->kbd_led_next = false;
        return;
    }
    switch (cmd) {
    case 0x01:                 /* reset */
        c->fifo_len = 0;
        for (size_t i = 0; i < sizeof(reset_reply); i++) {
            escc_fifo_push(c, reset_reply[i]);
        }
        break;
    case 0x0e:                 /* set LEDs: the LED byte follows */
        c->kbd_led_next = true;
        break;
    case 0x0f:                 /* report layout */
        for (size_t i = 0; i < sizeof(layout_reply); i++) {
            escc_fifo_push(c, layout_reply[i]);
        }
        break;
    default:                   /* bell and click on/off: nothing to hear */
        break;
    }
}

static void escc_transmit(EsccChannel *c, uint8_t b)
{
    if (c->chr) {
        char_fe_write(&c->fe, &b, 1);
    } else if (c->type == ESCC_CHN_KEYBOARD && !c->s->disabled) {
        escc_keyboard_command(c, b);
    }
    /* The buffer empties at once: a transmit interrupt if enabled. */
    c->tx_full = false;
    if (c->wr[1] & WR1_TX_IE) {
        c->tx_ip = true;
    }
}

static void escc_channel_reset(EsccChannel *c)
{
    memset(c->wr, 0, sizeof(c->wr));
    c->wr[4] = WR4_DEFAULT;
    c->wr[11] = WR11_DEFAULT;
    c->wr[14] = WR14_DEFAULT;
    c->wr[15] = WR15_DEFAULT;
    c->reg = 0;
    c->rr0_latch = 0;
    c->tx_ip = c->ext_ip = false;
    c->tx_full = false;
    c->fifo_head = c->fifo_len = 0;
    c->kbd_led_next = false;
}

static void escc_hw_reset(EsccState *s)
{
    escc_channel_reset(&s->chn[0]);
    escc_channel_reset(&s->chn[1]);
    s->wr9 = WR9_RESET_HW;
    s->wr2 = 0;
}

static void escc_command(EsccChannel *c, unsigned cmd)
{
    switch (cmd) {
    case WR0_CMD_RESET_EXT:
        /* re-arm the external/status latches */
        c->ext_ip = false;
        c->rr0_latch &= ~RR0_BREAK;
        break;
    case WR0_CMD_RESET_TX_IP:
        c->tx_ip = false;
        break;
    case WR0_CMD_NULL:
    case WR0_CMD_ENABLE_RX_NEXT:
    case WR0_CMD_ERROR_RESET:
    case WR0_CMD_RESET_IUS:    /* no interrupt acknowledge cycles on these buses */
        break;
    default:
        log_unimp("escc: WR0 command %u\n", cmd);
        break;
    }
}

static void escc_write_control(EsccChannel *c, uint8_t val)
{
    EsccState *s = c->s;
    unsigned reg = c->reg;

    c->reg = 0;
    switch (reg) {
    case 0:
        c->reg = val & 7;
        if (((val >> 3) & 7) == WR0_CMD_POINT_HIGH) {
            c->reg |= 8;
        } else {
            escc_command(c, (val >> 3) & 7);
        }
        break;
    case 2:
        s->wr2 = val;
        break;
    case 5:
        c->wr[5] = val;
        if ((val & WR5_TX_ENABLE) && c->tx_full) {
            escc_transmit(c, c->tx_byte);
        }
        break;
    case 9:
        switch (val & WR9_RESET_MASK) {
        case WR9_RESET_A:
            escc_channel_reset(&s->chn[ESCC_CHN_A]);
            break;
        case WR9_RESET_B:
            escc_channel_reset(&s->chn[ESCC_CHN_B]);
            break;
        case WR9_RESET_HW:
            escc_hw_reset(s);
            break;
        default:
            s->wr9 = val;
            break;
        }
        break;
    default:
        c->wr[reg] = val;
        break;
    }
    if (reg == 3 && (val & WR3_RX_ENABLE) && c->chr) {
        char_fe_accept_input(&c->fe);
    }
    escc_update_irq(s);
}

static uint8_t escc_read_data(EsccChannel *c);

static uint8_t escc_read_control(EsccChannel *c)
{
    EsccState *s = c->s;
    /* NMOS 8530 images: RR4-7 = RR0-3, RR9 = RR13, RR11 = RR15, RR14 = RR10 */
    static const uint8_t alias[16] = { 0, 1, 2, 3, 0, 1, 2, 3, 8, 13, 10, 15, 12, 13, 10, 15 };
    unsigned reg = alias[c->reg];

    c->reg = 0;
    switch (reg) {
    case 0:
        return escc_rr0(c);
    case 1:
        return RR1_ALL_SENT | RR1_8BIT_RESIDUE;
    case 2:
        return c->id == ESCC_CHN_A ? s->wr2 : escc_vector_status(s);
    case 3:
        return c->id == ESCC_CHN_A ? escc_rr3(s) : 0;
    case 8:                    /* the receive buffer, as the data port */
        return escc_read_data(c);
    case 12:
    case 13:
        return c->wr[reg];
    case 15:
        return c->wr[15] & ~0x05;
    default:                   /* RR10: no SDLC/DPLL status */
        return 0;
    }
}

static uint8_t escc_read_data(EsccChannel *c)
{
    uint8_t b = escc_fifo_pop(c);

    escc_update_irq(c->s);
    if (c->chr) {
        char_fe_accept_input(&c->fe);
    }
    return b;
}

static void escc_write_data(EsccChannel *c, uint8_t val)
{
    c->tx_ip = false;
    if (c->wr[5] & WR5_TX_ENABLE) {
        escc_transmit(c, val);
    } else {
        c->tx_full = true;
        c->tx_byte = val;
    }
    escc_update_irq(c->s);
}

static EsccChannel *escc_channel_at(EsccState *s, hwaddr addr, bool *data)
{
    *data = (addr >> s->it_shift) & 1;
    return &s->chn[(addr >> (s->it_shift + 1)) & 1 ? ESCC_CHN_A : ESCC_CHN_B];
}

static uint64_t escc_read(void *opaque, hwaddr addr, unsigned size)
{
    bool data;
    EsccChannel *c = escc_channel_at(opaque, addr, &data);

    return data ? escc_read_data(c) : escc_read_control(c);
}

static void escc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    bool data;
    EsccChannel *c = escc_channel_at(opaque, addr, &data);

    if (data) {
        escc_write_data(c, val);
    } else {
        escc_write_control(c, val);
    }
}

static const MemoryRegionOps escc_ops = {
    .read = escc_read,
    .write = escc_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static int escc_can_receive(void *opaque)
{
    EsccChannel *c = opaque;

    if (!(c->wr[3] & WR3_RX_ENABLE)) {
        return 0;
    }
    return escc_fifo_size(c) - c->fifo_len;
}

static void escc_receive(void *opaque, const uint8_t *buf, int len)
{
    EsccChannel *c = opaque;

    for (int i = 0; i < len; i++) {
        escc_fifo_push(c, buf[i]);
    }
    escc_update_irq(c->s);
}

static void escc_event(void *opaque, CharEvent event)
{
    EsccChannel *c = opaque;

    if (event == CHR_EVENT_BREAK) {
        c->rr0_latch |= RR0_BREAK;
        if ((c->wr[1] & WR1_EXT_IE) && (c->wr[15] & WR15_BREAK_IE)) {
            c->ext_ip = true;
        }
        escc_update_irq(c->s);
    }
}

void escc_input_bytes(Device *dev, int channel, const uint8_t *buf, int len)
{
    EsccState *s = (EsccState *)dev;

    escc_receive(&s->chn[channel], buf, len);
}

static bool escc_realize(Device *dev, GError **err)
{
    EsccState *s = (EsccState *)dev;

    /* 2 channels x (control, data), spaced 1 << it_shift apart */
    memory_region_init_io(&s->mmio, &escc_ops, s, "escc", 4u << s->it_shift);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_out(dev, &s->irq);
    for (int i = 0; i < 2; i++) {
        EsccChannel *c = &s->chn[i];
        c->s = s;
        c->id = i;
        if (c->chr) {
            if (!char_fe_init(&c->fe, c->chr, err)) {
                return false;
            }
            char_fe_set_handlers(&c->fe, escc_can_receive, escc_receive, escc_event, c);
        }
    }
    return true;
}

static void escc_reset(Device *dev)
{
    EsccState *s = (EsccState *)dev;

    escc_hw_reset(s);
    escc_update_irq(s);
}

static const Property escc_props[] = {
    PROP_U32_("it-shift", EsccState, it_shift, 1, 0, 8, "log2 of the register spacing"),
    PROP_BOOL_("disabled", EsccState, disabled, false,
               "nothing attached: DCD, CTS and sync read as asserted"),
    PROP_U32_("chnA-type", EsccState, chn[ESCC_CHN_A].type, ESCC_CHN_SERIAL, 0, 2,
              "channel A: 0 serial, 1 Sun keyboard, 2 Sun mouse"),
    PROP_U32_("chnB-type", EsccState, chn[ESCC_CHN_B].type, ESCC_CHN_SERIAL, 0, 2,
              "channel B: 0 serial, 1 Sun keyboard, 2 Sun mouse"),
    PROP_LINK_("chrA", EsccState, chn[ESCC_CHN_A].chr, "chardev", "channel A backend"),
    PROP_LINK_("chrB", EsccState, chn[ESCC_CHN_B].chr, "chardev", "channel B backend"),
    PROP_END,
};

static const DeviceType escc_type = {
    .name = "escc",
    .desc = "Zilog 8530 SCC / 85C30 ESCC dual serial controller",
    .instance_size = sizeof(EsccState),
    .props = escc_props,
    .realize = escc_realize,
    .reset = escc_reset,
};

static void __attribute__((constructor)) escc_register(void)
{
    device_type_register(&escc_type);
}

/*
 * The NCR53C9x family SCSI controller ("ESP"), FAS100A flavour, as QEMU
 * models it for sun4m (NCR53C9X and NCR89C100 data sheets; Linux's
 * drivers/scsi/esp_scsi.c and sun_esp.c are the driver it must satisfy).
 *
 * Sixteen byte-wide registers, 1 << it-shift bytes apart. The host loads a
 * transfer count and issues commands; each command that involves the bus
 * ends with an interrupt whose cause (interrupt register), bus phase
 * (status register) and sequence step tell the driver what happened. The
 * SCSI side is hw/scsi/scsi-bus.c and always answers at once, so a command
 * runs to its interrupt inside the register write that issued it. DMA goes
 * through the engine the board connects (hw/sparc/sparc32_dma.c).
 */
#include <string.h>

#include "hw/scsi/esp.h"
#include "util/error.h"
#include "util/log.h"

/* Registers (NCR53C9X 3.2): read meaning / write meaning. */
enum {
    ESP_TCLO = 0x0,
    ESP_TCMID = 0x1,
    ESP_FIFO = 0x2,
    ESP_CMD = 0x3,
    ESP_RSTAT = 0x4,   /* write: ESP_WBUSID */
    ESP_RINTR = 0x5,   /* write: select timeout */
    ESP_RSEQ = 0x6,    /* write: synchronous period */
    ESP_RFLAGS = 0x7,  /* write: synchronous offset */
    ESP_CFG1 = 0x8,
    ESP_WCCF = 0x9,    /* clock conversion factor */
    ESP_WTEST = 0xa,
    ESP_CFG2 = 0xb,
    ESP_CFG3 = 0xc,
    ESP_RES3 = 0xd,
    ESP_TCHI = 0xe,    /* read before any DMA command: the chip ID */
    ESP_RES4 = 0xf,
};
#define ESP_WBUSID ESP_RSTAT
#define BUSID_DID 0x07

/* Commands. */
#define CMD_DMA 0x80
#define CMD_CMD 0x7f
enum {
    CMD_NOP = 0x00,
    CMD_FLUSH = 0x01,
    CMD_RESET = 0x02,
    CMD_BUSRESET = 0x03,
    CMD_TI = 0x10,
    CMD_ICCS = 0x11,
    CMD_MSGACC = 0x12,
    CMD_PAD = 0x18,
    CMD_SATN = 0x1a,
    CMD_RSTATN = 0x1b,
    CMD_SEL = 0x41,
    CMD_SELATN = 0x42,
    CMD_SELATNS = 0x43,
    CMD_ENSEL = 0x44,
    CMD_DISSEL = 0x45,
};

/* Status register: bus phase in bits 2..0, then flags. */
#define STAT_DO 0x00
#define STAT_DI 0x01
#define STAT_CD 0x02
#define STAT_ST 0x03
#define STAT_MI 0x07
#define STAT_PHASE 0x07
#define STAT_TC 0x10
#define STAT_INT 0x80

/* Interrupt register. */
#define INTR_FC 0x08       /* function complete */
#define INTR_BS 0x10       /* bus service */
#define INTR_DC 0x20       /* disconnect */
#define INTR_RST 0x80      /* SCSI bus reset */

#define SEQ_0 0x0
#define SEQ_CD 0x4         /* selection done, command sent */

#define CFG1_RESREPT 0x40  /* no interrupt for a bus reset */
#define TCHI_FAS100A 0x04  /* family code 0: FAS100A */

#define ESP_DMA_CHUNK 0x10000

static void esp_raise_irq(ESPState *s)
{
    s->rregs[ESP_RSTAT] |= STAT_INT;
    irq_raise(s->irq);
}

static void esp_lower_irq(ESPState *s)
{
    s->rregs[ESP_RSTAT] &= ~STAT_INT;
    irq_lower(s->irq);
}

/* Ends an interrupt-raising command: cause, sequence step, and whether the
 * transfer counter ran out. */
static void esp_interrupt(ESPState *s, uint8_t intr, uint8_t seq)
{
    s->rregs[ESP_RINTR] = intr;
    s->rregs[ESP_RSEQ] = seq;
    esp_raise_irq(s);
}

static void esp_set_phase(ESPState *s, uint8_t phase)
{
    s->rregs[ESP_RSTAT] = (s->rregs[ESP_RSTAT] & ~STAT_PHASE) | phase;
}

/* The current transfer counter (24 bits; 0 stands for the maximum). */
static uint32_t esp_tc(ESPState *s)
{
    return s->rregs[ESP_TCLO] | (s->rregs[ESP_TCMID] << 8) | (s->rregs[ESP_TCHI] << 16);
}

static void esp_set_tc(ESPState *s, uint32_t tc)
{
    s->rregs[ESP_TCLO] = tc;
    s->rregs[ESP_TCMID] = tc >> 8;
    s->rregs[ESP_TCHI] = tc >> 16;
    if (tc == 0) {
        s->rregs[ESP_RSTAT] |= STAT_TC;
    } else {
        s->rregs[ESP_RSTAT] &= ~STAT_TC;
    }
}

/* Bytes a DMA command may move: the counter, where 0 means 64 KB (16-bit
 * counter, as sun_esp programs it). */
static uint32_t esp_dma_len(ESPState *s)
{
    uint32_t tc = esp_tc(s);
    return tc ? tc : 0x10000;
}

static void esp_fifo_clear(ESPState *s)
{
    s->fifo_len = 0;
    s->rregs[ESP_RFLAGS] = 0;
}

static void esp_fifo_push(ESPState *s, uint8_t byte)
{
    if (s->fifo_len == ESP_FIFO_SIZE) {
        log_guest_error("esp: FIFO overrun\n");
        return;
    }
    s->fifo[s->fifo_len++] = byte;
    s->rregs[ESP_RFLAGS] = s->fifo_len;
}

static uint8_t esp_fifo_pop(ESPState *s)
{
    uint8_t byte;
    if (!s->fifo_len) {
        log_guest_error("esp: read of the empty FIFO\n");
        return 0;
    }
    byte = s->fifo[0];
    memmove(s->fifo, s->fifo + 1, --s->fifo_len);
    s->rregs[ESP_RFLAGS] = s->fifo_len;
    return byte;
}

static void esp_drop_request(ESPState *s)
{
    scsi_req_free(s->req);
    s->req = NULL;
    s->cmd_phase = false;
}

/* After a DMA command moved `moved` bytes of the counter's worth. */
static void esp_count_down(ESPState *s, uint32_t moved)
{
    if (moved) {
        esp_set_tc(s, esp_dma_len(s) - moved);
    }
}

/* DMA between a buffer and memory, counted down in the counter. */
static bool esp_dma(ESPState *s, uint8_t *buf, uint32_t len, bool to_memory)
{
    bool ok = s->dma_transfer && s->dma_transfer(s->dma_opaque, buf, len, to_memory);
    if (!s->dma_transfer) {
        log_guest_error("esp: DMA command without a DMA engine\n");
    }
    esp_count_down(s, len);
    return ok;
}

/* Target's answer to a CDB: data phase or straight to status. */
static void esp_start_command(ESPState *s, unsigned lun, const uint8_t *cdb, unsigned len)
{
    int64_t left;

    if (!len) {
        log_guest_error("esp: selection without a CDB\n");
    }
    s->req = scsi_req_new(&s->bus, s->target, lun, cdb, len);
    left = scsi_req_data_left(s->req);
    esp_set_phase(s, left > 0 ? STAT_DI : left < 0 ? STAT_DO : STAT_ST);
    s->rregs[ESP_RSTAT] |= STAT_TC;
    esp_interrupt(s, INTR_BS | INTR_FC, SEQ_CD);
}

/* The bytes sent after selection: by DMA, the counter's worth; else the FIFO. */
static unsigned esp_fetch_bytes(ESPState *s, uint8_t *out, unsigned room, bool dma)
{
    unsigned n;
    if (dma) {
        n = MIN(esp_dma_len(s), room);
        esp_dma(s, out, n, false);
    } else {
        n = MIN(s->fifo_len, room);
        memcpy(out, s->fifo, n);
        esp_fifo_clear(s);
    }
    return n;
}

static void esp_select(ESPState *s, bool dma, bool atn, bool stop)
{
    /* A new selection abandons a command left in its status phase (as
     * OpenBIOS does, never reading the status). */
    if (s->req) {
        esp_drop_request(s);
    }
    s->target = s->wregs[ESP_WBUSID] & BUSID_DID;
    s->cmdlen = esp_fetch_bytes(s, s->cmdbuf, stop ? 1 : ESP_CMDBUF_SIZE, dma);
    if (!scsi_bus_find(&s->bus, s->target)) {
        /* Selection timeout: nobody answers, nothing was taken. */
        esp_set_phase(s, STAT_DO);
        s->rregs[ESP_RSTAT] &= ~STAT_TC;
        esp_interrupt(s, INTR_DC, SEQ_0);
        return;
    }
    if (stop) {
        /* Identify message sent; the target asks for the CDB. */
        s->cmd_phase = true;
        esp_set_phase(s, STAT_CD);
        s->rregs[ESP_RSTAT] |= STAT_TC;
        esp_interrupt(s, INTR_BS | INTR_FC, SEQ_CD);
    } else if (atn) {
        esp_start_command(s, s->cmdbuf[0] & 7, s->cmdbuf + 1, s->cmdlen ? s->cmdlen - 1 : 0);
    } else {
        esp_start_command(s, 0, s->cmdbuf, s->cmdlen);
    }
}

/* Transfer Information in the data phase. */
static void esp_transfer_data(ESPState *s, bool dma)
{
    int64_t left = scsi_req_data_left(s->req);
    bool to_memory = left > 0;
    uint64_t want = to_memory ? left : -left;

    if (dma) {
        uint64_t todo = MIN(want, esp_dma_len(s));
        uint32_t total = 0;
        while (todo) {
            size_t n = MIN(todo, ESP_DMA_CHUNK), moved;
            if (to_memory) {
                moved = scsi_req_transfer(s->req, s->dma_buf, n);
                s->dma_transfer(s->dma_opaque, s->dma_buf, moved, true);
            } else {
                s->dma_transfer(s->dma_opaque, s->dma_buf, n, false);
                moved = scsi_req_transfer(s->req, s->dma_buf, n);
            }
            total += n;
            todo = moved < n ? 0 : todo - n;
        }
        esp_count_down(s, total);
    } else if (to_memory) {
        while (s->fifo_len < ESP_FIFO_SIZE && scsi_req_data_left(s->req) > 0) {
            uint8_t byte;
            scsi_req_transfer(s->req, &byte, 1);
            esp_fifo_push(s, byte);
        }
    } else {
        scsi_req_transfer(s->req, s->fifo, s->fifo_len);
        esp_fifo_clear(s);
    }
    left = scsi_req_data_left(s->req);
    esp_set_phase(s, left > 0 ? STAT_DI : left < 0 ? STAT_DO : STAT_ST);
    esp_interrupt(s, INTR_BS, SEQ_0);
}

static void esp_cmd_ti(ESPState *s, bool dma)
{
    if (s->cmd_phase) {
        /* The CDB after select-with-ATN-and-stop; PIO bytes came through
         * the FIFO into cmdbuf already. */
        if (dma && s->dma_transfer) {
            s->cmdlen += esp_fetch_bytes(s, s->cmdbuf + s->cmdlen,
                                         ESP_CMDBUF_SIZE - s->cmdlen, true);
        }
        s->cmd_phase = false;
        esp_start_command(s, s->cmdbuf[0] & 7, s->cmdbuf + 1, s->cmdlen ? s->cmdlen - 1 : 0);
    } else if (!s->req) {
        log_guest_error("esp: transfer information with no target connected\n");
        esp_interrupt(s, INTR_DC, SEQ_0);
    } else if (dma && !s->dma_transfer) {
        log_guest_error("esp: DMA command without a DMA engine\n");
        esp_interrupt(s, INTR_BS, SEQ_0);
    } else {
        esp_transfer_data(s, dma);
    }
}

/* Initiator Command Complete Sequence: status byte and COMMAND COMPLETE. */
static void esp_cmd_iccs(ESPState *s, bool dma)
{
    uint8_t msg[2] = { s->req ? s->req->status : SCSI_STATUS_GOOD, 0x00 };

    if (!s->req) {
        log_guest_error("esp: ICCS with no target connected\n");
    } else {
        esp_drop_request(s);
    }
    esp_fifo_clear(s);
    if (dma && s->dma_transfer) {
        esp_dma(s, msg, sizeof(msg), true);
    } else {
        esp_fifo_push(s, msg[0]);
        esp_fifo_push(s, msg[1]);
    }
    esp_set_phase(s, STAT_MI);
    esp_interrupt(s, INTR_FC, SEQ_0);
}

static void esp_soft_reset(ESPState *s)
{
    if (s->req) {
        esp_drop_request(s);
    }
    memset(s->rregs, 0, sizeof(s->rregs));
    memset(s->wregs, 0, sizeof(s->wregs));
    s->rregs[ESP_TCHI] = TCHI_FAS100A;
    s->rregs[ESP_CFG1] = 7;           /* own ID 7 */
    s->cmd_phase = false;
    s->cmdlen = 0;
    esp_fifo_clear(s);
    esp_lower_irq(s);
}

static void esp_run_command(ESPState *s, uint8_t val)
{
    bool dma = val & CMD_DMA;

    s->rregs[ESP_CMD] = val;
    if (dma) {
        /* A DMA command loads the counter from the start count. */
        s->rregs[ESP_TCLO] = s->wregs[ESP_TCLO];
        s->rregs[ESP_TCMID] = s->wregs[ESP_TCMID];
        s->rregs[ESP_TCHI] = s->wregs[ESP_TCHI];
    }
    switch (val & CMD_CMD) {
    case CMD_NOP:
    case CMD_SATN:
    case CMD_RSTATN:
        break;
    case CMD_FLUSH:
        esp_fifo_clear(s);
        break;
    case CMD_RESET:
        esp_soft_reset(s);
        break;
    case CMD_BUSRESET:
        if (s->req) {
            esp_drop_request(s);
        }
        s->rregs[ESP_RINTR] = INTR_RST;
        if (!(s->wregs[ESP_CFG1] & CFG1_RESREPT)) {
            esp_raise_irq(s);
        }
        break;
    case CMD_TI:
        esp_cmd_ti(s, dma);
        break;
    case CMD_ICCS:
        esp_cmd_iccs(s, dma);
        break;
    case CMD_MSGACC:
        /* COMMAND COMPLETE accepted: the target lets go of the bus. */
        esp_fifo_clear(s);
        esp_interrupt(s, INTR_DC, SEQ_0);
        break;
    case CMD_PAD:
        s->rregs[ESP_RSTAT] |= STAT_TC;
        s->rregs[ESP_RINTR] = INTR_FC;
        s->rregs[ESP_RSEQ] = SEQ_0;
        break;
    case CMD_SEL:
        esp_select(s, dma, false, false);
        break;
    case CMD_SELATN:
        esp_select(s, dma, true, false);
        break;
    case CMD_SELATNS:
        esp_select(s, dma, true, true);
        break;
    case CMD_ENSEL:
        s->rregs[ESP_RINTR] = 0;
        break;
    case CMD_DISSEL:
        esp_interrupt(s, 0, s->rregs[ESP_RSEQ]);
        break;
    default:
        log_unimp("esp: command 0x%02x\n", val);
        break;
    }
}

static uint64_t esp_read(void *opaque, hwaddr addr, unsigned size)
{
    ESPState *s = opaque;
    unsigned r = (addr >> s->it_shift) & (ESP_REGS - 1);
    uint8_t val;

    switch (r) {
    case ESP_FIFO:
        return esp_fifo_pop(s);
    case ESP_RINTR:
        /* Reading the cause acknowledges the interrupt (NCR53C9X 3.2.6). */
        val = s->rregs[ESP_RINTR];
        s->rregs[ESP_RINTR] = 0;
        s->rregs[ESP_RSTAT] &= ~STAT_TC;
        s->rregs[ESP_RSEQ] = SEQ_CD;
        esp_lower_irq(s);
        return val;
    default:
        return s->rregs[r];
    }
}

static void esp_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    ESPState *s = opaque;
    unsigned r = (addr >> s->it_shift) & (ESP_REGS - 1);

    val &= 0xff;
    switch (r) {
    case ESP_TCLO:
    case ESP_TCMID:
    case ESP_TCHI:
        s->rregs[ESP_RSTAT] &= ~STAT_TC;
        break;
    case ESP_FIFO:
        if (s->cmd_phase) {
            if (s->cmdlen < ESP_CMDBUF_SIZE) {
                s->cmdbuf[s->cmdlen++] = val;
            }
        } else {
            esp_fifo_push(s, val);
        }
        break;
    case ESP_CMD:
        esp_run_command(s, val);
        break;
    case ESP_CFG1:
    case ESP_CFG2:
    case ESP_CFG3:
    case ESP_RES3:
        s->rregs[r] = val;
        break;
    case ESP_RES4:
        log_guest_error("esp: write of register 0x%x\n", r);
        return;
    default:
        break;
    }
    s->wregs[r] = val;
}

static const MemoryRegionOps esp_ops = {
    .read = esp_read,
    .write = esp_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void esp_reset_line(void *opaque, int n, int level)
{
    if (level) {
        esp_soft_reset(opaque);
    }
}

static bool esp_realize(Device *dev, GError **err)
{
    ESPState *s = (ESPState *)dev;

    memory_region_init_io(&s->mmio, &esp_ops, s, "esp", ESP_REGS << s->it_shift);
    s->reset_in = irq_new(esp_reset_line, s, 0);
    s->dma_buf = g_malloc(ESP_DMA_CHUNK);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_in(dev, s->reset_in);
    device_add_irq_out(dev, &s->irq);
    return true;
}

static void esp_reset(Device *dev)
{
    esp_soft_reset((ESPState *)dev);
}

static const Property esp_props[] = {
    PROP_U32_("it-shift", ESPState, it_shift, 2, 0, 4, "log2 of the register stride"),
    PROP_END,
};

static const DeviceType esp_type = {
    .name = "esp",
    .desc = "NCR53C9x (FAS100A) SCSI controller",
    .instance_size = sizeof(ESPState),
    .props = esp_props,
    .realize = esp_realize,
    .reset = esp_reset,
};

static void __attribute__((constructor)) esp_register(void)
{
    device_type_register(&esp_type);
}

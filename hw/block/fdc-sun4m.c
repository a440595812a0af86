/*
 * The SPARCstation floppy controller (Intel 82077AA in the sun4m "SUNW,fdtwo"
 * wiring; Intel 82077AA datasheet, 290166, sections 2-6) with an empty
 * drive: the registers answer as the chip does and commands run their
 * command/result phases. Drives 0 and 1 seek and recalibrate (the heads
 * move without a medium, as QEMU's empty drive does: OpenBIOS retries a
 * failed recalibrate forever); transfers end not-ready; drives 2 and 3 are
 * missing (recalibrate reports equipment check).
 *
 * Registers at offsets 0-7: SRA, SRB, DOR, TDR, MSR (read) / DSR (write),
 * FIFO, -, DIR (read) / CCR (write). Output 0: the interrupt; input 0: the
 * terminal count from AUX1 (no transfers run, so it ends nothing).
 */
#include <string.h>

#include "hw/core/qdev.h"
#include "util/log.h"

enum {
    FD_SRA = 0,
    FD_SRB = 1,
    FD_DOR = 2,
    FD_TDR = 3,
    FD_MSR = 4,    /* write: DSR */
    FD_FIFO = 5,
    FD_DIR = 7,    /* write: CCR */
};

#define FD_SRA_INTPEND 0x80
#define FD_DOR_NRESET 0x04
#define FD_DSR_SWRESET 0x80
#define FD_MSR_CB 0x10
#define FD_MSR_DIO 0x40
#define FD_MSR_RQM 0x80
#define FD_DIR_DSKCHG 0x80

#define FD_ST0_ABNORMAL 0x40
#define FD_ST0_INVALID 0x80
#define FD_ST0_POLL 0xc0          /* ready line changed: after a reset */
#define FD_ST0_SEEK_END 0x20
#define FD_ST0_EQUIP_CHECK 0x10
#define FD_ST0_NOT_READY 0x08
#define FD_ST1_MISSING_AM 0x01
#define FD_DRIVES 2               /* drives attached (an A: and a B: drive) */

typedef struct FdcCommand {
    uint8_t opcode;            /* low 5 bits of the command byte */
    uint8_t params;            /* parameter bytes after the command */
} FdcCommand;

enum {
    FD_CMD_READ_TRACK = 0x02,
    FD_CMD_SPECIFY = 0x03,
    FD_CMD_SENSE_DRIVE = 0x04,
    FD_CMD_WRITE = 0x05,
    FD_CMD_READ = 0x06,
    FD_CMD_RECALIBRATE = 0x07,
    FD_CMD_SENSE_INT = 0x08,
    FD_CMD_WRITE_DELETED = 0x09,
    FD_CMD_READ_ID = 0x0a,
    FD_CMD_READ_DELETED = 0x0c,
    FD_CMD_FORMAT = 0x0d,
    FD_CMD_DUMPREG = 0x0e,
    FD_CMD_SEEK = 0x0f,
    FD_CMD_VERSION = 0x10,
    FD_CMD_PERPENDICULAR = 0x12,
    FD_CMD_CONFIGURE = 0x13,
    FD_CMD_LOCK = 0x14,
    FD_CMD_VERIFY = 0x16,
    FD_CMD_PART_ID = 0x18,
};

/* Parameter counts (82077AA table 6-1); unlisted commands are invalid. */
static const FdcCommand fdc_commands[] = {
    { FD_CMD_READ_TRACK, 8 }, { FD_CMD_SPECIFY, 2 }, { FD_CMD_SENSE_DRIVE, 1 },
    { FD_CMD_WRITE, 8 }, { FD_CMD_READ, 8 }, { FD_CMD_RECALIBRATE, 1 },
    { FD_CMD_SENSE_INT, 0 }, { FD_CMD_WRITE_DELETED, 8 }, { FD_CMD_READ_ID, 1 },
    { FD_CMD_READ_DELETED, 8 }, { FD_CMD_FORMAT, 5 }, { FD_CMD_DUMPREG, 0 },
    { FD_CMD_SEEK, 2 }, { FD_CMD_VERSION, 0 }, { FD_CMD_PERPENDICULAR, 1 },
    { FD_CMD_CONFIGURE, 3 }, { FD_CMD_LOCK, 0 }, { FD_CMD_VERIFY, 8 },
    { FD_CMD_PART_ID, 0 },
};

typedef struct FdcSun4m {
    Device parent;
    MemoryRegion mmio;
    Irq *irq;
    uint8_t dor, tdr, dsr;
    uint8_t cmd[9];            /* command byte and parameters */
    unsigned cmd_len, cmd_need;
    uint8_t result[10];
    unsigned result_len, result_pos;
    bool int_pending;
    uint8_t st0_pending;       /* what SENSE INTERRUPT STATUS reports */
    unsigned reset_polls;      /* drives still to report after a reset */
    uint8_t cyl[4];            /* present cylinder, as seeks set it */
    uint8_t specify[2], config[3], perpendicular;
    bool lock;
} FdcSun4m;

static void fdc_set_int(FdcSun4m *s, bool on)
{
    s->int_pending = on;
    irq_set(s->irq, on);
}

static void fdc_result(FdcSun4m *s, const uint8_t *bytes, unsigned n)
{
    memcpy(s->result, bytes, n);
    s->result_len = n;
    s->result_pos = 0;
}

static void fdc_reset_chip(FdcSun4m *s)
{
    s->cmd_len = s->cmd_need = 0;
    s->result_len = s->result_pos = 0;
    memset(s->cyl, 0, sizeof(s->cyl));
    /* After a reset the chip interrupts and reports each drive's ready change. */
    s->reset_polls = 4;
    s->st0_pending = FD_ST0_POLL;
    fdc_set_int(s, true);
}

/* Result phase of a transfer command on a drive that is not there. */
static void fdc_transfer_not_ready(FdcSun4m *s)
{
    uint8_t r[7] = { FD_ST0_ABNORMAL | FD_ST0_NOT_READY | (s->cmd[1] & 7), FD_ST1_MISSING_AM, 0,
                     s->cmd[2], s->cmd[3], s->cmd[4], s->cmd[5] };

    if ((s->cmd[0] & 0x1f) == FD_CMD_READ_ID || (s->cmd[0] & 0x1f) == FD_CMD_FORMAT) {
        r[3] = s->cyl[s->cmd[1] & 3];
        r[4] = (s->cmd[1] >> 2) & 1;
        r[5] = 1;
        r[6] = 2;
    }
    fdc_result(s, r, sizeof(r));
    fdc_set_int(s, true);
}

static void fdc_execute(FdcSun4m *s)
{
    uint8_t drive = s->cmd[1] & 3;

    switch (s->cmd[0] & 0x1f) {
    case FD_CMD_SPECIFY:
        memcpy(s->specify, &s->cmd[1], 2);
        break;
    case FD_CMD_SENSE_DRIVE: {
        /* ST3: no write protect, ready, track 0 or two-side lines: no drive */
        uint8_t st3 = s->cmd[1] & 7;
        fdc_result(s, &st3, 1);
        break;
    }
    case FD_CMD_RECALIBRATE:
        /* Without a drive no track-0 signal arrives: equipment check. */
        s->cyl[drive] = 0;
        s->st0_pending = FD_ST0_SEEK_END | drive |
                         (drive < FD_DRIVES ? 0 : FD_ST0_ABNORMAL | FD_ST0_EQUIP_CHECK);
        fdc_set_int(s, true);
        break;
    case FD_CMD_SEEK:
        s->cyl[drive] = s->cmd[2];
        s->st0_pending = FD_ST0_SEEK_END | drive;
        fdc_set_int(s, true);
        break;
    case FD_CMD_SENSE_INT:
        if (s->reset_polls) {
            uint8_t r[2] = { FD_ST0_POLL | (4 - s->reset_polls), 0 };
            s->reset_polls--;
            fdc_result(s, r, 2);
        } else if (s->int_pending) {
            uint8_t r[2] = { s->st0_pending, s->cyl[s->st0_pending & 3] };
            fdc_result(s, r, 2);
        } else {
            uint8_t st0 = FD_ST0_INVALID;
            fdc_result(s, &st0, 1);
        }
        fdc_set_int(s, false);
        break;
    case FD_CMD_DUMPREG: {
        uint8_t r[10] = { s->cyl[0], s->cyl[1], s->cyl[2], s->cyl[3], s->specify[0],
                          s->specify[1], 0, (s->lock ? 0x80 : 0) | s->perpendicular,
                          s->config[1], s->config[2] };
        fdc_result(s, r, sizeof(r));
        break;
    }
    case FD_CMD_VERSION: {
        uint8_t v = 0x90;      /* enhanced controller (82077AA) */
        fdc_result(s, &v, 1);
        break;
    }
    case FD_CMD_PERPENDICULAR:
        s->perpendicular = s->cmd[1];
        break;
    case FD_CMD_CONFIGURE:
        memcpy(s->config, &s->cmd[1], 3);
        break;
    case FD_CMD_LOCK: {
        uint8_t r;
        s->lock = s->cmd[0] & 0x80;
        r = s->lock ? 0x10 : 0;
        fdc_result(s, &r, 1);
        break;
    }
    case FD_CMD_PART_ID: {
        uint8_t id = 0x41;     /* 82077AA stepping */
        fdc_result(s, &id, 1);
        break;
    }
    default:                   /* reads, writes, format, verify, read id */
        fdc_transfer_not_ready(s);
        break;
    }
}

static void fdc_write_fifo(FdcSun4m *s, uint8_t val)
{
    if (s->result_pos < s->result_len) {
        log_guest_error("fdc: command byte 0x%02x during the result phase\n", val);
        return;
    }
    if (s->cmd_need == 0) {
        const FdcCommand *c = NULL;
        for (size_t i = 0; i < G_N_ELEMENTS(fdc_commands); i++) {
            if (fdc_commands[i].opcode == (val & 0x1f)) {
                c = &fdc_commands[i];
            }
        }
        if (!c) {
            uint8_t st0 = FD_ST0_INVALID;
            fdc_result(s, &st0, 1);
            return;
        }
        s->cmd[0] = val;
        s->cmd_len = 1;
        s->cmd_need = 1 + c->params;
    } else {
        s->cmd[s->cmd_len++] = val;
    }
    if (s->cmd_len == s->cmd_need) {
        s->cmd_need = 0;
        fdc_execute(s);
    }
}

static uint8_t fdc_msr(FdcSun4m *s)
{
    if (s->result_pos < s->result_len) {
        return FD_MSR_RQM | FD_MSR_DIO | FD_MSR_CB;
    }
    return FD_MSR_RQM | (s->cmd_need ? FD_MSR_CB : 0);
}

static uint64_t fdc_read(void *opaque, hwaddr addr, unsigned size)
{
    FdcSun4m *s = opaque;

    switch (addr) {
    case FD_SRA:
        return s->int_pending ? FD_SRA_INTPEND : 0;
    case FD_SRB:
        return 0;
    case FD_DOR:
        return s->dor;
    case FD_TDR:
        return s->tdr;
    case FD_MSR:
        return fdc_msr(s);
    case FD_FIFO:
        if (s->result_pos < s->result_len) {
            uint8_t b = s->result[s->result_pos++];
            if (s->result_pos == s->result_len) {
                s->result_len = s->result_pos = 0;
                if ((s->cmd[0] & 0x1f) != FD_CMD_SENSE_INT) {
                    fdc_set_int(s, false);
                }
            }
            return b;
        }
        log_guest_error("fdc: FIFO read outside the result phase\n");
        return 0;
    case FD_DIR:
        return FD_DIR_DSKCHG;  /* no medium */
    default:
        return 0;
    }
}

static void fdc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    FdcSun4m *s = opaque;

    switch (addr) {
    case FD_DOR:
        if ((s->dor & FD_DOR_NRESET) == 0 && (val & FD_DOR_NRESET)) {
            fdc_reset_chip(s);
        }
        s->dor = val;
        break;
    case FD_TDR:
        s->tdr = val & 3;
        break;
    case FD_MSR:               /* DSR */
        s->dsr = val & ~FD_DSR_SWRESET;
        if (val & FD_DSR_SWRESET) {
            fdc_reset_chip(s);
        }
        break;
    case FD_FIFO:
        fdc_write_fifo(s, val);
        break;
    case FD_DIR:               /* CCR: data rate only */
        break;
    default:
        log_guest_error("fdc: write to read-only register %u\n", (unsigned)addr);
        break;
    }
}

static const MemoryRegionOps fdc_ops = {
    .read = fdc_read,
    .write = fdc_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void fdc_terminal_count(void *opaque, int n, int level)
{
}

static void fdc_init(Device *dev)
{
    FdcSun4m *s = (FdcSun4m *)dev;

    memory_region_init_io(&s->mmio, &fdc_ops, s, "fdc-sun4m", 8);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_out(dev, &s->irq);
    device_add_irq_in(dev, irq_new(fdc_terminal_count, s, 0));
}

static void fdc_reset(Device *dev)
{
    FdcSun4m *s = (FdcSun4m *)dev;

    s->dor = FD_DOR_NRESET;
    s->tdr = s->dsr = 0;
    s->lock = false;
    s->perpendicular = 0;
    fdc_reset_chip(s);
    /* A hardware reset leaves no interrupt asserted until software looks. */
    fdc_set_int(s, false);
    s->reset_polls = 0;
}

static const DeviceType fdc_sun4m_type = {
    .name = "fdc-sun4m",
    .desc = "sun4m 82077AA floppy controller (no drive)",
    .instance_size = sizeof(FdcSun4m),
    .init = fdc_init,
    .reset = fdc_reset,
};

static void __attribute__((constructor)) fdc_sun4m_register(void)
{
    device_type_register(&fdc_sun4m_type);
}

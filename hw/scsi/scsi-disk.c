/*
 * SCSI disk and CD-ROM (scsi-hd, scsi-cd) on a -drive backend, as QEMU
 * presents them: INQUIRY says "QEMU", "QEMU HARDDISK" or "QEMU CD-ROM",
 * revision "2.5+", SPC-3 (ANSI version 5). Implements the commands Linux's
 * sd and sr drivers send (SBC-3, MMC-6, SPC-4): reads and writes of
 * 512-byte (disk) or 2048-byte (CD) blocks, capacity, mode pages, cache
 * flush, and for a CD-ROM without a medium NOT READY / MEDIUM NOT PRESENT.
 * Sits on the bus of hw/scsi/scsi-bus.c; the board gives it a BlockBackend.
 */
#include <string.h>

#include "block/block.h"
#include "hw/scsi/scsi-bus.h"
#include "util/bswap.h"
#include "util/error.h"
#include "util/log.h"

typedef struct SCSIDisk {
    SCSIDevice scsi;
    BlockBackend *blk;          /* property "drive"; NULL: a CD-ROM without medium */
    bool is_cd;
    uint32_t block_size;
} SCSIDisk;

#define SCSI_DISK(d) ((SCSIDisk *)(d))

static uint64_t disk_blocks(SCSIDisk *s)
{
    return s->blk ? s->blk->size / s->block_size : 0;
}

static bool disk_read_only(SCSIDisk *s)
{
    return s->is_cd || s->blk->read_only;
}

/* Standard data and the vital product data pages 0x00 and 0x80 (SPC-4 6.4). */
static void disk_inquiry(SCSIDisk *s, SCSIRequest *req)
{
    uint8_t *r = req->reply;
    uint16_t alloc = lduw_be_p(&req->cdb[3]);

    memset(r, 0, 36);
    r[0] = s->is_cd ? 0x05 : 0x00;      /* peripheral device type */
    if (req->cdb[1] & 1) {              /* EVPD */
        static const uint8_t pages[] = { 0x00, 0x80 };
        r[1] = req->cdb[2];
        if (req->cdb[2] == 0x00) {
            r[3] = sizeof(pages);
            memcpy(&r[4], pages, sizeof(pages));
            scsi_req_reply(req, 4 + sizeof(pages), alloc);
        } else if (req->cdb[2] == 0x80) {
            int n = g_snprintf((char *)&r[4], 32, "CHIMERA%u", s->scsi.scsi_id);
            r[3] = n;
            scsi_req_reply(req, 4 + n, alloc);
        } else {
            scsi_req_fail(req, SENSE_INVALID_FIELD);
        }
        return;
    }
    if (req->cdb[2]) {
        scsi_req_fail(req, SENSE_INVALID_FIELD);
        return;
    }
    r[1] = s->is_cd ? 0x80 : 0x00;      /* RMB: removable medium */
    r[2] = 5;                           /* SPC-3 */
    r[3] = 0x12;                        /* HiSup, response data format 2 */
    r[4] = 36 - 5;
    r[7] = 0x10;                        /* Sync: synchronous transfers */
    memcpy(&r[8], "QEMU    ", 8);
    memcpy(&r[16], s->is_cd ? "QEMU CD-ROM     " : "QEMU HARDDISK   ", 16);
    memcpy(&r[32], "2.5+", 4);
    scsi_req_reply(req, 36, alloc);
}

static void disk_read_capacity_10(SCSIDisk *s, SCSIRequest *req)
{
    uint64_t last = disk_blocks(s) - 1;
    stl_be_p(&req->reply[0], MIN(last, 0xffffffffull));
    stl_be_p(&req->reply[4], s->block_size);
    scsi_req_reply(req, 8, 8);
}

static void disk_service_action_in(SCSIDisk *s, SCSIRequest *req)
{
    if ((req->cdb[1] & 0x1f) != SCSI_SAI_READ_CAPACITY_16) {
        scsi_req_fail(req, SENSE_INVALID_FIELD);
        return;
    }
    memset(req->reply, 0, 32);
    stq_be_p(&req->reply[0], disk_blocks(s) - 1);
    stl_be_p(&req->reply[8], s->block_size);
    scsi_req_reply(req, 32, ldl_be_p(&req->cdb[10]));
}

/* The block range of READ and WRITE (6), (10), (12), (16) (SBC-3 5). */
static void disk_decode_rw(const uint8_t *cdb, uint64_t *lba, uint32_t *count)
{
    switch (cdb[0] >> 5) {
    case 0:
        *lba = ((cdb[1] & 0x1f) << 16) | (cdb[2] << 8) | cdb[3];
        *count = cdb[4] ? cdb[4] : 256;
        break;
    case 1:
        *lba = ldl_be_p(&cdb[2]);
        *count = lduw_be_p(&cdb[7]);
        break;
    case 5:
        *lba = ldl_be_p(&cdb[2]);
        *count = ldl_be_p(&cdb[6]);
        break;
    default:
        *lba = ldq_be_p(&cdb[2]);
        *count = ldl_be_p(&cdb[10]);
        break;
    }
}

static void disk_rw(SCSIDisk *s, SCSIRequest *req, bool write)
{
    uint64_t lba;
    uint32_t count;

    disk_decode_rw(req->cdb, &lba, &count);
    if (write && disk_read_only(s)) {
        scsi_req_fail(req, SENSE_WRITE_PROTECTED);
    } else if (lba > disk_blocks(s) || count > disk_blocks(s) - lba) {
        scsi_req_fail(req, SENSE_LBA_OUT_OF_RANGE);
    } else {
        scsi_req_bulk(req, (uint64_t)count * s->block_size, write, lba * s->block_size);
    }
}

static void disk_read(SCSIDisk *s, SCSIRequest *req)
{
    disk_rw(s, req, false);
}

static void disk_write(SCSIDisk *s, SCSIRequest *req)
{
    disk_rw(s, req, true);
}

static void disk_synchronize_cache(SCSIDisk *s, SCSIRequest *req)
{
    if (!blk_flush(s->blk)) {
        scsi_req_fail(req, SENSE_WRITE_ERROR);
    }
}

/* MODE SELECT: parameters are accepted and ignored. */
static void disk_mode_select(SCSIDisk *s, SCSIRequest *req)
{
    uint32_t len = req->cdb[0] == SCSI_MODE_SELECT_6 ? req->cdb[4] : lduw_be_p(&req->cdb[7]);
    scsi_req_discard_out(req, len);
}

/* Mode pages (SBC-3 6.4, MMC-6 7): code, length, and the bytes after the
 * two-byte page header; changeable values read as zeros. */
typedef struct ModePage {
    uint8_t code;
    uint8_t len;
    bool cd_only;
    uint8_t data[20];
} ModePage;

static const ModePage mode_pages[] = {
    { 0x01, 10, false, { 0x80 } },                   /* read-write error recovery: AWRE */
    { 0x08, 18, false, { 0x04 } },                   /* caching: WCE */
    { 0x0a, 10, false, { 0 } },                      /* control */
    { 0x2a, 20, true,                                /* CD capabilities and mechanical status */
      { 0x3b, 0x00, 0x71, 0x73, 0x29, 0x00, 0x02, 0xc2, 0x00, 0x02, 0x02, 0x00, 0x02,
        0xc2 } },
};

static size_t disk_put_mode_page(SCSIDisk *s, const ModePage *p, bool changeable, uint8_t *out)
{
    if (p->cd_only && !s->is_cd) {
        return 0;
    }
    out[0] = p->code;
    out[1] = p->len;
    memcpy(&out[2], p->data, p->len);
    if (changeable) {
        memset(&out[2], 0, p->len);
    }
    return 2 + p->len;
}

static void disk_mode_sense(SCSIDisk *s, SCSIRequest *req)
{
    bool ten = req->cdb[0] == SCSI_MODE_SENSE_10;
    bool dbd = req->cdb[1] & 0x08;
    unsigned pc = req->cdb[2] >> 6, page = req->cdb[2] & 0x3f;
    size_t hdr = ten ? 8 : 4, len = hdr;
    uint8_t *r = req->reply;
    uint64_t alloc = ten ? lduw_be_p(&req->cdb[7]) : req->cdb[4];

    if (pc == 3) {
        scsi_req_fail(req, SENSE_SAVING_NOT_SUPPORTED);
        return;
    }
    memset(r, 0, SCSI_REPLY_MAX);
    r[ten ? 3 : 2] = s->blk && disk_read_only(s) ? 0x80 : 0x00;   /* WP */
    if (!dbd) {
        r[ten ? 7 : 3] = 8;
        stl_be_p(&r[len], MIN(disk_blocks(s), 0xffffffull));
        stl_be_p(&r[len + 4], s->block_size);
        len += 8;
    }
    bool found = false;
    for (size_t i = 0; i < G_N_ELEMENTS(mode_pages); i++) {
        if (page == 0x3f || page == mode_pages[i].code) {
            size_t n = disk_put_mode_page(s, &mode_pages[i], pc == 1, &r[len]);
            found |= n != 0;
            len += n;
        }
    }
    if (!found && page != 0x3f) {
        scsi_req_fail(req, SENSE_INVALID_FIELD);
        return;
    }
    if (ten) {
        stuw_be_p(&r[0], len - 2);
    } else {
        r[0] = len - 1;
    }
    scsi_req_reply(req, len, alloc);
}

/* READ TOC formats 0 (tracks) and 1 (sessions) for a one-track data disc (MMC-6 6.39). */
static void disk_read_toc(SCSIDisk *s, SCSIRequest *req)
{
    unsigned format = req->cdb[2] & 0x0f;
    bool msf = req->cdb[1] & 0x02;
    uint8_t *r = req->reply;
    size_t len;

    memset(r, 0, 20);
    r[2] = r[3] = 1;                    /* first and last track or session */
    r[5] = 0x14;                        /* ADR 1, data track */
    r[6] = 1;
    if (msf) {
        r[10] = 2;                      /* 00:02:00, the start of track 1 */
    }
    if (format == 0) {
        uint64_t end = disk_blocks(s) + (msf ? 150 : 0);
        r[13] = 0x14;
        r[14] = 0xaa;                   /* lead-out */
        if (msf) {
            r[17] = end / (75 * 60);
            r[18] = end / 75 % 60;
            r[19] = end % 75;
        } else {
            stl_be_p(&r[16], end);
        }
        len = 20;
    } else if (format == 1) {
        len = 12;
    } else {
        scsi_req_fail(req, SENSE_INVALID_FIELD);
        return;
    }
    stuw_be_p(&r[0], len - 2);
    scsi_req_reply(req, len, lduw_be_p(&req->cdb[7]));
}

/* The feature header and the profile list: CD-ROM current (MMC-6 5.3.1). */
static void disk_get_configuration(SCSIDisk *s, SCSIRequest *req)
{
    uint8_t *r = req->reply;
    memset(r, 0, 16);
    stl_be_p(&r[0], 12);
    stuw_be_p(&r[6], 0x0008);            /* current profile: CD-ROM */
    r[10] = 0x03;                       /* feature 0: persistent, current */
    r[11] = 4;
    stuw_be_p(&r[12], 0x0008);
    r[14] = 0x01;                       /* current */
    scsi_req_reply(req, 16, lduw_be_p(&req->cdb[7]));
}

static void disk_no_data(SCSIDisk *s, SCSIRequest *req)
{
}

/* What each operation code needs and who handles it. */
enum {
    NEEDS_MEDIUM = 1,
    CD_ONLY = 2,
};

typedef struct DiskCommand {
    uint8_t opcode;
    uint8_t flags;
    void (*handler)(SCSIDisk *s, SCSIRequest *req);
} DiskCommand;

static const DiskCommand disk_commands[] = {
    { SCSI_TEST_UNIT_READY, NEEDS_MEDIUM, disk_no_data },
    { SCSI_INQUIRY, 0, disk_inquiry },
    { SCSI_READ_6, NEEDS_MEDIUM, disk_read },
    { SCSI_READ_10, NEEDS_MEDIUM, disk_read },
    { SCSI_READ_12, NEEDS_MEDIUM, disk_read },
    { SCSI_READ_16, NEEDS_MEDIUM, disk_read },
    { SCSI_WRITE_6, NEEDS_MEDIUM, disk_write },
    { SCSI_WRITE_10, NEEDS_MEDIUM, disk_write },
    { SCSI_WRITE_12, NEEDS_MEDIUM, disk_write },
    { SCSI_WRITE_16, NEEDS_MEDIUM, disk_write },
    { SCSI_VERIFY_10, NEEDS_MEDIUM, disk_no_data },
    { SCSI_READ_CAPACITY_10, NEEDS_MEDIUM, disk_read_capacity_10 },
    { SCSI_SERVICE_ACTION_IN_16, NEEDS_MEDIUM, disk_service_action_in },
    { SCSI_SYNCHRONIZE_CACHE_10, NEEDS_MEDIUM, disk_synchronize_cache },
    { SCSI_SYNCHRONIZE_CACHE_16, NEEDS_MEDIUM, disk_synchronize_cache },
    { SCSI_MODE_SENSE_6, 0, disk_mode_sense },
    { SCSI_MODE_SENSE_10, 0, disk_mode_sense },
    { SCSI_MODE_SELECT_6, 0, disk_mode_select },
    { SCSI_MODE_SELECT_10, 0, disk_mode_select },
    { SCSI_START_STOP_UNIT, 0, disk_no_data },
    { SCSI_PREVENT_ALLOW_MEDIUM_REMOVAL, 0, disk_no_data },
    { SCSI_SEND_DIAGNOSTIC, 0, disk_no_data },
    { SCSI_READ_TOC, NEEDS_MEDIUM | CD_ONLY, disk_read_toc },
    { SCSI_GET_CONFIGURATION, NEEDS_MEDIUM | CD_ONLY, disk_get_configuration },
};

static void scsi_disk_command(SCSIDevice *dev, SCSIRequest *req)
{
    SCSIDisk *s = SCSI_DISK(dev);

    for (size_t i = 0; i < G_N_ELEMENTS(disk_commands); i++) {
        const DiskCommand *c = &disk_commands[i];
        if (c->opcode != req->cdb[0] || ((c->flags & CD_ONLY) && !s->is_cd)) {
            continue;
        }
        if ((c->flags & NEEDS_MEDIUM) && !s->blk) {
            scsi_req_fail(req, SENSE_NO_MEDIUM);
        } else {
            c->handler(s, req);
        }
        return;
    }
    log_unimp("%s: unsupported SCSI command 0x%02x\n", dev->parent.type->name, req->cdb[0]);
    scsi_req_fail(req, SENSE_INVALID_OPCODE);
}

static bool scsi_disk_read_data(SCSIDevice *dev, SCSIRequest *req, uint64_t offset, uint8_t *buf,
                                size_t len)
{
    return blk_pread(SCSI_DISK(dev)->blk, req->medium_offset + offset, buf, len);
}

static bool scsi_disk_write_data(SCSIDevice *dev, SCSIRequest *req, uint64_t offset,
                                 const uint8_t *buf, size_t len)
{
    return blk_pwrite(SCSI_DISK(dev)->blk, req->medium_offset + offset, buf, len);
}

static const SCSIDeviceOps scsi_disk_ops = {
    .command = scsi_disk_command,
    .read_data = scsi_disk_read_data,
    .write_data = scsi_disk_write_data,
};

static bool scsi_disk_realize_common(Device *dev, bool is_cd, GError **err)
{
    SCSIDisk *s = SCSI_DISK(dev);

    s->scsi.ops = &scsi_disk_ops;
    s->is_cd = is_cd;
    s->block_size = is_cd ? 2048 : 512;
    if (!s->blk && !is_cd) {
        g_set_error(err, CHIMERA_ERROR, 0, "scsi-hd: property 'drive' is required");
        return false;
    }
    if (s->blk) {
        s->blk->claimed = true;
    }
    return true;
}

static bool scsi_hd_realize(Device *dev, GError **err)
{
    return scsi_disk_realize_common(dev, false, err);
}

static bool scsi_cd_realize(Device *dev, GError **err)
{
    return scsi_disk_realize_common(dev, true, err);
}

static const Property scsi_disk_props[] = {
    PROP_LINK_("drive", SCSIDisk, blk, "drive", "the disk image"),
    PROP_U32_("scsi-id", SCSIDisk, scsi.scsi_id, 0, 0, SCSI_MAX_TARGETS - 1, "target ID"),
    PROP_END,
};

static const DeviceType scsi_hd_type = {
    .name = "scsi-hd",
    .desc = "SCSI disk",
    .instance_size = sizeof(SCSIDisk),
    .props = scsi_disk_props,
    .realize = scsi_hd_realize,
};

static const DeviceType scsi_cd_type = {
    .name = "scsi-cd",
    .desc = "SCSI CD-ROM",
    .instance_size = sizeof(SCSIDisk),
    .props = scsi_disk_props,
    .realize = scsi_cd_realize,
};

static void __attribute__((constructor)) scsi_disk_register(void)
{
    device_type_register(&scsi_hd_type);
    device_type_register(&scsi_cd_type);
}

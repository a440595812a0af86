/*
 * The SCSI bus: targets by ID, the request life cycle a host adapter drives
 * (select, data phase in pieces, status), and the commands every target
 * answers alike: REQUEST SENSE, REPORT LUNS and anything sent to a logical
 * unit that does not exist (SPC-4 4.5, 6.33, 6.36). Device models plug in
 * through SCSIDeviceOps (hw/scsi/scsi-bus.h).
 */
#include <string.h>

#include "hw/scsi/scsi-bus.h"
#include "util/bswap.h"
#include "util/log.h"

bool scsi_bus_attach(SCSIBus *bus, SCSIDevice *dev)
{
    if (dev->scsi_id >= SCSI_MAX_TARGETS || bus->targets[dev->scsi_id]) {
        return false;
    }
    bus->targets[dev->scsi_id] = dev;
    return true;
}

SCSIDevice *scsi_bus_find(SCSIBus *bus, unsigned id)
{
    return id < SCSI_MAX_TARGETS ? bus->targets[id] : NULL;
}

unsigned scsi_cdb_length(uint8_t opcode)
{
    static const uint8_t by_group[8] = { 6, 10, 10, 16, 16, 12, 10, 10 };
    return by_group[opcode >> 5];
}

void scsi_req_reply(SCSIRequest *req, size_t len, uint64_t alloc_len)
{
    req->to_device = false;
    req->bulk = false;
    req->len = MIN(MIN(len, (size_t)SCSI_REPLY_MAX), alloc_len);
}

void scsi_req_bulk(SCSIRequest *req, uint64_t len, bool to_device, uint64_t medium_offset)
{
    req->to_device = to_device;
    req->bulk = true;
    req->len = len;
    req->medium_offset = medium_offset;
}

void scsi_req_discard_out(SCSIRequest *req, uint64_t len)
{
    req->to_device = true;
    req->bulk = false;
    req->len = len;
}

void scsi_req_fail(SCSIRequest *req, SCSISense sense)
{
    req->status = SCSI_STATUS_CHECK_CONDITION;
    req->dev->sense = sense;
    req->len = req->pos;            /* the data phase ends here */
}

/* Fixed-format sense data (SPC-4 4.5.3); reading it clears the condition. */
static void scsi_request_sense(SCSIRequest *req, SCSISense sense)
{
    memset(req->reply, 0, 18);
    req->reply[0] = 0x70;           /* current error, fixed format */
    req->reply[2] = sense.key;
    req->reply[7] = 10;             /* additional sense length */
    req->reply[12] = sense.asc;
    req->reply[13] = sense.ascq;
    scsi_req_reply(req, 18, req->cdb[4]);
}

/* One LUN, number 0 (SPC-4 6.33). */
static void scsi_report_luns(SCSIRequest *req)
{
    memset(req->reply, 0, 16);
    stl_be_p(req->reply, 8);        /* LUN list length */
    scsi_req_reply(req, 16, ldl_be_p(&req->cdb[6]));
}

/* Peripheral qualifier 3, type 0x1f: no unit here (SPC-4 6.4.2). */
static void scsi_inquiry_no_lun(SCSIRequest *req)
{
    memset(req->reply, 0, 36);
    req->reply[0] = 0x7f;
    req->reply[4] = 36 - 5;
    scsi_req_reply(req, 36, lduw_be_p(&req->cdb[3]));
}

SCSIRequest *scsi_req_new(SCSIBus *bus, unsigned id, unsigned lun, const uint8_t *cdb,
                          unsigned cdb_len)
{
    SCSIDevice *dev = scsi_bus_find(bus, id);
    SCSIRequest *req;
    SCSISense pending;

    if (!dev) {
        return NULL;
    }
    req = g_new0(SCSIRequest, 1);
    req->dev = dev;
    req->lun = lun;
    req->cdb_len = MIN(cdb_len, sizeof(req->cdb));
    memcpy(req->cdb, cdb, req->cdb_len);
    req->status = SCSI_STATUS_GOOD;

    /* Sense describes the last command only: any new command but REQUEST
     * SENSE drops it. */
    pending = dev->sense;
    if (req->cdb[0] != SCSI_REQUEST_SENSE) {
        dev->sense = SENSE_NONE;
    }
    if (req->cdb_len < scsi_cdb_length(req->cdb[0])) {
        log_guest_error("scsi: %u-byte CDB too short for opcode 0x%02x\n", req->cdb_len,
                        req->cdb[0]);
        scsi_req_fail(req, SENSE_INVALID_FIELD);
        return req;
    }
    switch (req->cdb[0]) {
    case SCSI_REQUEST_SENSE:
        dev->sense = SENSE_NONE;
        scsi_request_sense(req, lun ? SENSE_LUN_NOT_SUPPORTED : pending);
        break;
    case SCSI_REPORT_LUNS:
        scsi_report_luns(req);
        break;
    default:
        if (lun == 0) {
            dev->ops->command(dev, req);
        } else if (req->cdb[0] == SCSI_INQUIRY) {
            scsi_inquiry_no_lun(req);
        } else {
            scsi_req_fail(req, SENSE_LUN_NOT_SUPPORTED);
        }
        break;
    }
    return req;
}

int64_t scsi_req_data_left(const SCSIRequest *req)
{
    int64_t left = req->len - req->pos;
    return req->to_device ? -left : left;
}

size_t scsi_req_transfer(SCSIRequest *req, uint8_t *buf, size_t len)
{
    SCSIDevice *dev = req->dev;
    size_t n = MIN(len, req->len - req->pos);
    bool ok = true;

    if (!n) {
        return 0;
    }
    if (!req->bulk) {
        if (!req->to_device) {
            memcpy(buf, &req->reply[req->pos], n);
        }
    } else if (!req->to_device) {
        ok = dev->ops->read_data(dev, req, req->pos, buf, n);
    } else {
        ok = dev->ops->write_data(dev, req, req->pos, buf, n);
    }
    if (!ok) {
        scsi_req_fail(req, req->to_device ? SENSE_WRITE_ERROR : SENSE_READ_ERROR);
        return 0;
    }
    req->pos += n;
    return n;
}

void scsi_req_free(SCSIRequest *req)
{
    g_free(req);
}

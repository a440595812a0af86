/*
 * A small parallel SCSI bus: up to eight targets by ID, each a SCSIDevice
 * that decodes command descriptor blocks (CDBs) and moves data. A host
 * adapter (hw/scsi/esp.c) opens a SCSIRequest per selected command, pulls
 * or pushes its data phase in pieces of any size with scsi_req_transfer and
 * reads the status byte at the end. Everything is synchronous: the block
 * backends answer at once.
 *
 * The bus itself answers what is common to every target: REQUEST SENSE
 * (fixed format, SPC-4 4.5.3), REPORT LUNS and commands to a logical unit
 * other than 0. Device models (hw/scsi/scsi-disk.c) do the rest.
 */
#ifndef HW_SCSI_SCSI_BUS_H
#define HW_SCSI_SCSI_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"

#define SCSI_MAX_TARGETS 8

/* Status bytes (SAM-5 5.3.1). */
#define SCSI_STATUS_GOOD 0x00
#define SCSI_STATUS_CHECK_CONDITION 0x02

/* A sense key with its additional sense code and qualifier (SPC-4 4.5.6). */
typedef struct SCSISense {
    uint8_t key, asc, ascq;
} SCSISense;

#define SCSI_SENSE_KEY_NOT_READY 0x02
#define SCSI_SENSE_KEY_MEDIUM_ERROR 0x03
#define SCSI_SENSE_KEY_ILLEGAL_REQUEST 0x05
#define SCSI_SENSE_KEY_DATA_PROTECT 0x07

#define SENSE_NONE ((SCSISense){ 0x00, 0x00, 0x00 })
#define SENSE_NO_MEDIUM ((SCSISense){ 0x02, 0x3a, 0x00 })
#define SENSE_READ_ERROR ((SCSISense){ 0x03, 0x11, 0x00 })
#define SENSE_WRITE_ERROR ((SCSISense){ 0x03, 0x0c, 0x00 })
#define SENSE_INVALID_OPCODE ((SCSISense){ 0x05, 0x20, 0x00 })
#define SENSE_LBA_OUT_OF_RANGE ((SCSISense){ 0x05, 0x21, 0x00 })
#define SENSE_INVALID_FIELD ((SCSISense){ 0x05, 0x24, 0x00 })
#define SENSE_LUN_NOT_SUPPORTED ((SCSISense){ 0x05, 0x25, 0x00 })
#define SENSE_SAVING_NOT_SUPPORTED ((SCSISense){ 0x05, 0x39, 0x00 })
#define SENSE_WRITE_PROTECTED ((SCSISense){ 0x07, 0x27, 0x00 })

/* Operation codes the bus and the disks know (SBC-3, MMC-6, SPC-4). */
enum {
    SCSI_TEST_UNIT_READY = 0x00,
    SCSI_REQUEST_SENSE = 0x03,
    SCSI_READ_6 = 0x08,
    SCSI_WRITE_6 = 0x0a,
    SCSI_INQUIRY = 0x12,
    SCSI_MODE_SELECT_6 = 0x15,
    SCSI_MODE_SENSE_6 = 0x1a,
    SCSI_START_STOP_UNIT = 0x1b,
    SCSI_SEND_DIAGNOSTIC = 0x1d,
    SCSI_PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1e,
    SCSI_READ_CAPACITY_10 = 0x25,
    SCSI_READ_10 = 0x28,
    SCSI_WRITE_10 = 0x2a,
    SCSI_VERIFY_10 = 0x2f,
    SCSI_SYNCHRONIZE_CACHE_10 = 0x35,
    SCSI_READ_TOC = 0x43,
    SCSI_GET_CONFIGURATION = 0x46,
    SCSI_MODE_SELECT_10 = 0x55,
    SCSI_MODE_SENSE_10 = 0x5a,
    SCSI_READ_16 = 0x88,
    SCSI_WRITE_16 = 0x8a,
    SCSI_SYNCHRONIZE_CACHE_16 = 0x91,
    SCSI_SERVICE_ACTION_IN_16 = 0x9e,
    SCSI_REPORT_LUNS = 0xa0,
    SCSI_READ_12 = 0xa8,
    SCSI_WRITE_12 = 0xaa,
};
#define SCSI_SAI_READ_CAPACITY_16 0x10

typedef struct SCSIDevice SCSIDevice;
typedef struct SCSIRequest SCSIRequest;

typedef struct SCSIDeviceOps {
    /* Decodes req->cdb for logical unit 0 and either sets up a data phase
     * (scsi_req_reply, scsi_req_bulk), finishes with an error
     * (scsi_req_fail), or does nothing (GOOD status, no data). */
    void (*command)(SCSIDevice *dev, SCSIRequest *req);
    /* Bulk transfers set up with scsi_req_bulk: `offset` counts from the
     * start of the data phase. False on a host I/O error. */
    bool (*read_data)(SCSIDevice *dev, SCSIRequest *req, uint64_t offset, uint8_t *buf,
                      size_t len);
    bool (*write_data)(SCSIDevice *dev, SCSIRequest *req, uint64_t offset, const uint8_t *buf,
                       size_t len);
} SCSIDeviceOps;

struct SCSIDevice {
    Device parent;
    const SCSIDeviceOps *ops;
    uint32_t scsi_id;           /* property "scsi-id": the target ID on the bus */
    SCSISense sense;            /* reported by the next REQUEST SENSE */
};

typedef struct SCSIBus {
    SCSIDevice *targets[SCSI_MAX_TARGETS];
} SCSIBus;

#define SCSI_REPLY_MAX 256      /* longest reply a device builds in one piece */

struct SCSIRequest {
    SCSIDevice *dev;
    unsigned lun;
    uint8_t cdb[16];
    unsigned cdb_len;
    uint8_t status;             /* SCSI_STATUS_* once the data phase is over */
    bool to_device;             /* data-out phase (WRITE, MODE SELECT) */
    bool bulk;                  /* data through ops->read_data / write_data */
    uint64_t len;               /* bytes in the data phase */
    uint64_t pos;               /* bytes moved so far */
    uint64_t medium_offset;     /* for the device: where a bulk transfer starts */
    uint8_t reply[SCSI_REPLY_MAX]; /* a short data-in phase built by the device */
};

/* Puts dev on the bus at its scsi-id; false if the slot is taken or out of range. */
bool scsi_bus_attach(SCSIBus *bus, SCSIDevice *dev);
SCSIDevice *scsi_bus_find(SCSIBus *bus, unsigned id);

/* Host adapter side. NULL when no target answers at id (a selection timeout).
 * cdb_len bytes are copied (at most 16). */
SCSIRequest *scsi_req_new(SCSIBus *bus, unsigned id, unsigned lun, const uint8_t *cdb,
                          unsigned cdb_len);
/* Bytes still to move: positive for data-in, negative for data-out, 0 when
 * the status phase is next. */
int64_t scsi_req_data_left(const SCSIRequest *req);
/* Moves up to len bytes of the data phase to or from buf (the direction is
 * the request's); returns how many moved. An I/O error ends the data phase
 * with CHECK CONDITION. */
size_t scsi_req_transfer(SCSIRequest *req, uint8_t *buf, size_t len);
void scsi_req_free(SCSIRequest *req);

/* Device side. */
/* Data-in of len bytes from req->reply, cut to the CDB's allocation length. */
void scsi_req_reply(SCSIRequest *req, size_t len, uint64_t alloc_len);
void scsi_req_bulk(SCSIRequest *req, uint64_t len, bool to_device, uint64_t medium_offset);
/* A data-out phase of len bytes nobody keeps (MODE SELECT parameters). */
void scsi_req_discard_out(SCSIRequest *req, uint64_t len);
/* CHECK CONDITION with sense; no data phase. */
void scsi_req_fail(SCSIRequest *req, SCSISense sense);

/* Length of a CDB by its group code (SAM-5 5.2): 6, 10, 12 or 16. */
unsigned scsi_cdb_length(uint8_t opcode);

#endif

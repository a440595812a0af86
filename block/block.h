/*
 * Block backends: disk and CD-ROM images given with -drive, as devices see
 * them (BlockBackend: read, write, flush, size). Only the raw format is
 * supported; writes reach the image file on flush and at exit.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum BlockInterface {
    IF_NONE,
    IF_IDE,
    IF_SCSI,
    IF_FLOPPY,
    IF_VIRTIO,
    IF_PFLASH,
    IF_SD,
    IF_MTD,
} BlockInterface;

typedef struct BlockBackend {
    char *id;
    char *filename;
    int fd;
    uint64_t size;
    bool read_only;
    bool is_cdrom;           /* media=cdrom */
    BlockInterface interface;
    int bus, unit, index;    /* -drive bus=, unit=, index= (-1 when not given) */
    bool claimed;            /* a device uses it */
} BlockBackend;

/* Parses and opens a -drive specification; one-line GError on failure. */
BlockBackend *blk_new_from_options(const char *options, GError **err);
/* The drive given for (interface, index), or NULL. */
BlockBackend *blk_find(BlockInterface interface, int index);
BlockBackend *blk_by_id(const char *id);
GPtrArray *blk_all(void);

/* Byte-granular I/O; false on a host I/O error or out-of-range request. */
bool blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t len);
bool blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf, size_t len);
bool blk_flush(BlockBackend *blk);
/* Flushes every drive (clean exit). */
void blk_flush_all(void);
const char *blk_interface_name(BlockInterface interface);

#endif

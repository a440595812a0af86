/*
 * Unit tests for the SCSI bus and the scsi-hd / scsi-cd models: CDB
 * decoding, data phases through scsi_req_transfer, sense data, and reads and
 * writes that reach a temporary raw image.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "hw/scsi/scsi-bus.h"
#include "util/bswap.h"

#define IMG_BLOCKS 64

typedef struct Fixture {
    char *path;
    SCSIBus bus;
    BlockBackend *blk;
} Fixture;

static Device *make_disk(const char *type, BlockBackend *blk, unsigned id)
{
    Device *dev = device_new(type);
    g_assert_nonnull(dev);
    if (blk) {
        g_assert_true(device_prop_set_link(dev, "drive", blk, NULL));
    }
    g_assert_true(device_prop_set_uint(dev, "scsi-id", id, NULL));
    device_realize_or_die(dev);
    return dev;
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    uint8_t img[IMG_BLOCKS * 512];
    int fd = g_file_open_tmp("scsi-disk-XXXXXX.img", &f->path, NULL);
    g_autofree char *opts = NULL;

    g_assert_cmpint(fd, >=, 0);
    for (size_t i = 0; i < sizeof(img); i++) {
        img[i] = (i / 512) ^ (i & 0xff);
    }
    g_assert_cmpint(write(fd, img, sizeof(img)), ==, sizeof(img));
    close(fd);
    opts = g_strdup_printf("file=%s,if=scsi,format=raw,index=%u", f->path,
                           GPOINTER_TO_UINT(data));
    f->blk = blk_new_from_options(opts, NULL);
    g_assert_nonnull(f->blk);
    memset(&f->bus, 0, sizeof(f->bus));
    g_assert_true(scsi_bus_attach(&f->bus, (SCSIDevice *)make_disk("scsi-hd", f->blk, 0)));
    g_assert_true(scsi_bus_attach(&f->bus, (SCSIDevice *)make_disk("scsi-cd", NULL, 2)));
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    g_unlink(f->path);
    g_free(f->path);
}

/* Runs a data-in command to completion: returns the status, the data in out. */
static uint8_t run_in(Fixture *f, unsigned id, unsigned lun, const uint8_t *cdb, unsigned len,
                      uint8_t *out, size_t out_size, size_t *got)
{
    SCSIRequest *req = scsi_req_new(&f->bus, id, lun, cdb, len);
    size_t n = 0;
    g_assert_nonnull(req);
    g_assert_cmpint(scsi_req_data_left(req), >=, 0);
    while (scsi_req_data_left(req) > 0 && n < out_size) {
        /* odd-sized pieces, as a host adapter's DMA would take them */
        size_t m = scsi_req_transfer(req, out + n, MIN(out_size - n, 100));
        if (!m) {
            break;
        }
        n += m;
    }
    uint8_t status = req->status;
    scsi_req_free(req);
    if (got) {
        *got = n;
    }
    return status;
}

static void request_sense(Fixture *f, unsigned id, SCSISense *sense)
{
    const uint8_t cdb[6] = { SCSI_REQUEST_SENSE, 0, 0, 0, 18, 0 };
    uint8_t data[18];
    size_t n;
    g_assert_cmpint(run_in(f, id, 0, cdb, 6, data, sizeof(data), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 18);
    g_assert_cmpuint(data[0], ==, 0x70);
    sense->key = data[2] & 0xf;
    sense->asc = data[12];
    sense->ascq = data[13];
}

static void test_inquiry(Fixture *f, gconstpointer data)
{
    const uint8_t cdb[6] = { SCSI_INQUIRY, 0, 0, 0, 96, 0 };
    uint8_t buf[96];
    size_t n;

    g_assert_cmpint(run_in(f, 0, 0, cdb, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 36);
    g_assert_cmpuint(buf[0], ==, 0);
    g_assert_cmpuint(buf[2], ==, 5);
    g_assert_true(!memcmp(&buf[8], "QEMU    QEMU HARDDISK   2.5+", 28));

    g_assert_cmpint(run_in(f, 2, 0, cdb, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(buf[0], ==, 5);
    g_assert_cmpuint(buf[1], ==, 0x80);
    g_assert_true(!memcmp(&buf[16], "QEMU CD-ROM     ", 16));

    /* allocation length cuts the reply */
    const uint8_t shortcdb[6] = { SCSI_INQUIRY, 0, 0, 0, 5, 0 };
    g_assert_cmpint(run_in(f, 0, 0, shortcdb, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 5);

    /* a LUN that does not exist */
    g_assert_cmpint(run_in(f, 0, 3, cdb, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(buf[0], ==, 0x7f);

    /* no target at ID 5 */
    g_assert_null(scsi_req_new(&f->bus, 5, 0, cdb, 6));
}

static void test_capacity_and_read(Fixture *f, gconstpointer data)
{
    const uint8_t rc[10] = { SCSI_READ_CAPACITY_10 };
    const uint8_t rd[10] = { SCSI_READ_10, 0, 0, 0, 0, 3, 0, 0, 2, 0 };
    uint8_t buf[1024];
    size_t n;

    g_assert_cmpint(run_in(f, 0, 0, rc, 10, buf, 8, &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(ldl_be_p(buf), ==, IMG_BLOCKS - 1);
    g_assert_cmpuint(ldl_be_p(buf + 4), ==, 512);

    g_assert_cmpint(run_in(f, 0, 0, rd, 10, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 1024);
    for (size_t i = 0; i < n; i++) {
        size_t off = 3 * 512 + i;
        g_assert_cmpuint(buf[i], ==, (uint8_t)((off / 512) ^ (off & 0xff)));
    }

    /* READ(6) of block 63 */
    const uint8_t rd6[6] = { SCSI_READ_6, 0, 0, 63, 1, 0 };
    g_assert_cmpint(run_in(f, 0, 0, rd6, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 512);
    g_assert_cmpuint(buf[0], ==, 63);
}

static void test_errors(Fixture *f, gconstpointer data)
{
    const uint8_t past_end[10] = { SCSI_READ_10, 0, 0, 0, 0, 63, 0, 0, 2, 0 };
    const uint8_t bogus[6] = { 0x02 };
    const uint8_t tur[6] = { SCSI_TEST_UNIT_READY };
    const uint8_t toc[10] = { SCSI_READ_TOC, 0, 0, 0, 0, 0, 0, 0, 12, 0 };
    const uint8_t cfg[10] = { SCSI_GET_CONFIGURATION, 0, 0, 0, 0, 0, 0, 0, 32, 0 };
    const uint8_t save[6] = { SCSI_MODE_SENSE_6, 0, 0xc8, 0, 64, 0 };
    uint8_t buf[64];
    SCSISense s;

    g_assert_cmpint(run_in(f, 0, 0, past_end, 10, buf, sizeof(buf), NULL), ==,
                    SCSI_STATUS_CHECK_CONDITION);
    request_sense(f, 0, &s);
    g_assert_cmpuint(s.key, ==, SCSI_SENSE_KEY_ILLEGAL_REQUEST);
    g_assert_cmpuint(s.asc, ==, 0x21);
    /* reading the sense cleared it */
    request_sense(f, 0, &s);
    g_assert_cmpuint(s.key, ==, 0);

    g_assert_cmpint(run_in(f, 0, 0, bogus, 6, buf, sizeof(buf), NULL), ==,
                    SCSI_STATUS_CHECK_CONDITION);
    request_sense(f, 0, &s);
    g_assert_cmpuint(s.asc, ==, 0x20);

    g_assert_cmpint(run_in(f, 0, 0, save, 6, buf, sizeof(buf), NULL), ==,
                    SCSI_STATUS_CHECK_CONDITION);
    request_sense(f, 0, &s);
    g_assert_cmpuint(s.asc, ==, 0x39);

    /* the empty CD-ROM */
    const uint8_t *not_ready[] = { tur, toc, cfg };
    const unsigned lens[] = { 6, 10, 10 };
    for (unsigned i = 0; i < 3; i++) {
        g_assert_cmpint(run_in(f, 2, 0, not_ready[i], lens[i], buf, sizeof(buf), NULL), ==,
                        SCSI_STATUS_CHECK_CONDITION);
        request_sense(f, 2, &s);
        g_assert_cmpuint(s.key, ==, SCSI_SENSE_KEY_NOT_READY);
        g_assert_cmpuint(s.asc, ==, 0x3a);
    }
    g_assert_cmpint(run_in(f, 0, 0, tur, 6, buf, sizeof(buf), NULL), ==, SCSI_STATUS_GOOD);
}

static void test_mode_sense(Fixture *f, gconstpointer data)
{
    const uint8_t all6[6] = { SCSI_MODE_SENSE_6, 0, 0x3f, 0, 255, 0 };
    const uint8_t cache10[10] = { SCSI_MODE_SENSE_10, 0x08, 0x08, 0, 0, 0, 0, 0, 64, 0 };
    const uint8_t hdr_only[6] = { SCSI_MODE_SENSE_6, 0, 0x3f, 0, 4, 0 };
    uint8_t buf[256];
    size_t n;

    g_assert_cmpint(run_in(f, 0, 0, all6, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(buf[0], ==, n - 1);
    g_assert_cmpuint(buf[2] & 0x80, ==, 0);     /* not write-protected */
    g_assert_cmpuint(buf[3], ==, 8);
    g_assert_cmpuint(ldl_be_p(&buf[8]), ==, 512);

    g_assert_cmpint(run_in(f, 0, 0, cache10, 10, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 8 + 20);
    g_assert_cmpuint(buf[8], ==, 0x08);
    g_assert_cmpuint(buf[10] & 0x04, ==, 0x04); /* WCE */

    g_assert_cmpint(run_in(f, 0, 0, hdr_only, 6, buf, sizeof(buf), &n), ==, SCSI_STATUS_GOOD);
    g_assert_cmpuint(n, ==, 4);
}

static void test_write_and_flush(Fixture *f, gconstpointer data)
{
    const uint8_t wr[10] = { SCSI_WRITE_10, 0, 0, 0, 0, 5, 0, 0, 1, 0 };
    const uint8_t sync[10] = { SCSI_SYNCHRONIZE_CACHE_10 };
    uint8_t block[512];
    g_autofree char *contents = NULL;
    gsize len;

    memset(block, 0xa5, sizeof(block));
    SCSIRequest *req = scsi_req_new(&f->bus, 0, 0, wr, 10);
    g_assert_cmpint(scsi_req_data_left(req), ==, -512);
    g_assert_cmpuint(scsi_req_transfer(req, block, 200), ==, 200);
    g_assert_cmpuint(scsi_req_transfer(req, block + 200, 400), ==, 312);
    g_assert_cmpint(scsi_req_data_left(req), ==, 0);
    g_assert_cmpuint(req->status, ==, SCSI_STATUS_GOOD);
    scsi_req_free(req);

    g_assert_cmpint(run_in(f, 0, 0, sync, 10, NULL, 0, NULL), ==, SCSI_STATUS_GOOD);
    g_assert_true(g_file_get_contents(f->path, &contents, &len, NULL));
    g_assert_cmpuint(len, ==, IMG_BLOCKS * 512);
    for (size_t i = 0; i < 512; i++) {
        g_assert_cmpuint((uint8_t)contents[5 * 512 + i], ==, 0xa5);
    }
    g_assert_cmpuint((uint8_t)contents[6 * 512], ==, 6);

    /* the CD-ROM refuses writes */
    g_assert_cmpint(run_in(f, 2, 0, wr, 10, NULL, 0, NULL), ==, SCSI_STATUS_CHECK_CONDITION);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(name, fn, idx) \
    g_test_add("/scsi-disk/" name, Fixture, GUINT_TO_POINTER(idx), fixture_setup, fn, \
               fixture_teardown)
    ADD("inquiry", test_inquiry, 10);
    ADD("capacity-read", test_capacity_and_read, 11);
    ADD("errors", test_errors, 12);
    ADD("mode-sense", test_mode_sense, 13);
    ADD("write-flush", test_write_and_flush, 14);
    return g_test_run();
}

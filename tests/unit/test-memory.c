/*
 * Unit tests for the memory API (softmmu/memory.c): flat-view rendering
 * (priorities, holes, aliases, enable and move), dispatch (byte order,
 * splitting and widening, validity), RAM and ROM, byte-buffer access across
 * regions, listeners, the translated-code hook and `info mtree`.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "softmmu/memory.h"
#include "util/bswap.h"
#include "util/log.h"

/* ---- a fake device: a register file that records every callback ---- */

typedef struct DevCall {
    bool is_write;
    hwaddr addr;
    unsigned size;
    uint64_t value;
} DevCall;

typedef struct TestDev {
    MemoryRegionOps ops;
    MemoryRegion mr;
    uint8_t regs[64];       /* register bytes in memory order */
    DevCall calls[16];
    unsigned nr_calls;
    MemoryRegion *toggle;   /* when set, a write flips its enabled flag */
} TestDev;

static void dev_record(TestDev *d, bool is_write, hwaddr addr, unsigned size, uint64_t value)
{
    if (d->nr_calls < G_N_ELEMENTS(d->calls)) {
        d->calls[d->nr_calls++] = (DevCall){ is_write, addr, size, value };
    }
}

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    uint64_t v = ldn_p(d->regs + addr, size, d->ops.endianness == MEM_BIG_ENDIAN);

    dev_record(d, false, addr, size, v);
    return v;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    TestDev *d = opaque;

    dev_record(d, true, addr, size, value);
    stn_p(d->regs + addr, size, d->ops.endianness == MEM_BIG_ENDIAN, value);
    if (d->toggle) {
        memory_region_set_enabled(d->toggle, !d->toggle->enabled);
    }
}

static void dev_init(TestDev *d, const char *name, MemEndian endian, uint64_t size)
{
    memset(d, 0, sizeof(*d));
    d->ops.read = dev_read;
    d->ops.write = dev_write;
    d->ops.endianness = endian;
    for (unsigned i = 0; i < sizeof(d->regs); i++) {
        d->regs[i] = 0x10 + i;
    }
    memory_region_init_io(&d->mr, &d->ops, d, name, size);
}

/* ---- capturing the guest-error log ---- */

static char *log_path;

static void log_reset(void)
{
    g_assert_true(log_set_file(log_path, NULL));
    log_mask = LOG_GUEST_ERRORS | LOG_UNIMP;
}

static bool log_contains(const char *needle)
{
    g_autofree char *text = NULL;

    log_flush();
    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    return strstr(text, needle) != NULL;
}

static MemoryRegion *translate(AddressSpace *as, hwaddr addr, hwaddr *xlat)
{
    hwaddr len = 1;
    bool ro;

    return address_space_translate(as, addr, xlat, &len, &ro);
}

static void ram_init(MemoryRegion *mr, const char *name, uint64_t size)
{
    g_assert_true(memory_region_init_ram(mr, name, size, NULL));
}

/* ---- rendering ---- */

static void test_priority_overlap(void)
{
    MemoryRegion root, ram, mid, hi_a, hi_b;
    TestDev a, b;
    AddressSpace as;
    FlatView *fv;
    hwaddr x;

    memory_region_init_container(&root, "root", 0x10000);
    ram_init(&ram, "ram", 0x4000);
    memory_region_init_container(&mid, "mid", 0x2000);
    dev_init(&a, "a", MEM_LITTLE_ENDIAN, 0x800);
    dev_init(&b, "b", MEM_LITTLE_ENDIAN, 0x100);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion_overlap(&root, 0x1000, &mid, 1);
    memory_region_add_subregion(&mid, 0, &a.mr);
    memory_region_add_subregion_overlap(&root, 0x1400, &b.mr, 2);
    address_space_init(&as, &root, "test");

    g_assert_true(translate(&as, 0x0fff, &x) == &ram);
    g_assert_true(translate(&as, 0x1000, &x) == &a.mr);
    g_assert_cmphex(x, ==, 0);
    g_assert_true(translate(&as, 0x13ff, &x) == &a.mr);
    g_assert_true(translate(&as, 0x1400, &x) == &b.mr);
    g_assert_true(translate(&as, 0x14ff, &x) == &b.mr);
    g_assert_true(translate(&as, 0x1500, &x) == &a.mr);
    g_assert_cmphex(x, ==, 0x500);
    /* mid's hole falls through to the RAM beneath */
    g_assert_true(translate(&as, 0x1800, &x) == &ram);
    g_assert_cmphex(x, ==, 0x1800);
    g_assert_true(translate(&as, 0x3fff, &x) == &ram);
    g_assert_null(translate(&as, 0x4000, &x));

    fv = address_space_get_flatview(&as);
    g_assert_cmpuint(fv->nr, ==, 5);
    g_assert_cmphex(fv->ranges[0].addr, ==, 0);
    g_assert_cmphex(fv->ranges[0].size, ==, 0x1000);
    g_assert_cmphex(fv->ranges[1].size, ==, 0x400);
    g_assert_cmphex(fv->ranges[3].addr, ==, 0x1500);
    g_assert_cmphex(fv->ranges[3].offset_in_region, ==, 0x500);
    g_assert_true(fv->ranges[4].mr == &ram);
    g_assert_cmphex(fv->ranges[4].addr, ==, 0x1800);
    g_assert_cmphex(fv->ranges[4].size, ==, 0x2800);
    g_assert_null(flatview_lookup(fv, 0xffff));

    /* equal priority: the later-added wins */
    ram_init(&hi_a, "hi_a", 0x100);
    ram_init(&hi_b, "hi_b", 0x100);
    memory_region_add_subregion_overlap(&root, 0x8000, &hi_a, 3);
    memory_region_add_subregion_overlap(&root, 0x8080, &hi_b, 3);
    g_assert_true(translate(&as, 0x807f, &x) == &hi_a);
    g_assert_true(translate(&as, 0x8080, &x) == &hi_b);
    g_assert_true(translate(&as, 0x817f, &x) == &hi_b);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &hi_a);
    memory_region_del_subregion(&root, &hi_b);
    memory_region_del_subregion(&root, &b.mr);
    memory_region_del_subregion(&mid, &a.mr);
    memory_region_del_subregion(&root, &mid);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&hi_a);
    memory_region_finalize(&hi_b);
    memory_region_finalize(&b.mr);
    memory_region_finalize(&a.mr);
    memory_region_finalize(&mid);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

static void test_alias(void)
{
    MemoryRegion root, ram, a1, a2, amm;
    TestDev dev;
    AddressSpace as;
    uint8_t buf[4];
    uint64_t v;
    hwaddr x;

    memory_region_init_container(&root, "root", UINT64_MAX);
    ram_init(&ram, "ram", 0x4000);
    dev_init(&dev, "dev", MEM_LITTLE_ENDIAN, 0x40);
    memory_region_init_alias(&a1, "a1", &ram, 0x1000, 0x1000);
    memory_region_init_alias(&a2, "a2", &a1, 0x800, 0x800);
    memory_region_init_alias(&amm, "amm", &dev.mr, 0x10, 0x10);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x8000, &a1);
    memory_region_add_subregion(&root, 0x9000, &a2);
    memory_region_add_subregion(&root, 0xa000, &amm);
    address_space_init(&as, &root, "test");

    g_assert_true(translate(&as, 0x8000, &x) == &ram);
    g_assert_cmphex(x, ==, 0x1000);
    g_assert_true(translate(&as, 0x9000, &x) == &ram);
    g_assert_cmphex(x, ==, 0x1800);
    g_assert_true(translate(&as, 0x97ff, &x) == &ram);
    g_assert_null(translate(&as, 0x9800, &x));

    /* writes through the alias of an alias land in the RAM */
    g_assert_cmpint(address_space_write(&as, 0x9004, "\x01\x02\x03\x04", 4), ==, MEMTX_OK);
    g_assert_cmpmem((uint8_t *)ram.ram + 0x1804, 4, "\x01\x02\x03\x04", 4);
    g_assert_cmpint(address_space_read(&as, 0x8804, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 4, "\x01\x02\x03\x04", 4);

    /* into MMIO: the device sees offsets shifted by the alias offset */
    g_assert_true(translate(&as, 0xa004, &x) == &dev.mr);
    g_assert_cmphex(x, ==, 0x14);
    g_assert_cmphex(address_space_ldl_le(&as, 0xa004, NULL), ==, 0x27262524);
    g_assert_cmpuint(dev.nr_calls, ==, 1);
    g_assert_cmphex(dev.calls[0].addr, ==, 0x14);
    g_assert_null(translate(&as, 0xa010, &x));

    /* moving the window */
    memory_region_set_alias_offset(&a1, 0);
    g_assert_true(translate(&as, 0x9000, &x) == &ram);
    g_assert_cmphex(x, ==, 0x800);
    g_assert_true(translate(&as, 0x8001, &x) == &ram);
    g_assert_cmphex(x, ==, 1);
    g_assert_cmpint(memory_region_dispatch_read(&ram, x, &v, 1, false), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &amm);
    memory_region_del_subregion(&root, &a2);
    memory_region_del_subregion(&root, &a1);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&amm);
    memory_region_finalize(&a2);
    memory_region_finalize(&a1);
    memory_region_finalize(&dev.mr);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

/* Regions at the very top of a 2^64 space, and an alias placed below its offset. */
static void test_address_extremes(void)
{
    MemoryRegion root, top, ram, low_alias;
    AddressSpace as;
    uint8_t buf[32];
    hwaddr x, len = 0x10000;

    memory_region_init_container(&root, "root", UINT64_MAX);
    ram_init(&top, "top", 0x1000);
    ram_init(&ram, "ram", 0x4000);
    memory_region_init_alias(&low_alias, "low", &ram, 0x3000, 0x1000);
    memory_region_add_subregion(&root, UINT64_MAX - 0xfff, &top);
    memory_region_add_subregion(&root, 0x100, &low_alias);
    address_space_init(&as, &root, "test");

    g_assert_true(address_space_translate(&as, UINT64_MAX - 0xf, &x, &len, NULL) == &top);
    g_assert_cmphex(x, ==, 0xff0);
    g_assert_cmphex(len, ==, 0x10);
    memset((uint8_t *)top.ram + 0xff0, 0x5a, 0x10);
    g_assert_cmpint(address_space_read(&as, UINT64_MAX - 0xf, buf, 16), ==, MEMTX_OK);
    g_assert_cmphex(buf[15], ==, 0x5a);

    g_assert_true(translate(&as, 0x100, &x) == &ram);
    g_assert_cmphex(x, ==, 0x3000);
    g_assert_true(translate(&as, 0x10ff, &x) == &ram);
    g_assert_cmphex(x, ==, 0x3fff);
    g_assert_null(translate(&as, 0x1100, &x));
    g_assert_null(translate(&as, 0xff, &x));
    /* a hole's length runs to the next range */
    len = 0x10000;
    g_assert_null(address_space_translate(&as, 0x10, &x, &len, NULL));
    g_assert_cmphex(len, ==, 0xf0);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &low_alias);
    memory_region_del_subregion(&root, &top);
    memory_region_finalize(&low_alias);
    memory_region_finalize(&ram);
    memory_region_finalize(&top);
    memory_region_finalize(&root);
}

static void test_disable_and_move(void)
{
    MemoryRegion root, low, high;
    AddressSpace as;
    hwaddr x;

    memory_region_init_container(&root, "root", 0x100000);
    ram_init(&low, "low", 0x10000);
    ram_init(&high, "high", 0x1000);
    memory_region_add_subregion(&root, 0, &low);
    memory_region_add_subregion_overlap(&root, 0x2000, &high, 1);
    address_space_init(&as, &root, "test");

    g_assert_true(translate(&as, 0x2000, &x) == &high);
    memory_region_set_enabled(&high, false);
    g_assert_true(translate(&as, 0x2000, &x) == &low);
    g_assert_cmphex(x, ==, 0x2000);
    memory_region_set_enabled(&high, true);
    g_assert_true(translate(&as, 0x2000, &x) == &high);

    /* moved: the old place shows what is beneath, the new one the region */
    memory_region_set_address(&high, 0x20000);
    g_assert_true(translate(&as, 0x2000, &x) == &low);
    g_assert_true(translate(&as, 0x20fff, &x) == &high);
    g_assert_cmphex(x, ==, 0xfff);
    g_assert_null(translate(&as, 0x21000, &x));

    /* a disabled container hides everything in it */
    memory_region_set_enabled(&root, false);
    g_assert_null(translate(&as, 0, &x));
    g_assert_cmpuint(address_space_get_flatview(&as)->nr, ==, 0);
    memory_region_set_enabled(&root, true);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &high);
    memory_region_del_subregion(&root, &low);
    memory_region_finalize(&high);
    memory_region_finalize(&low);
    memory_region_finalize(&root);
}

/* ---- dispatch ---- */

static void test_byte_order(void)
{
    static const uint64_t le_val[] = { 0, 0x10, 0x1110, 0, 0x13121110, 0, 0, 0, 0x1716151413121110ull };
    TestDev le, be;
    uint64_t v;

    dev_init(&le, "le", MEM_LITTLE_ENDIAN, 0x40);
    dev_init(&be, "be", MEM_BIG_ENDIAN, 0x40);
    for (unsigned size = 1; size <= 8; size *= 2) {
        uint64_t swapped = size == 1 ? le_val[1] :
                           size == 2 ? bswap16(le_val[2]) :
                           size == 4 ? bswap32(le_val[4]) : bswap64(le_val[8]);

        /* an LE device read by an LE access and by a BE access */
        g_assert_cmpint(memory_region_dispatch_read(&le.mr, 0, &v, size, false), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, le_val[size]);
        g_assert_cmpint(memory_region_dispatch_read(&le.mr, 0, &v, size, true), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, swapped);
        /* a BE device: the same bytes, read the other way round */
        g_assert_cmpint(memory_region_dispatch_read(&be.mr, 0, &v, size, true), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, swapped);
        g_assert_cmpint(memory_region_dispatch_read(&be.mr, 0, &v, size, false), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, le_val[size]);
    }

    /* a BE access writing 0x11223344 to an LE device: its callback sees 0x44332211 */
    le.nr_calls = 0;
    g_assert_cmpint(memory_region_dispatch_write(&le.mr, 8, 0x11223344, 4, true), ==, MEMTX_OK);
    g_assert_cmphex(le.calls[0].value, ==, 0x44332211);
    g_assert_cmpmem(le.regs + 8, 4, "\x11\x22\x33\x44", 4);
    /* an LE access writing to a BE device */
    be.nr_calls = 0;
    g_assert_cmpint(memory_region_dispatch_write(&be.mr, 8, 0x1122, 2, false), ==, MEMTX_OK);
    g_assert_cmphex(be.calls[0].value, ==, 0x2211);
    g_assert_cmpmem(be.regs + 8, 2, "\x22\x11", 2);
    g_assert_cmpint(memory_region_dispatch_write(&be.mr, 16, 0x0102030405060708ull, 8, true),
                    ==, MEMTX_OK);
    g_assert_cmpmem(be.regs + 16, 8, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);

    memory_region_finalize(&le.mr);
    memory_region_finalize(&be.mr);
}

static void test_split_and_widen(void)
{
    TestDev d;
    uint64_t v;

    /* 8-byte accesses to a device implementing 4 bytes at most */
    for (int endian = MEM_LITTLE_ENDIAN; endian <= MEM_BIG_ENDIAN; endian++) {
        dev_init(&d, "split", endian, 0x40);
        d.ops.impl.max_access_size = 4;
        g_assert_cmpint(memory_region_dispatch_read(&d.mr, 8, &v, 8, false), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, 0x1f1e1d1c1b1a1918ull);
        g_assert_cmpuint(d.nr_calls, ==, 2);
        g_assert_cmphex(d.calls[0].addr, ==, 8);
        g_assert_cmpuint(d.calls[0].size, ==, 4);
        g_assert_cmphex(d.calls[1].addr, ==, 12);
        g_assert_cmpuint(d.calls[1].size, ==, 4);

        d.nr_calls = 0;
        g_assert_cmpint(memory_region_dispatch_write(&d.mr, 16, 0x0102030405060708ull, 8, true),
                        ==, MEMTX_OK);
        g_assert_cmpuint(d.nr_calls, ==, 2);
        g_assert_cmphex(d.calls[0].addr, ==, 16);
        g_assert_cmphex(d.calls[0].value, ==,
                        endian == MEM_BIG_ENDIAN ? 0x01020304 : 0x04030201);
        g_assert_cmpmem(d.regs + 16, 8, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
        memory_region_finalize(&d.mr);
    }

    /* 1-byte accesses to a device taking only whole aligned 4-byte words */
    dev_init(&d, "widen", MEM_BIG_ENDIAN, 0x40);
    d.ops.impl.min_access_size = 4;
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 6, &v, 1, false), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x16);
    g_assert_cmpuint(d.nr_calls, ==, 1);
    g_assert_cmphex(d.calls[0].addr, ==, 4);
    g_assert_cmpuint(d.calls[0].size, ==, 4);

    d.nr_calls = 0;
    g_assert_cmpint(memory_region_dispatch_write(&d.mr, 6, 0xab, 1, false), ==, MEMTX_OK);
    g_assert_cmpuint(d.nr_calls, ==, 2);
    g_assert_false(d.calls[0].is_write);
    g_assert_true(d.calls[1].is_write);
    g_assert_cmphex(d.calls[1].addr, ==, 4);
    g_assert_cmphex(d.calls[1].value, ==, 0x1415ab17);
    g_assert_cmpmem(d.regs + 4, 4, "\x14\x15\xab\x17", 4);
    memory_region_finalize(&d.mr);
}

static void test_valid_sizes(void)
{
    TestDev d;
    uint64_t v = 1;

    log_reset();
    dev_init(&d, "strict", MEM_LITTLE_ENDIAN, 0x40);
    d.ops.valid.min_access_size = 4;
    d.ops.valid.max_access_size = 4;
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 4, &v, 1, false), ==, MEMTX_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpint(memory_region_dispatch_write(&d.mr, 4, 0xff, 8, false), ==, MEMTX_ERROR);
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 2, &v, 4, false), ==, MEMTX_ERROR);
    g_assert_cmpuint(d.nr_calls, ==, 0);
    g_assert_true(log_contains("invalid 1-byte read of 'strict' at offset 0x4"));
    g_assert_true(log_contains("invalid 8-byte write of 'strict'"));
    g_assert_cmphex(d.regs[4], ==, 0x14);

    d.ops.valid.unaligned = true;
    g_assert_cmpint(memory_region_dispatch_read(&d.mr, 2, &v, 4, false), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x15141312);

    /* unassigned */
    g_assert_cmpint(memory_region_dispatch_read(NULL, 0x1234, &v, 4, false), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_true(log_contains("unassigned read of 4 bytes at 0x1234"));
    memory_region_finalize(&d.mr);
}

static MemTxResult failing_read(void *opaque, hwaddr addr, uint64_t *value, unsigned size)
{
    *value = 0x55;
    return addr == 4 ? MEMTX_ERROR : MEMTX_OK;
}

static void test_tx_callbacks(void)
{
    static const MemoryRegionOps ops = { .read_tx = failing_read, .read = dev_read };
    MemoryRegion mr;
    uint64_t v;

    memory_region_init_io(&mr, &ops, NULL, "tx", 8);
    g_assert_cmpint(memory_region_dispatch_read(&mr, 0, &v, 4, false), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x55);
    g_assert_cmpint(memory_region_dispatch_read(&mr, 4, &v, 4, false), ==, MEMTX_ERROR);
    memory_region_finalize(&mr);
}

static void test_ram_rom(void)
{
    MemoryRegion root, ram, rom;
    AddressSpace as;
    uint64_t v;
    uint8_t buf[8];

    log_reset();
    memory_region_init_container(&root, "root", 0x100000);
    ram_init(&ram, "ram", 0x1000);
    g_assert_true(memory_region_init_rom(&rom, "rom", 0x1000, NULL));
    g_assert_cmphex((uintptr_t)ram.ram & 0xfff, ==, 0);
    g_assert_nonnull(ram.code_bitmap);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x10000, &rom);
    address_space_init(&as, &root, "test");

    /* RAM comes zeroed and honours the access's byte order */
    g_assert_cmpint(memory_region_dispatch_read(&ram, 0x100, &v, 8, true), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpint(memory_region_dispatch_write(&ram, 0x100, 0x11223344, 4, true), ==, MEMTX_OK);
    g_assert_cmpmem((uint8_t *)ram.ram + 0x100, 4, "\x11\x22\x33\x44", 4);
    g_assert_cmpint(memory_region_dispatch_read(&ram, 0x100, &v, 2, false), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x2211);
    g_assert_cmpint(memory_region_dispatch_read(&ram, 0xffc, &v, 8, false), ==,
                    MEMTX_DECODE_ERROR);

    /* ROM ignores guest and DMA writes but loaders write it */
    g_assert_cmpint(memory_region_dispatch_write(&rom, 0, 0xdead, 2, true), ==, MEMTX_OK);
    g_assert_cmphex(((uint8_t *)rom.ram)[0], ==, 0);
    g_assert_true(log_contains("read-only 'rom'"));
    g_assert_cmpint(address_space_write(&as, 0x10000, "abcd", 4), ==, MEMTX_OK);
    g_assert_cmphex(((uint8_t *)rom.ram)[0], ==, 0);
    g_assert_cmpint(address_space_write_rom(&as, 0x10000, "abcd", 4), ==, MEMTX_OK);
    g_assert_cmpmem(rom.ram, 4, "abcd", 4);
    g_assert_cmpint(memory_region_dispatch_read(&rom, 0, &v, 4, true), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x61626364);
    g_assert_true(address_space_get_flatview(&as)->ranges[1].readonly);

    /* read-only RAM */
    memory_region_set_readonly(&ram, true);
    g_assert_cmpint(address_space_write(&as, 0x100, "zzzz", 4), ==, MEMTX_OK);
    g_assert_cmpmem((uint8_t *)ram.ram + 0x100, 4, "\x11\x22\x33\x44", 4);
    g_assert_cmpint(memory_region_dispatch_write(&ram, 0x100, 0, 4, true), ==, MEMTX_OK);
    g_assert_cmpmem((uint8_t *)ram.ram + 0x100, 4, "\x11\x22\x33\x44", 4);
    memory_region_set_readonly(&ram, false);

    /* fixed-size helpers */
    address_space_stl_be(&as, 0x200, 0xcafef00d, NULL);
    g_assert_cmphex(address_space_ldl_le(&as, 0x200, NULL), ==, 0x0df0feca);
    address_space_stq_le(&as, 0x208, 0x0102030405060708ull, NULL);
    g_assert_cmphex(address_space_lduw_be(&as, 0x208, NULL), ==, 0x0807);
    g_assert_cmpint(address_space_read(&as, 0x208, buf, 8), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 8, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &rom);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

static void test_rw_across_regions(void)
{
    MemoryRegion root, ram1, ram2;
    AddressSpace as;
    TestDev d;
    uint8_t out[0x40], in[0x40];
    MemTxResult res;

    log_reset();
    memory_region_init_container(&root, "root", 0x100000);
    ram_init(&ram1, "ram1", 0x1000);
    ram_init(&ram2, "ram2", 0x1000);
    dev_init(&d, "dev", MEM_BIG_ENDIAN, 0x10);
    d.ops.valid.max_access_size = 4;
    memory_region_add_subregion(&root, 0, &ram1);
    memory_region_add_subregion(&root, 0x1000, &d.mr);
    memory_region_add_subregion(&root, 0x1010, &ram2);
    address_space_init(&as, &root, "test");

    for (unsigned i = 0; i < sizeof(out); i++) {
        out[i] = 0xa0 + i;
    }
    /* 0xff2..0x1031: ram1, the device (with an unaligned start), ram2 */
    g_assert_cmpint(address_space_write(&as, 0xff2, out, sizeof(out)), ==, MEMTX_OK);
    g_assert_cmpmem((uint8_t *)ram1.ram + 0xff2, 14, out, 14);
    g_assert_cmpmem(d.regs, 16, out + 14, 16);
    g_assert_cmpmem(ram2.ram, 0x40 - 30, out + 30, 0x40 - 30);
    /* the device got the largest aligned accesses it takes, in its byte order */
    g_assert_cmpuint(d.nr_calls, ==, 4);
    for (unsigned i = 0; i < 4; i++) {
        g_assert_true(d.calls[i].is_write);
        g_assert_cmphex(d.calls[i].addr, ==, i * 4);
        g_assert_cmpuint(d.calls[i].size, ==, 4);
    }
    g_assert_cmphex(d.calls[0].value, ==, ldl_be_p(out + 14));

    memset(in, 0, sizeof(in));
    g_assert_cmpint(address_space_read(&as, 0xff2, in, sizeof(in)), ==, MEMTX_OK);
    g_assert_cmpmem(in, sizeof(in), out, sizeof(out));

    /* an unaligned DMA start on the device: 1, 2 then 4-byte pieces */
    d.nr_calls = 0;
    g_assert_cmpint(address_space_read(&as, 0x1001, in, 7), ==, MEMTX_OK);
    g_assert_cmpuint(d.nr_calls, ==, 3);
    g_assert_cmpuint(d.calls[0].size, ==, 1);
    g_assert_cmpuint(d.calls[1].size, ==, 2);
    g_assert_cmpuint(d.calls[2].size, ==, 4);
    g_assert_cmpmem(in, 7, out + 15, 7);

    /* a hole in the middle reads zero and reports a decode error */
    memset(in, 0xff, sizeof(in));
    res = address_space_read(&as, 0x200e, in, 8);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(in, 2, (uint8_t *)ram2.ram + 0xfee, 2);
    g_assert_cmpmem(in + 2, 6, "\0\0\0\0\0\0", 6);
    g_assert_true(log_contains("unassigned read of 6 bytes at 0x2010"));

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram2);
    memory_region_del_subregion(&root, &d.mr);
    memory_region_del_subregion(&root, &ram1);
    memory_region_finalize(&ram2);
    memory_region_finalize(&d.mr);
    memory_region_finalize(&ram1);
    memory_region_finalize(&root);
}

/* ---- listeners and the code hook ---- */

static void count_call(void *opaque)
{
    (*(unsigned *)opaque)++;
}

static void test_listener(void)
{
    MemoryRegion root, ram, spare;
    AddressSpace as;
    TestDev d;
    unsigned changes = 0;

    memory_region_init_container(&root, "root", 0x100000);
    ram_init(&ram, "ram", 0x1000);
    ram_init(&spare, "spare", 0x1000);
    dev_init(&d, "remapper", MEM_LITTLE_ENDIAN, 0x10);
    memory_region_add_subregion(&root, 0x10000, &d.mr);
    address_space_init(&as, &root, "test");
    address_space_add_listener(&as, count_call, &changes);
    address_space_get_flatview(&as);
    changes = 0;

    /* lazily: nothing until the view is next used */
    memory_region_add_subregion(&root, 0, &ram);
    g_assert_cmpuint(changes, ==, 0);
    address_space_get_flatview(&as);
    g_assert_cmpuint(changes, ==, 1);
    address_space_get_flatview(&as);
    g_assert_cmpuint(changes, ==, 1);

    /* a change that leaves the view as it was is not reported */
    memory_region_set_enabled(&spare, false);
    address_space_get_flatview(&as);
    g_assert_cmpuint(changes, ==, 1);

    memory_region_set_address(&ram, 0x2000);
    g_assert_null(translate(&as, 0, &(hwaddr){ 0 }));
    g_assert_cmpuint(changes, ==, 2);

    /* a device write that remaps memory is committed when dispatch returns */
    d.toggle = &ram;
    g_assert_cmpint(memory_region_dispatch_write(&d.mr, 0, 1, 1, false), ==, MEMTX_OK);
    g_assert_cmpuint(changes, ==, 3);
    g_assert_false(ram.enabled);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &d.mr);
    memory_region_finalize(&d.mr);
    memory_region_finalize(&spare);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

static MemoryRegion *hook_mr;
static hwaddr hook_offset, hook_len;
static unsigned hook_calls;

static void code_hook(MemoryRegion *ram, hwaddr offset, hwaddr len)
{
    hook_mr = ram;
    hook_offset = offset;
    hook_len = len;
    hook_calls++;
}

static void test_code_hook(void)
{
    MemoryRegion root, ram;
    AddressSpace as;

    memory_region_init_container(&root, "root", 0x100000);
    ram_init(&ram, "ram", 0x4000);
    memory_region_add_subregion(&root, 0x8000, &ram);
    address_space_init(&as, &root, "test");
    memory_code_write_hook = code_hook;

    memory_region_set_code_page(&ram, 0x2000, true);
    g_assert_true(memory_region_is_code_page(&ram, 0x2fff));
    g_assert_false(memory_region_is_code_page(&ram, 0x1fff));

    address_space_write(&as, 0x9000, "abcd", 4);
    g_assert_cmpuint(hook_calls, ==, 0);
    /* a write crossing from a clean page into the code page */
    address_space_write(&as, 0x9ffe, "abcd", 4);
    g_assert_cmpuint(hook_calls, ==, 1);
    g_assert_true(hook_mr == &ram);
    g_assert_cmphex(hook_offset, ==, 0x1ffe);
    g_assert_cmphex(hook_len, ==, 4);
    /* the CPU's slow path */
    g_assert_cmpint(memory_region_dispatch_write(&ram, 0x2010, 7, 4, true), ==, MEMTX_OK);
    g_assert_cmpuint(hook_calls, ==, 2);
    g_assert_cmphex(hook_offset, ==, 0x2010);

    memory_region_set_code_page(&ram, 0x2000, false);
    address_space_write(&as, 0xa000, "abcd", 4);
    g_assert_cmpuint(hook_calls, ==, 2);
    memory_code_write_hook = NULL;

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_finalize(&ram);
    memory_region_finalize(&root);
}

/* ---- info mtree ---- */

static void test_mtree(void)
{
    MemoryRegion ram, prom, window, off;
    TestDev escc;
    g_autoptr(GString) out = g_string_new(NULL);

    memory_system_init();
    ram_init(&ram, "sun4m.ram", 0x8000000);
    g_assert_true(memory_region_init_rom(&prom, "sun4m.prom", 0x100000, NULL));
    dev_init(&escc, "escc", MEM_BIG_ENDIAN, 8);
    memory_region_init_alias(&window, "window", &escc.mr, 0, 4);
    memory_region_init_container(&off, "off", 0x1000);
    memory_region_add_subregion(&system_memory, 0, &ram);
    memory_region_add_subregion(&system_memory, 0x70000000, &prom);
    memory_region_add_subregion(&system_memory, 0x71100000, &escc.mr);
    memory_region_add_subregion_overlap(&system_memory, 0x1000, &window, 2);
    memory_region_add_subregion(&system_memory, 0x80000000, &off);
    memory_region_set_enabled(&off, false);

    memory_mtree_print(out);
    g_assert_true(g_str_has_prefix(out->str,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-0000000007ffffff (prio 0, ram): sun4m.ram\n"
        "    0000000000001000-0000000000001003 (prio 2, i/o): alias window @escc "
        "0000000000000000-0000000000000003\n"
        "    0000000070000000-00000000700fffff (prio 0, rom): sun4m.prom\n"
        "    0000000071100000-0000000071100007 (prio 0, i/o): escc\n"
        "    0000000080000000-0000000080000fff (prio 0, i/o): off [disabled]\n"
        "\n"
        "memory-region: escc\n"
        "  0000000071100000-0000000071100007 (prio 0, i/o): escc\n"));

    memory_region_del_subregion(&system_memory, &off);
    memory_region_del_subregion(&system_memory, &window);
    memory_region_del_subregion(&system_memory, &escc.mr);
    memory_region_del_subregion(&system_memory, &prom);
    memory_region_del_subregion(&system_memory, &ram);
    memory_region_finalize(&off);
    memory_region_finalize(&window);
    memory_region_finalize(&escc.mr);
    memory_region_finalize(&prom);
    memory_region_finalize(&ram);
}

int main(int argc, char **argv)
{
    int fd, ret;

    g_test_init(&argc, &argv, NULL);
    fd = g_file_open_tmp("test-memory-XXXXXX.log", &log_path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);

    g_test_add_func("/memory/render/priority-overlap", test_priority_overlap);
    g_test_add_func("/memory/render/alias", test_alias);
    g_test_add_func("/memory/render/disable-move", test_disable_and_move);
    g_test_add_func("/memory/render/extremes", test_address_extremes);
    g_test_add_func("/memory/dispatch/byte-order", test_byte_order);
    g_test_add_func("/memory/dispatch/split-widen", test_split_and_widen);
    g_test_add_func("/memory/dispatch/valid-sizes", test_valid_sizes);
    g_test_add_func("/memory/dispatch/tx-callbacks", test_tx_callbacks);
    g_test_add_func("/memory/ram-rom", test_ram_rom);
    g_test_add_func("/memory/rw-across-regions", test_rw_across_regions);
    g_test_add_func("/memory/listener", test_listener);
    g_test_add_func("/memory/code-hook", test_code_hook);
    g_test_add_func("/memory/mtree", test_mtree);
    ret = g_test_run();
    g_unlink(log_path);
    g_free(log_path);
    return ret;
}

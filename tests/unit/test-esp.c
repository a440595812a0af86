/*
 * Unit tests for the sun4m SCSI path, built by sun4m_sbus_create: the IOMMU
 * (translation, faults, the DVMA address space), the ESP DMA engine and the
 * ESP driven the way Linux's esp_scsi driver and OpenBIOS drive it (reset,
 * chip identification, bus reset, select + INQUIRY by DMA, polled commands,
 * select-and-stop + READ(10), WRITE(10) and SYNCHRONIZE CACHE reaching a
 * temporary raw image, autosense), all through register accesses on the
 * system bus and DMA into RAM.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "block/block.h"
#include "util/bswap.h"
#include "hw/scsi/esp.h"
#include "hw/sparc/sparc32_dma.h"
#include "hw/sparc/sun4m_iommu.h"
#include "hw/sparc/sun4m_sbus.h"

#define IOMMU_BASE_PA 0x10000000ull
#define DMA_BASE_PA 0x78400000ull
#define ESP_BASE_PA 0x78800000ull
#define PTE_TABLE_PA 0x00100000ull     /* 16 KB aligned, as the base register needs */
#define DVMA_BASE 0xff000000u          /* range field 0: a 16 MB window */
#define IMG_BLOCKS 16

static AddressSpace *as = &address_space_memory;
static MemoryRegion ram;
static Sun4mIOMMU *iommu;
static Sparc32DMA *espdma;
static ESPState *esp;
static int iommu_irq_level, esp_irq_level;
static char *img_path;

void main_loop_wakeup(void)
{
}

static void level_handler(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static void esp_w(unsigned reg, uint8_t v)
{
    address_space_stb(as, ESP_BASE_PA + (reg << 2), v, NULL);
}

static uint8_t esp_r(unsigned reg)
{
    return address_space_ldub(as, ESP_BASE_PA + (reg << 2), NULL);
}

static void dma_w(unsigned off, uint32_t v)
{
    address_space_stl_be(as, DMA_BASE_PA + off, v, NULL);
}

static uint32_t dma_r(unsigned off)
{
    return address_space_ldl_be(as, DMA_BASE_PA + off, NULL);
}

static void iommu_w(unsigned off, uint32_t v)
{
    address_space_stl_be(as, IOMMU_BASE_PA + off, v, NULL);
}

static uint32_t iommu_r(unsigned off)
{
    return address_space_ldl_be(as, IOMMU_BASE_PA + off, NULL);
}

/* Maps DVMA page n to physical page pa (writable unless ro). */
static void map_page(unsigned n, uint64_t pa, bool ro)
{
    uint32_t pte = ((pa >> 4) & 0xffffff00u) | 0x2 | (ro ? 0 : 0x4);
    address_space_stl_be(as, PTE_TABLE_PA + 4 * n, pte, NULL);
}

static Device *find_device(const char *id)
{
    GPtrArray *all = devices_all();
    for (guint i = 0; i < all->len; i++) {
        Device *dev = g_ptr_array_index(all, i);
        if (dev->id && !strcmp(dev->id, id)) {
            return dev;
        }
    }
    g_assert_not_reached();
}

/* The SBus complex as the SS-5 board builds it, with a disk at ID 0. */
static void setup_machine(void)
{
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
    uint8_t img[IMG_BLOCKS * 512];
    int fd = g_file_open_tmp("esp-XXXXXX.img", &img_path, NULL);
    g_autofree char *opts = g_strdup_printf("file=%s,if=scsi,format=raw", img_path);
    GError *err = NULL;

    for (size_t i = 0; i < sizeof(img); i++) {
        img[i] = i / 512 + 0x40;
    }
    g_assert_cmpint(write(fd, img, sizeof(img)), ==, sizeof(img));
    close(fd);
    g_assert_nonnull(blk_new_from_options(opts, NULL));

    memory_system_init();
    g_assert_true(memory_region_init_ram(&ram, "ram", 16 << 20, NULL));
    memory_region_add_subregion(&system_memory, 0, &ram);

    Sun4mSBusWiring w = {
        .iommu_base = IOMMU_BASE_PA,
        .iommu_version = 0x05000000,
        .dma_base = DMA_BASE_PA,
        .esp_base = ESP_BASE_PA,
        .le_base = 0x78c00000,
        .iommu_irq = irq_new(level_handler, &iommu_irq_level, 0),
        .esp_irq = irq_new(level_handler, &esp_irq_level, 0),
        .macaddr = mac,
    };
    AddressSpace *dvma = sun4m_sbus_create(&w, &err);
    g_assert_no_error(err);
    iommu = (Sun4mIOMMU *)find_device("iommu");
    espdma = (Sparc32DMA *)find_device("espdma");
    esp = (ESPState *)find_device("esp");
    g_assert_true(dvma == &iommu->dvma_as);
    g_assert_nonnull(scsi_bus_find(&esp->bus, 0));
    g_assert_nonnull(scsi_bus_find(&esp->bus, 2));             /* the default CD-ROM */
    g_assert_null(scsi_bus_find(&esp->bus, 1));

    /* The IOMMU as Linux sets it up: table base, 16 MB window, enabled;
     * DVMA pages 0..15 map physical 0x200000.. */
    iommu_w(0x4, PTE_TABLE_PA >> 4);
    iommu_w(0x0, 0x1);
    for (unsigned i = 0; i < 16; i++) {
        map_page(i, 0x200000 + i * 0x1000, false);
    }
}

static void test_iommu_registers(void)
{
    g_assert_cmphex(iommu_r(0x0), ==, 0x05000001);
    g_assert_cmphex(iommu_r(0x4), ==, PTE_TABLE_PA >> 4);
    g_assert_cmphex(iommu_r(0x1000) & 0x00800000, ==, 0x00800000);   /* AFSR RESV */
}

static void test_iommu_translate(void)
{
    uint8_t out[64], back[64];

    /* A buffer across DVMA pages 20 and 21, mapped to discontiguous pages. */
    map_page(20, 0x300000, false);
    map_page(21, 0x280000, false);
    for (int i = 0; i < 64; i++) {
        out[i] = i * 3;
    }
    g_assert_true(sun4m_iommu_dma_rw(iommu, DVMA_BASE + 21 * 0x1000 - 32, out, 64, true));
    address_space_read(as, 0x300000 + 0x1000 - 32, back, 32);
    address_space_read(as, 0x280000, back + 32, 32);
    g_assert_cmpmem(out, 64, back, 64);

    /* The DVMA address space sees the same bytes. */
    memset(back, 0, sizeof(back));
    g_assert_cmpint(address_space_read(&iommu->dvma_as, DVMA_BASE + 21 * 0x1000 - 32, back, 64),
                    ==, MEMTX_OK);
    g_assert_cmpmem(out, 64, back, 64);
    g_assert_cmphex(address_space_ldl_be(&iommu->dvma_as, DVMA_BASE + 21 * 0x1000, NULL), ==,
                    0x60636669);
    g_assert_cmpint(iommu_irq_level, ==, 0);
}

static void test_iommu_faults(void)
{
    uint8_t buf[16];

    /* Unmapped page: fault latched, interrupt raised, reads as zeros. */
    memset(buf, 0xff, sizeof(buf));
    g_assert_false(sun4m_iommu_dma_rw(iommu, DVMA_BASE + 100 * 0x1000 + 8, buf, 16, false));
    g_assert_cmpuint(buf[0], ==, 0);
    g_assert_cmpint(iommu_irq_level, ==, 1);
    g_assert_cmphex(iommu_r(0x1004), ==, DVMA_BASE + 100 * 0x1000);
    g_assert_cmphex(iommu_r(0x1000) & 0xc0060000, ==, 0xc0060000);   /* ERR LE RD FAV */
    g_assert_cmpint(iommu_irq_level, ==, 0);                        /* reading acknowledged */

    /* Write to a read-only page. */
    map_page(30, 0x310000, true);
    g_assert_false(sun4m_iommu_dma_rw(iommu, DVMA_BASE + 30 * 0x1000, buf, 4, true));
    g_assert_cmphex(iommu_r(0x1000) & 0x00040000, ==, 0);            /* not a read */

    /* Below the DVMA window. */
    g_assert_false(sun4m_iommu_dma_rw(iommu, 0x1000, buf, 4, false));
    g_assert_cmphex(iommu_r(0x1004), ==, 0x1000);
    g_assert_cmpint(address_space_read(&iommu->dvma_as, 0x2000, buf, 4), !=, MEMTX_OK);
    iommu_w(0x1000, 0);
    g_assert_cmpint(iommu_irq_level, ==, 0);
}

static void test_esp_identify(void)
{
    g_assert_cmphex(dma_r(0x0) & 0xf0000000, ==, 0xa0000000);  /* DMA2 */
    dma_w(0x0, 0x10);                                          /* INT_EN */
    /* esp_scsi resets the chip, then probes CFG2/CFG3 and reads the UID. */
    esp_w(0x3, 0x02);
    esp_w(0xb, 0x18);
    g_assert_cmphex(esp_r(0xb), ==, 0x18);
    esp_w(0xc, 5);
    g_assert_cmphex(esp_r(0xc), ==, 5);
    g_assert_cmphex(esp_r(0xe) & 0xf8, ==, 0);                 /* family: FAS100A */

    /* Bus reset with reporting disabled: no interrupt. */
    esp_w(0x8, 0x47);
    esp_w(0x3, 0x03);
    g_assert_cmpint(esp_irq_level, ==, 0);
    esp_r(0x5);
    esp_w(0x8, 0x07);
    esp_w(0x3, 0x03);
    g_assert_cmpint(esp_irq_level, ==, 1);
    g_assert_cmphex(dma_r(0x0) & 1, ==, 1);                    /* INT_PEND */
    g_assert_cmphex(esp_r(0x5), ==, 0x80);
    g_assert_cmpint(esp_irq_level, ==, 0);
}

/* Loads the counter and the DMA address, then issues a DMA command. */
static void esp_dma_cmd(uint32_t dvma, uint16_t count, uint8_t cmd)
{
    esp_w(0x0, count);
    esp_w(0x1, count >> 8);
    dma_w(0x0, dma_r(0x0) | 0x200);                            /* EN_DMA */
    dma_w(0x4, dvma);
    esp_w(0x3, 0x80 | cmd);
}

/* Waits for nothing (all synchronous): returns (status << 8) | interrupt. */
static unsigned esp_ack(void)
{
    g_assert_cmpint(esp_irq_level, ==, 1);
    uint8_t stat = esp_r(0x4);
    uint8_t seq = esp_r(0x6);
    uint8_t intr = esp_r(0x5);
    g_assert_cmpint(esp_irq_level, ==, 0);
    return (seq << 16) | (stat << 8) | intr;
}

/* Status and message phases through the FIFO, then bus free. */
static uint8_t esp_finish(void)
{
    esp_w(0x3, 0x11);                                          /* ICCS */
    g_assert_cmphex(esp_ack() & 0x07ff, ==, 0x0708);           /* MI, function complete */
    g_assert_cmpuint(esp_r(0x7) & 0x1f, ==, 2);
    uint8_t status = esp_r(0x2);
    g_assert_cmpuint(esp_r(0x2), ==, 0);                       /* COMMAND COMPLETE */
    esp_w(0x3, 0x12);                                          /* message accepted */
    g_assert_cmphex(esp_ack() & 0xff, ==, 0x20);               /* disconnect */
    return status;
}

static void test_esp_inquiry(void)
{
    const uint8_t cmd[7] = { 0x80, 0x12, 0, 0, 0, 36, 0 };     /* IDENTIFY, INQUIRY */
    uint8_t data[36];

    address_space_write(as, 0x200000, cmd, sizeof(cmd));
    esp_w(0x4, 2);                                             /* target 2: the CD-ROM */
    esp_dma_cmd(DVMA_BASE, sizeof(cmd), 0x42);                 /* select with ATN */
    unsigned r = esp_ack();
    g_assert_cmphex(r & 0xff, ==, 0x18);                       /* bus service, function complete */
    g_assert_cmphex((r >> 8) & 7, ==, 1);                      /* data in */
    g_assert_cmphex(r >> 16, ==, 4);

    esp_dma_cmd(DVMA_BASE + 0x1000, 36, 0x10);                 /* transfer information */
    r = esp_ack();
    g_assert_cmphex(r & 0xff, ==, 0x10);
    g_assert_cmphex((r >> 8) & 0x17, ==, 0x13);                /* TC, status phase */
    g_assert_cmphex(dma_r(0x4), ==, DVMA_BASE + 0x1000 + 36);
    address_space_read(as, 0x201000, data, sizeof(data));
    g_assert_cmpuint(data[0], ==, 5);
    g_assert_true(!memcmp(&data[8], "QEMU    QEMU CD-ROM     2.5+", 28));
    g_assert_cmpuint(esp_finish(), ==, 0);

    /* Nobody at ID 5: selection times out with a disconnect. */
    address_space_write(as, 0x200000, cmd, sizeof(cmd));
    esp_w(0x4, 5);
    esp_dma_cmd(DVMA_BASE, sizeof(cmd), 0x42);
    r = esp_ack();
    g_assert_cmphex(r & 0xff, ==, 0x20);
    g_assert_cmphex(r >> 16, ==, 0);
    g_assert_cmphex((r >> 8) & 0x10, ==, 0);                   /* command bytes not taken */
}

/* OpenBIOS polls the DMA engine with interrupts off and never runs the
 * status phase: the next selection abandons the finished command. */
static void test_esp_polled(void)
{
    const uint8_t inq[7] = { 0x80, 0x12, 0, 0, 0, 36, 0 };
    const uint8_t cap[11] = { 0x80, 0x25 };
    uint8_t data[8];

    dma_w(0x0, 0x200);                                         /* EN_DMA, no INT_EN */
    for (int i = 0; i < 2; i++) {
        address_space_write(as, 0x200000, i ? cap : inq, i ? sizeof(cap) : sizeof(inq));
        esp_w(0x4, 0);
        esp_dma_cmd(DVMA_BASE, i ? sizeof(cap) : sizeof(inq), 0x42);
        g_assert_cmpint(esp_irq_level, ==, 0);
        g_assert_cmphex(dma_r(0x0) & 3, ==, 1);
        g_assert_cmphex(esp_r(0x4) & 0x17, ==, 0x11);          /* all taken, data in */
        esp_r(0x5);
        g_assert_cmphex(dma_r(0x0) & 3, ==, 0);
        esp_dma_cmd(DVMA_BASE + 0x1000, i ? 8 : 36, 0x10);
        g_assert_cmphex(esp_r(0x4) & 0x17, ==, 0x13);
        esp_r(0x5);
    }
    address_space_read(as, 0x201000, data, sizeof(data));
    g_assert_cmphex(ldl_be_p(data), ==, IMG_BLOCKS - 1);
    g_assert_cmphex(ldl_be_p(data + 4), ==, 512);
    dma_w(0x0, 0x10);
}

static void test_esp_read_write(void)
{
    const uint8_t identify = 0x80;
    const uint8_t read10[10] = { 0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0 };
    const uint8_t write10[10] = { 0x2a, 0, 0, 0, 0, 2, 0, 0, 1, 0 };
    const uint8_t sync10[11] = { 0x80, 0x35 };
    uint8_t block[512];
    g_autofree char *contents = NULL;
    gsize len;

    /* Select with ATN and stop, then the CDB by DMA, as for negotiation. */
    address_space_write(as, 0x200000, &identify, 1);
    address_space_write(as, 0x200010, read10, sizeof(read10));
    esp_w(0x4, 0);
    esp_dma_cmd(DVMA_BASE, 1, 0x43);
    unsigned r = esp_ack();
    g_assert_cmphex(r & 0xff, ==, 0x18);
    g_assert_cmphex((r >> 8) & 7, ==, 2);                      /* command phase */
    esp_dma_cmd(DVMA_BASE + 0x10, sizeof(read10), 0x10);
    r = esp_ack();
    g_assert_cmphex((r >> 8) & 7, ==, 1);                      /* data in */
    /* Two pieces, as two scatter-gather segments. */
    esp_dma_cmd(DVMA_BASE + 0x2000, 200, 0x10);
    r = esp_ack();
    g_assert_cmphex((r >> 8) & 0x17, ==, 0x11);                /* TC, still data in */
    esp_dma_cmd(DVMA_BASE + 0x2000 + 200, 312, 0x10);
    r = esp_ack();
    g_assert_cmphex((r >> 8) & 0x17, ==, 0x13);
    address_space_read(as, 0x202000, block, sizeof(block));
    for (int i = 0; i < 512; i++) {
        g_assert_cmpuint(block[i], ==, 0x41);
    }
    g_assert_cmpuint(esp_finish(), ==, 0);

    /* WRITE(10) block 2 with select-with-ATN carrying the CDB. */
    uint8_t sel[11] = { 0x80 };
    memcpy(sel + 1, write10, sizeof(write10));
    address_space_write(as, 0x200000, sel, sizeof(sel));
    memset(block, 0x5a, sizeof(block));
    address_space_write(as, 0x203000, block, sizeof(block));
    esp_dma_cmd(DVMA_BASE, sizeof(sel), 0x42);
    g_assert_cmphex((esp_ack() >> 8) & 7, ==, 0);              /* data out */
    esp_dma_cmd(DVMA_BASE + 0x3000, 512, 0x10);
    g_assert_cmphex((esp_ack() >> 8) & 0x17, ==, 0x13);
    g_assert_cmpuint(esp_finish(), ==, 0);

    address_space_write(as, 0x200000, sync10, sizeof(sync10));
    esp_dma_cmd(DVMA_BASE, sizeof(sync10), 0x42);
    g_assert_cmphex((esp_ack() >> 8) & 7, ==, 3);              /* straight to status */
    g_assert_cmpuint(esp_finish(), ==, 0);

    g_assert_true(g_file_get_contents(img_path, &contents, &len, NULL));
    g_assert_cmpuint((uint8_t)contents[2 * 512], ==, 0x5a);
    g_assert_cmpuint((uint8_t)contents[2 * 512 + 511], ==, 0x5a);
    g_assert_cmpuint((uint8_t)contents[3 * 512], ==, 0x43);
}

static void test_esp_check_condition(void)
{
    const uint8_t sel[11] = { 0x80, 0x28, 0, 0, 0, 0x10, 0, 0, 1, 0 };  /* past the end */
    const uint8_t sense[7] = { 0x80, 0x03, 0, 0, 0, 96, 0 };
    uint8_t data[18];

    address_space_write(as, 0x200000, sel, sizeof(sel));
    esp_w(0x4, 0);
    esp_dma_cmd(DVMA_BASE, sizeof(sel), 0x42);
    g_assert_cmphex((esp_ack() >> 8) & 7, ==, 3);
    g_assert_cmpuint(esp_finish(), ==, 2);                     /* CHECK CONDITION */

    address_space_write(as, 0x200000, sense, sizeof(sense));
    esp_dma_cmd(DVMA_BASE, sizeof(sense), 0x42);
    g_assert_cmphex((esp_ack() >> 8) & 7, ==, 1);
    esp_dma_cmd(DVMA_BASE + 0x1000, 96, 0x10);
    unsigned r = esp_ack();
    g_assert_cmphex((r >> 8) & 0x17, ==, 0x03);                /* short: no TC */
    g_assert_cmpuint(esp_r(0x0) | (esp_r(0x1) << 8), ==, 96 - 18);  /* residual */
    address_space_read(as, 0x201000, data, sizeof(data));
    g_assert_cmphex(data[2], ==, 0x05);
    g_assert_cmphex(data[12], ==, 0x21);
    g_assert_cmpuint(esp_finish(), ==, 0);
}

static void test_esp_dma_fault(void)
{
    const uint8_t sel[7] = { 0x80, 0x12, 0, 0, 0, 36, 0 };

    address_space_write(as, 0x200000, sel, sizeof(sel));
    esp_w(0x4, 0);
    esp_dma_cmd(DVMA_BASE, sizeof(sel), 0x42);
    esp_ack();
    /* The data goes to an unmapped DVMA page: the IOMMU and the DMA engine
     * report it; the ESP finishes the transfer. */
    esp_dma_cmd(DVMA_BASE + 0x80000, 36, 0x10);
    g_assert_cmphex(dma_r(0x0) & 2, ==, 2);                    /* ERR_PEND */
    g_assert_cmpint(iommu_irq_level, ==, 1);
    iommu_r(0x1000);
    dma_w(0x0, (dma_r(0x0) & ~0x200) | 0x20);                  /* FIFO_INV clears the error */
    g_assert_cmphex(dma_r(0x0) & 3, ==, 1);                    /* the ESP's interrupt stays */
    esp_ack();
    g_assert_cmpuint(esp_finish(), ==, 0);
    g_assert_cmphex(dma_r(0x0) & 3, ==, 0);

    /* DMA RESET resets the ESP. */
    esp_w(0x8, 0x17);
    dma_w(0x0, dma_r(0x0) | 0x80);
    dma_w(0x0, dma_r(0x0) & ~0x80);
    g_assert_cmphex(esp_r(0x8), ==, 0x07);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    setup_machine();
    g_test_add_func("/esp/iommu/registers", test_iommu_registers);
    g_test_add_func("/esp/iommu/translate", test_iommu_translate);
    g_test_add_func("/esp/iommu/faults", test_iommu_faults);
    g_test_add_func("/esp/identify", test_esp_identify);
    g_test_add_func("/esp/inquiry", test_esp_inquiry);
    g_test_add_func("/esp/polled", test_esp_polled);
    g_test_add_func("/esp/read-write", test_esp_read_write);
    g_test_add_func("/esp/check-condition", test_esp_check_condition);
    g_test_add_func("/esp/dma-fault", test_esp_dma_fault);
    int ret = g_test_run();
    g_unlink(img_path);
    return ret;
}

/*
 * The sun4m machines: SPARCstation 5 (the default), 10 and 20 (Sun-4M System
 * Architecture; addresses and irq wiring as QEMU's hw/sparc/sun4m.c, which
 * OpenBIOS was written against).
 *
 * The board builds the physical map of its model from a table, wires the
 * Slave I/O devices (interrupt controller, counter/timers, ESCCs, NVRAM,
 * misc registers) to the CPUs, hands the SBus complex (IOMMU, DMA, ESP,
 * Lance) its addresses, loads OpenBIOS into the PROM and, for -kernel, the
 * kernel and initrd into RAM, and describes all of it to OpenBIOS through
 * fw_cfg and the NVRAM (partitions and IDPROM).
 *
 * Interrupt sources are bits of the system interrupt register; the board
 * connects each device to its bit (sun4m interrupt table: 14 keyboard,
 * 15 serial, 16 Lance, 18 ESP, 19 system timer, 22 floppy, 28 ECC,
 * 30 IOMMU and power-fail).
 */
#include <string.h>

#include "chardev/char.h"
#include "hw/char/escc.h"
#include "hw/char/sun_input.h"
#include "hw/core/fw_cfg.h"
#include "hw/core/loader.h"
#include "hw/core/machine.h"
#include "hw/core/qdev.h"
#include "hw/display/tcx.h"
#include "hw/nvram/m48t59.h"
#include "hw/sparc/sun4m_sbus.h"
#include "net/net.h"
#include "softmmu/cpu-model.h"
#include "softmmu/cpu.h"
#include "softmmu/runstate.h"
#include "target/sparc/cpu.h"
#include "util/bswap.h"
#include "util/error.h"
#include "util/log.h"

#define KERNEL_LOAD_ADDR 0x00004000
#define KERNEL_VADDR_OFFSET 0xf0000000ull   /* the kernel links at 0xf0004000 */
#define CMDLINE_ADDR 0x007ff000
#define CMDLINE_MAX 4096
#define INITRD_LOAD_ADDR 0x00800000
#define PROM_SIZE_MAX (1 << 20)
#define PROM_VADDR 0xffd00000ull            /* OpenBIOS's link address */
#define PROM_FILENAME "openbios-sparc32"
#define FW_CFG_ADDR 0xd00000510ull
#define FW_CFG_SUN4M_DEPTH (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SUN4M_WIDTH (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_SUN4M_HEIGHT (FW_CFG_ARCH_LOCAL + 2)
#define NVRAM_SIZE 0x2000
#define NVRAM_PARTITIONS_END 0x1fd0         /* OpenBIOS's partitions end here */
#define NVRAM_IDPROM 0x1fd8
#define HDRS_MAGIC 0x48647253               /* "HdrS": the sparc kernel's boot header */
#define HDRS_SEARCH_PAGES 64

#define SUN4M_MAX_CPUS 16                   /* per-CPU register blocks in the map */
#define SUN4M_PILS 16
#define SLAVIO_INTCTL_SYS_OFFSET 0x10000
#define SLAVIO_TIMER_SYS_OFFSET 0x10000
#define SLAVIO_CPU_STRIDE 0x1000

/* Offsets of the Slave I/O misc registers from the PROM/Slave I/O base. */
#define MISC_LEDS 0x01600000
#define MISC_CFG 0x01800000
#define MISC_DIAG 0x01a00000
#define MISC_MDM 0x01b00000
#define MISC_SYS 0x01f00000

#define ESCC_CLOCK 4915200

/* System interrupt register bits (sources) */
enum {
    SRC_TCX = 11,           /* SBus level 5 */
    SRC_KBD_MS = 14,
    SRC_SERIAL = 15,
    SRC_LANCE = 16,
    SRC_ESP = 18,
    SRC_SYS_TIMER = 19,
    SRC_FLOPPY = 22,
    SRC_ECC = 28,
    SRC_IOMMU = 30,
    SRC_POWER = 30,
    SRC_CPU_TIMER0 = 32,    /* the intctl's per-CPU timer inputs */
};

/* IDPROM (Sun NVRAM/hostid FAQ): format, machine type, MAC, date, host id, checksum */
enum {
    IDPROM_FORMAT = 0,
    IDPROM_MACHINE_TYPE = 1,
    IDPROM_MAC = 2,
    IDPROM_DATE = 8,
    IDPROM_HOSTID = 12,
    IDPROM_CHECKSUM = 15,
    IDPROM_SIZE = 16,
};

/* OpenBIOS NVRAM partition header (OpenBIOS packages/nvram.c) */
#define NVPART_HEADER_SIZE 16
#define NVPART_SYSTEM 0x70
#define NVPART_FREE 0x7f

typedef struct Sun4mHwdef {
    hwaddr iommu_base, iommu_pad_base, iommu_pad_len;
    hwaddr slavio_base;        /* the PROM, with the misc registers above it */
    hwaddr intctl_base, counter_base, nvram_base, ms_kb_base, serial_base, fd_base;
    hwaddr afx_base, idreg_base, dma_base, esp_base, le_base, tcx_base;
    hwaddr apc_base, aux1_base, aux2_base, ecc_base;
    uint32_t ecc_version;
    uint32_t iommu_version;
    uint16_t machine_id;       /* fw_cfg MACHINE_ID */
    uint8_t idprom_type;       /* IDPROM machine type */
} Sun4mHwdef;

typedef struct Sun4mModel {
    MachineType machine;
    Sun4mHwdef hw;
} Sun4mModel;

typedef struct Sun4mBoard {
    const Sun4mHwdef *hw;
    MemoryRegion ram, prom, afx, ram_hole, iommu_pad;
    Device *intctl, *misc;
    uint8_t macaddr[6];
    int width, height, depth;  /* the TCX's mode (-g) */
} Sun4mBoard;

static bool sun4m_init(MachineState *ms, GError **err);

/*
 * SS-10 and SS-20 share their MBus/SBus physical map (36-bit addresses),
 * their machine limits and their IDPROM type; they differ in the memory
 * controller (EMC or SMC), the IOMMU version and the machine ID.
 */
#define SUN4M_SS10_20_MAP                   \
    .iommu_base = 0xfe0000000ull,           \
    .tcx_base = 0xe20000000ull,             \
    .slavio_base = 0xff0000000ull,          \
    .ms_kb_base = 0xff1000000ull,           \
    .serial_base = 0xff1100000ull,          \
    .nvram_base = 0xff1200000ull,           \
    .fd_base = 0xff1700000ull,              \
    .counter_base = 0xff1300000ull,         \
    .intctl_base = 0xff1400000ull,          \
    .idreg_base = 0xef0000000ull,           \
    .dma_base = 0xef0400000ull,             \
    .esp_base = 0xef0800000ull,             \
    .le_base = 0xef0c00000ull,              \
    .apc_base = 0xefa000000ull,             \
    .aux1_base = 0xff1800000ull,            \
    .aux2_base = 0xff1a01000ull,            \
    .ecc_base = 0xf00000000ull,             \
    .idprom_type = 0x72

#define SUN4M_SS10_20_MACHINE(model, description) \
    {                                       \
        .name = model,                      \
        .desc = description,                \
        .default_ram_size = 128 << 20,      \
        .max_ram_size = 0xf00000000ull,     \
        .max_cpus = 4,                      \
        .default_cpu = "TI SuperSparc II",  \
        .init = sun4m_init,                 \
    }

static const Sun4mModel sun4m_models[] = {
    {
        .machine = {
            .name = "SS-5",
            .desc = "Sun4m platform, SPARCstation 5",
            .is_default = true,
            .default_ram_size = 128 << 20,
            .max_ram_size = 0x10000000,
            .max_cpus = 1,
            .default_cpu = "Fujitsu MB86904",
            .init = sun4m_init,
        },
        .hw = {
            .iommu_base = 0x10000000,
            .iommu_pad_base = 0x10004000,
            .iommu_pad_len = 0x0fffb000,
            .tcx_base = 0x50000000,
            .slavio_base = 0x70000000,
            .ms_kb_base = 0x71000000,
            .serial_base = 0x71100000,
            .nvram_base = 0x71200000,
            .fd_base = 0x71400000,
            .counter_base = 0x71d00000,
            .intctl_base = 0x71e00000,
            .idreg_base = 0x78000000,
            .dma_base = 0x78400000,
            .esp_base = 0x78800000,
            .le_base = 0x78c00000,
            .apc_base = 0x6a000000,
            .afx_base = 0x6e000000,
            .aux1_base = 0x71900000,
            .aux2_base = 0x71910000,
            .idprom_type = 0x80,
            .machine_id = 32,
            .iommu_version = 0x05000000,
        },
    },
    {
        .machine = SUN4M_SS10_20_MACHINE("SS-10", "Sun4m platform, SPARCstation 10"),
        .hw = {
            SUN4M_SS10_20_MAP,
            .ecc_version = 0x10000000,      /* EMC: version 0, implementation 1 */
            .machine_id = 64,
            .iommu_version = 0x03000000,
        },
    },
    {
        .machine = SUN4M_SS10_20_MACHINE("SS-20", "Sun4m platform, SPARCstation 20"),
        .hw = {
            SUN4M_SS10_20_MAP,
            .ecc_version = 0x20000000,      /* SMC: version 0, implementation 2 */
            .machine_id = 65,
            .iommu_version = 0x13000000,
        },
    },
};

static const Sun4mHwdef *sun4m_hwdef_of(const MachineType *type)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sun4m_models); i++) {
        if (&sun4m_models[i].machine == type) {
            return &sun4m_models[i].hw;
        }
    }
    return NULL;
}

/* ---- CPUs ---- */

static void sun4m_cpu_irq(void *opaque, int level_no, int level)
{
    CPUState *cpu = opaque;

    cpu->ops->set_irq(cpu, level_no, level);
    /* Any interrupt wakes a stopped CPU, which is how the PROM starts the
     * secondaries (as QEMU's sun4m does). */
    if (level) {
        cpu->halted = false;
    }
}

/* Every CPU restarts in boot mode at 0 (the PROM); the secondaries wait. */
static void sun4m_cpus_reset(MachineState *ms)
{
    for (guint i = 0; i < ms->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(ms->cpus, i);
        cpu->ops->set_pc(cpu, 0);
        cpu->halted = i > 0;
    }
}

static void sun4m_on_reset(void *opaque, RunEvent event, ShutdownCause cause)
{
    if (event == RUN_EVENT_RESET) {
        sun4m_cpus_reset(opaque);
    }
}

static bool sun4m_create_cpus(MachineState *ms, const Sun4mHwdef *hw, GError **err)
{
    const char *name = ms->cpu_model ? ms->cpu_model : ms->type->default_cpu;
    const CpuModel *model = cpu_model_find(name);

    if (!model) {
        g_set_error(err, CHIMERA_ERROR, 0, "-cpu: unknown CPU model '%s' (try -cpu help)", name);
        return false;
    }
    for (int i = 0; i < ms->smp; i++) {
        CPUState *cpu = model->create(model, i, err);
        if (!cpu) {
            return false;
        }
        cpus_register(cpu);
        g_ptr_array_add(ms->cpus, cpu);
        sparc_cpu_set_prom_addr(cpu, hw->slavio_base);
    }
    sun4m_cpus_reset(ms);
    runstate_add_listener(sun4m_on_reset, ms);
    return true;
}

/* ---- memory map pieces with no device behind them ---- */

static uint64_t sun4m_empty_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void sun4m_empty_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
}

/* Reads 0 and ignores writes: RAM slots without SIMMs on the SS-5 (no ECC
 * controller to trap) and the IOMMU's unused aliases. */
static const MemoryRegionOps sun4m_empty_ops = {
    .read = sun4m_empty_read,
    .write = sun4m_empty_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- firmware and kernel ---- */

static uint64_t sun4m_prom_translate(void *opaque, uint64_t addr)
{
    const Sun4mHwdef *hw = opaque;
    return addr - PROM_VADDR + hw->slavio_base;
}

static bool sun4m_load_prom(MachineState *ms, Sun4mBoard *b, GError **err)
{
    const char *name = ms->bios ? ms->bios : PROM_FILENAME;
    char *path = machine_find_firmware(ms, name);
    bool ok;

    if (!path) {
        if (ms->bios) {
            g_set_error(err, CHIMERA_ERROR, 0, "-bios: could not find '%s'", name);
        } else {
            g_set_error(err, CHIMERA_ERROR, 0, "could not find the PROM image '%s': install "
                        "Debian's qemu-system-data package", name);
        }
        return false;
    }
    if (!memory_region_init_rom(&b->prom, "sun4m.prom", PROM_SIZE_MAX, err)) {
        g_free(path);
        return false;
    }
    memory_region_add_subregion(&system_memory, b->hw->slavio_base, &b->prom);
    if (loader_file_is_elf(path)) {
        ElfLoadOptions opt = {
            .machines = { EM_SPARC },
            .byte_order = ELFDATA2MSB,
            .translate = sun4m_prom_translate,
            .translate_opaque = (void *)b->hw,
        };
        ok = load_elf(path, &address_space_memory, &opt, NULL, err);
    } else {
        ok = load_image_targphys(path, b->hw->slavio_base, PROM_SIZE_MAX, &address_space_memory,
                                 NULL, err);
    }
    g_free(path);
    return ok;
}

static uint64_t sun4m_kernel_translate(void *opaque, uint64_t addr)
{
    return addr - KERNEL_VADDR_OFFSET;
}

/* Loads -kernel at 0x4000: an ELF (linked at 0xf0004000), else an a.out,
 * else a raw image. Returns the size, or -1 with *err set. */
static int64_t sun4m_load_kernel(MachineState *ms, GError **err)
{
    uint64_t max = ms->ram_size - KERNEL_LOAD_ADDR;
    LoadedImage img;
    uint64_t size;

    if (loader_file_is_elf(ms->kernel)) {
        ElfLoadOptions opt = {
            .machines = { EM_SPARC, EM_SPARC32PLUS },
            .byte_order = ELFDATA2MSB,
            .elf_class = ELFCLASS32,
            .translate = sun4m_kernel_translate,
        };
        if (!load_elf(ms->kernel, &address_space_memory, &opt, &img, err)) {
            return -1;
        }
        return img.high - img.low;
    }
    if (load_aout(ms->kernel, KERNEL_LOAD_ADDR, max, TARGET_PAGE_SIZE, &address_space_memory,
                  &img, NULL)) {
        return img.high - img.low;
    }
    if (!load_image_targphys(ms->kernel, KERNEL_LOAD_ADDR, max, &address_space_memory, &size,
                             err)) {
        return -1;
    }
    return size;
}

/* The kernel's "HdrS" boot header (arch/sparc/kernel/head_32.S) holds the
 * ramdisk's address and size at +16 and +20. */
static void sun4m_patch_initrd_header(uint32_t initrd_size)
{
    for (int i = 0; i < HDRS_SEARCH_PAGES; i++) {
        hwaddr a = KERNEL_LOAD_ADDR + (hwaddr)i * TARGET_PAGE_SIZE;
        if (address_space_ldl_be(&address_space_memory, a, NULL) == HDRS_MAGIC) {
            address_space_stl_be(&address_space_memory, a + 16, INITRD_LOAD_ADDR, NULL);
            address_space_stl_be(&address_space_memory, a + 20, initrd_size, NULL);
            return;
        }
    }
}

/* ---- NVRAM contents ---- */

static void sun4m_nvpart_finish(uint8_t *hdr, uint8_t signature, const char *name,
                                uint32_t len)
{
    unsigned sum;

    hdr[0] = signature;
    stuw_be_p(hdr + 2, len / 16);
    memset(hdr + 4, 0, 12);
    memcpy(hdr + 4, name, strlen(name));
    /* OpenBIOS's checksum: a byte sum with end-around carry, skipping byte 1 */
    sum = hdr[0];
    for (int i = 2; i < NVPART_HEADER_SIZE; i++) {
        sum += hdr[i];
        sum = (sum + (sum >> 8)) & 0xff;
    }
    hdr[1] = sum;
}

static void sun4m_nvram_fill(MachineState *ms, Sun4mBoard *b, Device *nvram)
{
    uint8_t image[NVRAM_SIZE] = { 0 };
    uint32_t end = NVPART_HEADER_SIZE;
    uint8_t *id = &image[NVRAM_IDPROM];
    uint8_t sum = 0;

    /* "system" partition: -prom-env name=value strings, then an empty one */
    for (guint i = 0; ms->prom_env && i < ms->prom_env->len; i++) {
        const char *var = g_ptr_array_index(ms->prom_env, i);
        size_t len = strlen(var) + 1;
        if (end + len + 1 > NVRAM_PARTITIONS_END - NVPART_HEADER_SIZE) {
            warn_report("-prom-env: no room in the NVRAM for '%s'", var);
            break;
        }
        memcpy(&image[end], var, len);
        end += len;
    }
    end = (end + 1 + 15) & ~15u;
    sun4m_nvpart_finish(image, NVPART_SYSTEM, "system", end);
    sun4m_nvpart_finish(&image[end], NVPART_FREE, "free", NVRAM_PARTITIONS_END - end);

    id[IDPROM_FORMAT] = 1;
    id[IDPROM_MACHINE_TYPE] = b->hw->idprom_type;
    memcpy(&id[IDPROM_MAC], b->macaddr, 6);
    memcpy(&id[IDPROM_HOSTID], &b->macaddr[3], 3);
    for (int i = 0; i < IDPROM_CHECKSUM; i++) {
        sum ^= id[i];
    }
    id[IDPROM_CHECKSUM] = sum;
    m48t59_nvram_write(nvram, 0, image, sizeof(image));
}

/* ---- devices ---- */

static Irq *sun4m_source(Sun4mBoard *b, int n)
{
    return device_irq_in(b->intctl, n);
}

static Device *sun4m_create_intctl(MachineState *ms, Sun4mBoard *b, GError **err)
{
    const Sun4mHwdef *hw = b->hw;
    Device *dev = device_new("slavio_intctl");

    if (!device_realize(dev, err)) {
        return NULL;
    }
    device_map_mmio(dev, 0, hw->intctl_base + SLAVIO_INTCTL_SYS_OFFSET);
    for (int n = 0; n < SUN4M_MAX_CPUS; n++) {
        device_map_mmio(dev, 1 + n, hw->intctl_base + (hwaddr)n * SLAVIO_CPU_STRIDE);
    }
    for (guint n = 0; n < ms->cpus->len; n++) {
        Irq **levels = irq_new_array(sun4m_cpu_irq, g_ptr_array_index(ms->cpus, n), SUN4M_PILS);
        for (int l = 1; l < SUN4M_PILS; l++) {
            device_connect_irq(dev, n * SUN4M_PILS + l, levels[l]);
        }
        g_free(levels);
    }
    return dev;
}

static bool sun4m_create_timers(MachineState *ms, Sun4mBoard *b, GError **err)
{
    Device *dev = device_new("slavio_timer");

    if (!device_prop_set_uint(dev, "num-cpus", ms->smp, err) || !device_realize(dev, err)) {
        return false;
    }
    device_map_mmio(dev, 0, b->hw->counter_base + SLAVIO_TIMER_SYS_OFFSET);
    device_connect_irq(dev, 0, sun4m_source(b, SRC_SYS_TIMER));
    for (int n = 0; n < SUN4M_MAX_CPUS; n++) {
        device_map_mmio(dev, 1 + n, b->hw->counter_base + (hwaddr)n * SLAVIO_CPU_STRIDE);
        if (n < ms->smp) {
            device_connect_irq(dev, 1 + n, sun4m_source(b, SRC_CPU_TIMER0 + n));
        }
    }
    return true;
}

/* One ESCC: channel A is ttya (base + 4), B ttyb (base + 0). */
static bool sun4m_create_escc(Sun4mBoard *b, hwaddr base, int source, bool keyboard,
                              bool disabled, GError **err)
{
    Device *dev = device_new("escc");

    if (keyboard) {
        device_prop_set_uint(dev, "chnA-type", ESCC_CHN_KEYBOARD, NULL);
        device_prop_set_uint(dev, "chnB-type", ESCC_CHN_MOUSE, NULL);
    } else {
        device_prop_set_link(dev, "chrA", machine_serial_chardev(0), NULL);
        device_prop_set_link(dev, "chrB", machine_serial_chardev(1), NULL);
    }
    device_prop_set_bool(dev, "disabled", disabled, NULL);
    if (!device_realize(dev, err)) {
        return false;
    }
    device_map_mmio(dev, 0, base);
    device_connect_irq(dev, 0, sun4m_source(b, source));
    if (keyboard) {
        sun_input_attach(dev);   /* the user's keyboard and mouse */
    }
    return true;
}

static void sun4m_powerdown(void *opaque)
{
    Sun4mBoard *b = opaque;
    irq_raise(device_irq_in(b->misc, 0));
}

static bool sun4m_create_misc(Sun4mBoard *b, Device *fdc, GError **err)
{
    const Sun4mHwdef *hw = b->hw;
    Device *dev = device_new("slavio_misc");
    /* region order of slavio_misc: config, diag, modem, LEDs, sysctrl, aux1, aux2 */
    const hwaddr at[7] = {
        hw->slavio_base + MISC_CFG, hw->slavio_base + MISC_DIAG, hw->slavio_base + MISC_MDM,
        hw->slavio_base + MISC_LEDS, hw->slavio_base + MISC_SYS, hw->aux1_base, hw->aux2_base,
    };

    if (!device_realize(dev, err)) {
        return false;
    }
    for (int i = 0; i < 7; i++) {
        /* On the SS-10/20, AUX1 sits where the configuration register would
         * be; AUX1 answers there (as on QEMU's boards). */
        if (i == 0 && at[0] == hw->aux1_base) {
            continue;
        }
        device_map_mmio(dev, i, at[i]);
    }
    device_connect_irq(dev, 0, sun4m_source(b, SRC_POWER));
    if (fdc) {
        device_connect_irq(dev, 1, device_irq_in(fdc, 0));
    }
    b->misc = dev;
    runstate_set_powerdown_handler(sun4m_powerdown, b);
    return true;
}

/* Creates a simple device, maps its region 0 at base and connects its
 * output 0 to a source (source < 0: none). */
static Device *sun4m_simple(Sun4mBoard *b, const char *type, hwaddr base, int source,
                            GError **err)
{
    Device *dev = device_new(type);

    if (!device_realize(dev, err)) {
        return NULL;
    }
    device_map_mmio(dev, 0, base);
    if (source >= 0) {
        device_connect_irq(dev, 0, sun4m_source(b, source));
    }
    return dev;
}

static void sun4m_pick_macaddr(Sun4mBoard *b)
{
    static const uint8_t qemu_default[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
    GPtrArray *all = net_clients_all();

    memcpy(b->macaddr, qemu_default, 6);
    for (guint i = 0; all && i < all->len; i++) {
        NetClient *nc = g_ptr_array_index(all, i);
        if (nc->from_nic && !nc->claimed) {
            if (nc->has_macaddr) {
                memcpy(b->macaddr, nc->macaddr, 6);
            }
            break;
        }
    }
}

static bool sun4m_parse_graphics(MachineState *ms, int *w, int *h, int *depth, GError **err)
{
    *w = 1024;
    *h = 768;
    *depth = 8;
    if (ms->graphic_mode &&
        sscanf(ms->graphic_mode, "%dx%dx%d", w, h, depth) < 2) {
        g_set_error(err, CHIMERA_ERROR, 0, "-g %s: expected WxH or WxHxD", ms->graphic_mode);
        return false;
    }
    if (*depth != 8 && *depth != 24) {
        g_set_error(err, CHIMERA_ERROR, 0, "-g: unsupported depth %d (sun4m: 8 or 24)", *depth);
        return false;
    }
    return true;
}

static void sun4m_add_cmdline(MachineState *ms, Device *fw)
{
    if (ms->append && *ms->append) {
        size_t len = MIN(strlen(ms->append), CMDLINE_MAX - 1);
        /* OpenBIOS reads the command line from RAM at this address. */
        address_space_write(&address_space_memory, CMDLINE_ADDR, ms->append, len);
        address_space_stb(&address_space_memory, CMDLINE_ADDR + len, 0, NULL);
        fw_cfg_add_i32(fw, FW_CFG_KERNEL_CMDLINE, CMDLINE_ADDR);
        fw_cfg_add_string(fw, FW_CFG_CMDLINE_DATA, ms->append);
        fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, strlen(ms->append) + 1);
    } else {
        fw_cfg_add_i32(fw, FW_CFG_KERNEL_CMDLINE, 0);
        fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, 0);
    }
}

static bool sun4m_create_fw_cfg(MachineState *ms, Sun4mBoard *b, int64_t kernel_size,
                                uint32_t initrd_size, GError **err)
{
    static const uint8_t uuid[16];
    const Sun4mHwdef *hw = b->hw;
    Device *fw = device_new("fw_cfg");

    if (!device_realize(fw, err)) {
        return false;
    }
    device_map_mmio(fw, 0, FW_CFG_ADDR);
    device_map_mmio(fw, 1, FW_CFG_ADDR + 2);

    fw_cfg_add_bytes(fw, FW_CFG_UUID, uuid, sizeof(uuid));
    fw_cfg_add_i16(fw, FW_CFG_NOGRAPHIC, ms->nographic);
    fw_cfg_add_i16(fw, FW_CFG_BOOT_MENU, 0);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, ms->smp);
    fw_cfg_add_i16(fw, FW_CFG_MAX_CPUS, ms->smp);
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, ms->ram_size);
    fw_cfg_add_i16(fw, FW_CFG_MACHINE_ID, hw->machine_id);
    fw_cfg_add_i16(fw, FW_CFG_SUN4M_DEPTH, b->depth);
    fw_cfg_add_i16(fw, FW_CFG_SUN4M_WIDTH, b->width);
    fw_cfg_add_i16(fw, FW_CFG_SUN4M_HEIGHT, b->height);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, KERNEL_LOAD_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_SIZE, kernel_size);
    sun4m_add_cmdline(ms, fw);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_ADDR, INITRD_LOAD_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_INITRD_SIZE, initrd_size);
    fw_cfg_add_i16(fw, FW_CFG_BOOT_DEVICE, ms->boot_order[0]);
    return true;
}

static bool sun4m_create_memory(MachineState *ms, Sun4mBoard *b, GError **err)
{
    const Sun4mHwdef *hw = b->hw;

    if (!memory_region_init_ram(&b->ram, "sun4m.ram", ms->ram_size, err)) {
        return false;
    }
    memory_region_add_subregion(&system_memory, 0, &b->ram);
    /* Without an ECC controller, missing RAM reads as zero instead of trapping. */
    if (!hw->ecc_base && ms->ram_size < ms->type->max_ram_size) {
        memory_region_init_io(&b->ram_hole, &sun4m_empty_ops, NULL, "sun4m.ram-hole",
                              ms->type->max_ram_size - ms->ram_size);
        memory_region_add_subregion(&system_memory, ms->ram_size, &b->ram_hole);
    }
    if (hw->iommu_pad_len) {
        memory_region_init_io(&b->iommu_pad, &sun4m_empty_ops, NULL, "sun4m.iommu-alias",
                              hw->iommu_pad_len);
        memory_region_add_subregion(&system_memory, hw->iommu_pad_base, &b->iommu_pad);
    }
    if (hw->afx_base) {
        /* The SS-5's AFX (TCX acceleration) register: plain storage. */
        if (!memory_region_init_ram(&b->afx, "sun4m.afx", 4, err)) {
            return false;
        }
        memory_region_add_subregion(&system_memory, hw->afx_base, &b->afx);
    }
    return true;
}

static bool sun4m_create_sbus(Sun4mBoard *b, GError **err)
{
    const Sun4mHwdef *hw = b->hw;
    Sun4mSBusWiring w = {
        .iommu_base = hw->iommu_base,
        .iommu_version = hw->iommu_version,
        .dma_base = hw->dma_base,
        .esp_base = hw->esp_base,
        .le_base = hw->le_base,
        .iommu_irq = sun4m_source(b, SRC_IOMMU),
        .esp_irq = sun4m_source(b, SRC_ESP),
        .le_irq = sun4m_source(b, SRC_LANCE),
        .macaddr = b->macaddr,
    };

    return sun4m_sbus_create(&w, err) != NULL;
}

static bool sun4m_create_devices(MachineState *ms, Sun4mBoard *b, GError **err)
{
    const Sun4mHwdef *hw = b->hw;
    Device *nvram, *fdc = NULL;

    b->intctl = sun4m_create_intctl(ms, b, err);
    if (!b->intctl) {
        return false;
    }
    if (hw->idreg_base && !sun4m_simple(b, "sun4m_idreg", hw->idreg_base, -1, err)) {
        return false;
    }
    if (!sun4m_create_sbus(b, err)) {
        return false;
    }
    /* QEMU's boards always have the TCX, -nographic or not: OpenBIOS and
     * Linux find it in slot 3 (its FCode PROM describes it). */
    tcx_create(hw->tcx_base, sun4m_source(b, SRC_TCX), b->width, b->height, b->depth);
    nvram = sun4m_simple(b, "m48t59", hw->nvram_base, -1, err);
    if (!nvram || !sun4m_create_timers(ms, b, err)) {
        return false;
    }
    sun4m_nvram_fill(ms, b, nvram);
    if (!sun4m_create_escc(b, hw->ms_kb_base, SRC_KBD_MS, true, ms->nographic, err) ||
        !sun4m_create_escc(b, hw->serial_base, SRC_SERIAL, false, false, err)) {
        return false;
    }
    if (hw->apc_base && !sun4m_simple(b, "apc", hw->apc_base, -1, err)) {
        return false;
    }
    if (hw->fd_base) {
        fdc = sun4m_simple(b, "fdc-sun4m", hw->fd_base, SRC_FLOPPY, err);
        if (!fdc) {
            return false;
        }
    }
    if (!sun4m_create_misc(b, fdc, err)) {
        return false;
    }
    if (hw->ecc_base) {
        Device *ecc = device_new("eccmemctl");
        if (!device_prop_set_uint(ecc, "version", hw->ecc_version, err) ||
            !device_realize(ecc, err)) {
            return false;
        }
        device_map_mmio(ecc, 0, hw->ecc_base);
        device_connect_irq(ecc, 0, sun4m_source(b, SRC_ECC));
    }
    return true;
}

static bool sun4m_init(MachineState *ms, GError **err)
{
    Sun4mBoard *b = g_new0(Sun4mBoard, 1);
    int64_t kernel_size = 0;
    uint64_t initrd_size = 0;

    b->hw = sun4m_hwdef_of(ms->type);
    ms->board = b;
    sun4m_pick_macaddr(b);
    if (!sun4m_parse_graphics(ms, &b->width, &b->height, &b->depth, err) ||
        !sun4m_create_cpus(ms, b->hw, err) || !sun4m_create_memory(ms, b, err) ||
        !sun4m_load_prom(ms, b, err) || !sun4m_create_devices(ms, b, err)) {
        return false;
    }
    if (ms->kernel) {
        kernel_size = sun4m_load_kernel(ms, err);
        if (kernel_size < 0) {
            return false;
        }
        if (ms->initrd) {
            if (ms->ram_size <= INITRD_LOAD_ADDR) {
                g_set_error(err, CHIMERA_ERROR, 0, "-initrd: no RAM at 0x%x for the initrd",
                            INITRD_LOAD_ADDR);
                return false;
            }
            if (!load_image_targphys(ms->initrd, INITRD_LOAD_ADDR,
                                     ms->ram_size - INITRD_LOAD_ADDR, &address_space_memory,
                                     &initrd_size, err)) {
                return false;
            }
            if (initrd_size) {
                sun4m_patch_initrd_header(initrd_size);
            }
        }
    }
    return sun4m_create_fw_cfg(ms, b, kernel_size, initrd_size, err);
}

static void __attribute__((constructor)) sun4m_register(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sun4m_models); i++) {
        machine_type_register(&sun4m_models[i].machine);
    }
}

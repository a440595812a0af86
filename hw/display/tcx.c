/*
 * Sun TCX framebuffer: the SBus card of the SPARCstation 4 and 5, in 8-bit
 * pseudocolor or 24-bit true color (-g 1024x768x8 or x24).
 *
 * The card decodes a slot into planes and register blocks (offsets from
 * the slot base, as OpenBIOS's and Linux's drivers use them and QEMU maps
 * them): the FCode PROM at 0, the Brooktree Bt458 DAC at 0x200000, the THC
 * (timing, misc control, hardware cursor) at 0x300000 (0x301000 on 24-bit
 * cards), the 8-bit plane at 0x800000, the 24-bit plane at 0x2000000, the
 * control plane at 0xa000000, and the stippler and blitter (plain and raw)
 * at 0x4000000, 0x6000000, 0xc000000 and 0xe000000. The TEC, DHC and ALT
 * blocks are accepted and ignored.
 *
 * The planes are RAM the guest writes directly; the display refresh finds
 * changed rows by comparing with a shadow copy (ui/console.h). In 8-bit
 * mode the surface is the 8-bit plane itself with the DAC's palette; in
 * 24-bit mode each pixel's control-plane word chooses between the 24-bit
 * plane and the palette, so rows are rendered into a true-color surface.
 */
#include "hw/display/tcx.h"

#include <string.h>

#include "hw/core/loader.h"
#include "hw/core/machine.h"
#include "softmmu/timer.h"
#include "ui/console.h"
#include "util/error.h"
#include "util/log.h"

#define TCX_ROM_FILE "QEMU,tcx.bin"
#define TCX_ROM_SIZE 0x10000
#define TCX_MAX_WIDTH 1024
#define TCX_MAX_HEIGHT 768
#define TCX_VRAM_SIZE 0x100000      /* pixels in the 8-bit plane; rows are 1024 wide */
#define TCX_LINE 1024

/* Bt458 registers, one per word, the data in the top byte. */
#define TCX_DAC_ADDRESS 0x0
#define TCX_DAC_COLOR 0x4
#define TCX_DAC_CONTROL 0x8
#define TCX_DAC_OVERLAY 0xc

/* THC registers (Linux drivers/video/fbdev/tcx.c, struct tcx_thc). */
#define TCX_THC_MISC 0x818
#define TCX_THC_CURSXY 0x8fc
#define TCX_THC_CURSMASK 0x900
#define TCX_THC_CURSBITS 0x980
#define TCX_THC_MISC_INT_ENAB (1u << 5)
#define TCX_THC_MISC_INT (1u << 4)
#define TCX_THC_MISC_REV 0x02000000u   /* what the revision field reads as */

/* Control plane: a pixel is true color when either of these bits is set. */
#define TCX_CPLANE_24BIT 0x03000000u

#define TCX_CURSOR_SIZE 32
#define TCX_PALETTE_SIZE 260            /* 256 colors and 4 overlay (cursor) colors */
#define TCX_CURSOR_COLOR0 258           /* where the mask is set and the bits clear */
#define TCX_CURSOR_COLOR1 259
#define TCX_VBLANK_HZ 60

typedef enum TcxRegion {
    TCX_REGION_ROM,
    TCX_REGION_DFB8,
    TCX_REGION_DFB24,
    TCX_REGION_CPLANE,
    TCX_REGION_STIP,
    TCX_REGION_BLIT,
    TCX_REGION_RSTIP,
    TCX_REGION_RBLIT,
    TCX_REGION_TEC,
    TCX_REGION_DAC,
    TCX_REGION_THC,
    TCX_REGION_DHC,
    TCX_REGION_ALT,
    TCX_REGION_THC24,       /* 8-bit cards: NetBSD writes the 24-bit THC place */
    TCX_REGION__MAX
} TcxRegion;

/* Offsets in the slot; THC sits one page higher on 24-bit cards. */
static const struct {
    hwaddr offset;
    hwaddr offset24;
} tcx_region_offsets[TCX_REGION__MAX] = {
    [TCX_REGION_ROM] = { 0x0, 0x0 },
    [TCX_REGION_DFB8] = { 0x800000, 0x800000 },
    [TCX_REGION_DFB24] = { 0x2000000, 0x2000000 },
    [TCX_REGION_CPLANE] = { 0xa000000, 0xa000000 },
    [TCX_REGION_STIP] = { 0x4000000, 0x4000000 },
    [TCX_REGION_BLIT] = { 0x6000000, 0x6000000 },
    [TCX_REGION_RSTIP] = { 0xc000000, 0xc000000 },
    [TCX_REGION_RBLIT] = { 0xe000000, 0xe000000 },
    [TCX_REGION_TEC] = { 0x700000, 0x700000 },
    [TCX_REGION_DAC] = { 0x200000, 0x200000 },
    [TCX_REGION_THC] = { 0x300000, 0x301000 },
    [TCX_REGION_DHC] = { 0x240000, 0x240000 },
    [TCX_REGION_ALT] = { 0x280000, 0x280000 },
    [TCX_REGION_THC24] = { 0x301000, 0 },
};

typedef struct TcxState {
    Device parent;
    uint32_t width, height, depth;
    Irq *irq;

    MemoryRegion vram_mem;      /* the three planes, one after the other */
    MemoryRegion regions[TCX_REGION__MAX];
    struct TcxEngine *engines;  /* the stippler and blitter regions' state */
    uint8_t *vram;              /* 8-bit plane: one byte a pixel */
    uint8_t *vram24;            /* 24-bit plane: big-endian words 0x00BBGGRR */
    uint8_t *cplane;            /* control plane: big-endian words */

    DisplayConsole *con;
    DisplaySurface *surface;
    DisplayDirty dirty8, dirty24, dirtyc;
    bool palette_changed;       /* redraw everything at the next refresh */
    bool cursor_changed;        /* rebuild the cursor image */

    /* Bt458 */
    uint8_t rgb[TCX_PALETTE_SIZE][3];
    uint8_t dac_index, dac_state;   /* entry and which of r, g, b comes next */

    /* THC */
    uint32_t thc_misc;
    uint32_t curs_mask[TCX_CURSOR_SIZE], curs_bits[TCX_CURSOR_SIZE];
    uint16_t curs_x, curs_y;
    Timer *vblank;

    /* stippler and blitter: the color or source latched by the first word */
    uint32_t blit_latch;
} TcxState;

static uint32_t tcx_color(TcxState *s, int index)
{
    return (uint32_t)s->rgb[index][0] << 16 | s->rgb[index][1] << 8 | s->rgb[index][2];
}

/* ---- display refresh ---- */

static void tcx_cursor_update(TcxState *s)
{
    uint32_t argb[TCX_CURSOR_SIZE * TCX_CURSOR_SIZE];
    uint32_t c0 = 0xff000000 | tcx_color(s, TCX_CURSOR_COLOR0);
    uint32_t c1 = 0xff000000 | tcx_color(s, TCX_CURSOR_COLOR1);

    for (int y = 0; y < TCX_CURSOR_SIZE; y++) {
        for (int x = 0; x < TCX_CURSOR_SIZE; x++) {
            uint32_t bit = 0x80000000u >> x;    /* the leftmost pixel is the MSB */
            argb[y * TCX_CURSOR_SIZE + x] = !(s->curs_mask[y] & bit) ? 0
                                            : (s->curs_bits[y] & bit) ? c1 : c0;
        }
    }
    dpy_cursor_define(s->con, TCX_CURSOR_SIZE, TCX_CURSOR_SIZE, 0, 0, argb);
}

/* Renders row y of a 24-bit card: each control word picks its source. */
static void tcx24_render_row(TcxState *s, int y)
{
    uint32_t *out = (uint32_t *)(s->surface->data + (size_t)y * s->surface->stride);
    size_t base = (size_t)y * TCX_LINE;

    for (uint32_t x = 0; x < s->width; x++) {
        const uint8_t *cp = s->cplane + (base + x) * 4;
        const uint8_t *p24 = s->vram24 + (base + x) * 4;
        out[x] = cp[0] & (TCX_CPLANE_24BIT >> 24)
                 ? (uint32_t)p24[3] << 16 | p24[2] << 8 | p24[1]
                 : tcx_color(s, s->vram[base + x]);
    }
}

static void tcx24_update(TcxState *s)
{
    int band = -1;

    for (int y = 0; y <= (int)s->height; y++) {
        bool changed = false;
        if (y < (int)s->height) {
            size_t off = (size_t)y * TCX_LINE;
            /* No short circuit: every plane's shadow must catch up. */
            changed = display_dirty_range(&s->dirty8, s->vram, off, s->width);
            changed |= display_dirty_range(&s->dirty24, s->vram24, off * 4, s->width * 4);
            changed |= display_dirty_range(&s->dirtyc, s->cplane, off * 4, s->width * 4);
        }
        if (changed) {
            tcx24_render_row(s, y);
            band = band < 0 ? y : band;
        } else if (band >= 0) {
            dpy_gfx_update(s->con, 0, band, s->width, y - band);
            band = -1;
        }
    }
    display_dirty_end_pass(&s->dirty8);
    display_dirty_end_pass(&s->dirty24);
    display_dirty_end_pass(&s->dirtyc);
}

static void tcx_update(void *opaque)
{
    TcxState *s = opaque;

    if (s->cursor_changed) {
        s->cursor_changed = false;
        tcx_cursor_update(s);
    }
    if (s->palette_changed) {
        s->palette_changed = false;
        if (s->depth == 8) {
            uint32_t colors[256];
            for (int i = 0; i < 256; i++) {
                colors[i] = tcx_color(s, i);
            }
            display_surface_set_palette(s->surface, 0, 256, colors);
            dpy_gfx_update_full(s->con);
        } else {
            display_dirty_reset(&s->dirty8);
        }
    }
    if (s->depth == 8) {
        display_dirty_scan(&s->dirty8, s->vram, TCX_LINE, s->con);
    } else {
        tcx24_update(s);
    }
}

static void tcx_invalidate(void *opaque)
{
    TcxState *s = opaque;

    display_dirty_reset(&s->dirty8);
    display_dirty_reset(&s->dirty24);
    display_dirty_reset(&s->dirtyc);
}

static const DisplayConsoleOps tcx_console_ops = {
    .update = tcx_update,
    .invalidate = tcx_invalidate,
};

/* ---- Bt458 DAC ---- */

/* Which palette entry the color and overlay ports reach now. */
static int tcx_dac_entry(TcxState *s, hwaddr addr)
{
    return addr == TCX_DAC_OVERLAY ? 256 + (s->dac_index & 3) : s->dac_index;
}

/* Colors go in r, g, b order; after b the address moves to the next entry. */
static void tcx_dac_advance(TcxState *s)
{
    if (++s->dac_state == 3) {
        s->dac_state = 0;
        s->dac_index++;
    }
}

static uint64_t tcx_dac_read(void *opaque, hwaddr addr, unsigned size)
{
    TcxState *s = opaque;
    uint32_t val = 0;

    if (addr == TCX_DAC_COLOR || addr == TCX_DAC_OVERLAY) {
        val = (uint32_t)s->rgb[tcx_dac_entry(s, addr)][s->dac_state] << 24;
        tcx_dac_advance(s);
    } else if (addr == TCX_DAC_ADDRESS) {
        val = (uint32_t)s->dac_index << 24;
    }
    return val;
}

static void tcx_dac_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    TcxState *s = opaque;
    int entry;

    switch (addr) {
    case TCX_DAC_ADDRESS:
        s->dac_index = val >> 24;
        s->dac_state = 0;
        break;
    case TCX_DAC_COLOR:
    case TCX_DAC_OVERLAY:
        entry = tcx_dac_entry(s, addr);
        s->rgb[entry][s->dac_state] = val >> 24;
        if (entry < 256) {
            s->palette_changed = true;
        } else {
            s->cursor_changed = true;
        }
        tcx_dac_advance(s);
        break;
    default:
        /* Control registers (read mask, blink, command): no effect on the picture. */
        break;
    }
}

static const MemoryRegionOps tcx_dac_ops = {
    .read = tcx_dac_read,
    .write = tcx_dac_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- THC ---- */

static void tcx_vblank_update_irq(TcxState *s)
{
    irq_set(s->irq, (s->thc_misc & TCX_THC_MISC_INT_ENAB) && (s->thc_misc & TCX_THC_MISC_INT));
}

/* The vertical retrace: flags the interrupt while the guest enables it. */
static void tcx_vblank(void *opaque)
{
    TcxState *s = opaque;

    if (!(s->thc_misc & TCX_THC_MISC_INT_ENAB)) {
        return;
    }
    s->thc_misc |= TCX_THC_MISC_INT;
    tcx_vblank_update_irq(s);
    timer_mod_ns(s->vblank, clock_get_ns(CLOCK_TYPE_VIRTUAL) + NANOSECONDS_PER_SECOND / TCX_VBLANK_HZ);
}

static uint64_t tcx_thc_read(void *opaque, hwaddr addr, unsigned size)
{
    TcxState *s = opaque;

    if (addr == TCX_THC_MISC) {
        return s->thc_misc | TCX_THC_MISC_REV;
    }
    return 0;
}

static void tcx_thc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    TcxState *s = opaque;

    if (addr == TCX_THC_CURSXY) {
        s->curs_x = val >> 16;
        s->curs_y = val;
        /* Far coordinates (0xf000 and up) park the cursor off screen. */
        dpy_cursor_move(s->con, s->curs_x, s->curs_y,
                        s->curs_x < s->width && s->curs_y < s->height);
    } else if (addr >= TCX_THC_CURSMASK && addr < TCX_THC_CURSMASK + 4 * TCX_CURSOR_SIZE) {
        s->curs_mask[(addr - TCX_THC_CURSMASK) / 4] = val;
        s->cursor_changed = true;
    } else if (addr >= TCX_THC_CURSBITS && addr < TCX_THC_CURSBITS + 4 * TCX_CURSOR_SIZE) {
        s->curs_bits[(addr - TCX_THC_CURSBITS) / 4] = val;
        s->cursor_changed = true;
    } else if (addr == TCX_THC_MISC) {
        bool was_enabled = s->thc_misc & TCX_THC_MISC_INT_ENAB;
        /* Writing the pending bit as zero acknowledges the retrace interrupt. */
        s->thc_misc = val & ~TCX_THC_MISC_REV;
        tcx_vblank_update_irq(s);
        if (!was_enabled && (s->thc_misc & TCX_THC_MISC_INT_ENAB)) {
            timer_mod_ns(s->vblank, clock_get_ns(CLOCK_TYPE_VIRTUAL) +
                                    NANOSECONDS_PER_SECOND / TCX_VBLANK_HZ);
        }
    }
}

static const MemoryRegionOps tcx_thc_ops = {
    .read = tcx_thc_read,
    .write = tcx_thc_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- stippler and blitter ---- */

/*
 * Both take 64-bit stores (or two 32-bit ones): the word at offset 0 mod 8
 * latches a color (or fill color); the word at 4 does the work on the pixel
 * numbered (offset >> 3). Raw variants also write the control plane.
 */
static void tcx_put24(TcxState *s, uint32_t pixel, uint32_t color, bool raw)
{
    uint8_t be[4] = { color >> 24, color >> 16, color >> 8, color };

    memcpy(s->vram24 + pixel * 4, be, 4);
    if (raw) {
        memcpy(s->cplane + pixel * 4, be, 4);
    }
}

/* Stipple: the 32 pixels from there where the mask (MSB first) has a one. */
static void tcx_stipple(TcxState *s, hwaddr addr, uint32_t mask, bool raw)
{
    uint32_t pixel = (addr >> 3) & 0xfffff;

    for (int i = 0; i < 32 && pixel + i < TCX_VRAM_SIZE; i++, mask <<= 1) {
        if (mask & 0x80000000u) {
            s->vram[pixel + i] = s->blit_latch;
            if (s->depth == 24) {
                tcx_put24(s, pixel + i, s->blit_latch, raw);
            }
        }
    }
}

/* Blit: len (1-32) pixels copied from the source pixel, or filled with the
 * latched color when the source is 0xffffff. */
static void tcx_blit(TcxState *s, hwaddr addr, uint32_t val, bool raw)
{
    uint32_t dst = (addr >> 3) & 0xfffff, src = val & 0xffffff;
    uint32_t len = ((val >> 24) & 0x1f) + 1;

    len = MIN(len, TCX_VRAM_SIZE - dst);
    if (src == 0xffffff) {
        memset(s->vram + dst, (int)(s->blit_latch & 0xff), len);
        for (uint32_t i = 0; s->depth == 24 && i < len; i++) {
            tcx_put24(s, dst + i, s->blit_latch & 0xffffff, raw);
        }
        return;
    }
    if (src >= TCX_VRAM_SIZE) {
        log_guest_error("tcx: blit from pixel 0x%x beyond the plane\n", src);
        return;
    }
    len = MIN(len, TCX_VRAM_SIZE - src);
    memmove(s->vram + dst, s->vram + src, len);
    if (s->depth == 24) {
        memmove(s->vram24 + dst * 4, s->vram24 + src * 4, len * 4);
        if (raw) {
            memmove(s->cplane + dst * 4, s->cplane + src * 4, len * 4);
        }
    }
}

/* The four engines differ in their work and whether they are raw. */
typedef struct TcxEngineKind {
    const char *name;
    void (*work)(TcxState *s, hwaddr addr, uint32_t val, bool raw);
    bool raw;
} TcxEngineKind;

static const TcxEngineKind tcx_engine_kinds[] = {
    [TCX_REGION_STIP - TCX_REGION_STIP] = { "tcx.stip", tcx_stipple, false },
    [TCX_REGION_BLIT - TCX_REGION_STIP] = { "tcx.blit", tcx_blit, false },
    [TCX_REGION_RSTIP - TCX_REGION_STIP] = { "tcx.rstip", tcx_stipple, true },
    [TCX_REGION_RBLIT - TCX_REGION_STIP] = { "tcx.rblit", tcx_blit, true },
};

typedef struct TcxEngine {
    TcxState *s;
    const TcxEngineKind *kind;
} TcxEngine;

static uint64_t tcx_engine_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void tcx_engine_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    TcxEngine *e = opaque;

    if (!(addr & 4)) {
        e->s->blit_latch = val;
    } else {
        e->kind->work(e->s, addr, val, e->kind->raw);
    }
}

static const MemoryRegionOps tcx_engine_ops = {
    .read = tcx_engine_read,
    .write = tcx_engine_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- blocks we accept and ignore ---- */

static uint64_t tcx_dummy_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void tcx_dummy_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    log_unimp("tcx: write 0x%" G_GINT64_MODIFIER "x to an unmodelled block at 0x%"
              G_GINT64_MODIFIER "x\n", val, addr);
}

static const MemoryRegionOps tcx_dummy_ops = {
    .read = tcx_dummy_read,
    .write = tcx_dummy_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- the device ---- */

static void tcx_reset(Device *dev)
{
    TcxState *s = (TcxState *)dev;

    /* Black, except entry 255 and the overlay colors: white on black text. */
    memset(s->rgb, 0, sizeof(s->rgb));
    memset(s->rgb[255], 0xff, 3);
    memset(s->rgb[256], 0xff, 3);
    memset(s->rgb[TCX_CURSOR_COLOR0], 0xff, 3);
    memset(s->vram, 0, TCX_VRAM_SIZE);
    s->dac_index = s->dac_state = 0;
    s->thc_misc = 0;
    s->curs_x = s->curs_y = 0xf000;
    timer_del(s->vblank);
    irq_lower(s->irq);
    dpy_cursor_move(s->con, s->curs_x, s->curs_y, false);
    s->palette_changed = s->cursor_changed = true;
    tcx_invalidate(s);
}

static void tcx_load_prom(TcxState *s)
{
    g_autofree char *path = current_machine ? machine_find_firmware(current_machine,
                                                                    TCX_ROM_FILE) : NULL;
    GBytes *rom = NULL;
    GError *err = NULL;

    if (!path) {
        return;
    }
    if (!load_image_to_buffer(path, &rom, &err) || g_bytes_get_size(rom) > TCX_ROM_SIZE) {
        warn_report("tcx: could not load the PROM '%s'%s%s", path, err ? ": " : "",
                    err ? err->message : "");
        g_clear_error(&err);
    } else {
        memcpy(memory_region_get_ram_ptr(&s->regions[TCX_REGION_ROM]),
               g_bytes_get_data(rom, NULL), g_bytes_get_size(rom));
    }
    if (rom) {
        g_bytes_unref(rom);
    }
}

static bool tcx_realize(Device *dev, GError **err)
{
    TcxState *s = (TcxState *)dev;
    MemoryRegion *r = s->regions;
    uint8_t *vram;

    if (s->depth != 8 && s->depth != 24) {
        g_set_error(err, CHIMERA_ERROR, 0, "tcx: depth %u is not supported (8 or 24)", s->depth);
        return false;
    }
    if (!s->width || !s->height || s->width > TCX_MAX_WIDTH || s->height > TCX_MAX_HEIGHT) {
        g_set_error(err, CHIMERA_ERROR, 0, "tcx: resolution %ux%u is not supported "
                    "(at most %dx%d)", s->width, s->height, TCX_MAX_WIDTH, TCX_MAX_HEIGHT);
        return false;
    }
    /* One RAM block holds the 8-bit, 24-bit and control planes. */
    if (!memory_region_init_rom(&r[TCX_REGION_ROM], "tcx.prom", TCX_ROM_SIZE, err) ||
        !memory_region_init_ram(&s->vram_mem, "tcx.vram", TCX_VRAM_SIZE * 9, err)) {
        return false;
    }
    vram = memory_region_get_ram_ptr(&s->vram_mem);
    s->vram = vram;
    s->vram24 = vram + TCX_VRAM_SIZE;
    s->cplane = vram + TCX_VRAM_SIZE * 5;
    memory_region_init_alias(&r[TCX_REGION_DFB8], "tcx.vram.8bit", &s->vram_mem, 0,
                             TCX_VRAM_SIZE);
    memory_region_init_alias(&r[TCX_REGION_DFB24], "tcx.vram.24bit", &s->vram_mem,
                             TCX_VRAM_SIZE, TCX_VRAM_SIZE * 4);
    memory_region_init_alias(&r[TCX_REGION_CPLANE], "tcx.vram.cplane", &s->vram_mem,
                             TCX_VRAM_SIZE * 5, TCX_VRAM_SIZE * 4);

    s->engines = g_new(TcxEngine, G_N_ELEMENTS(tcx_engine_kinds));
    for (size_t k = 0; k < G_N_ELEMENTS(tcx_engine_kinds); k++) {
        s->engines[k] = (TcxEngine){ s, &tcx_engine_kinds[k] };
        memory_region_init_io(&r[TCX_REGION_STIP + k], &tcx_engine_ops, &s->engines[k],
                              tcx_engine_kinds[k].name, 0x800000);
    }
    memory_region_init_io(&r[TCX_REGION_TEC], &tcx_dummy_ops, s, "tcx.tec", 0x1000);
    memory_region_init_io(&r[TCX_REGION_DAC], &tcx_dac_ops, s, "tcx.dac", 16);
    memory_region_init_io(&r[TCX_REGION_THC], &tcx_thc_ops, s, "tcx.thc", 0x1000);
    memory_region_init_io(&r[TCX_REGION_DHC], &tcx_dummy_ops, s, "tcx.dhc", 0x4000);
    memory_region_init_io(&r[TCX_REGION_ALT], &tcx_dummy_ops, s, "tcx.alt", 0x8000);
    memory_region_init_io(&r[TCX_REGION_THC24], &tcx_dummy_ops, s, "tcx.thc24", 0x1000);
    for (TcxRegion i = 0; i < TCX_REGION__MAX; i++) {
        if (i != TCX_REGION_THC24 || s->depth == 8) {
            device_add_mmio(dev, &r[i]);
        }
    }
    tcx_load_prom(s);

    s->vblank = timer_new_ns(CLOCK_TYPE_VIRTUAL, tcx_vblank, s);
    display_dirty_init(&s->dirty8, (size_t)TCX_LINE * s->height, 4096);
    display_dirty_init(&s->dirty24, (size_t)TCX_LINE * 4 * s->height, 4096);
    display_dirty_init(&s->dirtyc, (size_t)TCX_LINE * 4 * s->height, 4096);
    s->con = display_console_new(&tcx_console_ops, s);
    if (s->depth == 8) {
        s->surface = display_surface_new_from(s->width, s->height, DISPLAY_FORMAT_PALETTE8,
                                              TCX_LINE, s->vram);
        display_console_set_surface(s->con, s->surface);
    } else {
        s->surface = display_surface_resize(s->con, s->width, s->height,
                                            G_BYTE_ORDER == G_LITTLE_ENDIAN
                                            ? DISPLAY_FORMAT_XRGB8888_LE
                                            : DISPLAY_FORMAT_XRGB8888_BE);
    }
    return true;
}

static void tcx_init(Device *dev)
{
    device_add_irq_out(dev, &((TcxState *)dev)->irq);
}

static const Property tcx_props[] = {
    PROP_U32_("width", TcxState, width, 1024, 1, TCX_MAX_WIDTH, "screen width in pixels"),
    PROP_U32_("height", TcxState, height, 768, 1, TCX_MAX_HEIGHT, "screen height in pixels"),
    PROP_U32_("depth", TcxState, depth, 8, 8, 24, "bits per pixel: 8 or 24"),
    PROP_END,
};

static const DeviceType tcx_type = {
    .name = "sun-tcx",
    .desc = "Sun TCX framebuffer (SBus)",
    .instance_size = sizeof(TcxState),
    .props = tcx_props,
    .init = tcx_init,
    .realize = tcx_realize,
    .reset = tcx_reset,
};

static void __attribute__((constructor)) tcx_register(void)
{
    device_type_register(&tcx_type);
}

Device *tcx_create(hwaddr base, Irq *irq, int width, int height, int depth)
{
    Device *dev = device_new("sun-tcx");
    GError *err = NULL;
    unsigned n = 0;

    if (!device_prop_set_uint(dev, "width", width, &err) ||
        !device_prop_set_uint(dev, "height", height, &err) ||
        !device_prop_set_uint(dev, "depth", depth, &err)) {
        error_report_fatal(err);
    }
    device_realize_or_die(dev);
    device_connect_irq(dev, 0, irq);
    for (TcxRegion i = 0; i < TCX_REGION__MAX; i++) {
        if (i != TCX_REGION_THC24 || depth == 8) {
            device_map_mmio(dev, n++, base + (depth == 24 ? tcx_region_offsets[i].offset24
                                                           : tcx_region_offsets[i].offset));
        }
    }
    return dev;
}

/*
 * Unit tests for hw/core/loader.c: ELF (both classes and byte orders),
 * symbols, raw images, gzip, a.out and uImage, loaded into a RAM region of
 * a small address space. Fixtures are built here by little writers into a
 * temporary directory, with the field offsets spelled out from the formats'
 * documents so the loader's own tables are checked, not reused.
 */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hw/core/loader.h"
#include "util/crc32.h"
#include "util/symbols.h"
#include "util/bswap.h"
#include "util/error.h"

#define RAM_BASE 0x100000u
#define RAM_SIZE 0x100000u

#define ALIGN8(x) (((x) + 7) & ~(size_t)7)

#define ROM_BASE 0x300000u
#define ROM_SIZE 0x1000u

static MemoryRegion root, ram, rom;
static AddressSpace as;
static char *tmpdir;

static uint8_t *ram_at(hwaddr addr)
{
    g_assert_cmpuint(addr, >=, RAM_BASE);
    g_assert_cmpuint(addr, <, RAM_BASE + RAM_SIZE);
    return (uint8_t *)memory_region_get_ram_ptr(&ram) + (addr - RAM_BASE);
}

/* Fills RAM with a pattern so zero-filled bss is visible. */
static void ram_poison(void)
{
    memset(memory_region_get_ram_ptr(&ram), 0xaa, RAM_SIZE);
}

static bool all_bytes(const uint8_t *p, uint8_t v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

static char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    GError *err = NULL;

    g_file_set_contents(path, data, len, &err);
    g_assert_no_error(err);
    return path;
}

/* Checks *err is one line "'path': ...substr..." and frees it. */
static void expect_error(GError **err, const char *path, const char *substr)
{
    g_autofree char *prefix = g_strdup_printf("'%s': ", path);

    g_assert_error(*err, CHIMERA_ERROR, 0);
    if (!g_str_has_prefix((*err)->message, prefix) || !strstr((*err)->message, substr) ||
        strchr((*err)->message, '\n')) {
        g_error("unexpected error message \"%s\" (wanted \"%s...%s\")", (*err)->message,
                prefix, substr);
    }
    g_clear_error(err);
}

/* ---- ELF writer ------------------------------------------------------ */

typedef struct TSeg {
    uint32_t type;          /* PT_LOAD unless set */
    uint64_t vaddr, paddr, memsz;
    const void *bytes;
    size_t filesz;
} TSeg;

typedef struct TSym {
    const char *name;
    uint64_t value, size;
    int type;
    bool undef;
} TSym;

typedef struct TElf {
    bool is64, be;
    uint16_t machine;
    uint16_t type;          /* ET_EXEC unless set */
    uint64_t entry;
    const TSeg *segs;
    int nsegs;
    const TSym *syms;
    int nsyms;
} TElf;

typedef struct Writer {
    GByteArray *b;
    bool be;
} Writer;

static void put(Writer *w, size_t off, unsigned size, uint64_t v)
{
    if (w->b->len < off + size) {
        g_byte_array_set_size(w->b, off + size);
    }
    stn_p(w->b->data + off, size, w->be, v);
}

static void put_bytes(Writer *w, size_t off, const void *p, size_t n)
{
    if (w->b->len < off + n) {
        g_byte_array_set_size(w->b, off + n);
    }
    memcpy(w->b->data + off, p, n);
}

/* Builds an ELF image: header, program headers, segment data, then an
 * optional .symtab/.strtab with their section headers. */
static GByteArray *elf_build(const TElf *e)
{
    Writer w = { g_byte_array_new(), e->be };
    unsigned word = e->is64 ? 8 : 4;
    size_t ehsize = e->is64 ? 64 : 52, phsize = e->is64 ? 56 : 32;
    size_t shsize = e->is64 ? 64 : 40, symsize = e->is64 ? 24 : 16;
    size_t off;
    static const uint8_t ident[] = { 0x7f, 'E', 'L', 'F' };

    g_byte_array_set_size(w.b, ehsize);
    memset(w.b->data, 0, ehsize);
    put_bytes(&w, 0, ident, 4);
    put(&w, 4, 1, e->is64 ? 2 : 1);
    put(&w, 5, 1, e->be ? 2 : 1);
    put(&w, 6, 1, 1);
    put(&w, 16, 2, e->type ? e->type : 2 /* ET_EXEC */);
    put(&w, 18, 2, e->machine);
    put(&w, 20, 4, 1);
    put(&w, 24, word, e->entry);
    put(&w, e->is64 ? 32 : 28, word, ehsize);                 /* e_phoff */
    put(&w, e->is64 ? 52 : 40, 2, ehsize);                    /* e_ehsize */
    put(&w, e->is64 ? 54 : 42, 2, phsize);
    put(&w, e->is64 ? 56 : 44, 2, e->nsegs);

    off = ehsize + e->nsegs * phsize;
    for (int i = 0; i < e->nsegs; i++) {
        const TSeg *s = &e->segs[i];
        size_t ph = ehsize + i * phsize;

        put(&w, ph, 4, s->type ? s->type : 1 /* PT_LOAD */);
        put(&w, ph + (e->is64 ? 8 : 4), word, off);
        put(&w, ph + (e->is64 ? 16 : 8), word, s->vaddr);
        put(&w, ph + (e->is64 ? 24 : 12), word, s->paddr);
        put(&w, ph + (e->is64 ? 32 : 16), word, s->filesz);
        put(&w, ph + (e->is64 ? 40 : 20), word, s->memsz);
        put_bytes(&w, off, s->bytes, s->filesz);
        off += s->filesz;
    }

    if (e->nsyms) {
        size_t symoff = ALIGN8(off);
        size_t stroff = symoff + (e->nsyms + 1) * symsize;
        size_t strpos = 1, shoff;

        g_byte_array_set_size(w.b, stroff + 1);
        memset(w.b->data + off, 0, stroff + 1 - off);
        for (int i = 0; i < e->nsyms; i++) {
            const TSym *s = &e->syms[i];
            size_t sym = symoff + (i + 1) * symsize;
            size_t n = strlen(s->name) + 1;

            put_bytes(&w, stroff + strpos, s->name, n);
            put(&w, sym, 4, strpos);
            put(&w, sym + (e->is64 ? 8 : 4), word, s->value);
            put(&w, sym + (e->is64 ? 16 : 8), word, s->size);
            put(&w, sym + (e->is64 ? 4 : 12), 1, (1 /* STB_GLOBAL */ << 4) | s->type);
            put(&w, sym + (e->is64 ? 6 : 14), 2, s->undef ? 0 : 1);
            strpos += n;
        }
        shoff = ALIGN8(stroff + strpos);
        /* section 0 is null, 1 .symtab (linked to 2), 2 .strtab */
        g_byte_array_set_size(w.b, shoff + 3 * shsize);
        memset(w.b->data + stroff + strpos, 0, shoff + 3 * shsize - stroff - strpos);
        put(&w, shoff + shsize + 4, 4, 2 /* SHT_SYMTAB */);
        put(&w, shoff + shsize + (e->is64 ? 24 : 16), word, symoff);
        put(&w, shoff + shsize + (e->is64 ? 32 : 20), word, (e->nsyms + 1) * symsize);
        put(&w, shoff + shsize + (e->is64 ? 40 : 24), 4, 2);
        put(&w, shoff + 2 * shsize + 4, 4, 3 /* SHT_STRTAB */);
        put(&w, shoff + 2 * shsize + (e->is64 ? 24 : 16), word, stroff);
        put(&w, shoff + 2 * shsize + (e->is64 ? 32 : 20), word, strpos);
        put(&w, e->is64 ? 40 : 32, word, shoff);              /* e_shoff */
        put(&w, e->is64 ? 58 : 46, 2, shsize);
        put(&w, e->is64 ? 60 : 48, 2, 3);
    }
    return w.b;
}

static char *elf_file(const char *name, const TElf *e)
{
    g_autoptr(GByteArray) b = elf_build(e);
    return write_file(name, b->data, b->len);
}

static const uint8_t text16[16] = {
    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
};
static const uint8_t data8[8] = { 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7 };

/* ---- ELF loads -------------------------------------------------------- */

#define SPARC_KERNEL_BASE 0xf0000000u

static uint64_t sparc_translate(void *opaque, uint64_t addr)
{
    (*(int *)opaque)++;
    return addr - SPARC_KERNEL_BASE + RAM_BASE;
}

static void test_elf32_be_sparc(void)
{
    static const TSeg segs[] = {
        { .vaddr = SPARC_KERNEL_BASE + 0x4000, .paddr = 0x4000, .memsz = 16,
          .bytes = text16, .filesz = 16 },
        { .vaddr = SPARC_KERNEL_BASE + 0x5000, .paddr = 0x5000, .memsz = 0x40,
          .bytes = data8, .filesz = 8 },
    };
    int calls = 0;
    ElfLoadOptions opt = {
        .machines = { EM_SPARC, EM_SPARC32PLUS },
        .byte_order = ELFDATA2MSB,
        .elf_class = ELFCLASS32,
        .translate = sparc_translate,
        .translate_opaque = &calls,
    };
    GError *err = NULL;
    LoadedImage img;

    for (int m = 0; m < 2; m++) {
        TElf e = { .be = true, .machine = m ? EM_SPARC32PLUS : EM_SPARC,
                   .entry = SPARC_KERNEL_BASE + 0x4008, .segs = segs, .nsegs = 2 };
        g_autofree char *path = elf_file("sparc32.elf", &e);

        ram_poison();
        calls = 0;
        g_assert_true(load_elf(path, &as, &opt, &img, &err));
        g_assert_no_error(err);
        g_assert_cmpint(calls, ==, 2);
        g_assert_cmpmem(ram_at(RAM_BASE + 0x4000), 16, text16, 16);
        g_assert_cmpmem(ram_at(RAM_BASE + 0x5000), 8, data8, 8);
        g_assert_true(all_bytes(ram_at(RAM_BASE + 0x5008), 0, 0x38));
        g_assert_cmpuint(*ram_at(RAM_BASE + 0x5040), ==, 0xaa);
        g_assert_cmpuint(*ram_at(RAM_BASE + 0x3fff), ==, 0xaa);
        g_assert_cmphex(img.entry, ==, SPARC_KERNEL_BASE + 0x4008);
        g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x4008);
        g_assert_cmphex(img.low, ==, RAM_BASE + 0x4000);
        g_assert_cmphex(img.high, ==, RAM_BASE + 0x5040);
        g_assert_cmpint(img.elf_machine, ==, e.machine);
        g_assert_true(img.big_endian);
        g_assert_false(img.is64);
    }
}

static void test_elf32_le(void)
{
    static const TSeg segs[] = {
        { .vaddr = RAM_BASE + 0x100, .paddr = 0, .memsz = 24, .bytes = text16, .filesz = 16 },
    };
    TElf e = { .machine = EM_386, .entry = RAM_BASE + 0x100, .segs = segs, .nsegs = 1 };
    g_autofree char *path = elf_file("i386.elf", &e);
    ElfLoadOptions opt = { .machines = { EM_386 }, .byte_order = ELFDATA2LSB };
    GError *err = NULL;
    LoadedImage img;

    ram_poison();
    g_assert_true(load_elf(path, &as, &opt, &img, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(ram_at(RAM_BASE + 0x100), 16, text16, 16);
    g_assert_true(all_bytes(ram_at(RAM_BASE + 0x110), 0, 8));
    g_assert_cmpuint(*ram_at(RAM_BASE + 0x118), ==, 0xaa);
    g_assert_cmphex(img.entry, ==, RAM_BASE + 0x100);
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x100);
    g_assert_false(img.big_endian);
    g_assert_false(img.is64);

    /* No options: any machine, at p_vaddr; out may be NULL. */
    ram_poison();
    g_assert_true(load_elf(path, &as, NULL, NULL, &err));
    g_assert_cmpmem(ram_at(RAM_BASE + 0x100), 16, text16, 16);
}

#define LINUX64_BASE 0xffffffff80000000ull

static void test_elf64(void)
{
    static const TSeg segs[] = {
        { .vaddr = LINUX64_BASE + 0x2000, .paddr = RAM_BASE + 0x2000, .memsz = 0x1000,
          .bytes = text16, .filesz = 16 },
        { .vaddr = LINUX64_BASE + 0x9000, .paddr = RAM_BASE + 0x9000, .memsz = 8,
          .bytes = data8, .filesz = 8 },
    };
    static const TSym syms[] = {
        { "start64", LINUX64_BASE + 0x2000, 0x10, STT_FUNC },
    };

    for (int be = 0; be < 2; be++) {
        TElf e = { .is64 = true, .be = be, .machine = be ? EM_SPARCV9 : EM_X86_64,
                   .entry = LINUX64_BASE + 0x2004, .segs = segs, .nsegs = 2,
                   .syms = syms, .nsyms = 1 };
        g_autofree char *path = elf_file("64.elf", &e);
        ElfLoadOptions opt = { .machines = { e.machine }, .elf_class = ELFCLASS64,
                               .byte_order = be ? ELFDATA2MSB : ELFDATA2LSB,
                               .use_paddr = true };
        GError *err = NULL;
        LoadedImage img;
        uint64_t off;

        ram_poison();
        symbols_clear();
        g_assert_true(load_elf(path, &as, &opt, &img, &err));
        g_assert_no_error(err);
        g_assert_cmpmem(ram_at(RAM_BASE + 0x2000), 16, text16, 16);
        g_assert_true(all_bytes(ram_at(RAM_BASE + 0x2010), 0, 0x1000 - 16));
        g_assert_cmpmem(ram_at(RAM_BASE + 0x9000), 8, data8, 8);
        g_assert_cmphex(img.entry, ==, LINUX64_BASE + 0x2004);
        g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x2004);
        g_assert_cmphex(img.low, ==, RAM_BASE + 0x2000);
        g_assert_cmphex(img.high, ==, RAM_BASE + 0x9008);
        g_assert_cmpint(img.big_endian, ==, be);
        g_assert_true(img.is64);
        g_assert_cmpstr(symbol_lookup(LINUX64_BASE + 0x2008, &off), ==, "start64");
        g_assert_cmphex(off, ==, 8);
    }
    symbols_clear();
}

/* The same file placed by p_vaddr, by p_paddr, and by a translated vaddr. */
static void test_elf_paddr_vs_vaddr(void)
{
    static const TSeg segs[] = {
        { .vaddr = RAM_BASE + 0x1000, .paddr = RAM_BASE + 0x8000, .memsz = 16,
          .bytes = text16, .filesz = 16 },
    };
    TElf e = { .be = true, .machine = EM_PPC, .entry = RAM_BASE + 0x1000, .segs = segs,
               .nsegs = 1 };
    g_autofree char *path = elf_file("ppc.elf", &e);
    ElfLoadOptions opt = { .machines = { EM_PPC } };
    GError *err = NULL;
    LoadedImage img;
    int calls = 0;

    ram_poison();
    g_assert_true(load_elf(path, &as, &opt, &img, &err));
    g_assert_cmpmem(ram_at(RAM_BASE + 0x1000), 16, text16, 16);
    g_assert_cmpuint(*ram_at(RAM_BASE + 0x8000), ==, 0xaa);
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x1000);

    ram_poison();
    opt.use_paddr = true;
    g_assert_true(load_elf(path, &as, &opt, &img, &err));
    g_assert_cmpmem(ram_at(RAM_BASE + 0x8000), 16, text16, 16);
    g_assert_cmpuint(*ram_at(RAM_BASE + 0x1000), ==, 0xaa);
    g_assert_cmphex(img.entry, ==, RAM_BASE + 0x1000);
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x8000);

    /* translate applies to whichever address was chosen */
    ram_poison();
    opt.use_paddr = false;
    opt.translate = sparc_translate;
    opt.translate_opaque = &calls;
    e.segs = (const TSeg[]) { { .vaddr = SPARC_KERNEL_BASE + 0x3000, .paddr = 0x10,
                                .memsz = 16, .bytes = text16, .filesz = 16 } };
    e.entry = SPARC_KERNEL_BASE + 0x6000;
    g_free(path);
    path = elf_file("ppc.elf", &e);
    g_assert_true(load_elf(path, &as, &opt, &img, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(ram_at(RAM_BASE + 0x3000), 16, text16, 16);
    /* entry lies in no segment: it goes through translate alone */
    g_assert_cmphex(img.entry_phys, ==, RAM_BASE + 0x6000);
    g_assert_cmpint(calls, ==, 2);
}

/* ---- Symbols ---------------------------------------------------------- */

static void test_elf_symbols(void)
{
    static const TSeg segs[] = {
        { .vaddr = RAM_BASE + 0x1000, .memsz = 16, .bytes = text16, .filesz = 16 },
    };
    static const TSym syms[] = {
        { "start", RAM_BASE + 0x1000, 0x20, STT_FUNC },
        { "table", RAM_BASE + 0x2000, 0x10, STT_OBJECT },
        { "label", RAM_BASE + 0x1010, 0, STT_NOTYPE },
        { "external", 0, 0, STT_FUNC, true },
        { "marker", RAM_BASE + 0x3000, 0, STT_FUNC },
        { "alias_start", RAM_BASE + 0x1000, 0, STT_FUNC },
    };
    TElf e = { .be = true, .machine = EM_SPARC, .entry = RAM_BASE + 0x1000, .segs = segs,
               .nsegs = 1, .syms = syms, .nsyms = G_N_ELEMENTS(syms) };
    g_autofree char *path = elf_file("syms.elf", &e);
    ElfLoadOptions opt = { .no_symbols = true };
    GError *err = NULL;
    uint64_t off = 99, addr = 0;

    symbols_clear();
    g_assert_true(load_elf(path, &as, &opt, NULL, &err));
    g_assert_null(symbol_lookup(RAM_BASE + 0x1000, &off));

    g_assert_true(load_elf(path, &as, NULL, NULL, &err));
    g_assert_no_error(err);
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x1004, &off), ==, "start");
    g_assert_cmphex(off, ==, 4);
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x1000, &off), ==, "start");
    g_assert_cmphex(off, ==, 0);
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x101f, &off), ==, "start");
    g_assert_null(symbol_lookup(RAM_BASE + 0x1020, &off));
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x200f, &off), ==, "table");
    g_assert_cmphex(off, ==, 0xf);
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x3000, &off), ==, "marker");
    g_assert_null(symbol_lookup(RAM_BASE + 0x3001, &off));
    g_assert_null(symbol_lookup(RAM_BASE, &off));
    g_assert_null(symbol_lookup(0, NULL));

    g_assert_true(symbol_address("table", &addr));
    g_assert_cmphex(addr, ==, RAM_BASE + 0x2000);
    g_assert_true(symbol_address("alias_start", &addr));
    g_assert_cmphex(addr, ==, RAM_BASE + 0x1000);
    g_assert_false(symbol_address("label", &addr));
    g_assert_false(symbol_address("external", &addr));
    g_assert_false(symbol_address("nothing", &addr));

    symbols_clear();
    g_assert_null(symbol_lookup(RAM_BASE + 0x1004, &off));
    g_assert_false(symbol_address("table", &addr));
}

static void test_elf_symbols_arm_thumb(void)
{
    static const TSeg segs[] = {
        { .vaddr = RAM_BASE, .memsz = 16, .bytes = text16, .filesz = 16 },
    };
    static const TSym syms[] = {
        { "thumb_fn", RAM_BASE + 0x41, 8, STT_FUNC },
        { "odd_data", RAM_BASE + 0x81, 4, STT_OBJECT },
    };
    TElf e = { .machine = EM_ARM, .entry = RAM_BASE, .segs = segs, .nsegs = 1,
               .syms = syms, .nsyms = 2 };
    g_autofree char *path = elf_file("arm.elf", &e);
    GError *err = NULL;
    uint64_t addr, off;

    symbols_clear();
    g_assert_true(load_elf(path, &as, NULL, NULL, &err));
    g_assert_true(symbol_address("thumb_fn", &addr));
    g_assert_cmphex(addr, ==, RAM_BASE + 0x40);
    g_assert_cmpstr(symbol_lookup(RAM_BASE + 0x40, &off), ==, "thumb_fn");
    g_assert_true(symbol_address("odd_data", &addr));
    g_assert_cmphex(addr, ==, RAM_BASE + 0x81);
    symbols_clear();
}

/* ---- ELF errors ------------------------------------------------------- */

static const TSeg err_segs[] = {
    { .vaddr = RAM_BASE + 0x100, .memsz = 16, .bytes = text16, .filesz = 16 },
    { .vaddr = RAM_BASE + 0x200, .memsz = 16, .bytes = data8, .filesz = 8 },
};

/* Writes bytes [0, len) of an ELF and expects load_elf to fail with substr. */
static void elf_expect_fail(const TElf *e, size_t len, const ElfLoadOptions *opt,
                            const char *substr)
{
    g_autoptr(GByteArray) b = elf_build(e);
    g_autofree char *path = write_file("bad.elf", b->data, MIN(len, b->len));
    GError *err = NULL;

    g_assert_false(load_elf(path, &as, opt, NULL, &err));
    expect_error(&err, path, substr);
}

static void test_elf_errors(void)
{
    TElf e = { .be = true, .machine = EM_SPARC, .entry = RAM_BASE + 0x100, .segs = err_segs,
               .nsegs = 2 };
    ElfLoadOptions sparc = { .machines = { EM_SPARC, EM_SPARC32PLUS },
                             .byte_order = ELFDATA2MSB, .elf_class = ELFCLASS32 };
    size_t full = 52 + 2 * 32 + 16 + 8;
    g_autofree char *missing = g_build_filename(tmpdir, "missing.elf", NULL);
    GError *err = NULL;

    /* the intact file loads */
    elf_expect_fail(&e, full, &(ElfLoadOptions) { .elf_class = ELFCLASS64 },
                    "ELF is 32-bit, expected 64-bit");
    {
        g_autoptr(GByteArray) b = elf_build(&e);
        g_autofree char *path = write_file("good.elf", b->data, b->len);
        g_assert_cmpuint(b->len, ==, full);
        g_assert_true(load_elf(path, &as, &sparc, NULL, &err));
        g_assert_no_error(err);
    }

    g_assert_false(load_elf(missing, &as, &sparc, NULL, &err));
    expect_error(&err, missing, "No such file");

    elf_expect_fail(&e, 0, &sparc, "not an ELF file");
    elf_expect_fail(&e, 3, &sparc, "not an ELF file");
    elf_expect_fail(&e, 40, &sparc, "truncated ELF header");
    elf_expect_fail(&e, 51, &sparc, "truncated ELF header");
    elf_expect_fail(&e, 52, &sparc, "truncated program headers");
    elf_expect_fail(&e, 52 + 32 + 31, &sparc, "truncated program headers");
    elf_expect_fail(&e, 52 + 64, &sparc, "truncated segment 0 data");
    elf_expect_fail(&e, full - 1, &sparc, "truncated segment 1 data");

    {
        g_autoptr(GByteArray) b = elf_build(&e);
        g_autofree char *path = NULL;

        b->data[1] = 'X';
        path = write_file("magic.elf", b->data, b->len);
        g_assert_false(load_elf(path, &as, &sparc, NULL, &err));
        expect_error(&err, path, "not an ELF file");
        b->data[1] = 'E';
        b->data[EI_CLASS] = 7;
        g_free(path);
        path = write_file("class.elf", b->data, b->len);
        g_assert_false(load_elf(path, &as, &sparc, NULL, &err));
        expect_error(&err, path, "unknown ELF class 7");
    }

    {
        TElf x = { .is64 = true, .machine = EM_X86_64, .segs = err_segs, .nsegs = 1 };
        g_autoptr(GByteArray) b = elf_build(&x);
        g_autofree char *path = write_file("x86_64.elf", b->data, b->len);
        g_autofree char *want = g_strdup_printf("'%s': ELF machine 62 (x86-64) is not SPARC",
                                                path);

        g_assert_false(load_elf(path, &as, &(ElfLoadOptions) { .machines = { EM_SPARC } },
                                NULL, &err));
        g_assert_error(err, CHIMERA_ERROR, 0);
        g_assert_cmpstr(err->message, ==, want);
        g_clear_error(&err);
    }

    e.machine = EM_PPC;
    elf_expect_fail(&e, full, &sparc, "ELF machine 20 (PowerPC) is not SPARC");
    e.machine = EM_SPARC;
    e.be = false;
    elf_expect_fail(&e, full, &sparc, "ELF is little-endian, expected big-endian");
    e.be = true;
    e.type = ET_REL;
    elf_expect_fail(&e, full, &sparc, "ELF type 1 is not an executable");
    e.type = 0;

    /* outside RAM: untranslated kernel address, and a segment past RAM's end */
    e.segs = (const TSeg[]) { { .vaddr = SPARC_KERNEL_BASE, .memsz = 16, .bytes = text16,
                                .filesz = 16 } };
    e.nsegs = 1;
    elf_expect_fail(&e, SIZE_MAX, &sparc, "is outside guest memory");
    e.segs = (const TSeg[]) { { .vaddr = RAM_BASE + RAM_SIZE - 8, .memsz = 0x20,
                                .bytes = text16, .filesz = 16 } };
    elf_expect_fail(&e, SIZE_MAX, &sparc, "is outside guest memory");
    e.segs = (const TSeg[]) { { .vaddr = RAM_BASE, .memsz = 8, .bytes = text16,
                                .filesz = 16 } };
    elf_expect_fail(&e, SIZE_MAX, &sparc, "more file bytes");
    e.segs = (const TSeg[]) { { .type = PT_NOTE, .vaddr = RAM_BASE, .memsz = 16,
                                .bytes = text16, .filesz = 16 } };
    elf_expect_fail(&e, SIZE_MAX, &sparc, "no loadable segments");
    e.nsegs = 0;
    elf_expect_fail(&e, SIZE_MAX, &sparc, "no loadable segments");
}

static void test_file_is_elf(void)
{
    TElf e = { .machine = EM_386, .segs = err_segs, .nsegs = 1 };
    g_autofree char *elf = elf_file("is.elf", &e);
    g_autofree char *raw = write_file("is.bin", text16, sizeof(text16));
    g_autofree char *missing = g_build_filename(tmpdir, "nothing", NULL);

    g_assert_true(loader_file_is_elf(elf));
    g_assert_false(loader_file_is_elf(raw));
    g_assert_false(loader_file_is_elf(missing));
    g_assert_false(loader_file_is_elf(tmpdir));
}

static void test_machine_names(void)
{
    g_assert_cmpstr(elf_machine_name(EM_SPARC), ==, "SPARC");
    g_assert_cmpstr(elf_machine_name(EM_X86_64), ==, "x86-64");
    g_assert_cmpstr(elf_machine_name(EM_AARCH64), ==, "AArch64");
    g_assert_cmpstr(elf_machine_name(12345), ==, "unknown");
}

/* ---- Raw images and gzip ---------------------------------------------- */

static void test_raw_image(void)
{
    uint8_t buf[100];
    g_autofree char *path = NULL;
    g_autoptr(GBytes) bytes = NULL;
    GError *err = NULL;
    uint64_t size = 0;

    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = i * 7 + 1;
    }
    path = write_file("raw.bin", buf, sizeof(buf));
    ram_poison();
    g_assert_true(load_image_targphys(path, RAM_BASE + 0x200, 100, &as, &size, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(size, ==, 100);
    g_assert_cmpmem(ram_at(RAM_BASE + 0x200), 100, buf, 100);
    g_assert_cmpuint(*ram_at(RAM_BASE + 0x264), ==, 0xaa);

    g_assert_false(load_image_targphys(path, RAM_BASE, 99, &as, &size, &err));
    expect_error(&err, path, "image is 100 bytes, more than the 99 that fit");
    g_assert_false(load_image_targphys(path, RAM_BASE + RAM_SIZE - 50, 4096, &as, NULL, &err));
    expect_error(&err, path, "is outside guest memory");

    /* firmware goes into ROM the guest cannot write */
    g_assert_true(load_image_targphys(path, ROM_BASE + 0x10, ROM_SIZE, &as, &size, &err));
    g_assert_no_error(err);
    g_assert_cmpmem((uint8_t *)memory_region_get_ram_ptr(&rom) + 0x10, 100, buf, 100);

    g_assert_true(load_image_to_buffer(path, &bytes, &err));
    g_assert_cmpmem(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), buf, sizeof(buf));
}

static GBytes *gzip_compress(const void *data, size_t len)
{
    g_autoptr(GZlibCompressor) c = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
    g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_data(data, len, NULL);
    g_autoptr(GInputStream) in = g_converter_input_stream_new(mem, G_CONVERTER(c));
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable();
    GError *err = NULL;

    g_output_stream_splice(out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                           G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &err);
    g_assert_no_error(err);
    return g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(out));
}

/* Compressible but not trivial: a slow ramp with a few noisy bits. */
static uint8_t *pattern(size_t len)
{
    uint8_t *p = g_malloc(len);
    uint32_t x = 1;

    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245 + 12345;
        p[i] = (i >> 6) ^ ((x >> 28) & 3);
    }
    return p;
}

static void test_gzip(void)
{
    const size_t len = 300000;
    g_autofree uint8_t *plain = pattern(len);
    g_autoptr(GBytes) gz = gzip_compress(plain, len);
    g_autoptr(GBytes) plain_bytes = g_bytes_new_static(plain, len);
    g_autoptr(GBytes) half = g_bytes_new_from_bytes(gz, 0, g_bytes_get_size(gz) / 2);
    g_autoptr(GByteArray) padded = g_byte_array_new();
    g_autoptr(GBytes) padded_bytes = NULL;
    GBytes *out = NULL;
    GError *err = NULL;

    g_assert_true(loader_is_gzip(gz));
    g_assert_false(loader_is_gzip(plain_bytes));
    g_assert_cmpuint(g_bytes_get_size(gz), <, len / 2);

    g_assert_true(loader_gunzip(gz, len, &out, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(g_bytes_get_data(out, NULL), g_bytes_get_size(out), plain, len);
    g_bytes_unref(out);

    /* trailing padding after the stream is ignored */
    g_byte_array_append(padded, g_bytes_get_data(gz, NULL), g_bytes_get_size(gz));
    g_byte_array_append(padded, (const uint8_t[16]) { 0 }, 16);
    padded_bytes = g_byte_array_free_to_bytes(g_steal_pointer(&padded));
    g_assert_true(loader_gunzip(padded_bytes, SIZE_MAX, &out, &err));
    g_assert_cmpuint(g_bytes_get_size(out), ==, len);
    g_bytes_unref(out);

    g_assert_false(loader_gunzip(gz, len - 1, &out, &err));
    g_assert_error(err, CHIMERA_ERROR, 0);
    g_assert_nonnull(strstr(err->message, "larger than"));
    g_clear_error(&err);

    g_assert_false(loader_gunzip(plain_bytes, len, &out, &err));
    g_assert_nonnull(strstr(err->message, "not gzip data"));
    g_clear_error(&err);

    g_assert_false(loader_gunzip(half, len, &out, &err));
    g_assert_nonnull(strstr(err->message, "bad gzip data"));
    g_clear_error(&err);
}

static void test_crc32(void)
{
    g_assert_cmphex(crc32_update(0, "123456789", 9), ==, 0xcbf43926);
    g_assert_cmphex(crc32_update(crc32_update(0, "1234", 4), "56789", 5), ==, 0xcbf43926);
    g_assert_cmphex(crc32_update(0, "", 0), ==, 0);
}

/* ---- a.out ------------------------------------------------------------- */

#define AOUT_HDR 32

/*
 * Header (eight words: a_info, a_text, a_data, a_bss, a_syms, a_entry,
 * a_trsize, a_drsize), text at text_off, data right after it. With
 * text_off 0 the header is the start of the text segment.
 */
static char *aout_file(bool be, unsigned magic, unsigned machine, size_t text_off,
                       const void *text, uint32_t ntext, const void *data, uint32_t ndata,
                       uint32_t bss, uint32_t entry)
{
    Writer w = { g_byte_array_new(), be };
    uint32_t a_text = text_off ? ntext : AOUT_HDR + ntext;
    size_t tpos = text_off ? text_off : AOUT_HDR;
    char *path;

    g_byte_array_set_size(w.b, tpos + ntext + ndata);
    memset(w.b->data, 0, w.b->len);
    put(&w, 0, 4, (machine << 16) | magic);
    put(&w, 4, 4, a_text);
    put(&w, 8, 4, ndata);
    put(&w, 12, 4, bss);
    put(&w, 20, 4, entry);
    put_bytes(&w, tpos, text, ntext);
    put_bytes(&w, tpos + ntext, data, ndata);
    path = write_file("a.out", w.b->data, w.b->len);
    g_byte_array_unref(w.b);
    return path;
}

static void test_aout_omagic_sparc(void)
{
    g_autofree char *path = aout_file(true, 0407, 3, AOUT_HDR, text16, 12, data8, 8, 16, 0x4000);
    GError *err = NULL;
    LoadedImage img;
    const hwaddr at = RAM_BASE + 0x1000;

    ram_poison();
    g_assert_true(load_aout(path, at, 0x1000, 4096, &as, &img, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(ram_at(at), 12, text16, 12);
    g_assert_cmpmem(ram_at(at + 12), 8, data8, 8);
    g_assert_true(all_bytes(ram_at(at + 20), 0, 16));
    g_assert_cmpuint(*ram_at(at + 36), ==, 0xaa);
    g_assert_cmphex(img.entry, ==, 0x4000);
    g_assert_cmphex(img.low, ==, at);
    g_assert_cmphex(img.high, ==, at + 36);
    g_assert_cmpint(img.elf_machine, ==, EM_SPARC);
    g_assert_true(img.big_endian);

    g_assert_false(load_aout(path, at, 35, 4096, &as, &img, &err));
    expect_error(&err, path, "a.out needs 36 bytes, more than the 35 that fit");

    /* a big-endian header for another machine is still read big-endian */
    g_free(path);
    path = aout_file(true, 0407, 2, AOUT_HDR, text16, 12, data8, 8, 0, 0x1234);
    ram_poison();
    g_assert_true(load_aout(path, at, 0x1000, 4096, &as, &img, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(ram_at(at + 12), 8, data8, 8);
    g_assert_cmphex(img.entry, ==, 0x1234);
    g_assert_cmpint(img.elf_machine, ==, EM_68K);
    g_assert_true(img.big_endian);
}

static void test_aout_nmagic_i386(void)
{
    g_autofree char *path = aout_file(false, 0410, 100, AOUT_HDR, text16, 12, data8, 8, 8, 0);
    GError *err = NULL;
    LoadedImage img;
    const hwaddr at = RAM_BASE;

    ram_poison();
    g_assert_true(load_aout(path, at, RAM_SIZE, 4096, &as, &img, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(ram_at(at), 12, text16, 12);
    g_assert_true(all_bytes(ram_at(at + 12), 0, 4096 - 12));
    g_assert_cmpmem(ram_at(at + 4096), 8, data8, 8);
    g_assert_true(all_bytes(ram_at(at + 4096 + 8), 0, 8));
    g_assert_cmpuint(*ram_at(at + 4096 + 16), ==, 0xaa);
    g_assert_cmpint(img.elf_machine, ==, EM_386);
    g_assert_false(img.big_endian);
    g_assert_cmphex(img.high, ==, at + 4096 + 16);
}

static void test_aout_zmagic_qmagic(void)
{
    g_autofree uint8_t *text = pattern(4096);
    GError *err = NULL;
    LoadedImage img;
    const hwaddr at = RAM_BASE + 0x10000;

    /* Linux ZMAGIC: text at file offset 1024, already page sized */
    {
        g_autofree char *path = aout_file(false, 0413, 100, 1024, text, 4096, data8, 8, 0, 0);
        ram_poison();
        g_assert_true(load_aout(path, at, RAM_SIZE, 4096, &as, &img, &err));
        g_assert_no_error(err);
        g_assert_cmpmem(ram_at(at), 4096, text, 4096);
        g_assert_cmpmem(ram_at(at + 4096), 8, data8, 8);
    }
    /* SunOS ZMAGIC: the header is the start of the text; 8 KiB pages */
    {
        g_autofree char *path = aout_file(true, 0413, 3, 0, text16, 16, data8, 8, 4, 0x2020);
        ram_poison();
        g_assert_true(load_aout(path, at, RAM_SIZE, 8192, &as, &img, &err));
        g_assert_no_error(err);
        g_assert_cmphex(ldl_be_p(ram_at(at)), ==, (3 << 16) | 0413);
        g_assert_cmpmem(ram_at(at + AOUT_HDR), 16, text16, 16);
        g_assert_true(all_bytes(ram_at(at + AOUT_HDR + 16), 0, 8192 - AOUT_HDR - 16));
        g_assert_cmpmem(ram_at(at + 8192), 8, data8, 8);
        g_assert_true(all_bytes(ram_at(at + 8192 + 8), 0, 4));
        g_assert_cmphex(img.entry, ==, 0x2020);
    }
    /* QMAGIC: header in the text too, little-endian */
    {
        g_autofree char *path = aout_file(false, 0314, 100, 0, text16, 16, data8, 8, 0, 0x1020);
        ram_poison();
        g_assert_true(load_aout(path, at, RAM_SIZE, 4096, &as, &img, &err));
        g_assert_no_error(err);
        g_assert_cmphex(ldl_le_p(ram_at(at)), ==, (100 << 16) | 0314);
        g_assert_cmpmem(ram_at(at + AOUT_HDR), 16, text16, 16);
        g_assert_cmpmem(ram_at(at + 4096), 8, data8, 8);
        g_assert_false(img.big_endian);
    }
}

static void test_aout_errors(void)
{
    g_autofree char *path = aout_file(true, 0407, 3, AOUT_HDR, text16, 12, data8, 8, 0, 0);
    g_autofree char *bad = NULL, *cut = NULL, *tiny = NULL;
    gchar *contents;
    gsize len;
    GError *err = NULL;

    g_assert_true(g_file_get_contents(path, &contents, &len, NULL));
    cut = write_file("cut.aout", contents, len - 1);
    g_assert_false(load_aout(cut, RAM_BASE, RAM_SIZE, 4096, &as, NULL, &err));
    expect_error(&err, cut, "truncated a.out");

    tiny = write_file("tiny.aout", contents, 20);
    g_assert_false(load_aout(tiny, RAM_BASE, RAM_SIZE, 4096, &as, NULL, &err));
    expect_error(&err, tiny, "not an a.out executable");

    contents[2] = 0x12;
    contents[3] = 0x34;
    bad = write_file("bad.aout", contents, len);
    g_assert_false(load_aout(bad, RAM_BASE, RAM_SIZE, 4096, &as, NULL, &err));
    expect_error(&err, bad, "not an a.out executable");
    g_free(contents);

    g_assert_false(load_aout(path, RAM_BASE + RAM_SIZE - 8, 4096, 4096, &as, NULL, &err));
    expect_error(&err, path, "is outside guest memory");
}

/* ---- uImage ------------------------------------------------------------ */

static GByteArray *uimage_build(uint8_t type, uint8_t arch, uint8_t comp, uint32_t load,
                                uint32_t ep, const void *payload, size_t n)
{
    Writer w = { g_byte_array_new(), true };

    g_byte_array_set_size(w.b, UIMAGE_HEADER_SIZE);
    memset(w.b->data, 0, UIMAGE_HEADER_SIZE);
    put(&w, 0, 4, UIMAGE_MAGIC);
    put(&w, 8, 4, 1700000000);          /* ih_time */
    put(&w, 12, 4, n);
    put(&w, 16, 4, load);
    put(&w, 20, 4, ep);
    put(&w, 24, 4, crc32_update(0, payload, n));
    put(&w, 28, 1, IH_OS_LINUX);
    put(&w, 29, 1, arch);
    put(&w, 30, 1, type);
    put(&w, 31, 1, comp);
    put_bytes(&w, 32, "test image", 10);
    put(&w, 4, 4, crc32_update(0, w.b->data, UIMAGE_HEADER_SIZE));
    put_bytes(&w, UIMAGE_HEADER_SIZE, payload, n);
    return w.b;
}

static char *uimage_file(const char *name, GByteArray *b)
{
    char *path = write_file(name, b->data, b->len);
    g_byte_array_unref(b);
    return path;
}

static void test_uimage_kernel(void)
{
    const size_t len = 20000;
    g_autofree uint8_t *plain = pattern(len);
    g_autoptr(GBytes) gz = gzip_compress(plain, len);
    const hwaddr load = RAM_BASE + 0x8000;
    GError *err = NULL;
    hwaddr entry = 0, loadaddr = 0;
    uint64_t size = 0;

    for (int comp = IH_COMP_NONE; comp <= IH_COMP_GZIP; comp++) {
        const void *payload = comp ? g_bytes_get_data(gz, NULL) : plain;
        size_t n = comp ? g_bytes_get_size(gz) : len;
        g_autofree char *path = uimage_file("kernel.uimg",
            uimage_build(IH_TYPE_KERNEL, IH_ARCH_SPARC, comp, load, load + 0x10, payload, n));

        ram_poison();
        g_assert_true(load_uimage(path, &as, &entry, &loadaddr, &size, IH_ARCH_SPARC, &err));
        g_assert_no_error(err);
        g_assert_cmphex(entry, ==, load + 0x10);
        g_assert_cmphex(loadaddr, ==, load);
        g_assert_cmpuint(size, ==, len);
        g_assert_cmpmem(ram_at(load), len, plain, len);
        g_assert_cmpuint(*ram_at(load + len), ==, 0xaa);
    }
}

static void uimage_expect_fail(GByteArray *b, int flip, size_t cut, int arch, const char *substr)
{
    g_autofree char *path = NULL;
    GError *err = NULL;

    if (flip >= 0) {
        b->data[flip] ^= 0x40;
    }
    g_byte_array_set_size(b, MIN(b->len, cut));
    path = uimage_file("bad.uimg", b);
    g_assert_false(load_uimage(path, &as, NULL, NULL, NULL, arch, &err));
    expect_error(&err, path, substr);
}

static void test_uimage_errors(void)
{
    const hwaddr load = RAM_BASE + 0x8000;
    const uint8_t garbage[40] = { 0x1f, 0x8b, 8, 0 };

#define KERNEL(arch, comp) uimage_build(IH_TYPE_KERNEL, arch, comp, load, load, text16, 16)
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 0), 0, SIZE_MAX, IH_ARCH_SPARC, "bad magic");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 0), -1, 63, IH_ARCH_SPARC, "bad magic");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 0), 40, SIZE_MAX, IH_ARCH_SPARC,
                       "uImage header CRC mismatch");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 0), 64 + 5, SIZE_MAX, IH_ARCH_SPARC,
                       "uImage data CRC mismatch");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 0), -1, 70, IH_ARCH_SPARC,
                       "truncated uImage (16 data bytes, file has 6)");
    uimage_expect_fail(KERNEL(IH_ARCH_ARM, 0), -1, SIZE_MAX, IH_ARCH_SPARC,
                       "uImage is for ARM (arch 2), not SPARC");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, 3), -1, SIZE_MAX, IH_ARCH_SPARC,
                       "uImage compression 3 is not supported");
    uimage_expect_fail(KERNEL(IH_ARCH_SPARC, IH_COMP_GZIP), -1, SIZE_MAX, IH_ARCH_SPARC,
                       "not gzip data");
    uimage_expect_fail(uimage_build(IH_TYPE_KERNEL, IH_ARCH_PPC, IH_COMP_GZIP, load, load,
                                    garbage, sizeof(garbage)),
                       -1, SIZE_MAX, IH_ARCH_PPC, "bad gzip data");
    uimage_expect_fail(uimage_build(IH_TYPE_RAMDISK, IH_ARCH_PPC, 0, 0, 0, text16, 16),
                       -1, SIZE_MAX, IH_ARCH_PPC, "uImage type 3 is not a kernel");
    uimage_expect_fail(uimage_build(IH_TYPE_KERNEL, IH_ARCH_PPC, 0, 0x10, 0, text16, 16),
                       -1, SIZE_MAX, IH_ARCH_PPC, "is outside guest memory");
#undef KERNEL
}

static void test_uimage_ramdisk(void)
{
    const size_t len = 5000;
    g_autofree uint8_t *plain = pattern(len);
    g_autoptr(GBytes) gz = gzip_compress(plain, len);
    g_autofree char *path = uimage_file("initrd.uimg",
        uimage_build(IH_TYPE_RAMDISK, IH_ARCH_ARM, IH_COMP_GZIP, 0, 0,
                     g_bytes_get_data(gz, NULL), g_bytes_get_size(gz)));
    g_autofree char *kernel = uimage_file("k.uimg",
        uimage_build(IH_TYPE_KERNEL, IH_ARCH_ARM, 0, RAM_BASE, RAM_BASE, text16, 16));
    const hwaddr at = RAM_BASE + 0x40000;
    GError *err = NULL;
    uint64_t size = 0;

    ram_poison();
    g_assert_true(load_uimage_ramdisk(path, at, 0x10000, &as, &size, IH_ARCH_ARM, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(size, ==, len);
    g_assert_cmpmem(ram_at(at), len, plain, len);

    g_assert_false(load_uimage_ramdisk(path, at, len - 1, &as, &size, IH_ARCH_ARM, &err));
    expect_error(&err, path, "larger than 4999 bytes");
    g_assert_false(load_uimage_ramdisk(kernel, at, len, &as, &size, IH_ARCH_ARM, &err));
    expect_error(&err, kernel, "uImage type 2 is not a ramdisk");
}

/* ---- Setup ------------------------------------------------------------- */

static void remove_tmpdir(void)
{
    GDir *dir = g_dir_open(tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(tmpdir, name, NULL);
        g_unlink(path);
    }
    if (dir) {
        g_dir_close(dir);
    }
    g_rmdir(tmpdir);
    g_free(tmpdir);
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-loader-XXXXXX", &err);
    g_assert_no_error(err);
    memory_region_init_container(&root, "root", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, &err));
    memory_region_add_subregion(&root, RAM_BASE, &ram);
    g_assert_true(memory_region_init_rom(&rom, "rom", ROM_SIZE, &err));
    memory_region_add_subregion(&root, ROM_BASE, &rom);
    address_space_init(&as, &root, "loader-test");

    g_test_add_func("/loader/elf/32-be-sparc", test_elf32_be_sparc);
    g_test_add_func("/loader/elf/32-le", test_elf32_le);
    g_test_add_func("/loader/elf/64", test_elf64);
    g_test_add_func("/loader/elf/paddr-vs-vaddr", test_elf_paddr_vs_vaddr);
    g_test_add_func("/loader/elf/symbols", test_elf_symbols);
    g_test_add_func("/loader/elf/symbols-arm-thumb", test_elf_symbols_arm_thumb);
    g_test_add_func("/loader/elf/errors", test_elf_errors);
    g_test_add_func("/loader/elf/file-is-elf", test_file_is_elf);
    g_test_add_func("/loader/elf/machine-names", test_machine_names);
    g_test_add_func("/loader/raw", test_raw_image);
    g_test_add_func("/loader/gzip", test_gzip);
    g_test_add_func("/loader/crc32", test_crc32);
    g_test_add_func("/loader/aout/omagic-sparc", test_aout_omagic_sparc);
    g_test_add_func("/loader/aout/nmagic-i386", test_aout_nmagic_i386);
    g_test_add_func("/loader/aout/zmagic-qmagic", test_aout_zmagic_qmagic);
    g_test_add_func("/loader/aout/errors", test_aout_errors);
    g_test_add_func("/loader/uimage/kernel", test_uimage_kernel);
    g_test_add_func("/loader/uimage/errors", test_uimage_errors);
    g_test_add_func("/loader/uimage/ramdisk", test_uimage_ramdisk);
    ret = g_test_run();

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &rom);
    memory_region_finalize(&ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&root);
    remove_tmpdir();
    return ret;
}

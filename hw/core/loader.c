/*
 * Image loaders: ELF, a.out, U-Boot uImage and raw files into guest memory.
 *
 * Part of hw/core, used by boards at machine creation. Files are mapped
 * read-only and parsed from their bytes with explicit byte-order loads, so
 * the host's own order and alignment never matter. Every write goes through
 * address_space_write_rom, and a range that reaches unmapped space is a user
 * error naming the file. References: System V ABI (ELF, chapters 4 and 5),
 * Linux and SunOS <a.out.h>, U-Boot include/image.h, RFC 1952 (gzip).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "hw/core/loader.h"
#include "util/crc32.h"
#include "util/symbols.h"
#include "util/bswap.h"
#include "util/error.h"

/* ---- Files and guest writes ---------------------------------------- */

/* Maps a whole file read-only; kernels with debug info can be large. */
static GBytes *loader_map(const char *path, GError **err)
{
    GError *local = NULL;
    struct stat st;
    GMappedFile *map;
    GBytes *bytes;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': %s", path, g_strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': not a regular file", path);
        return NULL;
    }
    map = g_mapped_file_new_from_fd(fd, FALSE, &local);
    close(fd);
    if (!map) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': cannot read: %s", path, local->message);
        g_error_free(local);
        return NULL;
    }
    bytes = g_mapped_file_get_bytes(map);
    g_mapped_file_unref(map);
    return bytes;
}

/* Writes len bytes of buf (zeros when buf is NULL) at addr. */
static bool loader_write(AddressSpace *as, hwaddr addr, const void *buf, uint64_t len,
                         const char *path, GError **err)
{
    static const uint8_t zeros[4096];
    uint64_t done = 0;

    if (len == 0) {
        return true;
    }
    if (addr + len - 1 < addr) {
        goto outside;
    }
    while (done < len) {
        uint64_t n = buf ? len - done : MIN(len - done, sizeof(zeros));
        const void *src = buf ? (const uint8_t *)buf + done : zeros;

        if (address_space_write_rom(as, addr + done, src, n) != MEMTX_OK) {
            goto outside;
        }
        done += n;
    }
    return true;

outside:
    g_set_error(err, CHIMERA_ERROR, 0,
                "'%s': 0x%" G_GINT64_MODIFIER "x-0x%" G_GINT64_MODIFIER "x is outside guest memory",
                path, addr, addr + len - 1);
    return false;
}

/* Writes a whole image at addr; more than max_size bytes is an error. */
static bool loader_write_image(const char *path, GBytes *image, hwaddr addr, uint64_t max_size,
                               AddressSpace *as, uint64_t *size, GError **err)
{
    size_t len;
    const void *data;

    if (!image) {
        return false;
    }
    data = g_bytes_get_data(image, &len);
    if (len > max_size) {
        g_set_error(err, CHIMERA_ERROR, 0,
                    "'%s': image is %zu bytes, more than the %" G_GUINT64_FORMAT " that fit",
                    path, len, max_size);
        return false;
    }
    if (!loader_write(as, addr, data, len, path, err)) {
        return false;
    }
    if (size) {
        *size = len;
    }
    return true;
}

/* ---- ELF ------------------------------------------------------------ */

static const struct {
    int machine;
    const char *name;
} elf_machine_names[] = {
    { EM_386, "i386" },
    { EM_68K, "m68k" },
    { EM_MIPS, "MIPS" },
    { EM_SPARC, "SPARC" },
    { EM_SPARC32PLUS, "SPARC32+" },
    { EM_PPC, "PowerPC" },
    { EM_PPC64, "PowerPC64" },
    { EM_ARM, "ARM" },
    { EM_SPARCV9, "SPARC V9" },
    { EM_X86_64, "x86-64" },
    { EM_AARCH64, "AArch64" },
    { EM_RISCV, "RISC-V" },
};

const char *elf_machine_name(int machine)
{
    for (size_t i = 0; i < G_N_ELEMENTS(elf_machine_names); i++) {
        if (elf_machine_names[i].machine == machine) {
            return elf_machine_names[i].name;
        }
    }
    return "unknown";
}

/*
 * Where the fields we read sit in each class. Offsets come from glibc's
 * structure definitions; "word" is the size of addresses, offsets and sizes
 * (4 or 8), the other fields read here are 2 or 4 bytes in both classes.
 */
typedef struct ElfLayout {
    unsigned word;
    unsigned ehdr_size, e_type, e_machine, e_entry, e_phoff, e_shoff;
    unsigned e_phentsize, e_phnum, e_shentsize, e_shnum;
    unsigned phdr_size, p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz;
    unsigned shdr_size, sh_type, sh_offset, sh_size, sh_link;
    unsigned sym_size, st_name, st_value, st_size, st_info, st_shndx;
} ElfLayout;

#define ELF_LAYOUT(N)                                                             \
    {                                                                             \
        .word = sizeof(Elf##N##_Addr), .ehdr_size = sizeof(Elf##N##_Ehdr),       \
        .e_type = offsetof(Elf##N##_Ehdr, e_type),                                \
        .e_machine = offsetof(Elf##N##_Ehdr, e_machine),                          \
        .e_entry = offsetof(Elf##N##_Ehdr, e_entry),                              \
        .e_phoff = offsetof(Elf##N##_Ehdr, e_phoff),                              \
        .e_shoff = offsetof(Elf##N##_Ehdr, e_shoff),                              \
        .e_phentsize = offsetof(Elf##N##_Ehdr, e_phentsize),                      \
        .e_phnum = offsetof(Elf##N##_Ehdr, e_phnum),                              \
        .e_shentsize = offsetof(Elf##N##_Ehdr, e_shentsize),                      \
        .e_shnum = offsetof(Elf##N##_Ehdr, e_shnum),                              \
        .phdr_size = sizeof(Elf##N##_Phdr), .p_type = offsetof(Elf##N##_Phdr, p_type), \
        .p_offset = offsetof(Elf##N##_Phdr, p_offset),                            \
        .p_vaddr = offsetof(Elf##N##_Phdr, p_vaddr),                              \
        .p_paddr = offsetof(Elf##N##_Phdr, p_paddr),                              \
        .p_filesz = offsetof(Elf##N##_Phdr, p_filesz),                            \
        .p_memsz = offsetof(Elf##N##_Phdr, p_memsz),                              \
        .shdr_size = sizeof(Elf##N##_Shdr), .sh_type = offsetof(Elf##N##_Shdr, sh_type), \
        .sh_offset = offsetof(Elf##N##_Shdr, sh_offset),                          \
        .sh_size = offsetof(Elf##N##_Shdr, sh_size),                              \
        .sh_link = offsetof(Elf##N##_Shdr, sh_link),                              \
        .sym_size = sizeof(Elf##N##_Sym), .st_name = offsetof(Elf##N##_Sym, st_name), \
        .st_value = offsetof(Elf##N##_Sym, st_value),                             \
        .st_size = offsetof(Elf##N##_Sym, st_size),                               \
        .st_info = offsetof(Elf##N##_Sym, st_info),                               \
        .st_shndx = offsetof(Elf##N##_Sym, st_shndx),                             \
    }

static const ElfLayout elf_layout32 = ELF_LAYOUT(32);
static const ElfLayout elf_layout64 = ELF_LAYOUT(64);

/* A parsed, validated ELF header over the mapped file. */
typedef struct ElfFile {
    const char *path;
    const uint8_t *data;
    size_t size;
    const ElfLayout *l;
    bool big_endian;
    int machine;
    uint64_t entry;
    uint64_t phoff, shoff;
    unsigned phentsize, phnum, shentsize, shnum;
} ElfFile;

/* One PT_LOAD segment, checked against the file. */
typedef struct ElfSegment {
    uint64_t offset, filesz, memsz, vaddr, addr; /* addr: where it goes */
} ElfSegment;

static uint64_t elf_get(const ElfFile *f, const uint8_t *rec, unsigned off, unsigned size)
{
    return ldn_p(rec + off, size, f->big_endian);
}

static uint64_t elf_word(const ElfFile *f, const uint8_t *rec, unsigned off)
{
    return elf_get(f, rec, off, f->l->word);
}

/* True when [off, off + count * entsize) lies inside the file. */
static bool elf_in_file(const ElfFile *f, uint64_t off, uint64_t count, uint64_t entsize)
{
    return off <= f->size && count <= (f->size - off) / MAX(entsize, 1);
}

static bool elf_fail(GError **err, const ElfFile *f, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static bool elf_fail(GError **err, const ElfFile *f, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(err, CHIMERA_ERROR, 0, "'%s': %s", f->path, msg);
    return false;
}

static bool elf_machine_ok(const ElfLoadOptions *opt, int machine)
{
    if (!opt->machines[0]) {
        return true;
    }
    for (int i = 0; i < ELF_LOAD_MAX_MACHINES && opt->machines[i]; i++) {
        if (opt->machines[i] == machine) {
            return true;
        }
    }
    return false;
}

static const char *elf_order_name(bool big_endian)
{
    return big_endian ? "big-endian" : "little-endian";
}

/* Checks e_ident and the file header against the options (ELF gABI ch. 4). */
static bool elf_parse_header(ElfFile *f, const ElfLoadOptions *opt, GError **err)
{
    const uint8_t *d = f->data;
    int cls, type;

    if (f->size < EI_NIDENT || memcmp(d, ELFMAG, SELFMAG) != 0) {
        return elf_fail(err, f, "not an ELF file");
    }
    cls = d[EI_CLASS];
    if (cls != ELFCLASS32 && cls != ELFCLASS64) {
        return elf_fail(err, f, "unknown ELF class %d", cls);
    }
    if (opt->elf_class && cls != opt->elf_class) {
        return elf_fail(err, f, "ELF is %d-bit, expected %d-bit",
                        cls == ELFCLASS64 ? 64 : 32, opt->elf_class == ELFCLASS64 ? 64 : 32);
    }
    if (d[EI_DATA] != ELFDATA2LSB && d[EI_DATA] != ELFDATA2MSB) {
        return elf_fail(err, f, "unknown ELF byte order %d", d[EI_DATA]);
    }
    f->big_endian = d[EI_DATA] == ELFDATA2MSB;
    if (opt->byte_order && d[EI_DATA] != opt->byte_order) {
        return elf_fail(err, f, "ELF is %s, expected %s", elf_order_name(f->big_endian),
                        elf_order_name(opt->byte_order == ELFDATA2MSB));
    }
    f->l = cls == ELFCLASS64 ? &elf_layout64 : &elf_layout32;
    if (f->size < f->l->ehdr_size) {
        return elf_fail(err, f, "truncated ELF header (%zu bytes)", f->size);
    }

    type = elf_get(f, d, f->l->e_type, 2);
    if (type != ET_EXEC && type != ET_DYN) {
        return elf_fail(err, f, "ELF type %d is not an executable", type);
    }
    f->machine = elf_get(f, d, f->l->e_machine, 2);
    if (!elf_machine_ok(opt, f->machine)) {
        return elf_fail(err, f, "ELF machine %d (%s) is not %s", f->machine,
                        elf_machine_name(f->machine), elf_machine_name(opt->machines[0]));
    }
    f->entry = elf_word(f, d, f->l->e_entry);
    f->phoff = elf_word(f, d, f->l->e_phoff);
    f->shoff = elf_word(f, d, f->l->e_shoff);
    f->phentsize = elf_get(f, d, f->l->e_phentsize, 2);
    f->phnum = elf_get(f, d, f->l->e_phnum, 2);
    f->shentsize = elf_get(f, d, f->l->e_shentsize, 2);
    f->shnum = elf_get(f, d, f->l->e_shnum, 2);

    if (f->phnum && f->phentsize < f->l->phdr_size) {
        return elf_fail(err, f, "program header size %u is too small", f->phentsize);
    }
    if (!elf_in_file(f, f->phoff, f->phnum, f->phentsize)) {
        return elf_fail(err, f, "truncated program headers");
    }
    return true;
}

/* Reads and checks every PT_LOAD segment before anything is written. */
static bool elf_collect_segments(const ElfFile *f, const ElfLoadOptions *opt, GArray *segs,
                                 GError **err)
{
    const ElfLayout *l = f->l;

    for (unsigned i = 0; i < f->phnum; i++) {
        const uint8_t *ph = f->data + f->phoff + (uint64_t)i * f->phentsize;
        ElfSegment s;

        if (elf_get(f, ph, l->p_type, 4) != PT_LOAD) {
            continue;
        }
        s.offset = elf_word(f, ph, l->p_offset);
        s.filesz = elf_word(f, ph, l->p_filesz);
        s.memsz = elf_word(f, ph, l->p_memsz);
        s.vaddr = elf_word(f, ph, l->p_vaddr);
        s.addr = opt->use_paddr ? elf_word(f, ph, l->p_paddr) : s.vaddr;
        if (opt->translate) {
            s.addr = opt->translate(opt->translate_opaque, s.addr);
        }
        if (s.filesz > s.memsz) {
            return elf_fail(err, f, "segment %u has more file bytes (0x%" G_GINT64_MODIFIER
                            "x) than memory (0x%" G_GINT64_MODIFIER "x)", i, s.filesz, s.memsz);
        }
        if (!elf_in_file(f, s.offset, s.filesz, 1)) {
            return elf_fail(err, f, "truncated segment %u data", i);
        }
        if (s.memsz) {
            g_array_append_val(segs, s);
        }
    }
    if (!segs->len) {
        return elf_fail(err, f, "no loadable segments");
    }
    return true;
}

/*
 * Adds the STT_FUNC and STT_OBJECT symbols of SHT_SYMTAB sections to the
 * registry. The table only helps logs, so a damaged one is skipped quietly.
 */
static void elf_load_symbols(const ElfFile *f)
{
    const ElfLayout *l = f->l;

    if (f->shentsize < l->shdr_size || !elf_in_file(f, f->shoff, f->shnum, f->shentsize)) {
        return;
    }
    for (unsigned i = 0; i < f->shnum; i++) {
        const uint8_t *sh = f->data + f->shoff + (uint64_t)i * f->shentsize;
        const uint8_t *strsh;
        uint64_t symoff, nsyms, stroff, strsize;
        unsigned link;

        if (elf_get(f, sh, l->sh_type, 4) != SHT_SYMTAB) {
            continue;
        }
        link = elf_get(f, sh, l->sh_link, 4);
        if (link >= f->shnum) {
            continue;
        }
        strsh = f->data + f->shoff + (uint64_t)link * f->shentsize;
        stroff = elf_word(f, strsh, l->sh_offset);
        strsize = elf_word(f, strsh, l->sh_size);
        symoff = elf_word(f, sh, l->sh_offset);
        nsyms = elf_word(f, sh, l->sh_size) / l->sym_size;
        if (!elf_in_file(f, stroff, strsize, 1) || !elf_in_file(f, symoff, nsyms, l->sym_size)) {
            continue;
        }
        for (uint64_t k = 0; k < nsyms; k++) {
            const uint8_t *sym = f->data + symoff + k * l->sym_size;
            int type = ELF32_ST_TYPE(elf_get(f, sym, l->st_info, 1));
            uint64_t name = elf_get(f, sym, l->st_name, 4);
            uint64_t value = elf_word(f, sym, l->st_value);
            const char *str;

            if ((type != STT_FUNC && type != STT_OBJECT) ||
                elf_get(f, sym, l->st_shndx, 2) == SHN_UNDEF || name >= strsize) {
                continue;
            }
            /* ARM ELF: bit 0 of a function address selects Thumb state. */
            if (f->machine == EM_ARM && type == STT_FUNC) {
                value &= ~(uint64_t)1;
            }
            str = (const char *)f->data + stroff + name;
            symbol_add(value, elf_word(f, sym, l->st_size), str, strnlen(str, strsize - name));
        }
    }
}

bool load_elf(const char *path, AddressSpace *as, const ElfLoadOptions *opt,
              LoadedImage *out, GError **err)
{
    static const ElfLoadOptions any;
    g_autoptr(GBytes) file = NULL;
    g_autoptr(GArray) segs = NULL;
    LoadedImage img = { 0 };
    ElfFile f = { .path = path };
    bool entry_mapped = false;

    opt = opt ? opt : &any;
    file = loader_map(path, err);
    if (!file) {
        return false;
    }
    f.data = g_bytes_get_data(file, &f.size);
    segs = g_array_new(FALSE, FALSE, sizeof(ElfSegment));
    if (!elf_parse_header(&f, opt, err) || !elf_collect_segments(&f, opt, segs, err)) {
        return false;
    }

    img.low = UINT64_MAX;
    for (unsigned i = 0; i < segs->len; i++) {
        const ElfSegment *s = &g_array_index(segs, ElfSegment, i);

        if (!loader_write(as, s->addr, f.data + s->offset, s->filesz, path, err) ||
            !loader_write(as, s->addr + s->filesz, NULL, s->memsz - s->filesz, path, err)) {
            return false;
        }
        img.low = MIN(img.low, s->addr);
        img.high = MAX(img.high, s->addr + s->memsz);
        if (!entry_mapped && f.entry - s->vaddr < s->memsz) {
            img.entry_phys = s->addr + (f.entry - s->vaddr);
            entry_mapped = true;
        }
    }
    img.entry = f.entry;
    if (!entry_mapped) {
        img.entry_phys = opt->translate ? opt->translate(opt->translate_opaque, f.entry) : f.entry;
    }
    img.elf_machine = f.machine;
    img.big_endian = f.big_endian;
    img.is64 = f.l == &elf_layout64;

    if (!opt->no_symbols) {
        elf_load_symbols(&f);
    }
    if (out) {
        *out = img;
    }
    return true;
}

bool loader_file_is_elf(const char *path)
{
    g_autoptr(GBytes) file = loader_map(path, NULL);
    size_t size;
    const uint8_t *d;

    if (!file) {
        return false;
    }
    d = g_bytes_get_data(file, &size);
    return size >= SELFMAG && memcmp(d, ELFMAG, SELFMAG) == 0;
}

/* ---- Raw images, gzip, CRC-32 -------------------------------------- */

bool load_image_to_buffer(const char *path, GBytes **out, GError **err)
{
    *out = loader_map(path, err);
    return *out != NULL;
}

bool load_image_targphys(const char *path, hwaddr addr, uint64_t max_size,
                         AddressSpace *as, uint64_t *size, GError **err)
{
    g_autoptr(GBytes) file = loader_map(path, err);

    return loader_write_image(path, file, addr, max_size, as, size, err);
}

bool loader_is_gzip(GBytes *data)
{
    size_t len;
    const uint8_t *d = g_bytes_get_data(data, &len);

    /* ID1, ID2 and CM = 8 (deflate) */
    return len >= 3 && d[0] == 0x1f && d[1] == 0x8b && d[2] == 8;
}

bool loader_gunzip(GBytes *in, size_t max_out, GBytes **out, GError **err)
{
    g_autoptr(GZlibDecompressor) z = NULL;
    size_t in_len, in_pos = 0, pos = 0, cap;
    const uint8_t *src = g_bytes_get_data(in, &in_len);
    uint8_t *buf;

    if (!loader_is_gzip(in)) {
        g_set_error(err, CHIMERA_ERROR, 0, "not gzip data");
        return false;
    }
    max_out = MIN(max_out, SIZE_MAX - 1);
    z = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    /* One byte beyond max_out tells "exactly max_out" from "too large". */
    cap = MIN(MAX(in_len * 4, (size_t)65536), max_out + 1);
    buf = g_malloc(cap);
    for (;;) {
        GError *local = NULL;
        gsize nread = 0, nwritten = 0;
        GConverterResult r;

        if (pos == cap) {
            if (pos > max_out) {
                break;
            }
            cap = MIN(cap * 2, max_out + 1);
            buf = g_realloc(buf, cap);
        }
        r = g_converter_convert(G_CONVERTER(z), src + in_pos, in_len - in_pos, buf + pos,
                                cap - pos, G_CONVERTER_INPUT_AT_END, &nread, &nwritten, &local);
        if (r == G_CONVERTER_ERROR) {
            g_free(buf);
            g_set_error(err, CHIMERA_ERROR, 0, "bad gzip data: %s", local->message);
            g_error_free(local);
            return false;
        }
        in_pos += nread;
        pos += nwritten;
        /* Bytes after the end of the stream (padding) are ignored. */
        if (r == G_CONVERTER_FINISHED) {
            break;
        }
    }
    if (pos > max_out) {
        g_free(buf);
        g_set_error(err, CHIMERA_ERROR, 0, "decompressed data is larger than %zu bytes", max_out);
        return false;
    }
    *out = g_bytes_new_take(g_realloc(buf, pos), pos);
    return true;
}

/* ---- a.out ---------------------------------------------------------- */

/* a_info: flags (8 bits), machine (8 bits), magic (16 bits). */
#define AOUT_OMAGIC 0407
#define AOUT_NMAGIC 0410
#define AOUT_ZMAGIC 0413
#define AOUT_QMAGIC 0314
#define AOUT_M_68020 2
#define AOUT_M_SPARC 3
#define AOUT_M_386 100
#define AOUT_HEADER_SIZE 32     /* eight 32-bit words */
#define AOUT_ZMAGIC_TEXT_OFF 1024 /* Linux ZMAGIC: text starts in the second KiB */

static bool aout_magic_ok(uint32_t info)
{
    unsigned magic = info & 0xffff;
    return magic == AOUT_OMAGIC || magic == AOUT_NMAGIC || magic == AOUT_ZMAGIC ||
           magic == AOUT_QMAGIC;
}

/*
 * The header is in the machine's byte order (SunOS SPARC files are
 * big-endian): pick the order in which a known magic appears, and let a
 * SPARC machine field settle a header that reads as valid both ways.
 */
static bool aout_byte_order(const uint8_t *d, bool *be)
{
    uint32_t info_be = ldl_be_p(d);
    bool le_ok = aout_magic_ok(ldl_le_p(d));

    *be = aout_magic_ok(info_be) && (((info_be >> 16) & 0xff) == AOUT_M_SPARC || !le_ok);
    return *be || le_ok;
}

static int aout_machine_to_elf(unsigned machine)
{
    switch (machine) {
    case AOUT_M_SPARC: return EM_SPARC;
    case AOUT_M_386: return EM_386;
    case AOUT_M_68020: return EM_68K;
    default: return 0;
    }
}

bool load_aout(const char *path, hwaddr addr, uint64_t max_size, uint64_t page_size,
               AddressSpace *as, LoadedImage *out, GError **err)
{
    g_autoptr(GBytes) file = loader_map(path, err);
    const uint8_t *d;
    size_t size;
    uint32_t info, text, data, bss;
    uint64_t text_off, data_addr, total;
    unsigned magic, machine;
    bool be;

    if (!file) {
        return false;
    }
    d = g_bytes_get_data(file, &size);
    if (size < AOUT_HEADER_SIZE || !aout_byte_order(d, &be)) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': not an a.out executable", path);
        return false;
    }
    /* a_info, a_text, a_data, a_bss, a_syms, a_entry, a_trsize, a_drsize */
    info = ldn_p(d, 4, be);
    magic = info & 0xffff;
    machine = (info >> 16) & 0xff;
    text = ldn_p(d + 4, 4, be);
    data = ldn_p(d + 8, 4, be);
    bss = ldn_p(d + 12, 4, be);

    /* File offset of the text: QMAGIC text holds the header; SunOS ZMAGIC too. */
    if (magic == AOUT_QMAGIC || (magic == AOUT_ZMAGIC && machine == AOUT_M_SPARC)) {
        text_off = 0;
    } else if (magic == AOUT_ZMAGIC) {
        text_off = AOUT_ZMAGIC_TEXT_OFF;
    } else {
        text_off = AOUT_HEADER_SIZE;
    }
    /* Data follows the text directly in OMAGIC, on the next page otherwise. */
    page_size = page_size ? page_size : 4096;
    data_addr = text;
    if (magic != AOUT_OMAGIC) {
        data_addr = (data_addr + page_size - 1) / page_size * page_size;
    }
    total = data_addr + data + bss;

    if (text_off + text + data > size) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': truncated a.out (text and data need %"
                    G_GUINT64_FORMAT " bytes, file has %zu)", path, text_off + text + data, size);
        return false;
    }
    if (total > max_size) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': a.out needs %" G_GUINT64_FORMAT
                    " bytes, more than the %" G_GUINT64_FORMAT " that fit", path, total, max_size);
        return false;
    }
    if (!loader_write(as, addr, d + text_off, text, path, err) ||
        !loader_write(as, addr + text, NULL, data_addr - text, path, err) ||
        !loader_write(as, addr + data_addr, d + text_off + text, data, path, err) ||
        !loader_write(as, addr + data_addr + data, NULL, bss, path, err)) {
        return false;
    }
    if (out) {
        *out = (LoadedImage) {
            .entry = ldn_p(d + 20, 4, be),
            .low = addr,
            .high = addr + total,
            .elf_machine = aout_machine_to_elf(machine),
            .big_endian = be,
        };
        out->entry_phys = out->entry;
    }
    return true;
}

/* ---- U-Boot legacy uImage ------------------------------------------ */

/* Kernels may inflate to this much; RAM bounds the load anyway. */
#define UIMAGE_MAX_KERNEL (256u << 20)

/* The header fields we use; all are big-endian in the file. */
typedef struct UImageHeader {
    uint32_t hcrc, size, load, ep, dcrc;
    uint8_t arch, type, comp;
} UImageHeader;

static const char *uimage_arch_name(int arch)
{
    static const struct {
        int arch;
        int em;
    } map[] = {
        { IH_ARCH_ARM, EM_ARM }, { IH_ARCH_I386, EM_386 }, { IH_ARCH_PPC, EM_PPC },
        { IH_ARCH_SPARC, EM_SPARC }, { IH_ARCH_SPARC64, EM_SPARCV9 },
        { IH_ARCH_ARM64, EM_AARCH64 }, { IH_ARCH_X86_64, EM_X86_64 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
        if (map[i].arch == arch) {
            return elf_machine_name(map[i].em);
        }
    }
    return "unknown";
}

/*
 * Checks a uImage (magic, header CRC over the header with ih_hcrc zeroed,
 * type, arch, data CRC) and returns its payload, inflated when gzip.
 */
static GBytes *uimage_open(const char *path, int type, int arch, size_t max_out,
                           UImageHeader *h, GError **err)
{
    g_autoptr(GBytes) file = loader_map(path, err);
    g_autoptr(GBytes) payload = NULL;
    uint8_t hdr[UIMAGE_HEADER_SIZE];
    const uint8_t *d;
    GBytes *out = NULL;
    size_t size;

    if (!file) {
        return NULL;
    }
    d = g_bytes_get_data(file, &size);
    if (size < UIMAGE_HEADER_SIZE || ldl_be_p(d) != UIMAGE_MAGIC) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': not a U-Boot image (bad magic)", path);
        return NULL;
    }
    memcpy(hdr, d, sizeof(hdr));
    /* ih_magic 0, ih_hcrc 4, ih_time 8, ih_size 12, ih_load 16, ih_ep 20, ih_dcrc 24,
     * ih_os 28, ih_arch 29, ih_type 30, ih_comp 31, ih_name 32..63 */
    *h = (UImageHeader) {
        .hcrc = ldl_be_p(hdr + 4), .size = ldl_be_p(hdr + 12), .load = ldl_be_p(hdr + 16),
        .ep = ldl_be_p(hdr + 20), .dcrc = ldl_be_p(hdr + 24),
        .arch = hdr[29], .type = hdr[30], .comp = hdr[31],
    };
    stl_be_p(hdr + 4, 0);
    if (crc32_update(0, hdr, sizeof(hdr)) != h->hcrc) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': uImage header CRC mismatch", path);
        return NULL;
    }
    if (h->type != type) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': uImage type %u is not a %s", path, h->type,
                    type == IH_TYPE_KERNEL ? "kernel" : "ramdisk");
        return NULL;
    }
    if (h->arch != arch) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': uImage is for %s (arch %u), not %s", path,
                    uimage_arch_name(h->arch), h->arch, uimage_arch_name(arch));
        return NULL;
    }
    if (h->size > size - UIMAGE_HEADER_SIZE) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': truncated uImage (%u data bytes, file has %zu)",
                    path, h->size, size - UIMAGE_HEADER_SIZE);
        return NULL;
    }
    if (crc32_update(0, d + UIMAGE_HEADER_SIZE, h->size) != h->dcrc) {
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': uImage data CRC mismatch", path);
        return NULL;
    }
    payload = g_bytes_new_from_bytes(file, UIMAGE_HEADER_SIZE, h->size);
    switch (h->comp) {
    case IH_COMP_NONE:
        return g_steal_pointer(&payload);
    case IH_COMP_GZIP:
        if (!loader_gunzip(payload, max_out, &out, err)) {
            g_prefix_error(err, "'%s': ", path);
        }
        return out;
    default:
        g_set_error(err, CHIMERA_ERROR, 0, "'%s': uImage compression %u is not supported",
                    path, h->comp);
        return NULL;
    }
}

bool load_uimage(const char *path, AddressSpace *as, hwaddr *entry, hwaddr *loadaddr,
                 uint64_t *size, int expected_arch, GError **err)
{
    UImageHeader h = { 0 };
    g_autoptr(GBytes) data = uimage_open(path, IH_TYPE_KERNEL, expected_arch,
                                         UIMAGE_MAX_KERNEL, &h, err);

    if (!loader_write_image(path, data, h.load, UINT64_MAX, as, size, err)) {
        return false;
    }
    if (entry) {
        *entry = h.ep;
    }
    if (loadaddr) {
        *loadaddr = h.load;
    }
    return true;
}

bool load_uimage_ramdisk(const char *path, hwaddr addr, uint64_t max_size, AddressSpace *as,
                         uint64_t *size, int expected_arch, GError **err)
{
    UImageHeader h = { 0 };
    g_autoptr(GBytes) data = uimage_open(path, IH_TYPE_RAMDISK, expected_arch,
                                         MIN(max_size, (uint64_t)SIZE_MAX), &h, err);

    return loader_write_image(path, data, addr, max_size, as, size, err);
}

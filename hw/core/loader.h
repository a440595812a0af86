/*
 * Image loaders: how boards put firmware, kernels and ramdisks into guest
 * memory before the CPUs start.
 *
 * Formats: ELF (32/64-bit, either byte order, PT_LOAD segments), a.out
 * (OMAGIC/NMAGIC/ZMAGIC/QMAGIC), U-Boot legacy uImage (kernel and ramdisk,
 * uncompressed or gzip) and raw binaries. Everything is written with
 * address_space_write_rom, so ROM regions are loadable too. Failures are user
 * errors: one line naming the file, returned through GError.
 *
 * ELF symbol tables go into the process-wide registry of util/symbols.h, which
 * the -d in_asm and exec logs use to name guest functions.
 */
#ifndef HW_CORE_LOADER_H
#define HW_CORE_LOADER_H

#include <elf.h>
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "softmmu/memory.h"

/* What a loader wrote. */
typedef struct LoadedImage {
    uint64_t entry;       /* entry point as the image states it (often virtual) */
    uint64_t entry_phys;  /* entry mapped the way its segment was placed */
    uint64_t low, high;   /* guest physical range written: [low, high) */
    int elf_machine;      /* EM_* (a.out: the EM_* its machine field means, or 0) */
    bool big_endian;
    bool is64;
} LoadedImage;

#define ELF_LOAD_MAX_MACHINES 4

typedef struct ElfLoadOptions {
    /* Accepted e_machine values, ended by 0 (EM_NONE); empty accepts any.
     * The first one names the architecture in errors ("... is not SPARC"). */
    uint16_t machines[ELF_LOAD_MAX_MACHINES];
    int byte_order;       /* ELFDATA2LSB or ELFDATA2MSB; 0 accepts either */
    int elf_class;        /* ELFCLASS32 or ELFCLASS64; 0 accepts either */
    bool use_paddr;       /* place segments at p_paddr instead of p_vaddr */
    /* Optional: maps the chosen segment address to guest physical. */
    uint64_t (*translate)(void *opaque, uint64_t addr);
    void *translate_opaque;
    bool no_symbols;      /* do not add the symbol table to the registry */
} ElfLoadOptions;

/* A human name for an EM_* value ("SPARC", "x86-64"), "unknown" otherwise. */
const char *elf_machine_name(int machine);

/* True when path can be read and starts with the ELF magic. */
bool loader_file_is_elf(const char *path);

/*
 * Loads every PT_LOAD segment of an ELF executable: file bytes, then zeros
 * up to p_memsz. opt may be NULL (anything, at p_vaddr). out may be NULL.
 */
bool load_elf(const char *path, AddressSpace *as, const ElfLoadOptions *opt,
              LoadedImage *out, GError **err);


/* Reads a whole file. The bytes may be a read-only mapping of it. */
bool load_image_to_buffer(const char *path, GBytes **out, GError **err);
/* Copies a raw file to addr; a file larger than max_size is an error. */
bool load_image_targphys(const char *path, hwaddr addr, uint64_t max_size,
                         AddressSpace *as, uint64_t *size, GError **err);

/* True when data starts with the gzip magic (RFC 1952 section 2.3.1). */
bool loader_is_gzip(GBytes *data);
/* Inflates a gzip stream; more than max_out bytes of output is an error. */
bool loader_gunzip(GBytes *in, size_t max_out, GBytes **out, GError **err);

/*
 * Loads an a.out executable's text and data at addr and zeroes its bss.
 * The byte order comes from the header; page_size places NMAGIC data and
 * QMAGIC text as the linker did. out may be NULL.
 */
bool load_aout(const char *path, hwaddr addr, uint64_t max_size, uint64_t page_size,
               AddressSpace *as, LoadedImage *out, GError **err);

/* U-Boot legacy image header fields (U-Boot include/image.h). */
#define UIMAGE_MAGIC 0x27051956
#define UIMAGE_HEADER_SIZE 64
enum {
    IH_ARCH_ARM = 2,
    IH_ARCH_I386 = 3,
    IH_ARCH_PPC = 7,
    IH_ARCH_SPARC = 10,
    IH_ARCH_SPARC64 = 11,
    IH_ARCH_ARM64 = 22,
    IH_ARCH_X86_64 = 24,
};
enum {
    IH_TYPE_KERNEL = 2,
    IH_TYPE_RAMDISK = 3,
};
enum {
    IH_COMP_NONE = 0,
    IH_COMP_GZIP = 1,
};
#define IH_OS_LINUX 5

/*
 * Loads a uImage kernel at the load address its header gives; checks the
 * magic, both CRCs, the type and expected_arch (IH_ARCH_*).
 */
bool load_uimage(const char *path, AddressSpace *as, hwaddr *entry, hwaddr *loadaddr,
                 uint64_t *size, int expected_arch, GError **err);
/* Loads a uImage ramdisk at addr (the board chooses), at most max_size bytes. */
bool load_uimage_ramdisk(const char *path, hwaddr addr, uint64_t max_size, AddressSpace *as,
                         uint64_t *size, int expected_arch, GError **err);

#endif

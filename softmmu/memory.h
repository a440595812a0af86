/*
 * The memory API: how CPUs and DMA reach RAM, ROM and devices.
 *
 * A machine describes its physical map as a tree of MemoryRegions: RAM and
 * ROM backed by host memory, MMIO regions with read/write callbacks,
 * aliases (a window onto part of another region) and containers that hold
 * subregions at offsets, where a higher priority wins where they overlap.
 * An AddressSpace renders its root region into a FlatView, a sorted array of
 * non-overlapping ranges, which dispatch and the soft TLB search. The view is
 * rebuilt lazily after the tree changes, and listeners (the soft TLB) are told.
 *
 * Device callbacks see numeric values: the core converts between the byte
 * order of the access and the region's own, and splits or combines accesses
 * the region's callbacks cannot take in one piece.
 */
#ifndef SOFTMMU_MEMORY_H
#define SOFTMMU_MEMORY_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t hwaddr;
#define HWADDR_FMT "0x%" G_GINT64_MODIFIER "x"

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR,        /* the device signalled a bus error */
    MEMTX_DECODE_ERROR, /* nothing is mapped there */
} MemTxResult;

typedef enum MemEndian {
    MEM_LITTLE_ENDIAN,
    MEM_BIG_ENDIAN,
} MemEndian;

typedef struct MemoryRegionOps {
    /* addr is relative to the region; size is 1, 2, 4 or 8 */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t value, unsigned size);
    /* optional: return MEMTX_ERROR for a bus error instead of a value */
    MemTxResult (*read_tx)(void *opaque, hwaddr addr, uint64_t *value, unsigned size);
    MemTxResult (*write_tx)(void *opaque, hwaddr addr, uint64_t value, unsigned size);
    MemEndian endianness;
    /* What the guest may do: other sizes are logged as guest errors, read as
     * zero and ignore writes. 0 means 1 (min) and 8 (max). */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned; /* accept accesses not aligned to their size */
    } valid;
    /* What the callbacks handle; the core splits or widens the rest.
     * 0 means the valid sizes. */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
    } impl;
} MemoryRegionOps;

typedef enum MemoryRegionType {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,   /* read-only to the guest; loaders write through address_space_write_rom */
    MR_MMIO,
    MR_ALIAS,
} MemoryRegionType;

typedef struct MemoryRegion MemoryRegion;

struct MemoryRegion {
    char *name;
    MemoryRegionType type;
    uint64_t size;
    bool enabled;
    bool readonly;          /* RAM that ignores guest writes (logged) */

    /* RAM and ROM */
    uint8_t *ram;           /* host memory, size bytes, page aligned */
    unsigned long *code_bitmap; /* one bit per 4 KiB page holding translated code */

    /* MMIO */
    const MemoryRegionOps *ops;
    void *opaque;

    /* alias */
    MemoryRegion *alias;
    hwaddr alias_offset;

    /* place in the tree */
    MemoryRegion *container;
    hwaddr addr;            /* offset in the container */
    int priority;
    bool may_overlap;
    GPtrArray *subregions;  /* MemoryRegion *, highest priority first; among
                             * equal priorities the later-added comes first
                             * and wins where they overlap */
};

#define MEMORY_CODE_PAGE_BITS 12

/* Constructors. name is copied; size may be up to 2^64 - 1 for containers. */
void memory_region_init_container(MemoryRegion *mr, const char *name, uint64_t size);
/* RAM comes zeroed. False with *err set when the host cannot provide it. */
bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size, GError **err);
bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size, GError **err);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size);
/* Frees what init allocated (not mr itself); mr must not be mapped. */
void memory_region_finalize(MemoryRegion *mr);

/* Adds sub at offset, priority 0; it must not overlap other subregions
 * unless one of them was added with _overlap. */
void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
static inline void *memory_region_get_ram_ptr(MemoryRegion *mr) { return mr->ram; }

/* The code bit of the 4 KiB page holding offset of a RAM or ROM region. */
void memory_region_set_code_page(MemoryRegion *mr, hwaddr offset, bool has_code);
bool memory_region_is_code_page(MemoryRegion *mr, hwaddr offset);

/*
 * Reads or writes a terminal region (MMIO, RAM or ROM) at a region-relative
 * address. value is the number the access carries in byte order
 * `big_endian`; the core swaps when the region's order differs, splits or
 * combines per ops->impl, and rejects per ops->valid. mr NULL stands for an
 * unassigned address (addr is then the bus address): logged, reads 0,
 * MEMTX_DECODE_ERROR. Topology changes a device callback makes are
 * committed (memory_topology_commit) before dispatch returns.
 */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                                        unsigned size, bool big_endian);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t value,
                                         unsigned size, bool big_endian);

/* One piece of a flat view: [addr, addr + size) maps to mr at offset_in_region. */
typedef struct FlatRange {
    hwaddr addr;
    uint64_t size;          /* 0 means 2^64 */
    MemoryRegion *mr;       /* terminal: RAM, ROM or MMIO */
    hwaddr offset_in_region;
    bool readonly;
} FlatRange;

typedef struct FlatView {
    FlatRange *ranges;      /* sorted by addr, no overlaps, holes are absent */
    unsigned nr;
    unsigned ref;
} FlatView;

typedef struct AddressSpaceListener {
    void (*map_changed)(void *opaque);  /* called after the flat view changed */
    void *opaque;
} AddressSpaceListener;

typedef struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *view;          /* current; rebuilt after a topology change */
    GArray *listeners;       /* AddressSpaceListener */
    uint64_t view_gen;       /* topology generation the view was built from */
} AddressSpace;

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);
void address_space_add_listener(AddressSpace *as, void (*map_changed)(void *), void *opaque);
/* The current flat view (rebuilt first if the tree changed). It stays valid
 * until the next change; hold a reference to keep it longer. */
FlatView *address_space_get_flatview(AddressSpace *as);
FlatView *flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* Rebuilds every address space whose view is stale now, rather than at its
 * next use, so listeners (the soft TLB) hear of the change at once. */
void memory_topology_commit(void);
/* The range holding addr, or NULL for a hole. Binary search. */
const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr);
/*
 * Finds what addr reaches: the terminal region, the offset in it (*xlat) and
 * how many bytes from there stay in that range (*plen, clamped to its input
 * value). NULL for a hole; *plen is then clamped to the hole's length.
 * readonly may be NULL.
 */
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool *readonly);

/*
 * DMA and loader access: byte buffers, any length and alignment, crossing
 * regions. MMIO is reached with the largest accesses the device accepts, in
 * the device's own byte order (bytes in memory order). Writes to RAM that
 * hold translated code call memory_code_write_hook.
 */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf, hwaddr len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len);
/* Like write, but also writes ROM: for firmware and kernel loaders. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len);

/* Fixed-size helpers for devices that walk descriptors in guest memory.
 * res may be NULL; a failed load returns 0. */
uint8_t address_space_ldub(AddressSpace *as, hwaddr addr, MemTxResult *res);
void address_space_stb(AddressSpace *as, hwaddr addr, uint8_t v, MemTxResult *res);
uint16_t address_space_lduw_be(AddressSpace *as, hwaddr addr, MemTxResult *res);
uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
void address_space_stw_be(AddressSpace *as, hwaddr addr, uint16_t v, MemTxResult *res);
void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t v, MemTxResult *res);
uint32_t address_space_ldl_be(AddressSpace *as, hwaddr addr, MemTxResult *res);
uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
void address_space_stl_be(AddressSpace *as, hwaddr addr, uint32_t v, MemTxResult *res);
void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t v, MemTxResult *res);
uint64_t address_space_ldq_be(AddressSpace *as, hwaddr addr, MemTxResult *res);
uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
void address_space_stq_be(AddressSpace *as, hwaddr addr, uint64_t v, MemTxResult *res);
void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t v, MemTxResult *res);

/* Called on every write that reaches a RAM or ROM page whose code bit is
 * set: once per write, with its whole range, after the bytes are stored. */
extern void (*memory_code_write_hook)(MemoryRegion *ram, hwaddr offset, hwaddr len);

/* The system address space every board builds; its root is system_memory. */
extern AddressSpace address_space_memory;
extern MemoryRegion system_memory;
/* Creates system_memory (a 2^64 container) and address_space_memory. */
void memory_system_init(void);

/* Prints the region tree of every address space, as QEMU's `info mtree`. */
void memory_mtree_print(GString *out);
/* Registers an address space so info mtree shows it. */
void memory_register_address_space(AddressSpace *as);

#endif

/*
 * The memory API: region tree, flat views, dispatch and `info mtree`.
 *
 * Boards build a tree of MemoryRegions (softmmu/memory.h). Each AddressSpace
 * renders its root into a FlatView: regions are drawn highest priority
 * first, and a region only fills the addresses nobody above it took, so
 * holes in a high-priority container fall through to what lies beneath.
 * Any change to the tree bumps a generation counter; an address space
 * whose view is older rebuilds it on its next use (or at
 * memory_topology_commit) and tells its listeners if the result differs.
 *
 * Dispatch turns every access into bytes in memory order, then walks the
 * device's implemented access size in aligned windows: that one mechanism
 * converts byte order, splits wide accesses and widens narrow ones (with
 * read-modify-write), for CPU accesses and DMA alike.
 *
 * Callers hold the global lock; nothing here locks or allocates on the
 * access paths.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "softmmu/memory.h"
#include "util/bswap.h"
#include "util/error.h"
#include "util/log.h"

#define CODE_PAGE_SIZE ((hwaddr)1 << MEMORY_CODE_PAGE_BITS)
#define BITS_PER_ULONG (sizeof(unsigned long) * 8)

void (*memory_code_write_hook)(MemoryRegion *ram, hwaddr offset, hwaddr len);

AddressSpace address_space_memory;
MemoryRegion system_memory;

/* Bumped by every change to any region tree; views older than it are stale. */
static uint64_t topology_gen = 1;
/* The generation memory_topology_commit last brought every view up to. */
static uint64_t committed_gen;
static GPtrArray *all_spaces;   /* AddressSpace *, every initialised one */
static GPtrArray *mtree_spaces; /* AddressSpace *, shown by info mtree */

static void memory_topology_changed(void)
{
    topology_gen++;
}

/*
 * The last offset of mr, false when it is empty. A size of UINT64_MAX
 * stands for 2^64, as in QEMU, so its last offset is UINT64_MAX too.
 */
static bool region_last(const MemoryRegion *mr, uint64_t *last)
{
    if (mr->size == 0) {
        return false;
    }
    *last = mr->size == UINT64_MAX ? UINT64_MAX : mr->size - 1;
    return true;
}

/* Whether [addr, addr + len) lies inside mr; len is at least 1. */
static bool region_contains(const MemoryRegion *mr, hwaddr addr, hwaddr len)
{
    uint64_t last;

    return region_last(mr, &last) && addr <= last && len - 1 <= last - addr;
}

/* ---- construction ---- */

static void region_init(MemoryRegion *mr, const char *name, uint64_t size,
                        MemoryRegionType type)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name);
    mr->type = type;
    mr->size = size;
    mr->enabled = true;
}

void memory_region_init_container(MemoryRegion *mr, const char *name, uint64_t size)
{
    region_init(mr, name, size, MR_CONTAINER);
}

/* RAM and ROM: anonymous mappings come zeroed, page aligned and are only
 * backed by host memory once touched, so large guest RAM costs nothing. */
static bool region_init_host_memory(MemoryRegion *mr, const char *name, uint64_t size,
                                    MemoryRegionType type, GError **err)
{
    uint64_t pages = (size >> MEMORY_CODE_PAGE_BITS) + 1;
    void *host = MAP_FAILED;

    region_init(mr, name, size, type);
    if (size < SIZE_MAX) {
        host = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (host == MAP_FAILED) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot allocate %" PRIu64 " bytes for '%s': %s",
                    size, name, g_strerror(size < SIZE_MAX ? errno : ENOMEM));
        g_free(mr->name);
        mr->name = NULL;
        return false;
    }
    mr->ram = host;
    mr->code_bitmap = g_new0(unsigned long, (pages + BITS_PER_ULONG - 1) / BITS_PER_ULONG);
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size, GError **err)
{
    return region_init_host_memory(mr, name, size, MR_RAM, err);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size, GError **err)
{
    return region_init_host_memory(mr, name, size, MR_ROM, err);
}

/* Stands in for a NULL ops table: every access is logged as unimplemented. */
static const MemoryRegionOps no_ops;

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    region_init(mr, name, size, MR_MMIO);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size)
{
    region_init(mr, name, size, MR_ALIAS);
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_finalize(MemoryRegion *mr)
{
    g_return_if_fail(mr->container == NULL);
    if (mr->ram) {
        munmap(mr->ram, mr->size ? mr->size : 1);
        mr->ram = NULL;
    }
    g_clear_pointer(&mr->code_bitmap, g_free);
    /* Children outlive their container: leave them free to map elsewhere. */
    for (guint i = 0; mr->subregions && i < mr->subregions->len; i++) {
        ((MemoryRegion *)g_ptr_array_index(mr->subregions, i))->container = NULL;
    }
    g_clear_pointer(&mr->subregions, g_ptr_array_unref);
    g_clear_pointer(&mr->name, g_free);
}

/* ---- the tree ---- */

/* A board bug rather than a guest one: two plain subregions that overlap
 * render as if the later one had been added with _overlap. */
static void subregion_check_overlap(MemoryRegion *parent, MemoryRegion *sub)
{
    uint64_t sub_last, other_last;

    if (sub->may_overlap || !region_last(sub, &sub_last)) {
        return;
    }
    for (guint i = 0; i < parent->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(parent->subregions, i);

        if (other == sub || other->may_overlap || !region_last(other, &other_last)) {
            continue;
        }
        if (sub->addr <= other->addr + other_last && other->addr <= sub->addr + sub_last) {
            warn_report("memory: '%s' overlaps '%s' in '%s'", sub->name, other->name,
                        parent->name);
        }
    }
}

static void subregion_add(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub,
                          int priority, bool may_overlap)
{
    guint i;

    g_return_if_fail(sub->container == NULL);
    if (!parent->subregions) {
        parent->subregions = g_ptr_array_new();
    }
    sub->container = parent;
    sub->addr = offset;
    sub->priority = priority;
    sub->may_overlap = may_overlap;
    /* Before the first of lower or equal priority: the later-added wins a tie. */
    for (i = 0; i < parent->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(parent->subregions, i);
        if (priority >= other->priority) {
            break;
        }
    }
    g_ptr_array_insert(parent->subregions, i, sub);
    subregion_check_overlap(parent, sub);
    memory_topology_changed();
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub)
{
    subregion_add(parent, offset, sub, 0, false);
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    subregion_add(parent, offset, sub, priority, true);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    g_return_if_fail(sub->container == parent);
    g_ptr_array_remove(parent->subregions, sub);
    sub->container = NULL;
    memory_topology_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_topology_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        memory_topology_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_topology_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_topology_changed();
    }
}

/* ---- translated-code pages ---- */

void memory_region_set_code_page(MemoryRegion *mr, hwaddr offset, bool has_code)
{
    hwaddr page = offset >> MEMORY_CODE_PAGE_BITS;
    unsigned long bit = 1ul << (page % BITS_PER_ULONG);

    g_return_if_fail(mr->code_bitmap && offset < mr->size);
    if (has_code) {
        mr->code_bitmap[page / BITS_PER_ULONG] |= bit;
    } else {
        mr->code_bitmap[page / BITS_PER_ULONG] &= ~bit;
    }
}

bool memory_region_is_code_page(MemoryRegion *mr, hwaddr offset)
{
    hwaddr page = offset >> MEMORY_CODE_PAGE_BITS;

    return mr->code_bitmap && offset < mr->size &&
           (mr->code_bitmap[page / BITS_PER_ULONG] >> (page % BITS_PER_ULONG)) & 1;
}

/* Tells the translator about a write to [offset, offset + len) of mr. */
static void ram_note_write(MemoryRegion *mr, hwaddr offset, hwaddr len)
{
    if (!memory_code_write_hook) {
        return;
    }
    for (hwaddr page = offset & ~(CODE_PAGE_SIZE - 1); page <= offset + len - 1;
         page += CODE_PAGE_SIZE) {
        if (memory_region_is_code_page(mr, page)) {
            memory_code_write_hook(mr, offset, len);
            return;
        }
    }
}

/* ---- access to terminal regions ---- */

static const char *access_kind(bool is_write)
{
    return is_write ? "write" : "read";
}

static MemTxResult ram_access(MemoryRegion *mr, hwaddr offset, uint8_t *buf, hwaddr len,
                              bool is_write, bool readonly)
{
    if (!is_write) {
        memcpy(buf, mr->ram + offset, len);
    } else if (readonly) {
        log_guest_error("memory: write of %" PRIu64 " bytes to read-only '%s' at offset "
                        HWADDR_FMT " ignored\n", len, mr->name, offset);
    } else {
        memcpy(mr->ram + offset, buf, len);
        ram_note_write(mr, offset, len);
    }
    return MEMTX_OK;
}

static unsigned ops_valid_min(const MemoryRegionOps *ops)
{
    return ops->valid.min_access_size ? ops->valid.min_access_size : 1;
}

static unsigned ops_valid_max(const MemoryRegionOps *ops)
{
    return ops->valid.max_access_size ? ops->valid.max_access_size : 8;
}

static bool mmio_access_valid(const MemoryRegion *mr, hwaddr addr, unsigned size, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;

    if (size >= ops_valid_min(ops) && size <= ops_valid_max(ops) &&
        (ops->valid.unaligned || (addr & (size - 1)) == 0)) {
        return true;
    }
    log_guest_error("memory: invalid %u-byte %s of '%s' at offset " HWADDR_FMT "\n",
                    size, access_kind(is_write), mr->name, addr);
    return false;
}

/* One call of the device's callbacks, with a size it implements. */
static MemTxResult mmio_call_read(MemoryRegion *mr, hwaddr addr, uint64_t *value, unsigned size)
{
    const MemoryRegionOps *ops = mr->ops;

    *value = 0;
    if (ops->read_tx) {
        return ops->read_tx(mr->opaque, addr, value, size);
    }
    if (ops->read) {
        *value = ops->read(mr->opaque, addr, size);
    } else {
        log_unimp("memory: '%s' has no read callback: %u-byte read at offset " HWADDR_FMT
                  " reads 0\n", mr->name, size, addr);
    }
    return MEMTX_OK;
}

static MemTxResult mmio_call_write(MemoryRegion *mr, hwaddr addr, uint64_t value, unsigned size)
{
    const MemoryRegionOps *ops = mr->ops;

    if (ops->write_tx) {
        return ops->write_tx(mr->opaque, addr, value, size);
    }
    if (ops->write) {
        ops->write(mr->opaque, addr, value, size);
    } else {
        log_unimp("memory: '%s' has no write callback: %u-byte write at offset " HWADDR_FMT
                  " ignored\n", mr->name, size, addr);
    }
    return MEMTX_OK;
}

/*
 * A valid access of size bytes at addr, bytes in memory order. The device
 * sees aligned windows of the size it implements nearest to size: several
 * for a wide access, one wider for a narrow access (read-modify-write when
 * writing part of it). Within a window, bytes and the callback's number
 * relate by the device's byte order.
 */
static MemTxResult mmio_access(MemoryRegion *mr, hwaddr addr, uint8_t *bytes, unsigned size,
                               bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    bool device_be = ops->endianness == MEM_BIG_ENDIAN;
    unsigned impl_min = ops->impl.min_access_size ? ops->impl.min_access_size
                                                  : ops_valid_min(ops);
    unsigned impl_max = ops->impl.max_access_size ? ops->impl.max_access_size
                                                  : ops_valid_max(ops);
    unsigned step = MIN(MAX(size, impl_min), impl_max);
    hwaddr last = addr + size - 1;
    MemTxResult res = MEMTX_OK;

    for (hwaddr win = addr & ~(hwaddr)(step - 1); win <= last; win += step) {
        hwaddr lo = MAX(win, addr);
        hwaddr n = MIN(win + step - 1, last) - lo + 1;
        uint8_t word[8];
        uint64_t value = 0;
        MemTxResult r = MEMTX_OK;

        if (!is_write || n < step) {
            r = mmio_call_read(mr, win, &value, step);
            stn_p(word, step, device_be, value);
        }
        if (is_write) {
            memcpy(word + (lo - win), bytes + (lo - addr), n);
            r = mmio_call_write(mr, win, ldn_p(word, step, device_be), step);
        } else {
            memcpy(bytes + (lo - addr), word + (lo - win), n);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        if (win + step < win) {
            break;
        }
    }
    /* A device write that remapped memory takes effect before the CPU's next access. */
    memory_topology_commit();
    return res;
}

static void log_unassigned(hwaddr addr, hwaddr len, bool is_write)
{
    log_guest_error("memory: unassigned %s of %" PRIu64 " bytes at " HWADDR_FMT "\n",
                    access_kind(is_write), len, addr);
}

/* One CPU-sized access (1, 2, 4 or 8 bytes in memory order) to mr. */
static MemTxResult region_dispatch(MemoryRegion *mr, hwaddr addr, uint8_t *bytes,
                                   unsigned size, bool is_write)
{
    if (!mr) {
        log_unassigned(addr, size, is_write);
        return MEMTX_DECODE_ERROR;
    }
    if (size == 0 || size > 8 || (size & (size - 1))) {
        log_guest_error("memory: %u-byte %s of '%s' at offset " HWADDR_FMT " has no size\n",
                        size, access_kind(is_write), mr->name, addr);
        return MEMTX_ERROR;
    }
    if (!region_contains(mr, addr, size)) {
        log_guest_error("memory: %u-byte %s of '%s' at offset " HWADDR_FMT " is out of range\n",
                        size, access_kind(is_write), mr->name, addr);
        return MEMTX_DECODE_ERROR;
    }
    switch (mr->type) {
    case MR_RAM:
    case MR_ROM:
        return ram_access(mr, addr, bytes, size, is_write, mr->readonly || mr->type == MR_ROM);
    case MR_MMIO:
        if (!mmio_access_valid(mr, addr, size, is_write)) {
            return MEMTX_ERROR;
        }
        return mmio_access(mr, addr, bytes, size, is_write);
    default:
        log_guest_error("memory: %s of '%s' at offset " HWADDR_FMT
                        ": not a RAM, ROM or MMIO region\n", access_kind(is_write), mr->name,
                        addr);
        return MEMTX_DECODE_ERROR;
    }
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                                        unsigned size, bool big_endian)
{
    uint8_t bytes[8] = { 0 };
    MemTxResult res = region_dispatch(mr, addr, bytes, size, false);

    *value = res == MEMTX_OK ? ldn_p(bytes, size, big_endian) : 0;
    return res;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr, uint64_t value,
                                         unsigned size, bool big_endian)
{
    uint8_t bytes[8];

    if (size - 1 < 8) {
        stn_p(bytes, size, big_endian, value);
    }
    return region_dispatch(mr, addr, bytes, size, true);
}

/* ---- flat views ---- */

static uint64_t range_last(const FlatRange *r)
{
    return r->addr + r->size - 1;   /* size 0 (2^64) only occurs with addr 0 */
}

/*
 * Maps the bus addresses [first, last] to mr from offset on, except where
 * ranges (sorted) already hold something: what was drawn first wins.
 */
static void flat_fill(GArray *ranges, hwaddr first, hwaddr last, MemoryRegion *mr,
                      hwaddr offset, bool readonly)
{
    hwaddr cur = first;
    guint i = 0;

    for (;;) {
        FlatRange gap = { .addr = cur, .mr = mr, .offset_in_region = offset + (cur - first),
                          .readonly = readonly };
        const FlatRange *r;

        while (i < ranges->len && range_last(&g_array_index(ranges, FlatRange, i)) < cur) {
            i++;
        }
        r = i < ranges->len ? &g_array_index(ranges, FlatRange, i) : NULL;
        if (!r || r->addr > last) {
            gap.size = last - cur + 1;
            g_array_insert_val(ranges, i, gap);
            return;
        }
        if (r->addr > cur) {
            gap.size = r->addr - cur;
            g_array_insert_val(ranges, i, gap);
            i++;
            r = &g_array_index(ranges, FlatRange, i);
        }
        if (range_last(r) >= last) {
            return;
        }
        cur = range_last(r) + 1;
        i++;
    }
}

/*
 * Draws the part of mr between its offsets lo and hi into ranges; offset x
 * of mr is bus address x + delta. Subregions come first, in priority order,
 * so they cover the region's own contents and each other.
 */
static void flat_render(GArray *ranges, MemoryRegion *mr, uint64_t lo, uint64_t hi,
                        uint64_t delta, bool readonly)
{
    uint64_t last;

    if (!mr->enabled || !region_last(mr, &last)) {
        return;
    }
    hi = MIN(hi, last);
    if (lo > hi) {
        return;
    }
    readonly |= mr->readonly || mr->type == MR_ROM;

    if (mr->type == MR_ALIAS) {
        uint64_t off = mr->alias_offset;

        if (mr->alias && lo + off >= lo) {   /* else the window starts past the target */
            flat_render(ranges, mr->alias, lo + off, hi + off < hi ? UINT64_MAX : hi + off,
                        delta - off, readonly);
        }
        return;
    }
    for (guint i = 0; mr->subregions && i < mr->subregions->len; i++) {
        MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
        uint64_t sub_last, sub_end;

        if (!region_last(sub, &sub_last)) {
            continue;
        }
        sub_end = sub->addr + sub_last < sub->addr ? UINT64_MAX : sub->addr + sub_last;
        if (MAX(lo, sub->addr) <= MIN(hi, sub_end)) {
            flat_render(ranges, sub, MAX(lo, sub->addr) - sub->addr,
                        MIN(hi, sub_end) - sub->addr, delta + sub->addr, readonly);
        }
    }
    if (mr->type != MR_CONTAINER) {
        flat_fill(ranges, lo + delta, hi + delta, mr, lo, readonly);
    }
}

/* Joins neighbours that continue each other in the same region. */
static void flat_merge(GArray *ranges)
{
    guint out = 0;

    for (guint i = 1; i < ranges->len; i++) {
        FlatRange *prev = &g_array_index(ranges, FlatRange, out);
        const FlatRange *r = &g_array_index(ranges, FlatRange, i);

        if (r->mr == prev->mr && r->readonly == prev->readonly &&
            r->addr == prev->addr + prev->size &&
            r->offset_in_region == prev->offset_in_region + prev->size) {
            prev->size += r->size;
        } else {
            g_array_index(ranges, FlatRange, ++out) = *r;
        }
    }
    if (ranges->len) {
        g_array_set_size(ranges, out + 1);
    }
}

static FlatView *flatview_build(MemoryRegion *root)
{
    GArray *ranges = g_array_new(FALSE, TRUE, sizeof(FlatRange));
    FlatView *fv = g_new0(FlatView, 1);

    flat_render(ranges, root, 0, UINT64_MAX, 0, false);
    flat_merge(ranges);
    fv->nr = ranges->len;
    fv->ranges = (FlatRange *)g_array_free(ranges, FALSE);
    fv->ref = 1;
    return fv;
}

static bool flatview_equal(const FlatView *a, const FlatView *b)
{
    if (a->nr != b->nr) {
        return false;
    }
    for (unsigned i = 0; i < a->nr; i++) {
        const FlatRange *x = &a->ranges[i], *y = &b->ranges[i];

        if (x->addr != y->addr || x->size != y->size || x->mr != y->mr ||
            x->offset_in_region != y->offset_in_region || x->readonly != y->readonly) {
            return false;
        }
    }
    return true;
}

FlatView *flatview_ref(FlatView *fv)
{
    fv->ref++;
    return fv;
}

void flatview_unref(FlatView *fv)
{
    if (fv && --fv->ref == 0) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

/* The index of the first range starting above addr (fv->nr if none). */
static unsigned flatview_upper_bound(const FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;

        if (fv->ranges[mid].addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr)
{
    /* The last range starting at or below addr is the only candidate. */
    unsigned i = flatview_upper_bound(fv, addr);

    if (i == 0 || addr > range_last(&fv->ranges[i - 1])) {
        return NULL;
    }
    return &fv->ranges[i - 1];
}

/* ---- address spaces ---- */

static void address_space_lists_init(void)
{
    if (!all_spaces) {
        all_spaces = g_ptr_array_new();
        mtree_spaces = g_ptr_array_new();
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    as->name = g_strdup(name);
    as->root = root;
    as->view = NULL;
    as->view_gen = 0;
    as->listeners = g_array_new(FALSE, TRUE, sizeof(AddressSpaceListener));
    address_space_lists_init();
    g_ptr_array_add(all_spaces, as);
}

void address_space_destroy(AddressSpace *as)
{
    g_ptr_array_remove(all_spaces, as);
    g_ptr_array_remove(mtree_spaces, as);
    g_clear_pointer(&as->view, flatview_unref);
    g_clear_pointer(&as->listeners, g_array_unref);
    g_clear_pointer(&as->name, g_free);
}

void address_space_add_listener(AddressSpace *as, void (*map_changed)(void *), void *opaque)
{
    AddressSpaceListener l = { .map_changed = map_changed, .opaque = opaque };

    g_array_append_val(as->listeners, l);
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *fv;

    if (as->view && as->view_gen == topology_gen) {
        return as->view;
    }
    fv = flatview_build(as->root);
    as->view_gen = topology_gen;
    if (as->view && flatview_equal(as->view, fv)) {
        flatview_unref(fv);
        return as->view;
    }
    flatview_unref(as->view);
    as->view = fv;
    for (guint i = 0; i < as->listeners->len; i++) {
        AddressSpaceListener *l = &g_array_index(as->listeners, AddressSpaceListener, i);
        l->map_changed(l->opaque);
    }
    return as->view;
}

void memory_topology_commit(void)
{
    uint64_t gen = topology_gen;

    if (committed_gen == gen || !all_spaces) {
        return;
    }
    for (guint i = 0; i < all_spaces->len; i++) {
        address_space_get_flatview(g_ptr_array_index(all_spaces, i));
    }
    committed_gen = gen;
}

/* Clamps *len so that [addr, addr + *len) ends by last (inclusive). */
static void clamp_len_to(hwaddr addr, uint64_t last, hwaddr *len)
{
    hwaddr avail = last - addr + 1;   /* 0 means 2^64: no clamp */

    if (avail && avail < *len) {
        *len = avail;
    }
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr, hwaddr *xlat,
                                      hwaddr *plen, bool *readonly)
{
    FlatView *fv = address_space_get_flatview(as);
    const FlatRange *r = flatview_lookup(fv, addr);

    if (!r) {
        /* The hole runs up to the next range, if there is one. */
        unsigned next = flatview_upper_bound(fv, addr);

        if (next < fv->nr) {
            clamp_len_to(addr, fv->ranges[next].addr - 1, plen);
        }
        return NULL;
    }
    *xlat = r->offset_in_region + (addr - r->addr);
    clamp_len_to(addr, range_last(r), plen);
    if (readonly) {
        *readonly = r->readonly;
    }
    return r->mr;
}

/* The largest naturally aligned access at addr, at most len bytes, that mr takes. */
static unsigned mmio_rw_size(const MemoryRegion *mr, hwaddr addr, hwaddr len)
{
    const MemoryRegionOps *ops = mr->ops;

    for (unsigned size = 8; size > 1; size >>= 1) {
        if (size <= len && size >= ops_valid_min(ops) && size <= ops_valid_max(ops) &&
            (addr & (size - 1)) == 0) {
            return size;
        }
    }
    return 1;   /* when nothing fits, the 1-byte access is refused and logged */
}

static MemTxResult mmio_rw(MemoryRegion *mr, hwaddr addr, uint8_t *buf, hwaddr len,
                           bool is_write)
{
    MemTxResult res = MEMTX_OK;

    while (len > 0) {
        unsigned size = mmio_rw_size(mr, addr, len);
        uint8_t bytes[8] = { 0 };
        MemTxResult r;

        if (is_write) {
            memcpy(bytes, buf, size);
        }
        r = region_dispatch(mr, addr, bytes, size, is_write);
        if (!is_write) {
            memcpy(buf, bytes, size);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        addr += size;
        buf += size;
        len -= size;
    }
    return res;
}

/* write_rom: writes also land in ROM and read-only RAM (loaders). */
static MemTxResult address_space_access(AddressSpace *as, hwaddr addr, uint8_t *buf,
                                        hwaddr len, bool is_write, bool write_rom)
{
    MemTxResult res = MEMTX_OK;

    while (len > 0) {
        hwaddr xlat = 0, n = len;
        bool readonly = false;
        MemoryRegion *mr = address_space_translate(as, addr, &xlat, &n, &readonly);
        MemTxResult r;

        if (!mr) {
            log_unassigned(addr, n, is_write);
            if (!is_write) {
                memset(buf, 0, n);
            }
            r = MEMTX_DECODE_ERROR;
        } else if (mr->type == MR_MMIO) {
            r = mmio_rw(mr, xlat, buf, n, is_write);
        } else {
            r = ram_access(mr, xlat, buf, n, is_write, readonly && !write_rom);
        }
        if (res == MEMTX_OK) {
            res = r;
        }
        addr += n;
        buf += n;
        len -= n;
    }
    return res;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf, hwaddr len, bool is_write)
{
    return address_space_access(as, addr, buf, len, is_write, false);
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len)
{
    return address_space_access(as, addr, buf, len, false, false);
}

/* The writers never store into buf: dropping const is safe. */
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len, true, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len, true, true);
}

static uint64_t address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                                   bool big_endian, MemTxResult *res)
{
    uint8_t bytes[8];
    MemTxResult r = address_space_read(as, addr, bytes, size);

    if (res) {
        *res = r;
    }
    return r == MEMTX_OK ? ldn_p(bytes, size, big_endian) : 0;
}

static void address_space_store(AddressSpace *as, hwaddr addr, unsigned size, bool big_endian,
                                uint64_t v, MemTxResult *res)
{
    uint8_t bytes[8];
    MemTxResult r;

    stn_p(bytes, size, big_endian, v);
    r = address_space_write(as, addr, bytes, size);
    if (res) {
        *res = r;
    }
}

#define DEFINE_AS_LDST(ldname, stname, type, size, big_endian)                          \
    type address_space_##ldname(AddressSpace *as, hwaddr addr, MemTxResult *res)        \
    {                                                                                    \
        return address_space_load(as, addr, size, big_endian, res);                     \
    }                                                                                    \
    void address_space_##stname(AddressSpace *as, hwaddr addr, type v, MemTxResult *res) \
    {                                                                                    \
        address_space_store(as, addr, size, big_endian, v, res);                        \
    }

DEFINE_AS_LDST(ldub, stb, uint8_t, 1, false)
DEFINE_AS_LDST(lduw_be, stw_be, uint16_t, 2, true)
DEFINE_AS_LDST(lduw_le, stw_le, uint16_t, 2, false)
DEFINE_AS_LDST(ldl_be, stl_be, uint32_t, 4, true)
DEFINE_AS_LDST(ldl_le, stl_le, uint32_t, 4, false)
DEFINE_AS_LDST(ldq_be, stq_be, uint64_t, 8, true)
DEFINE_AS_LDST(ldq_le, stq_le, uint64_t, 8, false)
#undef DEFINE_AS_LDST

void memory_system_init(void)
{
    if (system_memory.name) {
        return;
    }
    memory_region_init_container(&system_memory, "system", UINT64_MAX);
    address_space_init(&address_space_memory, &system_memory, "memory");
    memory_register_address_space(&address_space_memory);
}

/* ---- info mtree ---- */

void memory_register_address_space(AddressSpace *as)
{
    address_space_lists_init();
    if (!g_ptr_array_find(mtree_spaces, as, NULL)) {
        g_ptr_array_add(mtree_spaces, as);
    }
}

/* The kind QEMU shows: an alias shows its target's. */
static const char *mtree_kind(const MemoryRegion *mr)
{
    while (mr->type == MR_ALIAS && mr->alias) {
        mr = mr->alias;
    }
    switch (mr->type) {
    case MR_RAM:
        return mr->readonly ? "rom" : "ram";
    case MR_ROM:
        return "rom";
    default:
        return "i/o";
    }
}

/* Print order: by address, then higher priority first; stable otherwise. */
static gint mtree_compare(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a, *y = *(MemoryRegion *const *)b;

    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    return (y->priority > x->priority) - (y->priority < x->priority);
}

/* Prints mr and its subregions; collects alias targets for their own section. */
static void mtree_print_region(GString *out, const MemoryRegion *mr, unsigned level,
                               hwaddr base, GPtrArray *alias_targets)
{
    hwaddr start = base + mr->addr;
    uint64_t last = 0;

    region_last(mr, &last);
    for (unsigned i = 0; i < level; i++) {
        g_string_append(out, "  ");
    }
    g_string_append_printf(out, "%016" PRIx64 "-%016" PRIx64 " (prio %d, %s): ",
                           start, start + last, mr->priority, mtree_kind(mr));
    if (mr->type == MR_ALIAS && mr->alias) {
        g_string_append_printf(out, "alias %s @%s %016" PRIx64 "-%016" PRIx64, mr->name,
                               mr->alias->name, mr->alias_offset, mr->alias_offset + last);
        if (!g_ptr_array_find(alias_targets, mr->alias, NULL)) {
            g_ptr_array_add(alias_targets, mr->alias);
        }
    } else {
        g_string_append(out, mr->name);
    }
    g_string_append(out, mr->enabled ? "\n" : " [disabled]\n");

    if (mr->subregions && mr->subregions->len) {
        g_autoptr(GPtrArray) subs = g_ptr_array_copy(mr->subregions, NULL, NULL);

        g_ptr_array_sort(subs, mtree_compare);
        for (guint i = 0; i < subs->len; i++) {
            mtree_print_region(out, g_ptr_array_index(subs, i), level + 1, start, alias_targets);
        }
    }
}

void memory_mtree_print(GString *out)
{
    g_autoptr(GPtrArray) alias_targets = g_ptr_array_new();

    for (guint i = 0; mtree_spaces && i < mtree_spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(mtree_spaces, i);
        bool shown = false;

        /* Address spaces over one root share one tree, as in QEMU. */
        for (guint j = 0; j < i; j++) {
            shown |= ((AddressSpace *)g_ptr_array_index(mtree_spaces, j))->root == as->root;
        }
        if (shown) {
            continue;
        }
        for (guint j = i; j < mtree_spaces->len; j++) {
            AddressSpace *other = g_ptr_array_index(mtree_spaces, j);
            if (other->root == as->root) {
                g_string_append_printf(out, "address-space: %s\n", other->name);
            }
        }
        mtree_print_region(out, as->root, 1, 0, alias_targets);
        g_string_append_c(out, '\n');
    }
    /* The array grows while printing when targets hold aliases themselves. */
    for (guint i = 0; i < alias_targets->len; i++) {
        const MemoryRegion *mr = g_ptr_array_index(alias_targets, i);

        g_string_append_printf(out, "memory-region: %s\n", mr->name);
        mtree_print_region(out, mr, 1, 0, alias_targets);
        g_string_append_c(out, '\n');
    }
}

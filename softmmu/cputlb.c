/*
 * The soft TLB: per CPU and MMU index, a direct-mapped table of guest
 * virtual pages that generated code probes inline (softmmu/cpu.h
 * CPUTLBEntry), and the slow paths behind it: a victim TLB, the target's
 * MMU walk (tlb_fill), device access, unaligned and page-crossing accesses,
 * and the self-modifying-code check on writes to pages that hold code.
 *
 * Each table is sized dynamically as in QEMU's cputlb.c: it starts at 256
 * entries, doubles at a flush when more than 70% of it was in use since the
 * last window began, and halves towards the use when less than 30% was used
 * over a 100 ms window. Beside the table generated code reads, a parallel
 * "full" array keeps what the slow path needs (region, offset, physical page).
 */
#include <inttypes.h>
#include <string.h>

#include "softmmu/cputlb.h"
#include "tcg/exec-internal.h"
#include "tcg/tcg.h"
#include "util/bswap.h"
#include "util/log.h"

#define CPU_TLB_ENTRY_BITS 5
#define CPU_TLB_DYN_MIN_BITS 8
#define CPU_TLB_DYN_MAX_BITS 14
#define CPU_VTLB_SIZE 8
#define TLB_WINDOW_NS (100 * 1000 * 1000)

G_STATIC_ASSERT(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS);

/* What the slow path knows about an entry. */
typedef struct CPUTLBEntryFull {
    MemoryRegion *mr;       /* terminal region; NULL for a hole */
    hwaddr xlat;            /* the page's offset in mr */
    hwaddr phys;            /* guest-physical page */
    bool readonly;          /* RAM or ROM the guest may not write */
    bool subpage;           /* several regions share the page: translate per access */
} CPUTLBEntryFull;

typedef struct CPUTLBDesc {
    CPUTLBEntryFull *full;          /* parallel to the fast table */
    uint64_t large_page_addr;       /* -1: no large page entered */
    uint64_t large_page_mask;
    int64_t window_begin_ns;        /* resizing window */
    size_t window_max_entries;
    size_t n_used_entries;
    CPUTLBEntry vtable[CPU_VTLB_SIZE];
    CPUTLBEntryFull vfull[CPU_VTLB_SIZE];
    unsigned vindex;                /* next victim slot to replace */
} CPUTLBDesc;

typedef struct CPUTLB {
    CPUTLBDesc d[NB_MMU_MODES];
    TLBStats stats;
} CPUTLB;

static inline CPUTLB *cpu_tlb(CPUState *cpu)
{
    return cpu->tlb_state;
}

static inline size_t tlb_n_entries(const CPUTLBDescFast *f)
{
    return (f->mask >> CPU_TLB_ENTRY_BITS) + 1;
}

static inline size_t tlb_index(const CPUTLBDescFast *f, uint64_t addr)
{
    return (addr >> TARGET_PAGE_BITS) & (tlb_n_entries(f) - 1);
}

static inline uint64_t tlb_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    return type == MMU_DATA_LOAD ? e->addr_read
         : type == MMU_DATA_STORE ? e->addr_write : e->addr_code;
}

/* A comparator matches addr's page (flag bits other than INVALID ignored). */
static inline bool tlb_hit(uint64_t cmp, uint64_t addr)
{
    return (cmp & (TARGET_PAGE_MASK | TLB_INVALID_MASK)) == (addr & TARGET_PAGE_MASK);
}

static inline bool tlb_hit_page_anyprot(const CPUTLBEntry *e, uint64_t page)
{
    return tlb_hit(e->addr_read, page) || tlb_hit(e->addr_write, page) ||
           tlb_hit(e->addr_code, page);
}

static inline bool tlb_entry_is_empty(const CPUTLBEntry *e)
{
    return e->addr_read == (uint64_t)-1 && e->addr_write == (uint64_t)-1 &&
           e->addr_code == (uint64_t)-1;
}

static int64_t tlb_now_ns(void)
{
    return g_get_monotonic_time() * 1000;
}

/* ---- Tables and sizing ----------------------------------------------------- */

static void tlb_table_alloc(CPUTLBDesc *d, CPUTLBDescFast *f, size_t n)
{
    f->mask = (n - 1) << CPU_TLB_ENTRY_BITS;
    f->table = g_new(CPUTLBEntry, n);
    d->full = g_new0(CPUTLBEntryFull, n);
}

static size_t pow2ceil(size_t v)
{
    size_t p = 1;
    while (p < v) {
        p <<= 1;
    }
    return p;
}

/* QEMU's policy (cputlb.c tlb_mmu_resize_locked), applied at each flush. */
static void tlb_mmu_resize(CPUTLB *tlb, CPUTLBDesc *d, CPUTLBDescFast *f, int64_t now)
{
    size_t old = tlb_n_entries(f), size = old;
    bool expired = now > d->window_begin_ns + TLB_WINDOW_NS;

    if (d->n_used_entries > d->window_max_entries) {
        d->window_max_entries = d->n_used_entries;
    }
    size_t rate = d->window_max_entries * 100 / old;
    if (rate > 70) {
        size = MIN(old << 1, (size_t)1 << CPU_TLB_DYN_MAX_BITS);
    } else if (rate < 30 && expired) {
        size_t ceil = pow2ceil(d->window_max_entries);
        size_t expected = d->window_max_entries * 100 / MAX(ceil, (size_t)1);
        /* Do not shrink to a size that would immediately grow again. */
        size = expected > 70 ? ceil << 1 : ceil;
        size = MAX(size, (size_t)1 << CPU_TLB_DYN_MIN_BITS);
    }
    if (size == old) {
        if (expired) {
            d->window_begin_ns = now;
            d->window_max_entries = d->n_used_entries;
        }
        return;
    }
    g_free(f->table);
    g_free(d->full);
    tlb_table_alloc(d, f, size);
    d->window_begin_ns = now;
    d->window_max_entries = 0;
    tlb->stats.resizes++;
}

static void tlb_flush_one_mmuidx(CPUState *cpu, int idx, int64_t now)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    CPUTLBDesc *d = &tlb->d[idx];
    CPUTLBDescFast *f = &cpu->neg.tlb_fast[idx];

    tlb_mmu_resize(tlb, d, f, now);
    memset(f->table, -1, tlb_n_entries(f) * sizeof(CPUTLBEntry));
    memset(d->full, 0, tlb_n_entries(f) * sizeof(CPUTLBEntryFull));
    memset(d->vtable, -1, sizeof(d->vtable));
    d->n_used_entries = 0;
    d->large_page_addr = -1;
    d->large_page_mask = -1;
    tlb->stats.flushes++;
}

/* The AddressSpaceListener: the flat view changed, so every host pointer
 * and region the TLB holds may be stale. */
static void tlb_map_changed(void *opaque)
{
    tlb_flush(opaque);
}

void tlb_init(CPUState *cpu)
{
    CPUTLB *tlb = g_new0(CPUTLB, 1);
    int64_t now = tlb_now_ns();

    cpu->tlb_state = tlb;
    for (int i = 0; i < NB_MMU_MODES; i++) {
        tlb_table_alloc(&tlb->d[i], &cpu->neg.tlb_fast[i], 1u << CPU_TLB_DYN_MIN_BITS);
        tlb->d[i].window_begin_ns = now;
        tlb_flush_one_mmuidx(cpu, i, now);
    }
    tlb->stats.flushes = 0;
    address_space_add_listener(cpu->as ? cpu->as : &address_space_memory, tlb_map_changed,
                               cpu);
}

unsigned tlb_table_size(CPUState *cpu, int mmu_idx)
{
    return tlb_n_entries(&cpu->neg.tlb_fast[mmu_idx]);
}

void tlb_stats_add(CPUState *cpu, TLBStats *sum)
{
    const TLBStats *s = &cpu_tlb(cpu)->stats;
    sum->misses += s->misses;
    sum->victim_hits += s->victim_hits;
    sum->fills += s->fills;
    sum->flushes += s->flushes;
    sum->page_flushes += s->page_flushes;
    sum->resizes += s->resizes;
}

/* The MMU index instruction fetches use. */
static int cpu_mmu_index_code(CPUState *cpu)
{
    const TCGCPUOps *ops = cpu->tcg_ops;
    return ops && ops->mmu_index ? ops->mmu_index(cpu, true) : 0;
}

/* ---- Flushes ------------------------------------------------------------------ */

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    int64_t now = tlb_now_ns();
    for (int i = 0; i < NB_MMU_MODES; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one_mmuidx(cpu, i, now);
        }
    }
    /* The jump cache trusts the TLB's code translation: drop it too. */
    tb_jmp_cache_clear(cpu);
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, (1u << NB_MMU_MODES) - 1);
}

static void tlb_entry_clear(CPUTLBEntry *e)
{
    memset(e, -1, sizeof(*e));
}

void tlb_flush_page_by_mmuidx(CPUState *cpu, uint64_t vaddr, uint16_t idxmap)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    int64_t now = tlb_now_ns();

    for (int i = 0; i < NB_MMU_MODES; i++) {
        if (!(idxmap & (1u << i))) {
            continue;
        }
        CPUTLBDesc *d = &tlb->d[i];
        CPUTLBDescFast *f = &cpu->neg.tlb_fast[i];
        /* Inside a large page: its 4 KiB pieces are spread over the table. */
        if ((page & d->large_page_mask) == d->large_page_addr) {
            tlb_flush_one_mmuidx(cpu, i, now);
            continue;
        }
        CPUTLBEntry *e = &f->table[tlb_index(f, page)];
        if (tlb_hit_page_anyprot(e, page)) {
            tlb_entry_clear(e);
            d->n_used_entries -= d->n_used_entries > 0;
        }
        for (int v = 0; v < CPU_VTLB_SIZE; v++) {
            if (tlb_hit_page_anyprot(&d->vtable[v], page)) {
                tlb_entry_clear(&d->vtable[v]);
            }
        }
    }
    tlb->stats.page_flushes++;
    tb_jmp_cache_clear(cpu);
}

void tlb_flush_page(CPUState *cpu, uint64_t vaddr)
{
    tlb_flush_page_by_mmuidx(cpu, vaddr, (1u << NB_MMU_MODES) - 1);
}

/* ---- Filling ------------------------------------------------------------------ */

/* Widens the remembered large-page range to cover [vaddr, vaddr + size). */
static void tlb_add_large_page(CPUTLBDesc *d, uint64_t vaddr, uint64_t size)
{
    uint64_t mask = ~(size - 1);

    if (d->large_page_addr != (uint64_t)-1) {
        mask &= d->large_page_mask;
        /* Grow until one aligned range holds both. */
        while (((d->large_page_addr ^ vaddr) & mask) != 0) {
            mask <<= 1;
        }
    }
    d->large_page_addr = vaddr & mask;
    d->large_page_mask = mask;
}

void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, int prot, int mmu_idx,
                  uint64_t size)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    CPUTLBDesc *d = &tlb->d[mmu_idx];
    CPUTLBDescFast *f = &cpu->neg.tlb_fast[mmu_idx];
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    hwaddr ppage = paddr & TARGET_PAGE_MASK;

    if (size > TARGET_PAGE_SIZE) {
        tlb_add_large_page(d, vaddr, size);
    }

    hwaddr xlat, plen = TARGET_PAGE_SIZE;
    bool ro = false;
    MemoryRegion *mr = address_space_translate(cpu->as ? cpu->as : &address_space_memory, ppage,
                                               &xlat, &plen, &ro);
    bool subpage = plen < TARGET_PAGE_SIZE;
    bool ram = mr && mr->ram && (mr->type == MR_RAM || mr->type == MR_ROM) && !subpage;
    CPUTLBEntryFull full = {
        .mr = mr, .xlat = mr ? xlat : ppage, .phys = ppage, .subpage = subpage,
        .readonly = mr && (ro || mr->readonly || mr->type == MR_ROM),
    };
    CPUTLBEntry e;
    tlb_entry_clear(&e);

    if (ram) {
        e.addend = (uintptr_t)(mr->ram + xlat) - (uintptr_t)page;
        uint64_t wflags = (full.readonly ? TLB_MMIO : 0) |
                          (memory_region_is_code_page(mr, xlat) ? TLB_NOTDIRTY : 0);
        if (prot & PAGE_READ) {
            e.addr_read = page;
        }
        if (prot & PAGE_EXEC) {
            e.addr_code = page;
        }
        if (prot & PAGE_WRITE) {
            e.addr_write = page | wflags;
        }
    } else {
        e.addend = 0;
        if (prot & PAGE_READ) {
            e.addr_read = page | TLB_MMIO;
        }
        if (prot & PAGE_EXEC) {
            e.addr_code = page | TLB_MMIO;
        }
        if (prot & PAGE_WRITE) {
            e.addr_write = page | TLB_MMIO;
        }
    }

    /* Pages with a debugger watchpoint take the slow path for those accesses. */
    if (tcg_debug_hooks) {
        int wp = tcg_debug_hooks->watchpoint_matches(cpu, page, TARGET_PAGE_SIZE);
        if ((wp & 1) && !(e.addr_read & TLB_INVALID_MASK)) {
            e.addr_read |= TLB_WATCHPOINT;
        }
        if ((wp & 2) && !(e.addr_write & TLB_INVALID_MASK)) {
            e.addr_write |= TLB_WATCHPOINT;
        }
    }

    /* A stale copy of this page in the victim TLB must not resurface. */
    for (int v = 0; v < CPU_VTLB_SIZE; v++) {
        if (tlb_hit_page_anyprot(&d->vtable[v], page)) {
            tlb_entry_clear(&d->vtable[v]);
        }
    }
    size_t index = tlb_index(f, page);
    CPUTLBEntry *slot = &f->table[index];
    if (tlb_entry_is_empty(slot)) {
        d->n_used_entries++;
    } else if (!tlb_hit_page_anyprot(slot, page)) {
        /* Evict the other page to the victim TLB. */
        unsigned v = d->vindex++ % CPU_VTLB_SIZE;
        d->vtable[v] = *slot;
        d->vfull[v] = d->full[index];
    }
    *slot = e;
    d->full[index] = full;
}

/* Swaps a victim entry for addr's page into the main table. */
static bool tlb_victim_lookup(CPUTLBDesc *d, CPUTLBDescFast *f, size_t index,
                              MMUAccessType type, uint64_t addr)
{
    for (int v = 0; v < CPU_VTLB_SIZE; v++) {
        if (tlb_hit(tlb_cmp(&d->vtable[v], type), addr)) {
            CPUTLBEntry te = f->table[index];
            CPUTLBEntryFull tf = d->full[index];
            f->table[index] = d->vtable[v];
            d->full[index] = d->vfull[v];
            d->vtable[v] = te;
            d->vfull[v] = tf;
            return true;
        }
    }
    return false;
}

/*
 * Makes addr's page present for the access: table, victim TLB, then the
 * target's walk. Returns the table index, or -1 when a probe failed (or the
 * target filled something else, which is logged).
 */
static long tlb_lookup(CPUState *cpu, uint64_t addr, int size, MMUAccessType type, int idx,
                       bool probe, uintptr_t ra)
{
    CPUTLB *tlb = cpu_tlb(cpu);
    CPUTLBDesc *d = &tlb->d[idx];
    CPUTLBDescFast *f = &cpu->neg.tlb_fast[idx];
    size_t index = tlb_index(f, addr);

    if (tlb_hit(tlb_cmp(&f->table[index], type), addr)) {
        return index;
    }
    tlb->stats.misses++;
    if (tlb_victim_lookup(d, f, index, type, addr)) {
        tlb->stats.victim_hits++;
        return index;
    }
    tlb->stats.fills++;
    if (!cpu->tcg_ops->tlb_fill(cpu, addr, size, type, idx, probe, ra)) {
        return -1;
    }
    /* The fill may have flushed and resized the table. */
    index = tlb_index(f, addr);
    if (!tlb_hit(tlb_cmp(&f->table[index], type), addr)) {
        log_guest_error("tlb: fill for 0x%" PRIx64 " (mmu %d, access %d) left no entry\n", addr,
                        idx, type);
        return -1;
    }
    return index;
}

/* ---- Device access -------------------------------------------------------------- */

/* Resolves the region and offset of an access through an MMIO entry. */
static MemoryRegion *tlb_io_target(CPUState *cpu, const CPUTLBEntryFull *full, uint64_t addr,
                                   unsigned size, hwaddr *off)
{
    hwaddr in_page = addr & ~TARGET_PAGE_MASK;
    if (full->subpage) {
        hwaddr plen = size;
        return address_space_translate(cpu->as ? cpu->as : &address_space_memory,
                                       full->phys + in_page, off, &plen, NULL);
    }
    *off = full->xlat + in_page;
    return full->mr;
}

static void tlb_tx_failed(CPUState *cpu, const CPUTLBEntryFull *full, uint64_t addr,
                          unsigned size, MMUAccessType type, int idx, MemTxResult r,
                          uintptr_t ra)
{
    if (r != MEMTX_OK && cpu->tcg_ops->do_transaction_failed) {
        cpu->tcg_ops->do_transaction_failed(cpu, full->phys | (addr & ~TARGET_PAGE_MASK), addr,
                                            size, type, idx, r, ra);
    }
}

static uint64_t tlb_io_read(CPUState *cpu, const CPUTLBEntryFull *full, uint64_t addr,
                            unsigned size, bool be, MMUAccessType type, int idx, uintptr_t ra)
{
    hwaddr off;
    uint64_t v = 0;
    MemoryRegion *mr = tlb_io_target(cpu, full, addr, size, &off);
    MemTxResult r = memory_region_dispatch_read(mr, off, &v, size, be);
    tlb_tx_failed(cpu, full, addr, size, type, idx, r, ra);
    return v;
}

static void tlb_io_write(CPUState *cpu, const CPUTLBEntryFull *full, uint64_t addr,
                         uint64_t val, unsigned size, bool be, int idx, uintptr_t ra)
{
    hwaddr off;
    MemoryRegion *mr = tlb_io_target(cpu, full, addr, size, &off);
    MemTxResult r = memory_region_dispatch_write(mr, off, val, size, be);
    tlb_tx_failed(cpu, full, addr, size, MMU_DATA_STORE, idx, r, ra);
}

/* ---- Loads and stores --------------------------------------------------------------- */

static uint64_t host_load(const void *p, unsigned size, bool be)
{
    switch (size) {
    case 1:
        return ldub_p(p);
    case 2:
        return be ? lduw_be_p(p) : lduw_le_p(p);
    case 4:
        return be ? ldl_be_p(p) : ldl_le_p(p);
    default:
        return be ? ldq_be_p(p) : ldq_le_p(p);
    }
}

static void host_store(void *p, uint64_t v, unsigned size, bool be)
{
    switch (size) {
    case 1:
        *(uint8_t *)p = v;
        break;
    case 2:
        be ? stuw_be_p(p, v) : stuw_le_p(p, v);
        break;
    case 4:
        be ? stl_be_p(p, v) : stl_le_p(p, v);
        break;
    default:
        be ? stq_be_p(p, v) : stq_le_p(p, v);
        break;
    }
}

/* MO_ALIGN and friends: the target's alignment trap. */
static void tlb_check_align(CPUState *cpu, uint64_t addr, MemOp op, MMUAccessType type,
                            int idx, uintptr_t ra)
{
    unsigned a = memop_alignment(op);
    if (a > 1 && (addr & (a - 1))) {
        if (cpu->tcg_ops->do_unaligned_access) {
            cpu->tcg_ops->do_unaligned_access(cpu, addr, type, idx, ra);
        }
        log_guest_error("unaligned access at 0x%" PRIx64 " (no alignment trap)\n", addr);
    }
}

/* One access that stays within a page. */
static uint64_t tlb_load_page(CPUState *cpu, uint64_t addr, unsigned size, bool be,
                              MMUAccessType type, int idx, uintptr_t ra)
{
    long index = tlb_lookup(cpu, addr, size, type, idx, false, ra);
    if (index < 0) {
        return 0;
    }
    CPUTLBDescFast *f = &cpu->neg.tlb_fast[idx];
    const CPUTLBEntry *e = &f->table[index];
    if ((tlb_cmp(e, type) & TLB_WATCHPOINT) && tcg_debug_hooks) {
        tcg_debug_hooks->watchpoint_check(cpu, addr, size, false, ra);
    }
    if (tlb_cmp(e, type) & TLB_MMIO) {
        return tlb_io_read(cpu, &cpu_tlb(cpu)->d[idx].full[index], addr, size, be, type, idx,
                           ra);
    }
    return host_load((void *)(uintptr_t)(addr + e->addend), size, be);
}

/* Writes to a page with code: invalidate what it overwrites first. */
static void tlb_notdirty_write(CPUState *cpu, CPUTLBEntry *e, uintptr_t host, unsigned size,
                               uintptr_t ra)
{
    if (tb_host_page_has_code(host)) {
        tb_invalidate_host_range(cpu, host, size, ra);
    }
    if (!tb_host_page_has_code(host)) {
        e->addr_write &= ~(uint64_t)TLB_NOTDIRTY;
    }
}

static void tlb_store_page(CPUState *cpu, uint64_t addr, uint64_t val, unsigned size, bool be,
                           int idx, uintptr_t ra)
{
    long index = tlb_lookup(cpu, addr, size, MMU_DATA_STORE, idx, false, ra);
    if (index < 0) {
        return;
    }
    CPUTLBEntry *e = &cpu->neg.tlb_fast[idx].table[index];
    const CPUTLBEntryFull *full = &cpu_tlb(cpu)->d[idx].full[index];
    if ((e->addr_write & TLB_WATCHPOINT) && tcg_debug_hooks) {
        tcg_debug_hooks->watchpoint_check(cpu, addr, size, true, ra);
    }
    if (e->addr_write & TLB_MMIO) {
        if (full->readonly && !full->subpage) {
            log_guest_error("write to read-only memory at 0x%" PRIx64 " (phys " HWADDR_FMT
                            ") ignored\n", addr, full->phys | (addr & ~TARGET_PAGE_MASK));
            return;
        }
        tlb_io_write(cpu, full, addr, val, size, be, idx, ra);
        return;
    }
    uintptr_t host = (uintptr_t)(addr + e->addend);
    if (e->addr_write & TLB_NOTDIRTY) {
        tlb_notdirty_write(cpu, e, host, size, ra);
    }
    host_store((void *)host, val, size, be);
}

static inline bool tlb_crosses_page(uint64_t addr, unsigned size)
{
    return (addr & ~TARGET_PAGE_MASK) + size > TARGET_PAGE_SIZE;
}

static uint64_t memop_extend(uint64_t v, MemOp op)
{
    switch (op & (MO_SIZE | MO_SIGN)) {
    case MO_SB:
        return (uint64_t)(int64_t)(int8_t)v;
    case MO_SW:
        return (uint64_t)(int64_t)(int16_t)v;
    case MO_SL:
        return (uint64_t)(int64_t)(int32_t)v;
    default:
        return v;
    }
}

static uint64_t tlb_do_load(CPUState *cpu, uint64_t addr, MemOpIdx oi, MMUAccessType type,
                            uintptr_t ra)
{
    MemOp op = get_memop(oi);
    int idx = get_mmuidx(oi);
    unsigned size = memop_size(op);
    bool be = (op & MO_BSWAP) != 0;
    uint64_t v = 0;

    tlb_check_align(cpu, addr, op, type, idx, ra);
    if (!tlb_crosses_page(addr, size)) {
        v = tlb_load_page(cpu, addr, size, be, type, idx, ra);
    } else {
        /* Both pages must be reachable before any byte is read. */
        tlb_lookup(cpu, addr + size - 1, 1, type, idx, false, ra);
        for (unsigned i = 0; i < size; i++) {
            uint64_t b = tlb_load_page(cpu, addr + i, 1, be, type, idx, ra);
            v |= b << (8 * (be ? size - 1 - i : i));
        }
    }
    return memop_extend(v, op);
}

static void tlb_do_store(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    MemOp op = get_memop(oi);
    int idx = get_mmuidx(oi);
    unsigned size = memop_size(op);
    bool be = (op & MO_BSWAP) != 0;

    tlb_check_align(cpu, addr, op, MMU_DATA_STORE, idx, ra);
    if (!tlb_crosses_page(addr, size)) {
        tlb_store_page(cpu, addr, val, size, be, idx, ra);
        return;
    }
    /* Fault on the second page before storing anything to the first. */
    tlb_lookup(cpu, addr + size - 1, 1, MMU_DATA_STORE, idx, false, ra);
    for (unsigned i = 0; i < size; i++) {
        uint64_t b = val >> (8 * (be ? size - 1 - i : i));
        tlb_store_page(cpu, addr + i, b & 0xff, 1, be, idx, ra);
    }
}

uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(env_cpu(env), addr, oi, MMU_DATA_LOAD, ra);
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    tlb_do_store(env_cpu(env), addr, val, oi, ra);
}

uint64_t cpu_ld_mmu(CPUState *cpu, uint64_t addr, MemOpIdx oi, uintptr_t ra)
{
    return tlb_do_load(cpu, addr, oi, MMU_DATA_LOAD, ra);
}

void cpu_st_mmu(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra)
{
    tlb_do_store(cpu, addr, val, oi, ra);
}

void *probe_access(CPUState *cpu, uint64_t addr, int size, MMUAccessType access_type,
                   int mmu_idx, uintptr_t ra)
{
    long index = tlb_lookup(cpu, addr, size, access_type, mmu_idx, false, ra);
    if (index < 0) {
        return NULL;
    }
    CPUTLBEntry *e = &cpu->neg.tlb_fast[mmu_idx].table[index];
    uint64_t cmp = tlb_cmp(e, access_type);
    if (cmp & (TLB_MMIO | TLB_WATCHPOINT)) {
        return NULL;
    }
    uintptr_t host = (uintptr_t)(addr + e->addend);
    if (access_type == MMU_DATA_STORE && (cmp & TLB_NOTDIRTY)) {
        tlb_notdirty_write(cpu, e, host, size, ra);
    }
    return (void *)host;
}

/* ---- Code -------------------------------------------------------------------------- */

bool tlb_get_code_page(CPUState *cpu, uint64_t addr, bool probe, TBCodePage *out)
{
    int idx = cpu_mmu_index_code(cpu);
    long index = tlb_lookup(cpu, addr, 1, MMU_INST_FETCH, idx, probe, 0);
    if (index < 0) {
        return false;
    }
    const CPUTLBEntry *e = &cpu->neg.tlb_fast[idx].table[index];
    const CPUTLBEntryFull *full = &cpu_tlb(cpu)->d[idx].full[index];
    hwaddr in_page = addr & ~TARGET_PAGE_MASK;

    if (e->addr_code & TLB_MMIO) {
        if (probe) {
            return false;
        }
        /* Code must come from RAM or ROM: a device or a hole is a bus error. */
        tlb_tx_failed(cpu, full, addr, 4, MMU_INST_FETCH, idx,
                      full->mr ? MEMTX_ERROR : MEMTX_DECODE_ERROR, 0);
        log_guest_error("cpu %d: instruction fetch from non-RAM at 0x%" PRIx64 " (phys "
                        HWADDR_FMT "): CPU halted\n", cpu->index, addr, full->phys | in_page);
        __atomic_or_fetch(&cpu->interrupt_request, CPU_INTERRUPT_HALT, __ATOMIC_SEQ_CST);
        cpu_loop_exit(cpu);
    }
    out->phys = full->phys | in_page;
    out->host = (uint8_t *)(uintptr_t)(addr + e->addend);
    out->mr = full->mr;
    out->offset = full->xlat + in_page;
    return true;
}

void tlb_protect_code_page(MemoryRegion *mr, hwaddr offset)
{
    for (guint c = 0; exec_cpus && c < exec_cpus->len; c++) {
        CPUState *cpu = g_ptr_array_index(exec_cpus, c);
        CPUTLB *tlb = cpu_tlb(cpu);
        for (int i = 0; i < NB_MMU_MODES; i++) {
            CPUTLBDesc *d = &tlb->d[i];
            CPUTLBDescFast *f = &cpu->neg.tlb_fast[i];
            size_t n = tlb_n_entries(f);
            for (size_t j = 0; j < n; j++) {
                CPUTLBEntry *e = &f->table[j];
                if (d->full[j].mr == mr && d->full[j].xlat == offset &&
                    !(e->addr_write & (TLB_INVALID_MASK | TLB_MMIO))) {
                    e->addr_write |= TLB_NOTDIRTY;
                }
            }
            for (int v = 0; v < CPU_VTLB_SIZE; v++) {
                CPUTLBEntry *e = &d->vtable[v];
                if (d->vfull[v].mr == mr && d->vfull[v].xlat == offset &&
                    !(e->addr_write & (TLB_INVALID_MASK | TLB_MMIO))) {
                    e->addr_write |= TLB_NOTDIRTY;
                }
            }
        }
    }
}

/*
 * The TB cache: a hash table of blocks keyed by (host address of the code,
 * pc, cs_base, flags, cflags), the lists of blocks per page of guest code
 * (for self-modifying code), direct chaining between blocks and its undoing,
 * invalidation, and the whole-cache flush.
 *
 * Guest code is identified by the host address of the RAM or ROM it was
 * read from rather than by guest-physical address, so a page mapped twice
 * (aliases) or remapped is still found: this is QEMU's ram_addr idea with
 * the host pointer as the name. One vCPU thread generates and runs code;
 * other threads reach here only with the global lock held (DMA writes), so
 * the structures need no locks of their own.
 */
#include <string.h>

#include "tcg/exec-internal.h"
#include "tcg/tcg.h"

TCGExecStats tcg_exec_stats;
uint64_t tb_flush_generation;

/* The blocks of one host page of guest code. */
typedef struct PageDesc {
    uintptr_t first;          /* first block: tb | which of its pages this is */
    MemoryRegion *mr;         /* the RAM/ROM region, for its code bitmap */
    hwaddr offset;            /* the page's offset in mr */
} PageDesc;

static GHashTable *tb_htable;   /* TranslationBlock * set */
static GHashTable *tb_pages;    /* host page address -> PageDesc * */

static void tb_code_write_hook(MemoryRegion *mr, hwaddr offset, hwaddr len);

#define HOST_PAGE_MASK (~(uintptr_t)(TARGET_PAGE_SIZE - 1))

static inline TranslationBlock *tagged_tb(uintptr_t v) { return (TranslationBlock *)(v & ~(uintptr_t)3); }
static inline unsigned tagged_n(uintptr_t v) { return v & 3u; }

/* ---- Hash table ---------------------------------------------------------- */

static guint tb_hash_key(uintptr_t host_pc, uint64_t pc, uint64_t cs_base, uint32_t flags,
                         uint32_t cflags)
{
    uint64_t h = host_pc * 0x9e3779b97f4a7c15ull;
    h ^= pc * 0xc2b2ae3d27d4eb4full;
    h ^= (cs_base + flags) * 0x165667b19e3779f9ull;
    h ^= cflags;
    return (guint)(h ^ (h >> 32));
}

static guint tb_hash(gconstpointer p)
{
    const TranslationBlock *tb = p;
    return tb_hash_key(tb->host_pc, tb->pc, tb->cs_base, tb->flags, tb->cflags);
}

static gboolean tb_equal(gconstpointer a, gconstpointer b)
{
    const TranslationBlock *x = a, *y = b;
    return x->host_pc == y->host_pc && x->pc == y->pc && x->cs_base == y->cs_base &&
           x->flags == y->flags && x->cflags == y->cflags;
}

void tb_maint_init(void)
{
    tb_htable = g_hash_table_new(tb_hash, tb_equal);
    tb_pages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    memory_code_write_hook = tb_code_write_hook;
}

TranslationBlock *tb_htable_lookup(uintptr_t host_pc, uint64_t pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags)
{
    TranslationBlock key = {
        .host_pc = host_pc, .pc = pc, .cs_base = cs_base, .flags = flags, .cflags = cflags,
    };
    return g_hash_table_lookup(tb_htable, &key);
}

/* ---- Page lists ---------------------------------------------------------- */

static void tb_page_add(TranslationBlock *tb, unsigned n, const TBCodePage *p)
{
    uintptr_t page = (uintptr_t)p->host & HOST_PAGE_MASK;
    PageDesc *pd = g_hash_table_lookup(tb_pages, (gpointer)page);

    tb->page_host[n] = page;
    if (!pd) {
        pd = g_new0(PageDesc, 1);
        pd->mr = p->mr;
        pd->offset = p->offset & TARGET_PAGE_MASK;
        g_hash_table_insert(tb_pages, (gpointer)page, pd);
        /* The first block on the page: writes must now take the slow path. */
        memory_region_set_code_page(pd->mr, pd->offset, true);
        tlb_protect_code_page(pd->mr, pd->offset);
    }
    tb->page_next[n] = pd->first;
    pd->first = (uintptr_t)tb | n;
}

static void tb_page_remove(TranslationBlock *tb, unsigned n)
{
    uintptr_t page = tb->page_host[n];
    PageDesc *pd = g_hash_table_lookup(tb_pages, (gpointer)page);
    if (!pd) {
        return;
    }
    for (uintptr_t *link = &pd->first; *link; ) {
        TranslationBlock *t = tagged_tb(*link);
        unsigned tn = tagged_n(*link);
        if (t == tb && tn == n) {
            *link = tb->page_next[n];
            break;
        }
        link = &t->page_next[tn];
    }
    if (!pd->first) {
        /* No code left: writes may go back to the fast path (the TLB drops
         * its TLB_NOTDIRTY lazily, at the next slow-path write). */
        memory_region_set_code_page(pd->mr, pd->offset, false);
        g_hash_table_remove(tb_pages, (gpointer)page);
    }
}

bool tb_host_page_has_code(uintptr_t host)
{
    return tb_pages && g_hash_table_contains(tb_pages, (gpointer)(host & HOST_PAGE_MASK));
}

void tb_link(TranslationBlock *tb, const TBCodePage *p0, const TBCodePage *p1)
{
    tb->hash = tb_hash(tb);
    g_hash_table_add(tb_htable, tb);
    tb_page_add(tb, 0, p0);
    if (p1 && p1->host) {
        tb_page_add(tb, 1, p1);
    }
}

/* ---- Chaining ------------------------------------------------------------- */

void tb_add_jump(TranslationBlock *tb, unsigned n, TranslationBlock *next)
{
    if (tb->jmp_dest[n] || ((tb->cflags | next->cflags) & CF_INVALID)) {
        return;
    }
    tb->jmp_dest[n] = (uintptr_t)next;
    tb->jmp_list_next[n] = next->jmp_list_head;
    next->jmp_list_head = (uintptr_t)tb | n;
    tcg_backend_patch_jump(tb, n, (uintptr_t)next->tc_ptr);
    tcg_exec_stats.chained++;
}

/* Points slot n of tb back at its own exit path. */
static void tb_reset_jump(TranslationBlock *tb, unsigned n)
{
    tcg_backend_patch_jump(tb, n, (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n]);
    tb->jmp_dest[n] = 0;
    tcg_exec_stats.unchained++;
}

/* Takes (tb, n) off the incoming list of the block it jumps to. */
static void tb_remove_from_jmp_list(TranslationBlock *tb, unsigned n)
{
    TranslationBlock *dest = (TranslationBlock *)tb->jmp_dest[n];
    for (uintptr_t *link = &dest->jmp_list_head; *link; ) {
        TranslationBlock *t = tagged_tb(*link);
        unsigned tn = tagged_n(*link);
        if (t == tb && tn == n) {
            *link = tb->jmp_list_next[n];
            break;
        }
        link = &t->jmp_list_next[tn];
    }
    tb->jmp_dest[n] = 0;
}

static void tb_jmp_unlink(TranslationBlock *tb)
{
    for (uintptr_t v = tb->jmp_list_head; v; ) {
        TranslationBlock *src = tagged_tb(v);
        unsigned n = tagged_n(v);
        v = src->jmp_list_next[n];
        tb_reset_jump(src, n);
    }
    tb->jmp_list_head = 0;
    for (unsigned n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_remove_from_jmp_list(tb, n);
        }
    }
}

/* ---- Invalidation --------------------------------------------------------- */

void tb_jmp_cache_clear(CPUState *cpu)
{
    CPUExecState *es = cpu_exec_state(cpu);
    if (es) {
        memset(es->jc, 0, sizeof(es->jc));
    }
}

void tb_phys_invalidate(TranslationBlock *tb)
{
    if (tb->cflags & CF_INVALID) {
        return;
    }
    /* Out of the hash while the key is intact, then poison the key so no
     * jump-cache or chaining check can match it again. */
    g_hash_table_remove(tb_htable, tb);
    tb->cflags |= CF_INVALID;
    for (unsigned n = 0; n < 2; n++) {
        if (tb->page_host[n]) {
            tb_page_remove(tb, n);
        }
    }
    unsigned h = tb_jmp_cache_hash(tb->pc);
    for (guint i = 0; exec_cpus && i < exec_cpus->len; i++) {
        CPUExecState *es = cpu_exec_state(g_ptr_array_index(exec_cpus, i));
        if (es->jc[h].tb == tb) {
            es->jc[h].tb = NULL;
        }
    }
    tb_jmp_unlink(tb);
    tcg_exec_stats.tb_invalidated++;
}

/* The host bytes of guest code tb holds on its page n. */
static void tb_page_bytes(const TranslationBlock *tb, unsigned n, uintptr_t *lo, uintptr_t *hi)
{
    uint64_t end = tb->pc + (tb->size ? tb->size : 1);
    uint64_t page0_end = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;

    if (n == 0) {
        *lo = tb->host_pc;
        *hi = tb->host_pc + (MIN(end, page0_end) - tb->pc);
    } else {
        *lo = tb->page_host[1];
        *hi = tb->page_host[1] + (end - page0_end);
    }
}

void tb_invalidate_host_range(CPUState *cpu, uintptr_t host, size_t len, uintptr_t ra)
{
    TranslationBlock *current = NULL;
    bool current_modified = false;

    if (!tb_pages || len == 0 || g_hash_table_size(tb_pages) == 0) {
        return;
    }
    if (cpu && ra) {
        if (tcg_backend == TCG_BACKEND_TCI && !code_buffer_contains(ra)) {
            ra = tci_tb_ptr;
        }
        current = code_buffer_find_tb(ra - 1);
    }
    uintptr_t end = host + len;
    for (uintptr_t page = host & HOST_PAGE_MASK; page < end; page += TARGET_PAGE_SIZE) {
        PageDesc *pd = g_hash_table_lookup(tb_pages, (gpointer)page);
        uintptr_t v = pd ? pd->first : 0;
        while (v) {
            TranslationBlock *tb = tagged_tb(v);
            unsigned n = tagged_n(v);
            uintptr_t lo, hi;
            v = tb->page_next[n];    /* tb may leave the list below */
            tb_page_bytes(tb, n, &lo, &hi);
            if (lo < end && host < hi) {
                /* A one-instruction block finishes its store and ends anyway
                 * (this is how the re-run below terminates). */
                if (tb == current && (tb->cflags & CF_COUNT_MASK) != 1) {
                    current_modified = true;
                }
                tb_phys_invalidate(tb);
                if (!g_hash_table_contains(tb_pages, (gpointer)page)) {
                    break;          /* pd was freed with the last block */
                }
            }
        }
    }
    if (current_modified) {
        /*
         * The running block changed under itself: the rest of its host code
         * may be stale. As QEMU does, drop the store, return the state to the
         * storing instruction and run it again alone (the exec loop picks up
         * cflags_next_tb), so the new code is translated after it.
         */
        tcg_exec_stats.smc_current_tb++;
        cpu_restore_state(cpu, ra);
        cpu_exec_state(cpu)->cflags_next_tb = 1 | CF_NOIRQ;
        cpu_loop_exit_noexc(cpu);
    }
}

void tb_invalidate_phys_range(hwaddr start, hwaddr end)
{
    for (hwaddr addr = start; addr < end; ) {
        hwaddr xlat, plen = end - addr;
        MemoryRegion *mr = address_space_translate(&address_space_memory, addr, &xlat, &plen,
                                                   NULL);
        if (plen == 0) {
            break;
        }
        if (mr && mr->ram) {
            tb_invalidate_host_range(NULL, (uintptr_t)mr->ram + xlat, plen, 0);
        }
        addr += plen;
    }
}

/* memory_code_write_hook: a DMA or loader write reached a page with code. */
static void tb_code_write_hook(MemoryRegion *mr, hwaddr offset, hwaddr len)
{
    tb_invalidate_host_range(NULL, (uintptr_t)mr->ram + offset, len, 0);
}

/* ---- Flush ------------------------------------------------------------------ */

void tb_flush(CPUState *cpu)
{
    GHashTableIter it;
    gpointer key, value;

    if (!tb_htable) {
        return;
    }
    g_hash_table_iter_init(&it, tb_pages);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        PageDesc *pd = value;
        memory_region_set_code_page(pd->mr, pd->offset, false);
    }
    g_hash_table_remove_all(tb_pages);
    g_hash_table_remove_all(tb_htable);
    for (guint i = 0; exec_cpus && i < exec_cpus->len; i++) {
        tb_jmp_cache_clear(g_ptr_array_index(exec_cpus, i));
    }
    code_buffer_reset();
    tb_flush_generation++;
    tcg_exec_stats.tb_flushes++;
}

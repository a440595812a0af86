/*
 * The IR's bookkeeping: the op table, the per-thread context, temporaries
 * and constants, the op list, per-TB memory, helper-call emission, the
 * backend switch and the search-data codec for precise restore. The
 * front-end emit API built on this is tcg-op.c; the passes are their own
 * files (optimize.c, liveness.c, dump.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/tcg.h"
#include "util/error.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(nm, oargs, iargs, cargs, fl)                                                  \
    [INDEX_op_##nm] = { .name = #nm, .nb_oargs = (oargs), .nb_iargs = (iargs),            \
                        .nb_cargs = (cargs), .nb_args = (oargs) + (iargs) + (cargs),      \
                        .flags = (fl) },
#include "tcg/tcg-opc.h"
#undef DEF
};

__thread TCGContext *tcg_ctx;
__thread uintptr_t tci_tb_ptr;
static TCGContext *tcg_init_ctx;   /* holds the globals every clone copies */
TCGv_ptr tcg_env;
TCGBackend tcg_backend = TCG_BACKEND_X86_64;
const void *(*tcg_lookup_tb_ptr_fn)(void *env);

#define TCG_POOL_CHUNK_SIZE (64 * 1024)
/* Room kept free at the end of the code buffer: backends check the
 * highwater mark after each op, and one op never emits this much. */
#define TCG_HIGHWATER_MARGIN 4096

struct TCGPoolChunk {
    TCGPoolChunk *next;
    size_t size;
    uint8_t data[];
};

/* ---- Per-TB memory ---------------------------------------------------- */

void *tcg_malloc(TCGContext *s, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (s->pool_ptr == NULL || size > (size_t)(s->pool_end - s->pool_ptr)) {
        TCGPoolChunk *next = s->pool_cur ? s->pool_cur->next : s->pool_first;
        if (next == NULL || next->size < size) {
            size_t csize = MAX(size, (size_t)TCG_POOL_CHUNK_SIZE);
            TCGPoolChunk *c = g_malloc(sizeof(*c) + csize);
            c->size = csize;
            c->next = next;
            if (s->pool_cur) {
                s->pool_cur->next = c;
            } else {
                s->pool_first = c;
            }
            next = c;
        }
        s->pool_cur = next;
        s->pool_ptr = next->data;
        s->pool_end = next->data + next->size;
    }
    void *p = s->pool_ptr;
    s->pool_ptr += size;
    return p;
}

static void tcg_pool_reset(TCGContext *s)
{
    s->pool_cur = NULL;
    s->pool_ptr = s->pool_end = NULL;
}

/* ---- Contexts ---------------------------------------------------------- */

static void tcg_context_tables_init(TCGContext *s)
{
    for (int i = 0; i < TCG_TYPE_COUNT; i++) {
        s->const_table[i] = g_hash_table_new(g_int64_hash, g_int64_equal);
    }
}

void tcg_context_init(void)
{
    TCGContext *s = g_new0(TCGContext, 1);
    tcg_context_tables_init(s);
    s->insn_start_words = 1;
    tcg_ctx = s;
    tcg_init_ctx = s;

    TCGTemp *env = &s->temps[0];
    env->type = TCG_TYPE_PTR;
    env->kind = TEMP_FIXED;
    env->reg = TCG_REG_AREG0;
    env->val_type = TEMP_VAL_REG;
    env->temp_allocated = true;
    env->name = "env";
    s->nb_globals = s->nb_temps = 1;
    tcg_env = temp_tcgv_ptr(env);
}

void tcg_register_thread(void)
{
    TCGContext *s = g_new(TCGContext, 1);
    memcpy(s, tcg_init_ctx, sizeof(*s));
    tcg_context_tables_init(s);
    s->pool_first = s->pool_cur = NULL;
    s->pool_ptr = s->pool_end = NULL;
    s->code_gen_buffer = s->code_gen_ptr = s->code_gen_highwater = NULL;
    s->code_buf = s->code_ptr = NULL;
    s->code_gen_buffer_size = 0;
    /* The globals' bases point into the first context: re-point them. */
    for (unsigned i = 0; i < s->nb_globals; i++) {
        TCGTemp *base = s->temps[i].mem_base;
        if (base) {
            s->temps[i].mem_base = &s->temps[base - tcg_init_ctx->temps];
        }
    }
    tcg_ctx = s;
    tcg_func_start(s);
}

/* How far generated code may be from a helper for a rel32 call, with room
 * for the binary's own text on either side of the function we measure from. */
#define CODE_BUFFER_REACH ((uintptr_t)3 << 29)   /* 1.5 GiB */

static bool code_buffer_near_text(const void *buf, size_t size)
{
    uintptr_t text = (uintptr_t)tcg_code_buffer_alloc, lo = (uintptr_t)buf;

    return lo + CODE_BUFFER_REACH > text + size && lo + size < text + CODE_BUFFER_REACH;
}

/*
 * Maps the buffer within rel32 reach of the binary's text, so generated
 * code calls helpers and the soft-TLB slow paths with a 5-byte call rather
 * than a movabs and an indirect call: first just below the text (the
 * executable sits alone there), then above it past where the heap grows.
 * Anywhere else still works, with the longer calls.
 */
static void *code_buffer_map(size_t size)
{
    const uintptr_t align = (uintptr_t)2 << 20, gap = (uintptr_t)64 << 20;
    uintptr_t text = (uintptr_t)tcg_code_buffer_alloc;
    /* (below the text only when the address space goes that low) */
    uintptr_t hints[] = { text > size + 2 * gap ? text - size - gap : 0, text + 16 * gap };
    const int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    const int flags = MAP_PRIVATE | MAP_ANONYMOUS;

    for (size_t i = 0; i < G_N_ELEMENTS(hints); i++) {
        void *buf;

        if (!hints[i]) {
            continue;
        }
        buf = mmap((void *)(hints[i] & ~(align - 1)), size, prot, flags | MAP_FIXED_NOREPLACE,
                   -1, 0);
        if (buf == MAP_FAILED) {
            continue;
        }
        if (code_buffer_near_text(buf, size)) {
            return buf;
        }
        munmap(buf, size);   /* an old kernel took the address as a mere hint */
    }
    return mmap(NULL, size, prot, flags, -1, 0);
}

bool tcg_code_buffer_alloc(TCGContext *s, size_t size, GError **errp)
{
    void *buf = code_buffer_map(size);
    if (buf == MAP_FAILED) {
        g_set_error(errp, CHIMERA_ERROR, 0, "cannot map a %zu-byte code buffer", size);
        return false;
    }
    s->code_gen_buffer = buf;
    s->code_gen_buffer_size = size;
    s->code_gen_ptr = buf;
    s->code_gen_highwater = s->code_gen_buffer + size - TCG_HIGHWATER_MARGIN;
    return true;
}

void tcg_func_start(TCGContext *s)
{
    tcg_pool_reset(s);
    s->nb_temps = s->nb_globals;
    memset(s->free_temps, 0, sizeof(s->free_temps));
    for (int i = 0; i < TCG_TYPE_COUNT; i++) {
        g_hash_table_remove_all(s->const_table[i]);
    }
    s->ops_first = s->ops_last = NULL;
    s->free_ops = NULL;
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->gen_tb = NULL;
}

/* ---- Temporaries ------------------------------------------------------- */

#define BITS_PER_LONG (8 * sizeof(unsigned long))

static TCGTemp *tcg_temp_alloc(TCGContext *s)
{
    if (s->nb_temps >= TCG_MAX_TEMPS) {
        /* A translator bug (a block needing this many temps), not a guest's doing. */
        g_error("tcg: more than %d temporaries in one block", TCG_MAX_TEMPS);
    }
    TCGTemp *t = &s->temps[s->nb_temps++];
    memset(t, 0, sizeof(*t));
    t->reg = -1;
    return t;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    int local = kind == TEMP_TB;
    unsigned long *map = s->free_temps[type][local];

    for (unsigned w = 0; w < TCG_MAX_TEMPS / BITS_PER_LONG; w++) {
        if (map[w]) {
            unsigned idx = w * BITS_PER_LONG + __builtin_ctzl(map[w]);
            map[w] &= map[w] - 1;
            TCGTemp *t = &s->temps[idx];
            t->temp_allocated = true;
            return t;
        }
    }
    TCGTemp *t = tcg_temp_alloc(s);
    t->type = type;
    t->kind = kind;
    t->temp_allocated = true;
    return t;
}

void tcg_temp_free_internal(TCGTemp *t)
{
    if (t->kind != TEMP_EBB && t->kind != TEMP_TB) {
        return;     /* constants and globals are never freed */
    }
    if (!t->temp_allocated) {
        return;
    }
    t->temp_allocated = false;
    size_t idx = temp_idx(t);
    tcg_ctx->free_temps[t->type][t->kind == TEMP_TB][idx / BITS_PER_LONG] |=
        1ul << (idx % BITS_PER_LONG);
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    TCGTemp *t = g_hash_table_lookup(s->const_table[type], &val);
    if (t == NULL) {
        t = tcg_temp_alloc(s);
        t->type = type;
        t->kind = TEMP_CONST;
        t->val = val;
        t->val_type = TEMP_VAL_CONST;
        t->temp_allocated = true;
        g_hash_table_insert(s->const_table[type], &t->val, t);
    }
    return t;
}

TCGTemp *tcg_global_mem_new_internal(TCGType type, TCGv_ptr base, intptr_t offset,
                                     const char *name)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_temps != s->nb_globals) {
        g_error("tcg: global %s registered after translation began", name);
    }
    TCGTemp *b = tcgv_ptr_temp(base);
    TCGTemp *t = tcg_temp_alloc(s);
    t->type = type;
    t->kind = TEMP_GLOBAL;
    t->mem_base = b;
    t->mem_offset = offset;
    t->mem_allocated = true;
    t->val_type = TEMP_VAL_MEM;
    t->temp_allocated = true;
    t->indirect_base = b->kind != TEMP_FIXED;
    t->name = g_strdup(name);
    s->nb_globals++;
    return t;
}

TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return tcgv_temp(v); }
TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return tcgv_temp(v); }
TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return tcgv_temp(v); }

const char *tcg_temp_name(TCGContext *s, TCGTemp *t, char *buf, size_t size)
{
    switch (t->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        return t->name;
    case TEMP_CONST:
        snprintf(buf, size, "$0x%" PRIx64, (uint64_t)t->val);
        break;
    case TEMP_TB:
        snprintf(buf, size, "loc%zu", temp_idx(t) - s->nb_globals);
        break;
    case TEMP_EBB:
        snprintf(buf, size, "tmp%zu", temp_idx(t) - s->nb_globals);
        break;
    }
    return buf;
}

/* ---- The op list ------------------------------------------------------- */

static TCGOp *tcg_op_alloc(TCGContext *s, TCGOpcode opc, unsigned nargs)
{
    TCGOp *op = s->free_ops;
    g_assert(nargs <= TCG_MAX_OP_ARGS);
    if (op) {
        s->free_ops = op->next;
    } else {
        op = tcg_malloc(s, sizeof(*op));
    }
    memset(op, 0, sizeof(*op));
    op->opc = opc;
    s->nb_ops++;
    return op;
}

TCGOp *tcg_emit_op(TCGOpcode opc, unsigned nargs)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op = tcg_op_alloc(s, opc, nargs);
    op->prev = s->ops_last;
    if (s->ops_last) {
        s->ops_last->next = op;
    } else {
        s->ops_first = op;
    }
    s->ops_last = op;
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, nargs);
    op->next = old;
    op->prev = old->prev;
    if (old->prev) {
        old->prev->next = op;
    } else {
        s->ops_first = op;
    }
    old->prev = op;
    return op;
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, nargs);
    op->prev = old;
    op->next = old->next;
    if (old->next) {
        old->next->prev = op;
    } else {
        s->ops_last = op;
    }
    old->next = op;
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    /* A removed branch no longer keeps its label alive. */
    switch (op->opc) {
    case INDEX_op_br:
        arg_label(op->args[0])->refs--;
        break;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        arg_label(op->args[3])->refs--;
        break;
    default:
        break;
    }
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->ops_first = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->ops_last = op->prev;
    }
    op->next = s->free_ops;
    s->free_ops = op;
    s->nb_ops--;
}

void tcg_label_add_reloc(TCGContext *s, TCGLabel *l, int type, uint8_t *ptr, intptr_t addend)
{
    TCGRelocation *r = tcg_malloc(s, sizeof(*r));
    r->type = type;
    r->ptr = ptr;
    r->addend = addend;
    r->next = l->relocs;
    l->relocs = r;
}

void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    TCGOp *op = tcg_emit_op(INDEX_op_call, (ret != NULL) + info->nargs + 1);
    unsigned n = 0;
    op->callo = ret != NULL;
    op->calli = info->nargs;
    if (ret) {
        op->args[n++] = temp_arg(ret);
    }
    for (unsigned i = 0; i < info->nargs; i++) {
        op->args[n++] = temp_arg(args[i]);
    }
    op->args[n] = (TCGArg)info;
}

/* ---- Backend switch ---------------------------------------------------- */

bool tcg_backend_parse(const char *name, TCGBackend *out)
{
    if (strcmp(name, "x86_64") == 0 || strcmp(name, "native") == 0) {
        *out = TCG_BACKEND_X86_64;
    } else if (strcmp(name, "tci") == 0) {
        *out = TCG_BACKEND_TCI;
    } else {
        return false;
    }
    return true;
}

/* ---- Search data ------------------------------------------------------- */

static uint8_t *leb_put(uint8_t *p, uint8_t *end, uint64_t v)
{
    do {
        if (p == end) {
            return NULL;
        }
        uint8_t byte = v & 0x7f;
        v >>= 7;
        *p++ = byte | (v ? 0x80 : 0);
    } while (v);
    return p;
}

static const uint8_t *leb_get(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; p < end && shift < 64; shift += 7) {
        uint8_t byte = *p++;
        r |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *v = r;
            return p;
        }
    }
    return NULL;
}

static uint64_t zigzag(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t unzigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

size_t tcg_search_data_encode(uint8_t *buf, size_t size, const TCGSearchEntry *e, unsigned n,
                              unsigned nwords)
{
    uint8_t *p = buf, *end = buf + size;
    TCGSearchEntry prev = { 0 };

    for (unsigned i = 0; i < n && p; i++) {
        p = leb_put(p, end, e[i].host_offset - prev.host_offset);
        for (unsigned w = 0; w < nwords && p; w++) {
            p = leb_put(p, end, zigzag((int64_t)(e[i].data[w] - prev.data[w])));
        }
        prev = e[i];
    }
    return p ? (size_t)(p - buf) : 0;
}

bool tcg_search_data_find(const uint8_t *buf, size_t len, unsigned nwords, uint32_t ra_offset,
                          uint64_t *data)
{
    const uint8_t *p = buf, *end = buf + len;
    TCGSearchEntry cur = { 0 };
    bool found = false;

    while (p < end) {
        uint64_t v;
        p = leb_get(p, end, &v);
        if (p == NULL) {
            break;
        }
        cur.host_offset += v;
        for (unsigned w = 0; w < nwords && p; w++) {
            p = leb_get(p, end, &v);
            cur.data[w] += (uint64_t)unzigzag(v);
        }
        if (p == NULL || cur.host_offset >= ra_offset) {
            break;
        }
        memcpy(data, cur.data, nwords * sizeof(uint64_t));
        found = true;
    }
    return found;
}

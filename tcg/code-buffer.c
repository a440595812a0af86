/*
 * The code buffer: one RWX mapping that both backends write into, and
 * that holds each TranslationBlock struct right before its code, then the
 * block's search data after it (as QEMU lays out its region). Blocks are
 * carved out in address order, so the list of blocks is sorted by host
 * address for free and cpu_restore_state finds a return address's block
 * with a binary search. When the buffer is full the exec side flushes
 * everything (tb_flush) and starts again at the bottom.
 */
#include <string.h>
#include <sys/mman.h>

#include "tcg/exec-internal.h"
#include "tcg/tcg.h"

/* 256 MiB: QEMU's default for system emulation is in this range too. */
size_t code_buffer_size_request = 256u << 20;

/* Room a block's struct plus its smallest code needs before highwater. */
#define CODE_BUFFER_TB_MIN 1024
#define CODE_ALIGN 16

static struct {
    uint8_t *base;
    size_t size;
    uint8_t *ptr;          /* next free byte */
    uint8_t *highwater;    /* the backends give up on a block past this */
    GPtrArray *tbs;        /* TranslationBlock *, in address order */
} cb;

static uint8_t *align_up(uint8_t *p, uintptr_t a)
{
    return (uint8_t *)(((uintptr_t)p + a - 1) & ~(a - 1));
}

bool code_buffer_init(size_t size, GError **err)
{
    if (cb.base) {
        munmap(cb.base, cb.size);
        cb.base = NULL;
    }
    if (!tcg_code_buffer_alloc(tcg_ctx, size, err)) {
        return false;
    }
    cb.base = tcg_ctx->code_gen_buffer;
    cb.size = tcg_ctx->code_gen_buffer_size;
    cb.highwater = tcg_ctx->code_gen_highwater;
    cb.ptr = cb.base;
    if (!cb.tbs) {
        cb.tbs = g_ptr_array_new();
    }
    g_ptr_array_set_size(cb.tbs, 0);
    return true;
}

TranslationBlock *code_buffer_start_tb(void)
{
    TCGContext *s = tcg_ctx;
    uint8_t *p = align_up(cb.ptr, CODE_ALIGN);

    if (p + sizeof(TranslationBlock) + CODE_BUFFER_TB_MIN > cb.highwater) {
        return NULL;
    }
    TranslationBlock *tb = (TranslationBlock *)p;
    memset(tb, 0, sizeof(*tb));
    uint8_t *code = align_up(p + sizeof(*tb), CODE_ALIGN);

    /* The vCPU thread's context is a clone without the buffer: give it
     * the shared one each time. */
    s->code_gen_buffer = cb.base;
    s->code_gen_buffer_size = cb.size;
    s->code_gen_highwater = cb.highwater;
    s->code_gen_ptr = s->code_buf = s->code_ptr = code;
    s->gen_tb = tb;
    tb->tc_ptr = code;
    return tb;
}

bool code_buffer_commit_tb(TranslationBlock *tb, size_t code_size)
{
    uint8_t *code = (uint8_t *)tb->tc_ptr;
    uint8_t *end = code + code_size;
    uint8_t *sd = (uint8_t *)tb->search_data;

    /* Keep the search data beside the code unless the backend already
     * put it inside the block's bytes. */
    if (sd && tb->search_len && !(sd >= code && sd + tb->search_len <= end)) {
        if (end + tb->search_len > cb.base + cb.size) {
            return false;
        }
        memmove(end, sd, tb->search_len);
        tb->search_data = end;
        end += tb->search_len;
    }
    if (end > cb.base + cb.size) {
        return false;
    }
    tb->tc_size = code_size;
    cb.ptr = end;
    tcg_ctx->code_gen_ptr = end;
    g_ptr_array_add(cb.tbs, tb);
    return true;
}

void code_buffer_reset(void)
{
    cb.ptr = cb.base;
    if (cb.tbs) {
        g_ptr_array_set_size(cb.tbs, 0);
    }
}

bool code_buffer_contains(uintptr_t host)
{
    return host >= (uintptr_t)cb.base && host < (uintptr_t)cb.base + cb.size;
}

TranslationBlock *code_buffer_find_tb(uintptr_t host)
{
    if (!cb.tbs || !code_buffer_contains(host)) {
        return NULL;
    }
    /* The last block starting at or before host. */
    guint lo = 0, hi = cb.tbs->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        TranslationBlock *tb = g_ptr_array_index(cb.tbs, mid);
        if ((uintptr_t)tb->tc_ptr <= host) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return NULL;
    }
    TranslationBlock *tb = g_ptr_array_index(cb.tbs, lo - 1);
    return host < (uintptr_t)tb->tc_ptr + tb->tc_size ? tb : NULL;
}

size_t code_buffer_used(void)
{
    return cb.ptr - cb.base;
}

size_t code_buffer_total(void)
{
    return cb.size;
}

unsigned code_buffer_tb_count(void)
{
    return cb.tbs ? cb.tbs->len : 0;
}

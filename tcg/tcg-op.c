/*
 * The front-end emit API (tcg/tcg-op.h): what target translators call to
 * append IR ops to the current TB. The width-generic functions come from
 * tcg-op-template.h, included once for i32 and once for i64; this file adds
 * temporaries, labels and control flow, the 64-bit-only and cross-width
 * operations, host pointers and guest memory access.
 */
#include "tcg/tcg.h"

#define GLUE_(a, b) a##b
#define GLUE(a, b) GLUE_(a, b)

/* Appends an op with the given args (temps as TCGArg, then constants). */
#define GEN_OP(opc, ...)                                                  \
    gen_opn((opc), (const TCGArg[]){ __VA_ARGS__ },                       \
            sizeof((const TCGArg[]){ __VA_ARGS__ }) / sizeof(TCGArg))

static void gen_opn(TCGOpcode opc, const TCGArg *args, unsigned n)
{
    TCGOp *op = tcg_emit_op(opc, n);
    for (unsigned i = 0; i < n; i++) {
        op->args[i] = args[i];
    }
}

/* Any TCGv handle as an op argument. */
static inline TCGArg tv(const void *v)
{
    return temp_arg(tcgv_temp(v));
}

/* Extension by 32 bits, so the template can index them by MemOp size. */
static void ext32u_i32(TCGv_i32 ret, TCGv_i32 a) { tcg_gen_mov_i32(ret, a); }
static void ext32s_i32(TCGv_i32 ret, TCGv_i32 a) { tcg_gen_mov_i32(ret, a); }
static void ext32u_i64(TCGv_i64 ret, TCGv_i64 a) { tcg_gen_ext32u_i64(ret, a); }
static void ext32s_i64(TCGv_i64 ret, TCGv_i64 a) { tcg_gen_ext32s_i64(ret, a); }

#define WS i32
#define TCGV TCGv_i32
#define TYPE TCG_TYPE_I32
#define BITS 32
#define UT uint32_t
#define IMMT int32_t
#include "tcg/tcg-op-template.h"
#undef WS
#undef TCGV
#undef TYPE
#undef BITS
#undef UT
#undef IMMT

#define WS i64
#define TCGV TCGv_i64
#define TYPE TCG_TYPE_I64
#define BITS 64
#define UT uint64_t
#define IMMT int64_t
#include "tcg/tcg-op-template.h"
#undef WS
#undef TCGV
#undef TYPE
#undef BITS
#undef UT
#undef IMMT

/* ---- Temporaries, constants, globals ----------------------------------- */

TCGv_i32 tcg_temp_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB)); }
TCGv_i64 tcg_temp_new_i64(void) { return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB)); }
TCGv_ptr tcg_temp_new_ptr(void) { return temp_tcgv_ptr(tcg_temp_new_internal(TCG_TYPE_PTR, TEMP_EBB)); }
TCGv_i32 tcg_temp_local_new_i32(void) { return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB)); }
TCGv_i64 tcg_temp_local_new_i64(void) { return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB)); }
void tcg_temp_free_i32(TCGv_i32 t) { tcg_temp_free_internal(tcgv_i32_temp(t)); }
void tcg_temp_free_i64(TCGv_i64 t) { tcg_temp_free_internal(tcgv_i64_temp(t)); }
void tcg_temp_free_ptr(TCGv_ptr t) { tcg_temp_free_internal(tcgv_ptr_temp(t)); }

TCGv_i32 tcg_constant_i32(int32_t v) { return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, v)); }
TCGv_i64 tcg_constant_i64(int64_t v) { return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, v)); }
TCGv_ptr tcg_constant_ptr(intptr_t v) { return temp_tcgv_ptr(tcg_constant_internal(TCG_TYPE_PTR, v)); }

TCGv_i32 tcg_const_i32(int32_t v)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_movi_i32(t, v);
    return t;
}

TCGv_i64 tcg_const_i64(int64_t v)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, v);
    return t;
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name)
{
    return temp_tcgv_i32(tcg_global_mem_new_internal(TCG_TYPE_I32, base, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name)
{
    return temp_tcgv_i64(tcg_global_mem_new_internal(TCG_TYPE_I64, base, offset, name));
}

TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name)
{
    return temp_tcgv_ptr(tcg_global_mem_new_internal(TCG_TYPE_PTR, base, offset, name));
}

/* ---- Labels and control flow ------------------------------------------- */

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l = tcg_malloc(s, sizeof(*l));
    *l = (TCGLabel){ .id = s->nb_labels++ };
    return l;
}

void gen_set_label(TCGLabel *l)
{
    l->present = true;
    GEN_OP(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    l->refs++;
    GEN_OP(INDEX_op_br, label_arg(l));
}

void tcg_gen_insn_start(uint64_t pc, uint64_t extra1, uint64_t extra2)
{
    tcg_ctx->nb_insns++;
    GEN_OP(INDEX_op_insn_start, pc, extra1, extra2);
}

void tcg_gen_goto_tb(unsigned n)
{
    GEN_OP(INDEX_op_goto_tb, n);
}

void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned n)
{
    GEN_OP(INDEX_op_exit_tb, tb ? (uintptr_t)tb | n : 0);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    /* Reads the pc global, so globals are synced before it; writes none. */
    static TCGHelperInfo info = {
        .name = "lookup_tb_ptr", .flags = TCG_CALL_NO_WG_SE, .nargs = 1,
        .ret = TCG_CALL_TYPE_PTR, .args = { TCG_CALL_TYPE_PTR },
    };
    TCGv_ptr ptr = tcg_temp_new_ptr();
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };

    info.func = (void *)tcg_lookup_tb_ptr_fn;
    tcg_gen_callN(&info, tcgv_ptr_temp(ptr), args);
    GEN_OP(INDEX_op_goto_ptr, tv(ptr));
    tcg_temp_free_ptr(ptr);
}

void tcg_gen_mb(TCGBar type)
{
    GEN_OP(INDEX_op_mb, type);
}

/* ---- 64-bit only ------------------------------------------------------- */

void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a) { GEN_OP(INDEX_op_ext32s_i64, tv(ret), tv(a)); }
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a) { GEN_OP(INDEX_op_ext32u_i64, tv(ret), tv(a)); }
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a) { GEN_OP(INDEX_op_bswap64_i64, tv(ret), tv(a)); }

void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs)
{
    GEN_OP(INDEX_op_ld32u_i64, tv(ret), tv(base), (TCGArg)ofs);
}

void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs)
{
    GEN_OP(INDEX_op_ld32s_i64, tv(ret), tv(base), (TCGArg)ofs);
}

void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs)
{
    GEN_OP(INDEX_op_st32_i64, tv(val), tv(base), (TCGArg)ofs);
}

/* ---- Between widths ---------------------------------------------------- */

void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a) { GEN_OP(INDEX_op_extrl_i64_i32, tv(ret), tv(a)); }
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a) { GEN_OP(INDEX_op_extrh_i64_i32, tv(ret), tv(a)); }
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a) { GEN_OP(INDEX_op_extu_i32_i64, tv(ret), tv(a)); }
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a) { GEN_OP(INDEX_op_ext_i32_i64, tv(ret), tv(a)); }

void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi)
{
    TCGv_i64 l = tcg_temp_new_i64(), h = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(l, lo);
    tcg_gen_extu_i32_i64(h, hi);
    tcg_gen_deposit_i64(ret, l, h, 32, 32);
    tcg_temp_free_i64(l);
    tcg_temp_free_i64(h);
}

void tcg_gen_concat32_i64(TCGv_i64 ret, TCGv_i64 lo, TCGv_i64 hi)
{
    tcg_gen_deposit_i64(ret, lo, hi, 32, 32);
}

void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a)
{
    tcg_gen_extrl_i64_i32(lo, a);
    tcg_gen_extrh_i64_i32(hi, a);
}

/* ---- Host pointers (64-bit values) ------------------------------------- */

static TCGv_i64 ptr_i64(TCGv_ptr p) { return (TCGv_i64)(void *)p; }

void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr a) { tcg_gen_mov_i64(ptr_i64(ret), ptr_i64(a)); }
void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b)
{
    tcg_gen_add_i64(ptr_i64(ret), ptr_i64(a), ptr_i64(b));
}
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b)
{
    tcg_gen_addi_i64(ptr_i64(ret), ptr_i64(a), b);
}
void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a) { tcg_gen_ext_i32_i64(ptr_i64(ret), a); }
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs) { tcg_gen_ld_i64(ptr_i64(ret), base, ofs); }
void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t ofs) { tcg_gen_st_i64(ptr_i64(val), base, ofs); }

/* ---- Guest memory ------------------------------------------------------ */

void tcg_gen_qemu_ld_i32_a32(TCGv_i32 val, TCGv_i32 addr, unsigned idx, MemOp op)
{
    gen_qemu_ld_i32(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_ld_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned idx, MemOp op)
{
    gen_qemu_ld_i32(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_st_i32_a32(TCGv_i32 val, TCGv_i32 addr, unsigned idx, MemOp op)
{
    gen_qemu_st_i32(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_st_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned idx, MemOp op)
{
    gen_qemu_st_i32(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_ld_i64_a32(TCGv_i64 val, TCGv_i32 addr, unsigned idx, MemOp op)
{
    gen_qemu_ld_i64(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_ld_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned idx, MemOp op)
{
    gen_qemu_ld_i64(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_st_i64_a32(TCGv_i64 val, TCGv_i32 addr, unsigned idx, MemOp op)
{
    gen_qemu_st_i64(val, tcgv_temp(addr), idx, op);
}
void tcg_gen_qemu_st_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned idx, MemOp op)
{
    gen_qemu_st_i64(val, tcgv_temp(addr), idx, op);
}

void tcg_gen_atomic_xchg_i32_a32(TCGv_i32 ret, TCGv_i32 addr, TCGv_i32 newv, unsigned idx,
                                 MemOp op)
{
    gen_atomic_xchg_i32(ret, tcgv_temp(addr), newv, idx, op);
}
void tcg_gen_atomic_xchg_i32_a64(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 newv, unsigned idx,
                                 MemOp op)
{
    gen_atomic_xchg_i32(ret, tcgv_temp(addr), newv, idx, op);
}
void tcg_gen_atomic_cmpxchg_i32_a32(TCGv_i32 ret, TCGv_i32 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                    unsigned idx, MemOp op)
{
    gen_atomic_cmpxchg_i32(ret, tcgv_temp(addr), cmpv, newv, idx, op);
}
void tcg_gen_atomic_cmpxchg_i32_a64(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                    unsigned idx, MemOp op)
{
    gen_atomic_cmpxchg_i32(ret, tcgv_temp(addr), cmpv, newv, idx, op);
}
void tcg_gen_atomic_cmpxchg_i64_a64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmpv, TCGv_i64 newv,
                                    unsigned idx, MemOp op)
{
    gen_atomic_cmpxchg_i64(ret, tcgv_temp(addr), cmpv, newv, idx, op);
}

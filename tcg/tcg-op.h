/*
 * The front-end API: what a target's translator calls to emit IR.
 *
 * The names and meanings follow QEMU's TCG front-end API (tcg_gen_add_i32
 * and friends), which translator writers know. Operations the IR has no op
 * for (or the backend lacks) are expanded here into simpler ops, so a front
 * end never asks what the host can do.
 *
 * Temporaries: tcg_temp_new_* values live until the end of the basic block
 * (they do not survive a label or a branch); tcg_temp_local_new_* live for
 * the whole block (TB); tcg_constant_* are shared read-only constants;
 * globals (tcg_global_mem_new_*) are fields of the CPU state, kept in host
 * registers across the TB and written back where an op needs them.
 * tcg_temp_free_* is a hint that lets the slot be reused.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/memop.h"

typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;
typedef struct TCGLabel TCGLabel;
typedef struct TranslationBlock TranslationBlock;

/* Conditions: bit 0 inverts, as in QEMU, so tcg_invert_cond is an xor. */
typedef enum TCGCond {
    TCG_COND_NEVER = 0 | 0 | 0 | 0,
    TCG_COND_ALWAYS = 0 | 0 | 0 | 1,
    TCG_COND_EQ = 8 | 0 | 0 | 0,
    TCG_COND_NE = 8 | 0 | 0 | 1,
    TCG_COND_LT = 0 | 0 | 2 | 0,
    TCG_COND_GE = 0 | 0 | 2 | 1,
    TCG_COND_LE = 8 | 0 | 2 | 0,
    TCG_COND_GT = 8 | 0 | 2 | 1,
    TCG_COND_LTU = 0 | 4 | 0 | 0,
    TCG_COND_GEU = 0 | 4 | 0 | 1,
    TCG_COND_LEU = 8 | 4 | 0 | 0,
    TCG_COND_GTU = 8 | 4 | 0 | 1,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
static inline TCGCond tcg_swap_cond(TCGCond c) { return c & 6 ? (TCGCond)(c ^ 9) : c; }
static inline TCGCond tcg_unsigned_cond(TCGCond c) { return c & 2 ? (TCGCond)(c ^ 6) : c; }
static inline bool is_unsigned_cond(TCGCond c) { return (c & 4) != 0; }

/* Barrier kinds for tcg_gen_mb. */
typedef enum TCGBar {
    TCG_MO_LD_LD = 0x01,
    TCG_MO_ST_LD = 0x02,
    TCG_MO_LD_ST = 0x04,
    TCG_MO_ST_ST = 0x08,
    TCG_MO_ALL = 0x0f,
    TCG_BAR_SC = 0x30,
} TCGBar;

/* The env pointer: the target's CPU state, base of every global. */
extern TCGv_ptr tcg_env;

/* Temporaries, constants, globals */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
TCGv_i32 tcg_temp_local_new_i32(void);
TCGv_i64 tcg_temp_local_new_i64(void);
void tcg_temp_free_i32(TCGv_i32 t);
void tcg_temp_free_i64(TCGv_i64 t);
void tcg_temp_free_ptr(TCGv_ptr t);
TCGv_i32 tcg_constant_i32(int32_t v);
TCGv_i64 tcg_constant_i64(int64_t v);
TCGv_ptr tcg_constant_ptr(intptr_t v);
TCGv_i32 tcg_const_i32(int32_t v);      /* a new writable temp holding v */
TCGv_i64 tcg_const_i64(int64_t v);
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t offset, const char *name);
TCGv_ptr tcg_global_mem_new_ptr(TCGv_ptr base, intptr_t offset, const char *name);

/* Labels and control flow inside the block */
TCGLabel *gen_new_label(void);
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
void tcg_gen_brcond_i32(TCGCond cond, TCGv_i32 a, TCGv_i32 b, TCGLabel *l);
void tcg_gen_brcondi_i32(TCGCond cond, TCGv_i32 a, int32_t b, TCGLabel *l);
void tcg_gen_brcond_i64(TCGCond cond, TCGv_i64 a, TCGv_i64 b, TCGLabel *l);
void tcg_gen_brcondi_i64(TCGCond cond, TCGv_i64 a, int64_t b, TCGLabel *l);

/* Leaving the block */
/* Guest instruction boundary: pc plus up to two target words (SPARC: npc). */
void tcg_gen_insn_start(uint64_t pc, uint64_t extra1, uint64_t extra2);
/* Direct jump slot n (0 or 1), chained to the next block later. */
void tcg_gen_goto_tb(unsigned n);
/* Returns to the exec loop; tb/n name the slot taken (NULL: none). */
void tcg_gen_exit_tb(const TranslationBlock *tb, unsigned n);
/* Looks up the block at the CPU's current pc and jumps there, or exits. */
void tcg_gen_lookup_and_goto_ptr(void);
void tcg_gen_mb(TCGBar type);

/* Moves, and loads/stores relative to a host pointer (the CPU state) */
#define TCG_OPS_BOTH(T, S)                                                              \
    void tcg_gen_mov_##S(T ret, T a);                                                   \
    void tcg_gen_movi_##S(T ret, int64_t v);                                            \
    void tcg_gen_add_##S(T ret, T a, T b);                                              \
    void tcg_gen_addi_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_sub_##S(T ret, T a, T b);                                              \
    void tcg_gen_subi_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_subfi_##S(T ret, int64_t a, T b);                                      \
    void tcg_gen_neg_##S(T ret, T a);                                                   \
    void tcg_gen_mul_##S(T ret, T a, T b);                                              \
    void tcg_gen_muli_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_div_##S(T ret, T a, T b);  /* signed; the front end avoids /0 */      \
    void tcg_gen_rem_##S(T ret, T a, T b);                                              \
    void tcg_gen_divu_##S(T ret, T a, T b);                                             \
    void tcg_gen_remu_##S(T ret, T a, T b);                                             \
    void tcg_gen_and_##S(T ret, T a, T b);                                              \
    void tcg_gen_andi_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_or_##S(T ret, T a, T b);                                               \
    void tcg_gen_ori_##S(T ret, T a, int64_t b);                                        \
    void tcg_gen_xor_##S(T ret, T a, T b);                                              \
    void tcg_gen_xori_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_andc_##S(T ret, T a, T b);                                             \
    void tcg_gen_orc_##S(T ret, T a, T b);                                              \
    void tcg_gen_eqv_##S(T ret, T a, T b);                                              \
    void tcg_gen_nand_##S(T ret, T a, T b);                                             \
    void tcg_gen_nor_##S(T ret, T a, T b);                                              \
    void tcg_gen_not_##S(T ret, T a);                                                   \
    void tcg_gen_shl_##S(T ret, T a, T b);  /* count taken modulo the width */         \
    void tcg_gen_shli_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_shr_##S(T ret, T a, T b);                                              \
    void tcg_gen_shri_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_sar_##S(T ret, T a, T b);                                              \
    void tcg_gen_sari_##S(T ret, T a, int64_t b);                                       \
    void tcg_gen_rotl_##S(T ret, T a, T b);                                             \
    void tcg_gen_rotli_##S(T ret, T a, int64_t b);                                      \
    void tcg_gen_rotr_##S(T ret, T a, T b);                                             \
    void tcg_gen_rotri_##S(T ret, T a, int64_t b);                                      \
    void tcg_gen_deposit_##S(T ret, T a, T b, unsigned ofs, unsigned len);              \
    void tcg_gen_deposit_z_##S(T ret, T b, unsigned ofs, unsigned len);                 \
    void tcg_gen_extract_##S(T ret, T a, unsigned ofs, unsigned len);                   \
    void tcg_gen_sextract_##S(T ret, T a, unsigned ofs, unsigned len);                  \
    void tcg_gen_extract2_##S(T ret, T lo, T hi, unsigned ofs);                         \
    void tcg_gen_ext8s_##S(T ret, T a);                                                 \
    void tcg_gen_ext8u_##S(T ret, T a);                                                 \
    void tcg_gen_ext16s_##S(T ret, T a);                                                \
    void tcg_gen_ext16u_##S(T ret, T a);                                                \
    void tcg_gen_bswap16_##S(T ret, T a);   /* swaps the low 16 bits, zero-extends */   \
    void tcg_gen_bswap32_##S(T ret, T a);   /* swaps the low 32 bits, zero-extends */   \
    void tcg_gen_clz_##S(T ret, T a, T zero_val);                                       \
    void tcg_gen_clzi_##S(T ret, T a, int64_t zero_val);                                \
    void tcg_gen_ctz_##S(T ret, T a, T zero_val);                                       \
    void tcg_gen_ctzi_##S(T ret, T a, int64_t zero_val);                                \
    void tcg_gen_ctpop_##S(T ret, T a);                                                 \
    void tcg_gen_setcond_##S(TCGCond cond, T ret, T a, T b);                            \
    void tcg_gen_setcondi_##S(TCGCond cond, T ret, T a, int64_t b);                     \
    void tcg_gen_movcond_##S(TCGCond cond, T ret, T c1, T c2, T v1, T v2);              \
    void tcg_gen_add2_##S(T rl, T rh, T al, T ah, T bl, T bh);                          \
    void tcg_gen_sub2_##S(T rl, T rh, T al, T ah, T bl, T bh);                          \
    void tcg_gen_mulu2_##S(T rl, T rh, T a, T b);                                       \
    void tcg_gen_muls2_##S(T rl, T rh, T a, T b);                                       \
    void tcg_gen_mulsu2_##S(T rl, T rh, T a, T b);                                      \
    void tcg_gen_smin_##S(T ret, T a, T b);                                             \
    void tcg_gen_smax_##S(T ret, T a, T b);                                             \
    void tcg_gen_umin_##S(T ret, T a, T b);                                             \
    void tcg_gen_umax_##S(T ret, T a, T b);                                             \
    void tcg_gen_abs_##S(T ret, T a);                                                   \
    void tcg_gen_ld8u_##S(T ret, TCGv_ptr base, intptr_t ofs);                          \
    void tcg_gen_ld8s_##S(T ret, TCGv_ptr base, intptr_t ofs);                          \
    void tcg_gen_ld16u_##S(T ret, TCGv_ptr base, intptr_t ofs);                         \
    void tcg_gen_ld16s_##S(T ret, TCGv_ptr base, intptr_t ofs);                         \
    void tcg_gen_ld_##S(T ret, TCGv_ptr base, intptr_t ofs);                            \
    void tcg_gen_st8_##S(T val, TCGv_ptr base, intptr_t ofs);                           \
    void tcg_gen_st16_##S(T val, TCGv_ptr base, intptr_t ofs);                          \
    void tcg_gen_st_##S(T val, TCGv_ptr base, intptr_t ofs);                            \
    void tcg_gen_discard_##S(T a);

TCG_OPS_BOTH(TCGv_i32, i32)
TCG_OPS_BOTH(TCGv_i64, i64)
#undef TCG_OPS_BOTH

/* 64-bit only */
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);

/* Between widths */
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);   /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);   /* high half */
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);
void tcg_gen_concat_i32_i64(TCGv_i64 ret, TCGv_i32 lo, TCGv_i32 hi);
void tcg_gen_concat32_i64(TCGv_i64 ret, TCGv_i64 lo, TCGv_i64 hi);
void tcg_gen_extr_i64_i32(TCGv_i32 lo, TCGv_i32 hi, TCGv_i64 a);

/* Host pointers */
void tcg_gen_mov_ptr(TCGv_ptr ret, TCGv_ptr a);
void tcg_gen_add_ptr(TCGv_ptr ret, TCGv_ptr a, TCGv_ptr b);
void tcg_gen_addi_ptr(TCGv_ptr ret, TCGv_ptr a, intptr_t b);
void tcg_gen_ext_i32_ptr(TCGv_ptr ret, TCGv_i32 a);
void tcg_gen_ld_ptr(TCGv_ptr ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st_ptr(TCGv_ptr val, TCGv_ptr base, intptr_t ofs);

/*
 * Guest memory through the soft TLB. The address is a 32-bit temp for
 * 32-bit guests and a 64-bit temp for 64-bit ones; a fault or MMIO is
 * handled by the slow path, which may raise a guest exception.
 */
void tcg_gen_qemu_ld_i32_a32(TCGv_i32 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i32_a32(TCGv_i32 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i32_a64(TCGv_i32 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i64_a32(TCGv_i64 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_ld_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i64_a32(TCGv_i64 val, TCGv_i32 addr, unsigned mmu_idx, MemOp op);
void tcg_gen_qemu_st_i64_a64(TCGv_i64 val, TCGv_i64 addr, unsigned mmu_idx, MemOp op);
/* Atomic exchange: ret = old value; memory = newv (SPARC swap, ldstub). */
void tcg_gen_atomic_xchg_i32_a32(TCGv_i32 ret, TCGv_i32 addr, TCGv_i32 newv, unsigned mmu_idx,
                                 MemOp op);
void tcg_gen_atomic_xchg_i32_a64(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 newv, unsigned mmu_idx,
                                 MemOp op);
/* Compare and swap: ret = old; memory = newv if old == cmpv. */
void tcg_gen_atomic_cmpxchg_i32_a32(TCGv_i32 ret, TCGv_i32 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                    unsigned mmu_idx, MemOp op);
void tcg_gen_atomic_cmpxchg_i32_a64(TCGv_i32 ret, TCGv_i64 addr, TCGv_i32 cmpv, TCGv_i32 newv,
                                    unsigned mmu_idx, MemOp op);
void tcg_gen_atomic_cmpxchg_i64_a64(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 cmpv, TCGv_i64 newv,
                                    unsigned mmu_idx, MemOp op);

#define TCG_ADDR_DISPATCH(name, addr)                                 \
    _Generic((addr), TCGv_i32: name##_a32, TCGv_i64: name##_a64)
#define tcg_gen_qemu_ld_i32(v, a, idx, op) TCG_ADDR_DISPATCH(tcg_gen_qemu_ld_i32, a)(v, a, idx, op)
#define tcg_gen_qemu_st_i32(v, a, idx, op) TCG_ADDR_DISPATCH(tcg_gen_qemu_st_i32, a)(v, a, idx, op)
#define tcg_gen_qemu_ld_i64(v, a, idx, op) TCG_ADDR_DISPATCH(tcg_gen_qemu_ld_i64, a)(v, a, idx, op)
#define tcg_gen_qemu_st_i64(v, a, idx, op) TCG_ADDR_DISPATCH(tcg_gen_qemu_st_i64, a)(v, a, idx, op)
#define tcg_gen_atomic_xchg_i32(r, a, n, idx, op) \
    TCG_ADDR_DISPATCH(tcg_gen_atomic_xchg_i32, a)(r, a, n, idx, op)
#define tcg_gen_atomic_cmpxchg_i32(r, a, c, n, idx, op) \
    TCG_ADDR_DISPATCH(tcg_gen_atomic_cmpxchg_i32, a)(r, a, c, n, idx, op)

#endif

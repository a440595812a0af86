/*
 * The x86-64 instruction encoder (see asm.h). Every form funnels through
 * x86_prefix (legacy prefixes, REX, escape bytes, opcode) followed by a
 * register or memory ModRM, so REX rules live in one place: REX.W for 64-bit
 * operands, REX.R/X/B for registers 8-15, and a bare REX for the byte
 * registers spl/bpl/sil/dil (SDM vol. 2, 2.2.1).
 */
#include "tcg/x86_64/asm.h"

#include <cpuid.h>
#include <glib.h>

X86Features x86_features;

void x86_detect_features(void)
{
    unsigned a, b, c, d;

    memset(&x86_features, 0, sizeof(x86_features));
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        x86_features.popcnt = (c & bit_POPCNT) != 0;
        x86_features.movbe = (c & bit_MOVBE) != 0;
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        x86_features.bmi1 = (b & bit_BMI) != 0;
        x86_features.bmi2 = (b & bit_BMI2) != 0;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
        x86_features.lzcnt = (c & bit_LZCNT) != 0;
    }
}

/* Register numbers for REX purposes: "none" and rip encode as 0. */
static inline int regbits(int r)
{
    return r < 0 ? 0 : r;
}

static void x86_prefix(X86Code *c, unsigned opc, int r, int rm, int index)
{
    unsigned rex = 0;

    r = regbits(r);
    rm = regbits(rm);
    index = regbits(index);
    if (opc & P_LOCK) {
        x86_byte(c, 0xf0);
    }
    if (opc & P_66) {
        x86_byte(c, 0x66);
    }
    if (opc & P_F3) {
        x86_byte(c, 0xf3);
    } else if (opc & P_F2) {
        x86_byte(c, 0xf2);
    }
    if (opc & P_REXW) {
        rex |= 8;
    }
    rex |= (r & 8) >> 1 | (index & 8) >> 2 | (rm & 8) >> 3;
    /* Without a REX, byte registers 4-7 are ah/ch/dh/bh. */
    if (((opc & P_BYTE_R) && r >= 4) || ((opc & P_BYTE_RM) && rm >= 4)) {
        rex |= 0x40;
    }
    if (rex) {
        x86_byte(c, 0x40 | rex);
    }
    if (opc & (P_0F | P_0F38 | P_0F3A)) {
        x86_byte(c, 0x0f);
        if (opc & P_0F38) {
            x86_byte(c, 0x38);
        } else if (opc & P_0F3A) {
            x86_byte(c, 0x3a);
        }
    }
    x86_byte(c, opc & 0xff);
}

void x86_op_rr(X86Code *c, unsigned opc, int r, int rm)
{
    x86_prefix(c, opc, r, rm, X86_NOREG);
    x86_byte(c, 0xc0 | (r & 7) << 3 | (rm & 7));
}

void x86_op_rm(X86Code *c, unsigned opc, int r, int base, int index, int shift, intptr_t disp)
{
    int mod;

    g_assert(x86_fits_s32(disp) && base != X86_RIP);
    x86_prefix(c, opc, r, base, index);
    if (base == X86_NOREG) {
        /* [index*scale + disp32], or absolute disp32 with no index (SIB 0x25). */
        x86_byte(c, 0x04 | (r & 7) << 3);
        x86_byte(c, shift << 6 | (index < 0 ? 4 : index & 7) << 3 | 5);
        x86_u32(c, disp);
        return;
    }
    /* rbp/r13 as a base have no mod=0 form: that encoding means rip/disp32. */
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0;
    } else if (x86_fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index < 0 && (base & 7) != X86_RSP) {
        x86_byte(c, mod | (r & 7) << 3 | (base & 7));
    } else {
        /* rsp/r12 as a base need a SIB; index 4 in the SIB means none. */
        x86_byte(c, mod | (r & 7) << 3 | 4);
        x86_byte(c, shift << 6 | (index < 0 ? 4 : index & 7) << 3 | (base & 7));
    }
    if (mod == 0x40) {
        x86_byte(c, disp);
    } else if (mod == 0x80) {
        x86_u32(c, disp);
    }
}

void x86_op_rm_rip(X86Code *c, unsigned opc, int r, const void *target, int imm_bytes)
{
    intptr_t disp;

    x86_prefix(c, opc, r, 0, X86_NOREG);
    x86_byte(c, 0x05 | (r & 7) << 3);
    disp = (intptr_t)target - (intptr_t)(c->ptr + 4 + imm_bytes);
    g_assert(x86_fits_s32(disp));
    x86_u32(c, disp);
}

void x86_op_vex_rr(X86Code *c, unsigned opc, int r, int v, int rm)
{
    unsigned mmmmm = opc & P_0F38 ? 2 : opc & P_0F3A ? 3 : 1;
    unsigned pp = opc & P_66 ? 1 : opc & P_F3 ? 2 : opc & P_F2 ? 3 : 0;
    unsigned tail = (~v & 15) << 3 | pp;  /* vvvv inverted, L=0 */

    /* R, X, B are stored inverted. The two-byte form has no B, X, W or map. */
    if (rm < 8 && mmmmm == 1 && !(opc & P_REXW)) {
        x86_byte(c, 0xc5);
        x86_byte(c, (r < 8 ? 0x80 : 0) | tail);
    } else {
        x86_byte(c, 0xc4);
        x86_byte(c, (r < 8 ? 0x80 : 0) | 0x40 | (rm < 8 ? 0x20 : 0) | mmmmm);
        x86_byte(c, (opc & P_REXW ? 0x80 : 0) | tail);
    }
    x86_byte(c, opc & 0xff);
    x86_byte(c, 0xc0 | (r & 7) << 3 | (rm & 7));
}

/* Data movement */

void x86_mov_rr(X86Code *c, bool is64, int dst, int src)
{
    if (dst != src) {
        x86_op_rr(c, 0x8b | x86_rexw(is64), dst, src);
    }
}

void x86_movi(X86Code *c, int dst, uint64_t v, bool keep_flags)
{
    if (v == 0 && !keep_flags) {
        x86_arith_rr(c, X86_XOR, false, dst, dst);
    } else if (x86_fits_u32(v)) {
        /* mov r32, imm32 zero-extends */
        x86_prefix(c, 0xb8 + (dst & 7), 0, dst, X86_NOREG);
        x86_u32(c, v);
    } else if (x86_fits_s32(v)) {
        x86_op_rr(c, 0xc7 | P_REXW, 0, dst);
        x86_u32(c, v);
    } else {
        x86_prefix(c, (0xb8 + (dst & 7)) | P_REXW, 0, dst, X86_NOREG);
        x86_u64(c, v);
    }
}

void x86_load(X86Code *c, X86Size size, bool sign, bool to64, int dst, int base, intptr_t ofs)
{
    static const unsigned zx[4] = { P_0F | 0xb6, P_0F | 0xb7, 0x8b, P_REXW | 0x8b };
    static const unsigned sx[4] = { P_0F | 0xbe, P_0F | 0xbf, 0x63, P_REXW | 0x8b };
    unsigned opc;

    if (sign) {
        opc = sx[size] | x86_rexw(to64);
        if (size == X86_S32 && !to64) {
            opc = 0x8b;
        }
    } else {
        opc = zx[size];
    }
    x86_op_rm(c, opc, dst, base, X86_NOREG, 0, ofs);
}

static const unsigned x86_store_opc[4] = { P_BYTE_R | 0x88, P_66 | 0x89, 0x89, P_REXW | 0x89 };

void x86_store(X86Code *c, X86Size size, int src, int base, intptr_t ofs)
{
    x86_op_rm(c, x86_store_opc[size], src, base, X86_NOREG, 0, ofs);
}

void x86_store_imm(X86Code *c, X86Size size, int32_t v, int base, intptr_t ofs)
{
    static const unsigned opc[4] = { 0xc6, P_66 | 0xc7, 0xc7, P_REXW | 0xc7 };

    x86_op_rm(c, opc[size], 0, base, X86_NOREG, 0, ofs);
    if (size == X86_S8) {
        x86_byte(c, v);
    } else if (size == X86_S16) {
        x86_u16(c, v);
    } else {
        x86_u32(c, v);
    }
}

void x86_lea(X86Code *c, bool is64, int dst, int base, int index, int shift, intptr_t disp)
{
    x86_op_rm(c, 0x8d | x86_rexw(is64), dst, base, index, shift, disp);
}

void x86_movzx(X86Code *c, X86Size from, int dst, int src)
{
    static const unsigned opc[3] = { P_0F | P_BYTE_RM | 0xb6, P_0F | 0xb7, 0x8b };

    x86_op_rr(c, opc[from], dst, src);
}

void x86_movsx(X86Code *c, X86Size from, bool to64, int dst, int src)
{
    static const unsigned opc[3] = { P_0F | P_BYTE_RM | 0xbe, P_0F | 0xbf, P_REXW | 0x63 };

    x86_op_rr(c, opc[from] | x86_rexw(to64), dst, src);
}

void x86_cmov(X86Code *c, X86Cond cc, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_0F | (0x40 + cc)) | x86_rexw(is64), dst, src);
}

void x86_setcc(X86Code *c, X86Cond cc, int dst)
{
    x86_op_rr(c, P_0F | P_BYTE_RM | (0x90 + cc), 0, dst);
}

void x86_xchg(X86Code *c, bool is64, int a, int b)
{
    x86_op_rr(c, 0x87 | x86_rexw(is64), a, b);
}

void x86_push(X86Code *c, int r)
{
    x86_prefix(c, 0x50 + (r & 7), 0, r, X86_NOREG);
}

void x86_pop(X86Code *c, int r)
{
    x86_prefix(c, 0x58 + (r & 7), 0, r, X86_NOREG);
}

/* Arithmetic and logic */

void x86_arith_rr(X86Code *c, X86Arith op, bool is64, int dst, int src)
{
    x86_op_rr(c, (op << 3 | 3) | x86_rexw(is64), dst, src);
}

void x86_arith_ri(X86Code *c, X86Arith op, bool is64, int dst, int32_t imm)
{
    if (x86_fits_s8(imm)) {
        x86_op_rr(c, 0x83 | x86_rexw(is64), op, dst);
        x86_byte(c, imm);
    } else if (dst == X86_RAX) {
        /* the short accumulator form saves the ModRM byte */
        x86_prefix(c, (op << 3 | 5) | x86_rexw(is64), 0, 0, X86_NOREG);
        x86_u32(c, imm);
    } else {
        x86_op_rr(c, 0x81 | x86_rexw(is64), op, dst);
        x86_u32(c, imm);
    }
}

void x86_test_rr(X86Code *c, bool is64, int a, int b)
{
    x86_op_rr(c, 0x85 | x86_rexw(is64), b, a);
}

void x86_test_ri(X86Code *c, bool is64, int a, int32_t imm)
{
    /* test r8, imm8 gives the same ZF and SF when bit 7 is clear in imm. */
    if (imm >= 0 && imm <= 0x7f) {
        x86_op_rr(c, P_BYTE_RM | 0xf6, 0, a);
        x86_byte(c, imm);
    } else if (a == X86_RAX) {
        x86_prefix(c, 0xa9 | x86_rexw(is64), 0, 0, X86_NOREG);
        x86_u32(c, imm);
    } else {
        x86_op_rr(c, 0xf7 | x86_rexw(is64), 0, a);
        x86_u32(c, imm);
    }
}

void x86_unary(X86Code *c, X86Unary op, bool is64, int r)
{
    x86_op_rr(c, 0xf7 | x86_rexw(is64), op, r);
}

void x86_incdec(X86Code *c, bool dec, bool is64, int r)
{
    x86_op_rr(c, 0xff | x86_rexw(is64), dec, r);
}

void x86_imul_rr(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_0F | 0xaf) | x86_rexw(is64), dst, src);
}

void x86_imul_ri(X86Code *c, bool is64, int dst, int src, int32_t imm)
{
    if (x86_fits_s8(imm)) {
        x86_op_rr(c, 0x6b | x86_rexw(is64), dst, src);
        x86_byte(c, imm);
    } else {
        x86_op_rr(c, 0x69 | x86_rexw(is64), dst, src);
        x86_u32(c, imm);
    }
}

void x86_cdq(X86Code *c, bool is64)
{
    x86_prefix(c, 0x99 | x86_rexw(is64), 0, 0, X86_NOREG);
}

void x86_shift_cl(X86Code *c, X86Shift op, bool is64, int r)
{
    x86_op_rr(c, 0xd3 | x86_rexw(is64), op, r);
}

void x86_shift_ri(X86Code *c, X86Shift op, bool is64, int r, unsigned count)
{
    if (count == 1) {
        x86_op_rr(c, 0xd1 | x86_rexw(is64), op, r);
    } else {
        x86_op_rr(c, 0xc1 | x86_rexw(is64), op, r);
        x86_byte(c, count);
    }
}

void x86_shxd_ri(X86Code *c, bool right, bool is64, int dst, int src, unsigned count)
{
    x86_op_rr(c, (P_0F | (right ? 0xac : 0xa4)) | x86_rexw(is64), src, dst);
    x86_byte(c, count);
}

void x86_shxd_cl(X86Code *c, bool right, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_0F | (right ? 0xad : 0xa5)) | x86_rexw(is64), src, dst);
}

void x86_shiftx(X86Code *c, X86Shift op, bool is64, int dst, int src, int cnt)
{
    /* VEX.LZ.{66: shlx, F2: shrx, F3: sarx}.0F38 F7 /r */
    unsigned pp = op == X86_SHL ? P_66 : op == X86_SHR ? P_F2 : P_F3;

    g_assert(op == X86_SHL || op == X86_SHR || op == X86_SAR);
    x86_op_vex_rr(c, (P_VEX | P_0F38 | 0xf7 | pp) | x86_rexw(is64), dst, cnt, src);
}

void x86_rorx(X86Code *c, bool is64, int dst, int src, unsigned count)
{
    x86_op_vex_rr(c, (P_VEX | P_0F3A | P_F2 | 0xf0) | x86_rexw(is64), dst, 0, src);
    x86_byte(c, count);
}

void x86_andn(X86Code *c, bool is64, int dst, int a, int b)
{
    x86_op_vex_rr(c, (P_VEX | P_0F38 | 0xf2) | x86_rexw(is64), dst, a, b);
}

void x86_bswap(X86Code *c, bool is64, int r)
{
    x86_prefix(c, (P_0F | (0xc8 + (r & 7))) | x86_rexw(is64), 0, r, X86_NOREG);
}

void x86_rol16_8(X86Code *c, int r)
{
    x86_op_rr(c, P_66 | 0xc1, X86_ROL, r);
    x86_byte(c, 8);
}

static const unsigned x86_size_prefix[4] = { 0, P_66, 0, P_REXW };

void x86_movbe_load(X86Code *c, X86Size size, int dst, int base, intptr_t ofs)
{
    g_assert(size != X86_S8);
    x86_op_rm(c, P_0F38 | 0xf0 | x86_size_prefix[size], dst, base, X86_NOREG, 0, ofs);
}

void x86_movbe_store(X86Code *c, X86Size size, int src, int base, intptr_t ofs)
{
    g_assert(size != X86_S8);
    x86_op_rm(c, P_0F38 | 0xf1 | x86_size_prefix[size], src, base, X86_NOREG, 0, ofs);
}

void x86_popcnt(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_F3 | P_0F | 0xb8) | x86_rexw(is64), dst, src);
}

void x86_lzcnt(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_F3 | P_0F | 0xbd) | x86_rexw(is64), dst, src);
}

void x86_tzcnt(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_F3 | P_0F | 0xbc) | x86_rexw(is64), dst, src);
}

void x86_bsr(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_0F | 0xbd) | x86_rexw(is64), dst, src);
}

void x86_bsf(X86Code *c, bool is64, int dst, int src)
{
    x86_op_rr(c, (P_0F | 0xbc) | x86_rexw(is64), dst, src);
}

void x86_bt_ri(X86Code *c, bool is64, int r, unsigned bit)
{
    x86_op_rr(c, (P_0F | 0xba) | x86_rexw(is64), 4, r);
    x86_byte(c, bit);
}

void x86_cmpxchg(X86Code *c, X86Size size, int src, int base, intptr_t ofs)
{
    unsigned opc = P_LOCK | P_0F | (size == X86_S8 ? (P_BYTE_R | 0xb0) : 0xb1);

    x86_op_rm(c, opc | x86_size_prefix[size], src, base, X86_NOREG, 0, ofs);
}

void x86_mfence(X86Code *c)
{
    x86_byte(c, 0x0f);
    x86_byte(c, 0xae);
    x86_byte(c, 0xf0);
}

/* Control flow */

static uint8_t *x86_rel32(X86Code *c, const void *target)
{
    uint8_t *disp = c->ptr;

    x86_u32(c, 0);
    if (target) {
        x86_patch_rel32(disp, target);
    }
    return disp;
}

static uint8_t *x86_rel8(X86Code *c, const void *target)
{
    uint8_t *disp = c->ptr;

    x86_byte(c, 0);
    if (target) {
        x86_patch_rel8(disp, target);
    }
    return disp;
}

uint8_t *x86_jcc32(X86Code *c, X86Cond cc, const void *target)
{
    x86_byte(c, 0x0f);
    x86_byte(c, 0x80 + cc);
    return x86_rel32(c, target);
}

uint8_t *x86_jcc8(X86Code *c, X86Cond cc, const void *target)
{
    x86_byte(c, 0x70 + cc);
    return x86_rel8(c, target);
}

uint8_t *x86_jmp32(X86Code *c, const void *target)
{
    x86_byte(c, 0xe9);
    return x86_rel32(c, target);
}

uint8_t *x86_jmp8(X86Code *c, const void *target)
{
    x86_byte(c, 0xeb);
    return x86_rel8(c, target);
}

void x86_jmp_to(X86Code *c, const void *target)
{
    if (x86_fits_s8((intptr_t)target - (intptr_t)(c->ptr + 2))) {
        x86_jmp8(c, target);
    } else {
        x86_jmp32(c, target);
    }
}

void x86_jcc_to(X86Code *c, X86Cond cc, const void *target)
{
    if (x86_fits_s8((intptr_t)target - (intptr_t)(c->ptr + 2))) {
        x86_jcc8(c, cc, target);
    } else {
        x86_jcc32(c, cc, target);
    }
}

void x86_jmp_reg(X86Code *c, int r)
{
    x86_op_rr(c, 0xff, 4, r);
}

void x86_call(X86Code *c, const void *target, int scratch)
{
    if (x86_fits_s32((intptr_t)target - (intptr_t)(c->ptr + 5))) {
        x86_byte(c, 0xe8);
        x86_rel32(c, target);
    } else {
        x86_movi(c, scratch, (uintptr_t)target, true);
        x86_call_reg(c, scratch);
    }
}

void x86_call_reg(X86Code *c, int r)
{
    x86_op_rr(c, 0xff, 2, r);
}

void x86_ret(X86Code *c)
{
    x86_byte(c, 0xc3);
}

void x86_ud2(X86Code *c)
{
    x86_byte(c, 0x0f);
    x86_byte(c, 0x0b);
}

void x86_nops(X86Code *c, unsigned n)
{
    /* The recommended multi-byte nops, 1 to 9 bytes (SDM vol. 2, NOP). */
    static const uint8_t nop[9][9] = {
        { 0x90 },
        { 0x66, 0x90 },
        { 0x0f, 0x1f, 0x00 },
        { 0x0f, 0x1f, 0x40, 0x00 },
        { 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
        { 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
        { 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
    };

    while (n) {
        unsigned k = MIN(n, 9);

        memcpy(c->ptr, nop[k - 1], k);
        c->ptr += k;
        n -= k;
    }
}

void x86_patch_rel32(uint8_t *disp, const void *target)
{
    intptr_t rel = (intptr_t)target - (intptr_t)(disp + 4);
    int32_t v = rel;

    g_assert(x86_fits_s32(rel));
    memcpy(disp, &v, 4);
}

void x86_patch_rel8(uint8_t *disp, const void *target)
{
    intptr_t rel = (intptr_t)target - (intptr_t)(disp + 1);

    g_assert(x86_fits_s8(rel));
    *disp = rel;
}

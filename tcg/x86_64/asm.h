/*
 * The x86-64 instruction encoder: one function per instruction form, writing
 * bytes at a moving code pointer. It knows encodings (prefixes, REX, VEX,
 * ModRM/SIB, displacements, immediates) and nothing about the IR; the op
 * emitter (emit.c), the prologue and the slow paths build on it. Host
 * features (BMI1/2, LZCNT, POPCNT, MOVBE) are probed once with CPUID.
 * Reference: Intel SDM vol. 2, chapter 2 (instruction format) and the
 * per-instruction pages.
 */
#ifndef TCG_X86_64_ASM_H
#define TCG_X86_64_ASM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_REGS,
    X86_NOREG = -1,  /* no base or index register in a memory operand */
    X86_RIP = -2,    /* base for rip-relative addressing */
} X86Reg;

/* Condition codes (SDM vol. 1, appendix B): the low nibble of Jcc/SETcc/CMOVcc. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;

/* The /digit of the 0x81/0x83 immediate group and (op << 3) | 3 for reg forms. */
typedef enum X86Arith {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86Arith;

/* The /digit of the shift group (0xC1, 0xD1, 0xD3). */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* The /digit of group 3 (0xF7): one-operand arithmetic. */
typedef enum X86Unary {
    X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7,
} X86Unary;

/*
 * An opcode word: the opcode byte in the low 8 bits, prefixes and escapes
 * as flags above it. Each instruction form is one such constant.
 */
#define P_0F       0x100u      /* 0x0f escape */
#define P_0F38     0x200u      /* 0x0f 0x38 escape */
#define P_0F3A     0x400u      /* 0x0f 0x3a escape */
#define P_66       0x800u      /* operand-size override: 16-bit */
#define P_F3       0x1000u
#define P_F2       0x2000u
#define P_REXW     0x4000u     /* 64-bit operand */
#define P_BYTE_R   0x8000u     /* reg field is a byte register: spl..dil need a REX */
#define P_BYTE_RM  0x10000u    /* likewise for the r/m field */
#define P_VEX      0x20000u    /* VEX-encoded (BMI) */
#define P_LOCK     0x40000u

/* Operand width: the low bits of a size argument are log2(bytes). */
typedef enum X86Size { X86_S8, X86_S16, X86_S32, X86_S64 } X86Size;

/* Where code is being written. */
typedef struct X86Code {
    uint8_t *ptr;
} X86Code;

/* Host features the backend may use (detected by x86_detect_features). */
typedef struct X86Features {
    bool bmi1;    /* andn, tzcnt */
    bool bmi2;    /* shlx/shrx/sarx, rorx */
    bool lzcnt;
    bool popcnt;
    bool movbe;
} X86Features;

extern X86Features x86_features;
void x86_detect_features(void);

static inline void x86_byte(X86Code *c, uint8_t v) { *c->ptr++ = v; }
static inline void x86_u16(X86Code *c, uint16_t v) { memcpy(c->ptr, &v, 2); c->ptr += 2; }
static inline void x86_u32(X86Code *c, uint32_t v) { memcpy(c->ptr, &v, 4); c->ptr += 4; }
static inline void x86_u64(X86Code *c, uint64_t v) { memcpy(c->ptr, &v, 8); c->ptr += 8; }
static inline bool x86_fits_s8(int64_t v) { return v == (int8_t)v; }
static inline bool x86_fits_s32(int64_t v) { return v == (int32_t)v; }
static inline bool x86_fits_u32(int64_t v) { return (uint64_t)v == (uint32_t)v; }
/* P_REXW when the operation is 64-bit. */
static inline unsigned x86_rexw(bool is64) { return is64 ? P_REXW : 0; }

/* Generic forms: opcode word with ModRM naming registers r and rm. */
void x86_op_rr(X86Code *c, unsigned opc, int r, int rm);
/* Opcode with a memory operand [base + index << shift + disp] (base X86_RIP: disp is an
 * absolute target; imm_bytes are the immediate bytes that will follow). */
void x86_op_rm(X86Code *c, unsigned opc, int r, int base, int index, int shift, intptr_t disp);
void x86_op_rm_rip(X86Code *c, unsigned opc, int r, const void *target, int imm_bytes);
/* VEX three-operand form: r = op(vvvv, rm) (BMI instructions). */
void x86_op_vex_rr(X86Code *c, unsigned opc, int r, int v, int rm);

/* Data movement */
void x86_mov_rr(X86Code *c, bool is64, int dst, int src);
void x86_movi(X86Code *c, int dst, uint64_t v, bool keep_flags);
void x86_load(X86Code *c, X86Size size, bool sign, bool to64, int dst, int base, intptr_t ofs);
void x86_store(X86Code *c, X86Size size, int src, int base, intptr_t ofs);
void x86_store_imm(X86Code *c, X86Size size, int32_t v, int base, intptr_t ofs);
void x86_lea(X86Code *c, bool is64, int dst, int base, int index, int shift, intptr_t disp);
void x86_movzx(X86Code *c, X86Size from, int dst, int src);
void x86_movsx(X86Code *c, X86Size from, bool to64, int dst, int src);
void x86_cmov(X86Code *c, X86Cond cc, bool is64, int dst, int src);
void x86_setcc(X86Code *c, X86Cond cc, int dst);
void x86_xchg(X86Code *c, bool is64, int a, int b);
void x86_push(X86Code *c, int r);
void x86_pop(X86Code *c, int r);

/* Arithmetic and logic */
void x86_arith_rr(X86Code *c, X86Arith op, bool is64, int dst, int src);
void x86_arith_ri(X86Code *c, X86Arith op, bool is64, int dst, int32_t imm);
void x86_test_rr(X86Code *c, bool is64, int a, int b);
void x86_test_ri(X86Code *c, bool is64, int a, int32_t imm);
void x86_unary(X86Code *c, X86Unary op, bool is64, int r);
void x86_incdec(X86Code *c, bool dec, bool is64, int r);
void x86_imul_rr(X86Code *c, bool is64, int dst, int src);
void x86_imul_ri(X86Code *c, bool is64, int dst, int src, int32_t imm);
void x86_cdq(X86Code *c, bool is64);
void x86_shift_cl(X86Code *c, X86Shift op, bool is64, int r);
void x86_shift_ri(X86Code *c, X86Shift op, bool is64, int r, unsigned count);
void x86_shxd_ri(X86Code *c, bool right, bool is64, int dst, int src, unsigned count);
void x86_shxd_cl(X86Code *c, bool right, bool is64, int dst, int src);
/* BMI2: dst = src shifted by cnt (any registers). */
void x86_shiftx(X86Code *c, X86Shift op, bool is64, int dst, int src, int cnt);
void x86_rorx(X86Code *c, bool is64, int dst, int src, unsigned count);
/* BMI1: dst = ~a & b. */
void x86_andn(X86Code *c, bool is64, int dst, int a, int b);
void x86_bswap(X86Code *c, bool is64, int r);
void x86_rol16_8(X86Code *c, int r);
void x86_movbe_load(X86Code *c, X86Size size, int dst, int base, intptr_t ofs);
void x86_movbe_store(X86Code *c, X86Size size, int src, int base, intptr_t ofs);
/* F3 0F B8/BC/BD and 0F BC/BD */
void x86_popcnt(X86Code *c, bool is64, int dst, int src);
void x86_lzcnt(X86Code *c, bool is64, int dst, int src);
void x86_tzcnt(X86Code *c, bool is64, int dst, int src);
void x86_bsr(X86Code *c, bool is64, int dst, int src);
void x86_bsf(X86Code *c, bool is64, int dst, int src);
void x86_bt_ri(X86Code *c, bool is64, int r, unsigned bit);
void x86_cmpxchg(X86Code *c, X86Size size, int src, int base, intptr_t ofs);
void x86_mfence(X86Code *c);

/* Control flow. Branches to a not-yet-known target return the address of the
 * displacement to patch later with x86_patch_rel32/8. */
uint8_t *x86_jcc32(X86Code *c, X86Cond cc, const void *target);
uint8_t *x86_jcc8(X86Code *c, X86Cond cc, const void *target);
uint8_t *x86_jmp32(X86Code *c, const void *target);
uint8_t *x86_jmp8(X86Code *c, const void *target);
/* The shortest jump/jcc to an already known target. */
void x86_jmp_to(X86Code *c, const void *target);
void x86_jcc_to(X86Code *c, X86Cond cc, const void *target);
void x86_jmp_reg(X86Code *c, int r);
/* call rel32 when target is within reach, else through scratch (movabs; call *scratch). */
void x86_call(X86Code *c, const void *target, int scratch);
void x86_call_reg(X86Code *c, int r);
void x86_ret(X86Code *c);
void x86_ud2(X86Code *c);
/* n bytes of recommended multi-byte nops. */
void x86_nops(X86Code *c, unsigned n);
void x86_patch_rel32(uint8_t *disp, const void *target);
void x86_patch_rel8(uint8_t *disp, const void *target);

#endif

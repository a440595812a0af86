/*
 * The reference semantics of the IR's pure ops, in plain C: one function
 * the optimizer folds constants with and the TCI interpreter computes
 * with, so the two can never disagree. Values travel as uint64_t; a 32-bit
 * op reads the low 32 bits of its inputs and returns its results
 * zero-extended.
 */
#include "tcg/tcg.h"

#define CASE_W(name) case INDEX_op_##name##_i32: case INDEX_op_##name##_i64

static int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

bool tcg_cond_eval(TCGCond cond, uint64_t a, uint64_t b, TCGType type)
{
    unsigned bits = type == TCG_TYPE_I32 ? 32 : 64;
    uint64_t ua = a & low_mask(bits), ub = b & low_mask(bits);
    int64_t sa = sext(a, bits), sb = sext(b, bits);

    switch (cond) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    return false;
}

/* Ops whose input and output widths differ. */
static bool eval_convert(TCGOpcode opc, uint64_t *out, uint64_t in)
{
    switch (opc) {
    case INDEX_op_extrl_i64_i32: *out = (uint32_t)in; return true;
    case INDEX_op_extrh_i64_i32: *out = in >> 32; return true;
    case INDEX_op_ext_i32_i64: *out = (uint64_t)(int64_t)(int32_t)in; return true;
    case INDEX_op_extu_i32_i64: *out = (uint32_t)in; return true;
    default: return false;
    }
}

/* Double-width results of add2/sub2/mulu2/muls2 into (lo, hi). */
static bool eval_double(TCGOpcode opc, uint64_t *out, const uint64_t *in, unsigned bits)
{
    uint64_t m = low_mask(bits);
    unsigned __int128 x, y, z;

    switch (opc) {
    CASE_W(add2):
    CASE_W(sub2):
        x = ((unsigned __int128)(in[1] & m) << bits) | (in[0] & m);
        y = ((unsigned __int128)(in[3] & m) << bits) | (in[2] & m);
        z = (opc == INDEX_op_add2_i32 || opc == INDEX_op_add2_i64) ? x + y : x - y;
        break;
    CASE_W(mulu2):
        z = (unsigned __int128)(in[0] & m) * (in[1] & m);
        break;
    CASE_W(muls2):
        z = (unsigned __int128)((__int128)sext(in[0], bits) * sext(in[1], bits));
        break;
    default:
        return false;
    }
    out[0] = (uint64_t)z & m;
    out[1] = (uint64_t)(z >> bits) & m;
    return true;
}

bool tcg_op_eval(TCGOpcode opc, uint64_t *out, const uint64_t *in, const TCGArg *cargs)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    unsigned bits = def->flags & TCG_OPF_64BIT ? 64 : 32;
    TCGType type = bits == 64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    uint64_t m = low_mask(bits);
    uint64_t a = def->nb_iargs > 0 ? in[0] & m : 0;
    uint64_t b = def->nb_iargs > 1 ? in[1] & m : 0;
    int64_t sa = sext(a, bits), sb = sext(b, bits);
    unsigned n = b & (bits - 1);
    uint64_t r;

    if (def->nb_oargs == 2) {
        return eval_double(opc, out, in, bits);
    }
    if (def->nb_iargs == 1 && eval_convert(opc, out, in[0])) {
        return true;
    }
    switch (opc) {
    CASE_W(mov): r = a; break;
    CASE_W(setcond): r = tcg_cond_eval(cargs[0], a, b, type); break;
    CASE_W(movcond): r = tcg_cond_eval(cargs[0], a, b, type) ? in[2] : in[3]; break;
    CASE_W(add): r = a + b; break;
    CASE_W(sub): r = a - b; break;
    CASE_W(mul): r = a * b; break;
    CASE_W(div):
        if (b == 0) {
            return false;
        }
        /* The one overflowing quotient wraps, as two's complement hardware gives. */
        r = sb == -1 ? -a : (uint64_t)(sa / sb);
        break;
    CASE_W(rem):
        if (b == 0) {
            return false;
        }
        r = sb == -1 ? 0 : (uint64_t)(sa % sb);
        break;
    CASE_W(divu):
        if (b == 0) {
            return false;
        }
        r = a / b;
        break;
    CASE_W(remu):
        if (b == 0) {
            return false;
        }
        r = a % b;
        break;
    CASE_W(neg): r = -a; break;
    CASE_W(muluh): r = (uint64_t)(((unsigned __int128)a * b) >> bits); break;
    CASE_W(mulsh): r = (uint64_t)(((__int128)sa * sb) >> bits); break;
    CASE_W(and): r = a & b; break;
    CASE_W(or): r = a | b; break;
    CASE_W(xor): r = a ^ b; break;
    CASE_W(andc): r = a & ~b; break;
    CASE_W(orc): r = a | ~b; break;
    CASE_W(eqv): r = ~(a ^ b); break;
    CASE_W(nand): r = ~(a & b); break;
    CASE_W(nor): r = ~(a | b); break;
    CASE_W(not): r = ~a; break;
    CASE_W(shl): r = a << n; break;
    CASE_W(shr): r = a >> n; break;
    CASE_W(sar): r = (uint64_t)(sa >> n); break;
    CASE_W(rotl): r = n ? a << n | a >> (bits - n) : a; break;
    CASE_W(rotr): r = n ? a >> n | a << (bits - n) : a; break;
    CASE_W(deposit): {
        uint64_t field = low_mask(cargs[1]) << cargs[0];
        r = (a & ~field) | ((b << cargs[0]) & field);
        break;
    }
    CASE_W(extract): r = (a >> cargs[0]) & low_mask(cargs[1]); break;
    CASE_W(sextract): r = (uint64_t)sext(a >> cargs[0], cargs[1]); break;
    CASE_W(extract2): r = a >> cargs[0] | b << (bits - cargs[0]); break;
    CASE_W(ext8s): r = (uint64_t)(int8_t)a; break;
    CASE_W(ext8u): r = (uint8_t)a; break;
    CASE_W(ext16s): r = (uint64_t)(int16_t)a; break;
    CASE_W(ext16u): r = (uint16_t)a; break;
    case INDEX_op_ext32s_i64: r = (uint64_t)(int32_t)a; break;
    case INDEX_op_ext32u_i64: r = (uint32_t)a; break;
    CASE_W(bswap16): r = __builtin_bswap16((uint16_t)a); break;
    CASE_W(bswap32): r = __builtin_bswap32((uint32_t)a); break;
    case INDEX_op_bswap64_i64: r = __builtin_bswap64(a); break;
    CASE_W(clz): r = a ? (uint64_t)__builtin_clzll(a) - (64 - bits) : b; break;
    CASE_W(ctz): r = a ? (uint64_t)__builtin_ctzll(a) : b; break;
    CASE_W(ctpop): r = (uint64_t)__builtin_popcountll(a); break;
    default:
        return false;
    }
    out[0] = r & m;
    return true;
}

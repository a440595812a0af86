/*
 * The IR op table, the one place the ops are listed (an X-macro).
 *
 * The includer defines DEF(name, oargs, iargs, cargs, flags) and includes
 * this file; tcg.h builds the TCGOpcode enum (INDEX_op_NAME) and the
 * TCGOpDef table from it, and the dumper, optimizer, liveness pass and both
 * backends read that table. An op's args[] hold, in order, its oargs
 * outputs, its iargs inputs (TCGTemp *), then its cargs constant words.
 * Ops with a width come in _i32 and _i64 flavours (TCG_OPF_64BIT marks the
 * ones whose outputs are 64-bit).
 *
 * `call` is the one op whose output and input counts vary: they are in the
 * op itself (TCGOp.callo, TCGOp.calli; use tcg_op_nb_oargs/iargs); its one
 * constant arg is the TCGHelperInfo *.
 */

/* Both widths of an op; the i64 one is flagged TCG_OPF_64BIT. */
#define DEF_W(name, oargs, iargs, cargs, flags)             \
    DEF(name##_i32, oargs, iargs, cargs, flags)             \
    DEF(name##_i64, oargs, iargs, cargs, (flags) | TCG_OPF_64BIT)

/* Control and bookkeeping */
DEF(discard, 1, 0, 0, TCG_OPF_NOT_PRESENT)        /* the value is no longer needed */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
DEF(call, 0, 0, 1, TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(br, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NO_FALLTHROUGH | TCG_OPF_SIDE_EFFECTS)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS)            /* carg: TCGBar */
/* Guest instruction boundary: the TCG_INSN_START_WORDS words for restore. */
DEF(insn_start, 0, 0, TCG_INSN_START_WORDS, TCG_OPF_SIDE_EFFECTS)
/* Jump slot n (carg); falls through to the next op while unchained. */
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS)
/* Returns the carg (a TranslationBlock * | slot, or 0) to the exec loop. */
DEF(exit_tb, 0, 0, 1,
    TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_NO_FALLTHROUGH | TCG_OPF_SIDE_EFFECTS)
/* Jumps to the host code pointer in its input, or returns 0 to the loop if it is 0. */
DEF(goto_ptr, 0, 1, 0,
    TCG_OPF_BB_EXIT | TCG_OPF_BB_END | TCG_OPF_NO_FALLTHROUGH | TCG_OPF_SIDE_EFFECTS)

/* Moves and conditions (cond is a TCGCond carg) */
DEF_W(mov, 1, 1, 0, 0)
DEF_W(setcond, 1, 2, 1, 0)                        /* ret = a cond b */
DEF_W(movcond, 1, 4, 1, 0)                        /* ret = c1 cond c2 ? v1 : v2 */
DEF_W(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_SIDE_EFFECTS)

/* Host memory relative to a pointer temp: (value, base) + offset carg */
DEF_W(ld8u, 1, 1, 1, 0)
DEF_W(ld8s, 1, 1, 1, 0)
DEF_W(ld16u, 1, 1, 1, 0)
DEF_W(ld16s, 1, 1, 1, 0)
DEF(ld32u_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld32s_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF_W(ld, 1, 1, 1, 0)
DEF_W(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF_W(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st32_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF_W(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)

/* Arithmetic. Division by zero is the front end's to avoid. */
DEF_W(add, 1, 2, 0, 0)
DEF_W(sub, 1, 2, 0, 0)
DEF_W(mul, 1, 2, 0, 0)
DEF_W(div, 1, 2, 0, 0)
DEF_W(rem, 1, 2, 0, 0)
DEF_W(divu, 1, 2, 0, 0)
DEF_W(remu, 1, 2, 0, 0)
DEF_W(neg, 1, 1, 0, 0)
DEF_W(add2, 2, 4, 0, 0)                           /* (rl, rh) = (al, ah) + (bl, bh) */
DEF_W(sub2, 2, 4, 0, 0)
DEF_W(mulu2, 2, 2, 0, 0)                          /* (rl, rh) = a * b, double width */
DEF_W(muls2, 2, 2, 0, 0)
DEF_W(muluh, 1, 2, 0, 0)                          /* high half of a * b */
DEF_W(mulsh, 1, 2, 0, 0)

/* Logic */
DEF_W(and, 1, 2, 0, 0)
DEF_W(or, 1, 2, 0, 0)
DEF_W(xor, 1, 2, 0, 0)
DEF_W(andc, 1, 2, 0, 0)
DEF_W(orc, 1, 2, 0, 0)
DEF_W(eqv, 1, 2, 0, 0)
DEF_W(nand, 1, 2, 0, 0)
DEF_W(nor, 1, 2, 0, 0)
DEF_W(not, 1, 1, 0, 0)

/* Shifts and rotates: the count is taken modulo the width */
DEF_W(shl, 1, 2, 0, 0)
DEF_W(shr, 1, 2, 0, 0)
DEF_W(sar, 1, 2, 0, 0)
DEF_W(rotl, 1, 2, 0, 0)
DEF_W(rotr, 1, 2, 0, 0)

/* Bit fields: (ofs, len) cargs, 0 < len, ofs + len <= width */
DEF_W(deposit, 1, 2, 2, 0)                        /* ret = a with b's low len bits at ofs */
DEF_W(extract, 1, 1, 2, 0)
DEF_W(sextract, 1, 1, 2, 0)
DEF_W(extract2, 1, 2, 1, 0)                       /* ret = (hi:lo) >> ofs, 0 < ofs < width */

/* Extensions and byte swaps */
DEF_W(ext8s, 1, 1, 0, 0)
DEF_W(ext8u, 1, 1, 0, 0)
DEF_W(ext16s, 1, 1, 0, 0)
DEF_W(ext16u, 1, 1, 0, 0)
DEF(ext32s_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext32u_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF_W(bswap16, 1, 1, 0, 0)                        /* low 16 bits swapped, zero-extended */
DEF_W(bswap32, 1, 1, 0, 0)                        /* low 32 bits swapped, zero-extended */
DEF(bswap64_i64, 1, 1, 0, TCG_OPF_64BIT)

/* Bit counts: clz/ctz return their second input when the first is 0 */
DEF_W(clz, 1, 2, 0, 0)
DEF_W(ctz, 1, 2, 0, 0)
DEF_W(ctpop, 1, 1, 0, 0)

/* Between widths */
DEF(extrl_i64_i32, 1, 1, 0, 0)
DEF(extrh_i64_i32, 1, 1, 0, 0)
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_64BIT)

/*
 * Guest memory through the soft TLB: (value, address) + MemOpIdx carg. The
 * address temp's type says whether the guest address is 32 or 64 bits
 * (a 32-bit one is zero-extended). Loads extend per the MemOp's size/sign.
 */
DEF_W(qemu_ld, 1, 1, 1, TCG_OPF_GUEST_MEM | TCG_OPF_SIDE_EFFECTS)
DEF_W(qemu_st, 0, 2, 1, TCG_OPF_GUEST_MEM | TCG_OPF_SIDE_EFFECTS)

#undef DEF_W

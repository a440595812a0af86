/*
 * Guest memory access in generated code: the inline soft-TLB probe (fast
 * path) of qemu_ld/qemu_st and the out-of-line miss paths emitted after the
 * TB body, which call helper_ld_mmu/helper_st_mmu (softmmu/cputlb.c) and
 * jump back. The TLB layout is softmmu/cpu.h's CPUTLBDescFast/CPUTLBEntry,
 * found at negative offsets from env.
 *
 * Fast path, for a load:
 *     mov   t0, addr                    ; (BMI2: rorx t0, addr, PAGE_BITS - 5)
 *     shr   t0, PAGE_BITS - 5           ; entries are 32 bytes
 *     and   t0, [env + tlb_fast[idx].mask]
 *     add   t0, [env + tlb_fast[idx].table]
 *     lea   t1, [addr + size - align]   ; the last byte's page, align bits kept
 *     and   t1, PAGE_MASK | (align - 1)
 *     cmp   t1, [t0 + addr_read]        ; flag bits in the comparator never match
 *     jne   slow
 *     mov   t0, [t0 + addend]
 *     mov   data, [t0 + addr]           ; movbe / bswap for MO_BSWAP
 */
#include <stddef.h>

#include "softmmu/cpu.h"
#include "tcg/x86_64/backend.h"

#define BIT(r) (1u << (r))

static intptr_t tlb_fast_ofs(unsigned mmu_idx, size_t field)
{
    return (intptr_t)offsetof(CPUState, neg) - (intptr_t)sizeof(CPUState) +
           (intptr_t)offsetof(CPUNegativeOffsetState, tlb_fast) +
           (intptr_t)(mmu_idx * sizeof(CPUTLBDescFast) + field);
}

/* Emits the probe; leaves the host addend in scratch[0] and queues the miss path. */
static TCGSlowPath *tlb_probe(TCGGen *g, TCGReg addr, TCGType addr_type, MemOpIdx oi, bool is_ld)
{
    X86Code *c = &g->c;
    TCGReg t0 = g->scratch[0], t1 = g->scratch[1];
    MemOp mop = get_memop(oi);
    unsigned mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop), align = memop_alignment(mop);
    bool aw = addr_type == TCG_TYPE_I64;
    TCGSlowPath *sp = tcg_malloc(g->s, sizeof(*sp));

    if (x86_features.bmi2) {
        /* a rotate copies and shifts at once; the bits it wraps around are
         * far above any TLB mask */
        x86_rorx(c, true, t0, addr, TARGET_PAGE_BITS - 5);
    } else {
        x86_mov_rr(c, true, t0, addr);
        x86_shift_ri(c, X86_SHR, true, t0, TARGET_PAGE_BITS - 5);
    }
    x86_op_rm(c, P_REXW | 0x23, t0, X86_RBP, X86_NOREG, 0,
              tlb_fast_ofs(mmu_idx, offsetof(CPUTLBDescFast, mask)));
    x86_op_rm(c, P_REXW | 0x03, t0, X86_RBP, X86_NOREG, 0,
              tlb_fast_ofs(mmu_idx, offsetof(CPUTLBDescFast, table)));
    /* A 32-bit guest address wraps at 4 GiB: 32-bit lea/and keep it zero-extended. */
    if (size > align) {
        x86_lea(c, aw, t1, addr, X86_NOREG, 0, size - align);
    } else {
        x86_mov_rr(c, aw, t1, addr);
    }
    x86_arith_ri(c, X86_AND, aw, t1, (int32_t)(TARGET_PAGE_MASK | (align - 1)));
    x86_op_rm(c, P_REXW | 0x3b, t1, t0, X86_NOREG, 0,
              is_ld ? offsetof(CPUTLBEntry, addr_read) : offsetof(CPUTLBEntry, addr_write));
    sp->jmp_disp = x86_jcc32(c, X86_CC_NE, NULL);
    x86_load(c, X86_S64, false, true, t0, t0, offsetof(CPUTLBEntry, addend));

    sp->is_ld = is_ld;
    sp->oi = oi;
    sp->addr = addr;
    sp->next = g->slow_paths;
    g->slow_paths = sp;
    return sp;
}

void tcg_out_qemu_ld(TCGGen *g, const TCGArg *args, TCGType type, TCGType addr_type)
{
    X86Code *c = &g->c;
    TCGReg data = args[0], addr = args[1];
    MemOpIdx oi = args[2];
    MemOp mop = get_memop(oi);
    bool w = type == TCG_TYPE_I64, sign = mop & MO_SIGN, swap = mop & MO_BSWAP;
    TCGSlowPath *sp = tlb_probe(g, addr, addr_type, oi, true);
    TCGReg base = g->scratch[0];

    switch (mop & MO_SIZE) {
    case MO_8:
        x86_op_rm(c, P_0F | (sign ? 0xbe | x86_rexw(w) : 0xb6), data, base, addr, 0, 0);
        break;
    case MO_16:
        x86_op_rm(c, P_0F | (sign && !swap ? 0xbf | x86_rexw(w) : 0xb7), data, base, addr, 0, 0);
        if (swap) {
            x86_rol16_8(c, data);
            if (sign) {
                x86_movsx(c, X86_S16, w, data, data);
            }
        }
        break;
    case MO_32:
        if (swap && x86_features.movbe) {
            x86_op_rm(c, P_0F38 | 0xf0, data, base, addr, 0, 0);
        } else {
            x86_op_rm(c, 0x8b, data, base, addr, 0, 0);
            if (swap) {
                x86_bswap(c, false, data);
            }
        }
        if (sign && w) {
            x86_movsx(c, X86_S32, true, data, data);
        }
        break;
    default:
        if (swap && x86_features.movbe) {
            x86_op_rm(c, P_REXW | P_0F38 | 0xf0, data, base, addr, 0, 0);
        } else {
            x86_op_rm(c, P_REXW | 0x8b, data, base, addr, 0, 0);
            if (swap) {
                x86_bswap(c, true, data);
            }
        }
        break;
    }
    sp->type = type;
    sp->data = data;
    sp->save = tcg_regalloc_live_regs(g) & TCG_TARGET_CALL_CLOBBER & ~BIT(data);
    sp->ret_addr = c->ptr;
}

void tcg_out_qemu_st(TCGGen *g, const TCGArg *args, const bool *const_args, TCGType type,
                     TCGType addr_type)
{
    static const unsigned st_opc[4] = { P_BYTE_R | 0x88, P_66 | 0x89, 0x89, P_REXW | 0x89 };
    X86Code *c = &g->c;
    TCGReg data = args[0], addr = args[1];
    MemOpIdx oi = args[2];
    MemOp mop = get_memop(oi);
    unsigned sz = mop & MO_SIZE;
    TCGSlowPath *sp = tlb_probe(g, addr, addr_type, oi, false);
    TCGReg base = g->scratch[0], val = data;

    if ((mop & MO_BSWAP) && sz != MO_8) {
        if (x86_features.movbe) {
            static const unsigned movbe_opc[4] = { 0, P_66 | P_0F38 | 0xf1, P_0F38 | 0xf1,
                                                   P_REXW | P_0F38 | 0xf1 };
            x86_op_rm(c, movbe_opc[sz], data, base, addr, 0, 0);
            goto done;
        }
        /* swap a copy: the value register may live on */
        val = g->scratch[1];
        x86_mov_rr(c, true, val, data);
        if (sz == MO_16) {
            x86_rol16_8(c, val);
        } else {
            x86_bswap(c, sz == MO_64, val);
        }
    }
    x86_op_rm(c, st_opc[sz], val, base, addr, 0, 0);
done:
    sp->type = type;
    sp->data = data;
    sp->save = tcg_regalloc_live_regs(g) & TCG_TARGET_CALL_CLOBBER;
    sp->ret_addr = c->ptr;
}

static intptr_t save_slot(TCGReg r)
{
    return TCG_FRAME_SAVE_AREA + 8 * r;
}

/*
 * A miss: the live call-clobbered registers, the address and the value go
 * to the frame's save area (which also resolves any overlap between them
 * and the argument registers), the helper runs, and everything comes back.
 */
static void out_slow_path(TCGGen *g, const TCGSlowPath *sp)
{
    X86Code *c = &g->c;
    TCGRegSet save = sp->save | BIT(sp->addr) | (sp->is_ld ? 0 : BIT(sp->data));
    const TCGReg *arg = tcg_target_call_iarg_regs;

    x86_patch_rel32(sp->jmp_disp, c->ptr);
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if (save & BIT(r)) {
            x86_store(c, X86_S64, r, X86_RSP, save_slot(r));
        }
    }
    x86_mov_rr(c, true, arg[0], X86_RBP);
    x86_load(c, X86_S64, false, true, arg[1], X86_RSP, save_slot(sp->addr));
    if (!sp->is_ld) {
        x86_load(c, X86_S64, false, true, arg[2], X86_RSP, save_slot(sp->data));
    }
    /* the return address the helper sees is the fast path's continuation */
    x86_movi(c, arg[sp->is_ld ? 2 : 3], sp->oi, false);
    x86_op_rm_rip(c, P_REXW | 0x8d, arg[sp->is_ld ? 3 : 4], sp->ret_addr, 0);
    x86_call(c, sp->is_ld ? (const void *)helper_ld_mmu : (const void *)helper_st_mmu, X86_RAX);
    if (sp->is_ld) {
        if (sp->type == TCG_TYPE_I32) {
            x86_movzx(c, X86_S32, sp->data, X86_RAX);
        } else {
            x86_mov_rr(c, true, sp->data, X86_RAX);
        }
    }
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if (sp->save & BIT(r)) {
            x86_load(c, X86_S64, false, true, r, X86_RSP, save_slot(r));
        }
    }
    x86_jmp32(c, sp->ret_addr);
}

bool tcg_out_slow_paths(TCGGen *g)
{
    for (TCGSlowPath *sp = g->slow_paths; sp; sp = sp->next) {
        if (g->c.ptr > g->code_end) {
            return false;
        }
        out_slow_path(g, sp);
    }
    return g->c.ptr <= g->code_end;
}

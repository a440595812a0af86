/*
 * TCI's interpreter: runs the bytecode tci-gen.c wrote, following chained
 * goto_tb jumps from block to block until an exit_tb or goto_ptr returns
 * to the exec loop. Pure ops are computed by tcg_op_eval (eval.c), the
 * same code the optimizer folds with; this file does what touches the
 * world: frame slots, CPU-state memory, helper calls, guest memory through
 * the soft TLB, and control flow.
 */
#include <string.h>

#include "tcg/tci/tci.h"

/* Host-memory loads: (size, signed) per op; values are zero-extended for I32. */
static uint64_t tci_load(uintptr_t addr, unsigned size, bool sign)
{
    switch (size) {
    case 1: return sign ? (uint64_t)*(int8_t *)addr : *(uint8_t *)addr;
    case 2: return sign ? (uint64_t)*(int16_t *)addr : *(uint16_t *)addr;
    case 4: return sign ? (uint64_t)*(int32_t *)addr : *(uint32_t *)addr;
    default: return *(uint64_t *)addr;
    }
}

static void tci_store(uintptr_t addr, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: *(uint8_t *)addr = v; break;
    case 2: *(uint16_t *)addr = v; break;
    case 4: *(uint32_t *)addr = v; break;
    default: *(uint64_t *)addr = v; break;
    }
}

/* Size of a host load/store op, negative for sign-extending loads; 0 if not one. */
static int tci_ldst_size(unsigned opc)
{
    switch (opc) {
    case INDEX_op_ld8u_i32: case INDEX_op_ld8u_i64: return 1;
    case INDEX_op_ld8s_i32: case INDEX_op_ld8s_i64: return -1;
    case INDEX_op_ld16u_i32: case INDEX_op_ld16u_i64: return 2;
    case INDEX_op_ld16s_i32: case INDEX_op_ld16s_i64: return -2;
    case INDEX_op_ld32u_i64: case INDEX_op_ld_i32: return 4;
    case INDEX_op_ld32s_i64: return -4;
    case INDEX_op_ld_i64: return 8;
    case INDEX_op_st8_i32: case INDEX_op_st8_i64: return 1;
    case INDEX_op_st16_i32: case INDEX_op_st16_i64: return 2;
    case INDEX_op_st32_i64: case INDEX_op_st_i32: return 4;
    case INDEX_op_st_i64: return 8;
    default: return 0;
    }
}

/* An argument as the helper expects it in a 64-bit register. */
static uint64_t tci_call_arg(TCGCallType type, uint64_t v)
{
    switch (type) {
    case TCG_CALL_TYPE_I32: return (uint32_t)v;
    case TCG_CALL_TYPE_S32: return (uint64_t)(int64_t)(int32_t)v;
    default: return v;
    }
}

/*
 * Calls a helper of up to six integer or pointer arguments. Under the
 * x86-64 System V ABI each travels in its own 64-bit register, so one
 * function type per argument count covers every signature.
 */
static uint64_t tci_call(const TCGHelperInfo *info, const uint64_t *a)
{
    typedef uint64_t (*F0)(void);
    typedef uint64_t (*F1)(uint64_t);
    typedef uint64_t (*F2)(uint64_t, uint64_t);
    typedef uint64_t (*F3)(uint64_t, uint64_t, uint64_t);
    typedef uint64_t (*F4)(uint64_t, uint64_t, uint64_t, uint64_t);
    typedef uint64_t (*F5)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    typedef uint64_t (*F6)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    uint64_t r;

    switch (info->nargs) {
    case 0: r = ((F0)info->func)(); break;
    case 1: r = ((F1)info->func)(a[0]); break;
    case 2: r = ((F2)info->func)(a[0], a[1]); break;
    case 3: r = ((F3)info->func)(a[0], a[1], a[2]); break;
    case 4: r = ((F4)info->func)(a[0], a[1], a[2], a[3]); break;
    case 5: r = ((F5)info->func)(a[0], a[1], a[2], a[3], a[4]); break;
    default: r = ((F6)info->func)(a[0], a[1], a[2], a[3], a[4], a[5]); break;
    }
    /* An I32 or S32 result lands in a 32-bit temp: slots hold those zero-extended. */
    return info->ret == TCG_CALL_TYPE_I32 || info->ret == TCG_CALL_TYPE_S32 ? (uint32_t)r : r;
}

static void tci_exec_call(uint64_t *regs, const uint64_t *w, unsigned nout, unsigned nin)
{
    const TCGHelperInfo *info = (const TCGHelperInfo *)(uintptr_t)w[nout + nin];
    uint64_t args[TCG_MAX_HELPER_ARGS];

    for (unsigned i = 0; i < nin; i++) {
        args[i] = tci_call_arg(info->args[i], regs[w[nout + i]]);
    }
    uint64_t r = tci_call(info, args);
    if (nout) {
        regs[w[0]] = r;
    }
}

/*
 * Guest memory: w = value slot, address slot, MemOpIdx. A 32-bit address
 * needs no masking: every slot holding a 32-bit temp is zero-extended.
 */
static void tci_exec_qemu_ldst(void *env, uint64_t *regs, unsigned opc, const uint64_t *w)
{
    uint64_t addr = regs[w[1]];
    MemOpIdx oi = w[2];

    switch (opc) {
    case INDEX_op_qemu_ld_i32:
        regs[w[0]] = (uint32_t)helper_ld_mmu(env, addr, oi, tci_tb_ptr);
        break;
    case INDEX_op_qemu_ld_i64:
        regs[w[0]] = helper_ld_mmu(env, addr, oi, tci_tb_ptr);
        break;
    case INDEX_op_qemu_st_i32:
        helper_st_mmu(env, addr, (uint32_t)regs[w[0]], oi, tci_tb_ptr);
        break;
    default:
        helper_st_mmu(env, addr, regs[w[0]], oi, tci_tb_ptr);
        break;
    }
}

uintptr_t tci_exec_tb(void *env, const void *tc_ptr)
{
    uint64_t regs[TCG_MAX_TEMPS];
    const uint64_t *pc = tc_ptr;

    regs[0] = (uintptr_t)env;
    for (;;) {
        uint64_t hdr = pc[0];
        unsigned opc = TCI_HDR_OPC(hdr), nout = TCI_HDR_NOUT(hdr), nin = TCI_HDR_NIN(hdr);
        const uint64_t *w = pc + 1;
        int ldst;

        switch (opc) {
        case TCI_MOVI:
            regs[w[0]] = w[1];
            break;
        case TCI_LDG:
            regs[w[0]] = tci_load(regs[w[1]] + w[2], w[3], false);
            break;
        case TCI_STG:
            tci_store(regs[w[1]] + w[2], w[3], regs[w[0]]);
            break;
        case INDEX_op_mov_i32:
        case INDEX_op_mov_i64:
            regs[w[0]] = regs[w[1]];
            break;
        case INDEX_op_br:
            pc += (int64_t)w[0];
            continue;
        case INDEX_op_brcond_i32:
        case INDEX_op_brcond_i64:
            if (tcg_cond_eval(w[2], regs[w[0]], regs[w[1]],
                              opc == INDEX_op_brcond_i32 ? TCG_TYPE_I32 : TCG_TYPE_I64)) {
                pc += (int64_t)w[3];
                continue;
            }
            break;
        case INDEX_op_call:
            tci_tb_ptr = (uintptr_t)pc + 1;
            tci_exec_call(regs, w, nout, nin);
            break;
        case INDEX_op_qemu_ld_i32:
        case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32:
        case INDEX_op_qemu_st_i64:
            tci_tb_ptr = (uintptr_t)pc + 1;
            tci_exec_qemu_ldst(env, regs, opc, w);
            break;
        case INDEX_op_goto_tb:
            pc = (const uint64_t *)(uintptr_t)w[0];
            continue;
        case INDEX_op_exit_tb:
            return w[0];
        case INDEX_op_goto_ptr:
            if (regs[w[0]] == 0) {
                return 0;
            }
            pc = (const uint64_t *)(uintptr_t)regs[w[0]];
            continue;
        default:
            ldst = tci_ldst_size(opc);
            if (ldst && nout) {
                uint64_t v = tci_load(regs[w[1]] + w[2], ldst < 0 ? -ldst : ldst, ldst < 0);
                regs[w[0]] = tcg_op_defs[opc].flags & TCG_OPF_64BIT ? v : (uint32_t)v;
            } else if (ldst) {
                tci_store(regs[w[1]] + w[2], ldst, regs[w[0]]);
            } else {
                uint64_t in[4], out[2] = { 0, 0 };
                for (unsigned i = 0; i < nin; i++) {
                    in[i] = regs[w[nout + i]];
                }
                /* Division by zero is the front end's to avoid; it gives 0 here. */
                tcg_op_eval(opc, out, in, w + nout + nin);
                for (unsigned i = 0; i < nout; i++) {
                    regs[w[i]] = out[i];
                }
            }
            break;
        }
        pc += TCI_HDR_LEN(hdr);
    }
}

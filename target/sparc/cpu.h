/*
 * SPARC V8 CPU state: the integer unit with its register windows, the FPU,
 * the SPARC Reference MMU registers, and what the rest of the target shares
 * (trap types, PSR/FSR fields, MMU indexes, model descriptions).
 *
 * References: The SPARC Architecture Manual, Version 8 (chapters 4 and 7 for
 * registers and traps, appendix H for the Reference MMU).
 *
 * The window file follows the classic layout: window w occupies
 * regbase[w * 16 .. w * 16 + 23] as outs, locals, ins, so that window w's
 * ins are window w+1's outs without copying. The last window's ins live at
 * regbase[NWINDOWS * 16], a copy of window 0's outs that sparc_cpu_set_cwp
 * keeps in step when CWP enters or leaves the last window.
 */
#ifndef TARGET_SPARC_CPU_H
#define TARGET_SPARC_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "fpu/softfloat.h"
#include "softmmu/cpu.h"
#include "tcg/memop.h"
#include "tcg/tb.h"

#define SPARC_NWINDOWS 8

/* PSR fields (V8 4.2) */
#define PSR_IMPL_VER 0xff000000u
#define PSR_ICC 0x00f00000u
#define PSR_N (1u << 23)
#define PSR_Z (1u << 22)
#define PSR_V (1u << 21)
#define PSR_C (1u << 20)
#define PSR_EC (1u << 13)
#define PSR_EF (1u << 12)
#define PSR_PIL 0x00000f00u
#define PSR_PIL_SHIFT 8
#define PSR_S (1u << 7)
#define PSR_PS (1u << 6)
#define PSR_ET (1u << 5)
#define PSR_CWP 0x0000001fu
/* the PSR bits kept in env->psr (icc and CWP live elsewhere) */
#define PSR_STORED (PSR_IMPL_VER | PSR_EC | PSR_EF | PSR_PIL | PSR_S | PSR_PS | PSR_ET)

/* TBR (V8 4.4) */
#define TBR_TBA 0xfffff000u

/* FSR fields (V8 4.4 / 4.5) */
#define FSR_RD_SHIFT 30
#define FSR_RD (3u << FSR_RD_SHIFT)
#define FSR_TEM_SHIFT 23
#define FSR_TEM (0x1fu << FSR_TEM_SHIFT)
#define FSR_NS (1u << 22)
#define FSR_VER_SHIFT 17
#define FSR_VER (7u << FSR_VER_SHIFT)
#define FSR_FTT_SHIFT 14
#define FSR_FTT (7u << FSR_FTT_SHIFT)
#define FSR_QNE (1u << 13)
#define FSR_FCC_SHIFT 10
#define FSR_FCC (3u << FSR_FCC_SHIFT)
#define FSR_AEXC_SHIFT 5
#define FSR_AEXC (0x1fu << FSR_AEXC_SHIFT)
#define FSR_CEXC 0x1fu
/* current/accrued exception bits, in cexc order */
#define FSR_NVC 0x10u
#define FSR_OFC 0x08u
#define FSR_UFC 0x04u
#define FSR_DZC 0x02u
#define FSR_NXC 0x01u
/* the bits ldfsr may set (ver, ftt and qne are read-only) */
#define FSR_WRITABLE (FSR_RD | FSR_TEM | FSR_NS | FSR_FCC | FSR_AEXC | FSR_CEXC)

/* floating-point trap types, FSR.ftt */
enum {
    FTT_NONE = 0,
    FTT_IEEE_754_EXCEPTION = 1,
    FTT_UNFINISHED_FPOP = 2,
    FTT_UNIMPLEMENTED_FPOP = 3,
    FTT_SEQUENCE_ERROR = 4,
    FTT_HARDWARE_ERROR = 5,
    FTT_INVALID_FP_REGISTER = 6,
};

/* Trap types (V8 table 7-1) */
enum {
    TT_INSN_ACCESS_EXCEPTION = 0x01,
    TT_ILLEGAL_INSTRUCTION = 0x02,
    TT_PRIVILEGED_INSTRUCTION = 0x03,
    TT_FP_DISABLED = 0x04,
    TT_WINDOW_OVERFLOW = 0x05,
    TT_WINDOW_UNDERFLOW = 0x06,
    TT_MEM_ADDRESS_NOT_ALIGNED = 0x07,
    TT_FP_EXCEPTION = 0x08,
    TT_DATA_ACCESS_EXCEPTION = 0x09,
    TT_TAG_OVERFLOW = 0x0a,
    TT_WATCHPOINT_DETECTED = 0x0b,
    TT_INTERRUPT_LEVEL_1 = 0x11,   /* + level - 1, up to 0x1f */
    TT_R_REGISTER_ACCESS_ERROR = 0x20,
    TT_INSN_ACCESS_ERROR = 0x21,
    TT_CP_DISABLED = 0x24,
    TT_UNIMPLEMENTED_FLUSH = 0x25,
    TT_CP_EXCEPTION = 0x28,
    TT_DATA_ACCESS_ERROR = 0x29,
    TT_DIVISION_BY_ZERO = 0x2a,
    TT_DATA_STORE_ERROR = 0x2b,
    TT_DATA_ACCESS_MMU_MISS = 0x2c,
    TT_INSN_ACCESS_MMU_MISS = 0x3c,
    TT_TRAP_INSTRUCTION = 0x80,    /* + software trap number, up to 0xff */
};
/* exception_index for a gdbstub stop: not a SPARC trap type */
#define EXCP_SPARC_DEBUG 0x100

/* MMU indexes of the soft TLB */
enum {
    SPARC_MMU_USER_IDX = 0,
    SPARC_MMU_KERNEL_IDX = 1,
    SPARC_MMU_PHYS_IDX = 2,        /* MMU disabled or an ASI bypass access */
};

/* Reference MMU registers (V8 H.4), index into env->mmuregs */
enum {
    MMU_CTRL = 0,
    MMU_CTXTBL = 1,
    MMU_CTX = 2,
    MMU_FSR = 3,
    MMU_FAR = 4,
    MMU_TRCR = 0x10,               /* TLB replacement control (microSPARC) */
    MMU_NREGS = 32,
};
#define MMU_CTRL_E (1u << 0)
#define MMU_CTRL_NF (1u << 1)
#define MMU_CTRL_IMPL_VER 0xff000000u

/* Fault status register fields (V8 H.5) */
#define MMU_FSR_OW (1u << 0)
#define MMU_FSR_FAV (1u << 1)
#define MMU_FSR_FT_SHIFT 2
#define MMU_FSR_AT_SHIFT 5
#define MMU_FSR_L_SHIFT 8
enum {
    MMU_FT_NONE = 0,
    MMU_FT_INVALID_ADDRESS = 1,
    MMU_FT_PROTECTION = 2,
    MMU_FT_PRIVILEGE = 3,
    MMU_FT_TRANSLATION = 4,
    MMU_FT_ACCESS_BUS = 5,
};

/* Features a model has */
#define SPARC_FEATURE_FLOAT (1u << 0)
#define SPARC_FEATURE_FSMULD (1u << 1)

/* A CPU model (values from the chips' manuals as QEMU's table lists them). */
typedef struct SPARCModel {
    const char *name;
    uint32_t iu_version;           /* PSR bits 31:24 */
    uint32_t fpu_version;          /* FSR.ver, in place */
    uint32_t mmu_version;          /* MMU control bits 31:24 */
    uint32_t mmu_bm;               /* the control register's boot-mode bit */
    uint32_t mmu_ctpr_mask;
    uint32_t mmu_cxr_mask;
    uint32_t mmu_sfsr_mask;
    uint32_t mmu_trcr_mask;
    uint32_t mxcc_version;         /* MXCC port register bits 23:0 (SuperSPARC) */
    uint32_t features;
} SPARCModel;

/* One FQ entry (V8 4.4: the FP deferred-trap queue). */
typedef struct SPARCFQEntry {
    uint32_t addr;
    uint32_t insn;
} SPARCFQEntry;

typedef struct CPUSPARCState {
    uint32_t gregs[8];             /* %g0 stays 0 */
    uint32_t *regwptr;             /* current window: outs, locals, ins */
    uint32_t pc;
    uint32_t npc;
    uint32_t y;

    /* icc, computed lazily: N = bit 31 of cc_N, Z = (cc_Z == 0),
     * V = bit 31 of cc_V, C = cc_C (0 or 1) */
    uint32_t cc_N;
    uint32_t cc_Z;
    uint32_t cc_V;
    uint32_t cc_C;
    uint32_t cond;                 /* a branch condition awaiting its delay slot */

    uint32_t psr;                  /* PSR_STORED bits */
    uint32_t cwp;
    uint32_t wim;
    uint32_t tbr;

    uint32_t fpr[32];              /* %f0-%f31; a double is fpr[2n] (high) : fpr[2n+1] */
    uint32_t fsr;
    FloatStatus fp_status;
    SPARCFQEntry fq;               /* one-entry queue: the trapping FPop */

    uint32_t mmuregs[MMU_NREGS];
    uint64_t prom_addr;            /* boot-mode fetch target (the board's PROM), 0: none */

    /* SuperSPARC MXCC (ASI 0x02): registers by (address >> 8) & 7, and the
     * 32-byte stream buffer */
    uint64_t mxccregs[8];
    uint64_t mxccdata[4];

    uint16_t irq_lines;            /* asserted interrupt levels, bit n = level n */
    uint32_t pil_in;               /* the highest asserted level */

    const SPARCModel *model;
    uint32_t regbase[SPARC_NWINDOWS * 16 + 8];
} CPUSPARCState;

typedef CPUSPARCState CPUArchState;

typedef struct SPARCCPU {
    CPUState parent;
    CPUSPARCState env;
} SPARCCPU;

G_STATIC_ASSERT(offsetof(SPARCCPU, env) == sizeof(CPUState));

static inline SPARCCPU *sparc_cpu(CPUState *cs)
{
    return (SPARCCPU *)cs;
}
static inline CPUSPARCState *sparc_env(CPUState *cs)
{
    return &sparc_cpu(cs)->env;
}

/* TB flags: what the translated code depends on */
#define TB_FLAG_MMU_IDX_MASK 3u
#define TB_FLAG_SUPER (1u << 2)
#define TB_FLAG_FPU_ENABLED (1u << 3)

/* insn_start npc markers: pc values are word aligned, so bits 1:0 are free */
#define SPARC_DYNAMIC_PC 1u
#define SPARC_JUMP_PC 2u

static inline int sparc_mmu_index(const CPUSPARCState *env)
{
    if (!(env->mmuregs[MMU_CTRL] & MMU_CTRL_E)) {
        return SPARC_MMU_PHYS_IDX;
    }
    return (env->psr & PSR_S) ? SPARC_MMU_KERNEL_IDX : SPARC_MMU_USER_IDX;
}

/* cpu.c */
const SPARCModel *sparc_model_find(const char *name);
/* Sets the state a board or unit test starts from (V8 7.5: reset trap). */
void sparc_cpu_reset_state(CPUSPARCState *env, const SPARCModel *model);
/* ldst_helper.c: sets the MBus module id the MXCC port register reports. */
void sparc_cpu_set_id(CPUSPARCState *env, int index);
void sparc_cpu_dump_state_to(CPUSPARCState *env, GString *out);
/* The physical base of the boot PROM, for the MMU's boot mode (sun4m). */
void sparc_cpu_set_prom_addr(CPUState *cs, uint64_t addr);

/* win_helper.c: PSR and window bookkeeping */
uint32_t sparc_cpu_get_psr(const CPUSPARCState *env);
/* Writes all PSR fields; the caller checked that CWP < NWINDOWS. */
void sparc_cpu_put_psr(CPUSPARCState *env, uint32_t val);
void sparc_cpu_set_cwp(CPUSPARCState *env, uint32_t new_cwp);
static inline uint32_t sparc_cwp_dec(uint32_t cwp)
{
    return (cwp + SPARC_NWINDOWS - 1) % SPARC_NWINDOWS;
}
static inline uint32_t sparc_cwp_inc(uint32_t cwp)
{
    return (cwp + 1) % SPARC_NWINDOWS;
}

/* excp_helper.c */
void sparc_cpu_do_interrupt(CPUState *cs);
bool sparc_cpu_exec_interrupt(CPUState *cs, uint32_t interrupt_request);
void sparc_cpu_set_irq(CPUState *cs, int line, int level);
bool sparc_cpu_has_work(CPUState *cs);
/* Raises trap tt, restoring precise state from the host return address ra. */
G_NORETURN void sparc_raise_exception(CPUSPARCState *env, int tt, uintptr_t ra);

/* mmu.c */
/* The outcome of a table walk; fault_type is MMU_FT_* (0: none). */
typedef struct SPARCMMUResult {
    hwaddr paddr;
    int prot;
    int fault_type;
    int fault_level;
    uint64_t page_size;
} SPARCMMUResult;
/* Walks the Reference MMU tables for vaddr (no side effects unless
 * update_rm, which sets the referenced/modified bits as hardware does). */
void sparc_mmu_translate(CPUSPARCState *env, AddressSpace *as, uint32_t vaddr,
                         MMUAccessType access, int mmu_idx, bool update_rm,
                         SPARCMMUResult *res);
/* The probe ASI 0x03 answers for a load at addr. */
uint32_t sparc_mmu_probe(CPUSPARCState *env, AddressSpace *as, uint32_t addr);
void sparc_mmu_flush(CPUSPARCState *env, uint32_t addr);
uint32_t sparc_mmu_reg_read(CPUSPARCState *env, uint32_t reg);
void sparc_mmu_reg_write(CPUSPARCState *env, uint32_t reg, uint32_t val);
bool sparc_cpu_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                        int mmu_idx, bool probe, uintptr_t retaddr);
/* Records a bus error at paddr and traps when the MMU state allows (H.5). */
void sparc_mmu_bus_error(CPUSPARCState *env, hwaddr paddr, MMUAccessType access,
                         uintptr_t retaddr);
void sparc_cpu_do_transaction_failed(CPUState *cs, hwaddr physaddr, uint64_t addr,
                                     unsigned size, MMUAccessType access_type, int mmu_idx,
                                     MemTxResult response, uintptr_t retaddr);
bool sparc_cpu_debug_translate(CPUState *cs, uint64_t vaddr, hwaddr *paddr);
G_NORETURN void sparc_cpu_do_unaligned_access(CPUState *cs, uint64_t addr,
                                              MMUAccessType access_type, int mmu_idx,
                                              uintptr_t retaddr);

/* fop_helper.c */
void sparc_fsr_set(CPUSPARCState *env, uint32_t fsr);

/* translate.c */
void sparc_tcg_init(void);
void sparc_translate_code(CPUState *cs, TranslationBlock *tb, int max_insns);
void sparc_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb, const uint64_t *data);

/* gdbstub.c */
#define SPARC_GDB_NUM_REGS 72
int sparc_cpu_gdb_read_register(CPUState *cs, GByteArray *buf, int n);
int sparc_cpu_gdb_write_register(CPUState *cs, const uint8_t *buf, int n);
const char *sparc_cpu_gdb_target_xml(CPUState *cs, const char *annex);

#endif

/*
 * The SPARC Reference MMU (V8 appendix H): the three-level table walk with
 * its access permissions and referenced/modified bits, the fault status and
 * address registers, the probe and flush operations of ASI 0x03, the
 * registers of ASI 0x04, the soft-TLB fill the exec loop calls, and the
 * bus errors (access error traps) of accesses nothing answers.
 *
 * Physical addresses are 36 bits: a PTE's PPN (bits 31:8) is address bits
 * 35:12, and a PTD's pointer (bits 31:2) is address bits 35:6.
 */
#include "target/sparc/cpu.h"
#include "tcg/exec.h"
#include "util/log.h"

/* Entry types, bits 1:0 of a PTD or PTE */
enum { ET_INVALID = 0, ET_PTD = 1, ET_PTE = 2, ET_RESERVED = 3 };

#define PTE_PPN 0xffffff00u
#define PTE_M (1u << 6)
#define PTE_R (1u << 5)
#define PTE_ACC_SHIFT 2
#define PTD_PTP 0xfffffffcu

/* Where a fault-mode access goes when NF (or ET = 0) suppresses the trap:
 * beyond the 36-bit physical space, where nothing answers. */
#define MMU_NOWHERE (1ull << 40)

/* V8 table H-3: what each ACC value permits, user then supervisor. */
static const uint8_t acc_prot[8][2] = {
    { PAGE_READ, PAGE_READ },
    { PAGE_READ | PAGE_WRITE, PAGE_READ | PAGE_WRITE },
    { PAGE_READ | PAGE_EXEC, PAGE_READ | PAGE_EXEC },
    { PAGE_READ | PAGE_WRITE | PAGE_EXEC, PAGE_READ | PAGE_WRITE | PAGE_EXEC },
    { PAGE_EXEC, PAGE_EXEC },
    { PAGE_READ, PAGE_READ | PAGE_WRITE },
    { 0, PAGE_READ | PAGE_EXEC },
    { 0, PAGE_READ | PAGE_WRITE | PAGE_EXEC },
};

/* Index shift and width of each level's table (H.4): 256, 64, 64 entries. */
static const struct {
    unsigned shift;
    uint32_t mask;
} mmu_level[4] = { { 0, 0 }, { 24, 0xff }, { 18, 0x3f }, { 12, 0x3f } };

static uint32_t mmu_ldl(AddressSpace *as, hwaddr pa)
{
    return address_space_ldl_be(as, pa, NULL);
}

static hwaddr mmu_root(CPUSPARCState *env)
{
    return ((hwaddr)env->mmuregs[MMU_CTXTBL] << 4) + ((hwaddr)env->mmuregs[MMU_CTX] << 2);
}

static int mmu_access_prot(MMUAccessType access)
{
    return access == MMU_DATA_STORE ? PAGE_WRITE
         : access == MMU_INST_FETCH ? PAGE_EXEC : PAGE_READ;
}

void sparc_mmu_translate(CPUSPARCState *env, AddressSpace *as, uint32_t vaddr,
                         MMUAccessType access, int mmu_idx, bool update_rm,
                         SPARCMMUResult *res)
{
    bool user = mmu_idx == SPARC_MMU_USER_IDX;
    hwaddr entry_addr = mmu_root(env);
    uint32_t entry;
    int level;

    res->fault_type = MMU_FT_NONE;
    res->fault_level = 0;
    res->page_size = TARGET_PAGE_SIZE;

    if (mmu_idx == SPARC_MMU_PHYS_IDX || !(env->mmuregs[MMU_CTRL] & MMU_CTRL_E)) {
        /* Boot mode sends instruction fetches to the PROM (microSPARC-II
         * and SuperSPARC user's guides, MMU control register BM). */
        if (access == MMU_INST_FETCH && env->prom_addr &&
            (env->mmuregs[MMU_CTRL] & env->model->mmu_bm)) {
            /* Fetches only: data at the same address (ASI 0x20 shares
             * this MMU index) is the RAM behind it, not the PROM. */
            res->paddr = env->prom_addr | (vaddr & 0x7ffff);
            res->prot = PAGE_EXEC;
            return;
        }
        res->paddr = vaddr;
        res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return;
    }

    entry = mmu_ldl(as, entry_addr);
    for (level = 0;; level++) {
        res->fault_level = level;
        switch (entry & 3) {
        case ET_INVALID:
            res->fault_type = MMU_FT_INVALID_ADDRESS;
            return;
        case ET_RESERVED:
            res->fault_type = MMU_FT_TRANSLATION;
            return;
        case ET_PTD:
            if (level == 3) {
                res->fault_type = MMU_FT_TRANSLATION;
                return;
            }
            entry_addr = ((hwaddr)(entry & PTD_PTP) << 4) +
                         (((vaddr >> mmu_level[level + 1].shift) & mmu_level[level + 1].mask) << 2);
            entry = mmu_ldl(as, entry_addr);
            continue;
        case ET_PTE:
            break;
        }
        break;
    }
    if (level == 0) {
        /* a PTE in the context table: the chips report a translation error */
        res->fault_type = MMU_FT_TRANSLATION;
        return;
    }

    {
        unsigned acc = (entry >> PTE_ACC_SHIFT) & 7;
        int prot = acc_prot[acc][!user];
        uint32_t new_entry;

        res->page_size = 1ull << mmu_level[level].shift;
        if (user && acc >= 6) {
            res->fault_type = MMU_FT_PRIVILEGE;
            return;
        }
        if (!(prot & mmu_access_prot(access))) {
            res->fault_type = MMU_FT_PROTECTION;
            return;
        }
        new_entry = entry | PTE_R | (access == MMU_DATA_STORE ? PTE_M : 0);
        if (update_rm && new_entry != entry) {
            address_space_stl_be(as, entry_addr, new_entry, NULL);
        }
        /* Until the page is modified, stores come back here to set M. */
        if (!(new_entry & PTE_M)) {
            prot &= ~PAGE_WRITE;
        }
        res->prot = prot;
        res->paddr = ((hwaddr)(entry & PTE_PPN) << 4) +
                     ((vaddr & TARGET_PAGE_MASK) & (res->page_size - 1)) + (vaddr & 0xfff);
    }
}

/* V8 H.7 probe: type 0 page, 1 segment, 2 region, 3 context, 4 entire.
 * Returns the PTE found, or the PTD at the level asked for, else 0. */
uint32_t sparc_mmu_probe(CPUSPARCState *env, AddressSpace *as, uint32_t addr)
{
    unsigned type = (addr >> 8) & 0xf;
    uint32_t entry;

    if (type > 4) {
        return 0;
    }
    entry = mmu_ldl(as, mmu_root(env));
    for (int level = 0; level <= 3; level++) {
        switch (entry & 3) {
        case ET_PTE:
            return level ? entry : 0;
        case ET_PTD:
            if (level == 3) {
                return 0;
            }
            if (type == 3 - (unsigned)level && type != 0) {
                return entry;
            }
            entry = mmu_ldl(as, ((hwaddr)(entry & PTD_PTP) << 4) +
                                    (((addr >> mmu_level[level + 1].shift) &
                                      mmu_level[level + 1].mask) << 2));
            break;
        default:
            return 0;
        }
    }
    return 0;
}

void sparc_mmu_flush(CPUSPARCState *env, uint32_t addr)
{
    CPUState *cs = env_cpu(env);
    unsigned type = (addr >> 8) & 0xf;

    if (type == 0) {
        tlb_flush_page(cs, addr & TARGET_PAGE_MASK);
    } else if (type <= 4) {
        tlb_flush(cs);
    } else {
        log_guest_error("sparc mmu: flush type %u reserved\n", type);
    }
}

uint32_t sparc_mmu_reg_read(CPUSPARCState *env, uint32_t reg)
{
    uint32_t val;

    switch (reg) {
    case MMU_FSR:
        /* reading the fault status clears it (H.5) */
        val = env->mmuregs[MMU_FSR];
        env->mmuregs[MMU_FSR] = 0;
        return val;
    case 0x13:
        return env->mmuregs[MMU_FSR];
    case 0x14:
        return env->mmuregs[MMU_FAR];
    default:
        return env->mmuregs[reg & (MMU_NREGS - 1)];
    }
}

void sparc_mmu_reg_write(CPUSPARCState *env, uint32_t reg, uint32_t val)
{
    CPUState *cs = env_cpu(env);
    const SPARCModel *m = env->model;
    uint32_t old;

    switch (reg) {
    case MMU_CTRL:
        old = env->mmuregs[MMU_CTRL];
        env->mmuregs[MMU_CTRL] = (old & MMU_CTRL_IMPL_VER) | (val & ~MMU_CTRL_IMPL_VER);
        /* mappings made with the MMU off or faults suppressed are stale now */
        if ((old ^ env->mmuregs[MMU_CTRL]) & (MMU_CTRL_E | MMU_CTRL_NF | m->mmu_bm)) {
            tlb_flush(cs);
        }
        break;
    case MMU_CTXTBL:
        env->mmuregs[MMU_CTXTBL] = val & m->mmu_ctpr_mask;
        tlb_flush(cs);
        break;
    case MMU_CTX:
        old = env->mmuregs[MMU_CTX];
        env->mmuregs[MMU_CTX] = val & m->mmu_cxr_mask;
        if (old != env->mmuregs[MMU_CTX]) {
            tlb_flush(cs);
        }
        break;
    case MMU_FSR:
    case MMU_FAR:
        break;      /* read-only through these addresses */
    case MMU_TRCR:
        env->mmuregs[MMU_TRCR] = val & m->mmu_trcr_mask;
        break;
    case 0x13:
        env->mmuregs[MMU_FSR] = val & m->mmu_sfsr_mask;
        break;
    case 0x14:
        env->mmuregs[MMU_FAR] = val;
        break;
    default:
        log_unimp("sparc mmu: write %08x to register 0x%02x\n", val, reg);
        env->mmuregs[reg & (MMU_NREGS - 1)] = val;
        break;
    }
}

/* Records a fault in the FSR/FAR (H.5): OW when the last one was unread. */
static void mmu_record_fault(CPUSPARCState *env, uint32_t vaddr, MMUAccessType access,
                             int mmu_idx, const SPARCMMUResult *r)
{
    unsigned at = (mmu_idx == SPARC_MMU_USER_IDX ? 0 : 1) +
                  (access == MMU_DATA_STORE ? 4 : access == MMU_INST_FETCH ? 2 : 0);

    env->mmuregs[MMU_FSR] = (env->mmuregs[MMU_FSR] ? MMU_FSR_OW : 0) |
                            ((uint32_t)r->fault_level << MMU_FSR_L_SHIFT) |
                            (at << MMU_FSR_AT_SHIFT) |
                            ((uint32_t)r->fault_type << MMU_FSR_FT_SHIFT) | MMU_FSR_FAV;
    env->mmuregs[MMU_FAR] = vaddr;
}

bool sparc_cpu_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                        int mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUSPARCState *env = sparc_env(cs);
    uint32_t va = (uint32_t)addr;
    SPARCMMUResult r;

    sparc_mmu_translate(env, cs->as, va, access_type, mmu_idx, true, &r);
    if (r.fault_type == MMU_FT_NONE) {
        tlb_set_page(cs, va & TARGET_PAGE_MASK, r.paddr & TARGET_PAGE_MASK, r.prot, mmu_idx,
                     r.page_size);
        return true;
    }
    if (probe) {
        return false;
    }
    mmu_record_fault(env, va, access_type, mmu_idx, &r);
    log_mask_printf(LOG_MMU, "sparc mmu: fault va %08x type %d level %d access %d\n", va,
                    r.fault_type, r.fault_level, access_type);
    /* NF suppresses data faults (H.3); with traps disabled the chips'
     * firmware-visible behaviour is the same (as QEMU models it). The
     * access goes nowhere; the mapping is flushed when NF clears. */
    if (((env->mmuregs[MMU_CTRL] & MMU_CTRL_NF) && access_type != MMU_INST_FETCH) ||
        !(env->psr & PSR_ET)) {
        tlb_set_page(cs, va & TARGET_PAGE_MASK, MMU_NOWHERE,
                     PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, TARGET_PAGE_SIZE);
        return true;
    }
    cs->exception_index = access_type == MMU_INST_FETCH ? TT_INSN_ACCESS_EXCEPTION
                                                        : TT_DATA_ACCESS_EXCEPTION;
    cpu_loop_exit_restore(cs, retaddr);
}

/*
 * A bus error: nothing answered at paddr, or the device signalled an error.
 * The fault status records an access bus error (H.5, FT 5) unless a
 * translation or access fault is still unread; it traps only with the MMU
 * on and NF clear, as QEMU models the sun4m CPUs (OpenBIOS probes empty
 * SBus slots this way with the MMU on and its trap handler armed).
 */
void sparc_mmu_bus_error(CPUSPARCState *env, hwaddr paddr, MMUAccessType access,
                         uintptr_t retaddr)
{
    uint32_t *fsr = &env->mmuregs[MMU_FSR];
    unsigned old_type = (*fsr >> MMU_FSR_FT_SHIFT) & 7;

    if (old_type == MMU_FT_NONE || old_type > MMU_FT_TRANSLATION) {
        unsigned at = ((env->psr & PSR_S) ? 1 : 0) + (access == MMU_INST_FETCH ? 2 : 0) +
                      (access == MMU_DATA_STORE ? 4 : 0);
        *fsr = (at << MMU_FSR_AT_SHIFT) | (MMU_FT_ACCESS_BUS << MMU_FSR_FT_SHIFT) |
               MMU_FSR_FAV;
        /* the SuperSPARC never puts instruction fault addresses in the FAR */
        if (access != MMU_INST_FETCH) {
            env->mmuregs[MMU_FAR] = (uint32_t)paddr;
        }
    }
    if (old_type == MMU_FT_ACCESS_BUS) {
        *fsr |= MMU_FSR_OW;
    }
    if ((env->mmuregs[MMU_CTRL] & (MMU_CTRL_E | MMU_CTRL_NF)) == MMU_CTRL_E) {
        CPUState *cs = env_cpu(env);
        /* V8 7.4: bus errors are the access *error* traps */
        cs->exception_index = access == MMU_INST_FETCH ? TT_INSN_ACCESS_ERROR
                                                       : TT_DATA_ACCESS_ERROR;
        cpu_loop_exit_restore(cs, retaddr);
    }
    /* mappings made while NF suppressed faults must fault properly later */
    if (env->mmuregs[MMU_CTRL] & MMU_CTRL_NF) {
        tlb_flush(env_cpu(env));
    }
}

void sparc_cpu_do_transaction_failed(CPUState *cs, hwaddr physaddr, uint64_t addr,
                                     unsigned size, MMUAccessType access_type, int mmu_idx,
                                     MemTxResult response, uintptr_t retaddr)
{
    /* A suppressed fault's stand-in mapping: its fault is already recorded. */
    if (physaddr >= MMU_NOWHERE) {
        return;
    }
    sparc_mmu_bus_error(sparc_env(cs), physaddr, access_type, retaddr);
}

bool sparc_cpu_debug_translate(CPUState *cs, uint64_t vaddr, hwaddr *paddr)
{
    CPUSPARCState *env = sparc_env(cs);
    SPARCMMUResult r;

    sparc_mmu_translate(env, cs->as, (uint32_t)vaddr, MMU_DATA_LOAD, SPARC_MMU_KERNEL_IDX, false,
                        &r);
    if (r.fault_type != MMU_FT_NONE) {
        sparc_mmu_translate(env, cs->as, (uint32_t)vaddr, MMU_INST_FETCH, SPARC_MMU_KERNEL_IDX,
                            false, &r);
    }
    *paddr = r.paddr;
    return r.fault_type == MMU_FT_NONE;
}

void sparc_cpu_do_unaligned_access(CPUState *cs, uint64_t addr, MMUAccessType access_type,
                                   int mmu_idx, uintptr_t retaddr)
{
    cs->exception_index = TT_MEM_ADDRESS_NOT_ALIGNED;
    cpu_loop_exit_restore(cs, retaddr);
}

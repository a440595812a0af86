/*
 * The soft TLB's slow paths, which generated code calls when its inline
 * TLB probe misses (or hits an MMIO, code or read-only page), and which
 * TCI calls for every guest access. The rest of the soft TLB's interface
 * (tlb_set_page, tlb_flush*, cpu_ld/st_mmu, probe_access) is in tcg/exec.h.
 */
#ifndef SOFTMMU_CPUTLB_H
#define SOFTMMU_CPUTLB_H

#include <stdint.h>

#include "tcg/memop.h"

/* Loads per oi's MemOp, zero- or sign-extended to 64 bits. ra: the host
 * return address in the block (for precise restore on a fault). */
uint64_t helper_ld_mmu(void *env, uint64_t addr, MemOpIdx oi, uintptr_t ra);
void helper_st_mmu(void *env, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t ra);

#endif

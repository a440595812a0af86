/*
 * Alternate-space loads and stores (LDA, STA and friends): the ASIs that
 * sun4m firmware and Linux use. ASIs 0x08-0x0b reach memory through the
 * MMU as user or supervisor; 0x20-0x2f bypass it to the 36-bit physical
 * space (address bits 35:32 = ASI & 0xf); 0x03 and 0x04 are the Reference
 * MMU's probe/flush and registers; 0x02 is the SuperSPARC MXCC (its port
 * register gives every sun4m firmware the CPU's MBus id, so the microSPARC
 * answers it too, as QEMU does); the cache and TLB diagnostic ASIs read
 * as zero and ignore writes, as on the microSPARC and SuperSPARC.
 * ASI numbers: the microSPARC-II and SuperSPARC user's guides.
 */
#include "target/sparc/cpu.h"
#include "tcg/exec.h"
#include "util/bswap.h"
#include "util/log.h"

#define HELPER_H "target/sparc/helper.h"
#include "tcg/helper-proto.h"

enum {
    ASI_CONTROL = 0x02,         /* MXCC on SuperSPARC */
    ASI_MMU_FLUSH_PROBE = 0x03,
    ASI_MMU_REGS = 0x04,
    ASI_MMU_DIAG = 0x06,
    ASI_USER_INSN = 0x08,
    ASI_SUPER_INSN = 0x09,
    ASI_USER_DATA = 0x0a,
    ASI_SUPER_DATA = 0x0b,
    ASI_ICACHE_TAG = 0x0c,      /* 0x0c-0x0f: I/D cache tags and data */
    ASI_DCACHE_DATA = 0x0f,
    ASI_FLUSH_PAGE = 0x10,      /* 0x10-0x14: cache flushes by page .. user */
    ASI_FLUSH_USER = 0x14,
    ASI_BLOCK_COPY = 0x17,
    ASI_BLOCK_FILL = 0x1f,
    ASI_BYPASS = 0x20,          /* 0x20-0x2f */
    ASI_BYPASS_END = 0x2f,
    ASI_ICACHE_CLEAR = 0x36,
    ASI_DCACHE_CLEAR = 0x37,
};

/* MXCC registers (SuperSPARC user's guide, MXCC chapter): ASI 0x02 addresses */
enum {
    MXCC_STREAM_DATA = 0x01c00000,  /* 4 doublewords */
    MXCC_STREAM_DATA_END = 0x01c00018,
    MXCC_STREAM_SRC = 0x01c00100,
    MXCC_STREAM_DST = 0x01c00200,
    MXCC_CTRL = 0x01c00a00,
    MXCC_CTRL_LOW = 0x01c00a04,     /* the control register's low word */
    MXCC_RESET = 0x01c00c00,
    MXCC_ERROR = 0x01c00e00,
    MXCC_PORT = 0x01c00f00,
};
#define MXCC_REG(addr) (((addr) >> 8) & 7)
#define MXCC_PADDR_MASK 0xfffffffffull   /* stream addresses are 36-bit physical */

/* OpenBIOS takes its CPU number from the MBus port register: module ids
 * start at 8 (SuperSPARC user's guide, MXCC port address register). */
void sparc_cpu_set_id(CPUSPARCState *env, int index)
{
    env->mxccregs[MXCC_REG(MXCC_PORT)] =
        ((uint64_t)((index + 8) & 0xf) << 24) | env->model->mxcc_version;
}

static uint64_t mxcc_read(CPUSPARCState *env, uint32_t addr, unsigned size)
{
    switch (addr) {
    case MXCC_CTRL:
    case MXCC_RESET:
    case MXCC_PORT:
        if (size == 8) {
            return env->mxccregs[MXCC_REG(addr)];
        }
        break;
    case MXCC_CTRL_LOW:
        if (size == 4) {
            return (uint32_t)env->mxccregs[MXCC_REG(addr)];
        }
        break;
    }
    log_unimp("sparc mxcc: read of %08x, size %u\n", addr, size);
    return 0;
}

/* A stream operation moves one 32-byte line between memory and the buffer. */
static void mxcc_stream(CPUSPARCState *env, uint64_t paddr, bool to_memory)
{
    AddressSpace *as = env_cpu(env)->as;

    for (int i = 0; i < 4; i++) {
        hwaddr a = (paddr & MXCC_PADDR_MASK) + 8 * i;
        if (to_memory) {
            address_space_stq_be(as, a, env->mxccdata[i], NULL);
        } else {
            env->mxccdata[i] = address_space_ldq_be(as, a, NULL);
        }
    }
}

static void mxcc_write(CPUSPARCState *env, uint32_t addr, uint64_t val, unsigned size)
{
    if (addr == MXCC_CTRL_LOW && size == 4) {
        env->mxccregs[MXCC_REG(addr)] = (env->mxccregs[MXCC_REG(addr)] & ~0xffffffffull) | val;
        return;
    }
    if (size != 8) {
        log_unimp("sparc mxcc: write %" G_GINT64_MODIFIER "x to %08x, size %u\n", val, addr,
                  size);
        return;
    }
    switch (addr) {
    case MXCC_STREAM_DATA ... MXCC_STREAM_DATA_END:
        if (!(addr & 7)) {
            env->mxccdata[(addr >> 3) & 3] = val;
            return;
        }
        break;
    case MXCC_STREAM_SRC:
    case MXCC_STREAM_DST:
        env->mxccregs[MXCC_REG(addr)] = val;
        mxcc_stream(env, val, addr == MXCC_STREAM_DST);
        return;
    case MXCC_CTRL:
    case MXCC_PORT:
        env->mxccregs[MXCC_REG(addr)] = val;
        return;
    case MXCC_ERROR:
        /* writing ones clears error bits */
        env->mxccregs[MXCC_REG(addr)] &= ~val;
        return;
    }
    log_unimp("sparc mxcc: write %" G_GINT64_MODIFIER "x to %08x\n", val, addr);
}

/* The MMU index ASIs 0x08-0x0b use: the MMU's, or bypass when it is off. */
static int asi_mmu_idx(CPUSPARCState *env, bool super)
{
    if (!(env->mmuregs[MMU_CTRL] & MMU_CTRL_E)) {
        return SPARC_MMU_PHYS_IDX;
    }
    return super ? SPARC_MMU_KERNEL_IDX : SPARC_MMU_USER_IDX;
}

/* Loads from ASIs 0x08/0x09 read instruction space: they take the fetch
 * path, so boot mode's PROM mapping and execute permission apply (QEMU reads
 * them with code loads; OpenBIOS copies itself out of the PROM this way). */
static uint64_t asi_ld_insn(CPUSPARCState *env, uint32_t addr, unsigned size, bool super,
                            uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    int idx = asi_mmu_idx(env, super);
    SPARCMMUResult r;
    uint8_t buf[8];

    /* raises the access exception, or maps a suppressed fault nowhere */
    sparc_cpu_tlb_fill(cs, addr, size, MMU_INST_FETCH, idx, false, ra);
    sparc_mmu_translate(env, cs->as, addr, MMU_INST_FETCH, idx, false, &r);
    if (r.fault_type != MMU_FT_NONE) {
        return 0;
    }
    address_space_read(cs->as, r.paddr, buf, size);
    return ldn_p(buf, size, 1);
}

static bool asi_is_cache_diag(uint32_t asi)
{
    return asi == ASI_MMU_DIAG || (asi >= ASI_ICACHE_TAG && asi <= ASI_DCACHE_DATA) ||
           (asi >= ASI_FLUSH_PAGE && asi <= ASI_FLUSH_USER) || asi == ASI_ICACHE_CLEAR ||
           asi == ASI_DCACHE_CLEAR;
}

static hwaddr asi_bypass_addr(uint32_t addr, uint32_t asi)
{
    return ((hwaddr)(asi & 0xf) << 32) | addr;
}

static uint64_t asi_extend(uint64_t v, MemOp mop)
{
    if (mop & MO_SIGN) {
        unsigned bits = 8 * memop_size(mop);
        return (uint64_t)(((int64_t)v << (64 - bits)) >> (64 - bits));
    }
    return v;
}

uint64_t helper_ld_asi(CPUSPARCState *env, uint32_t addr, uint32_t asi, uint32_t memop)
{
    CPUState *cs = env_cpu(env);
    MemOp mop = memop;
    unsigned size = memop_size(mop);
    uint8_t buf[8];

    if (addr & (size - 1)) {
        sparc_raise_exception(env, TT_MEM_ADDRESS_NOT_ALIGNED, GETPC());
    }
    switch (asi) {
    case ASI_CONTROL:
        return asi_extend(mxcc_read(env, addr, size), mop);
    case ASI_MMU_FLUSH_PROBE:
        return sparc_mmu_probe(env, cs->as, addr);
    case ASI_MMU_REGS:
        return sparc_mmu_reg_read(env, (addr >> 8) & 0x1f);
    case ASI_USER_INSN:
    case ASI_SUPER_INSN:
        return asi_extend(asi_ld_insn(env, addr, size, asi & 1, GETPC()), mop);
    case ASI_USER_DATA:
    case ASI_SUPER_DATA:
        return asi_extend(cpu_ld_mmu(cs, addr,
                                     make_memop_idx((mop & MO_SIZE) | (size > 1 ? MO_BE : 0),
                                                    asi_mmu_idx(env, asi & 1)),
                                     GETPC()),
                          mop);
    case ASI_BYPASS ... ASI_BYPASS_END:
        if (address_space_read(cs->as, asi_bypass_addr(addr, asi), buf, size) != MEMTX_OK) {
            sparc_mmu_bus_error(env, asi_bypass_addr(addr, asi), MMU_DATA_LOAD, GETPC());
        }
        return asi_extend(ldn_p(buf, size, 1), mop);
    default:
        if (!asi_is_cache_diag(asi)) {
            log_unimp("sparc: load from ASI 0x%02x address %08x\n", asi, addr);
        }
        return 0;
    }
}

/* Block copy/fill (SuperSPARC): 32 bytes through the supervisor mapping. */
static void asi_block_op(CPUSPARCState *env, uint32_t addr, uint64_t val, bool fill,
                         uintptr_t ra)
{
    CPUState *cs = env_cpu(env);
    int idx = asi_mmu_idx(env, true);
    uint32_t dst = addr & ~31u;

    for (unsigned i = 0; i < 32; i += fill ? 8 : 4) {
        if (fill) {
            cpu_st_mmu(cs, dst + i, val, make_memop_idx(MO_BEUQ, idx), ra);
        } else {
            uint64_t w = cpu_ld_mmu(cs, ((uint32_t)val & ~3u) + i,
                                    make_memop_idx(MO_BEUL, idx), ra);
            cpu_st_mmu(cs, dst + i, w, make_memop_idx(MO_BEUL, idx), ra);
        }
    }
}

void helper_st_asi(CPUSPARCState *env, uint32_t addr, uint64_t val, uint32_t asi,
                   uint32_t memop)
{
    CPUState *cs = env_cpu(env);
    MemOp mop = memop;
    unsigned size = memop_size(mop);
    uint8_t buf[8];

    if (addr & (size - 1)) {
        sparc_raise_exception(env, TT_MEM_ADDRESS_NOT_ALIGNED, GETPC());
    }
    switch (asi) {
    case ASI_CONTROL:
        mxcc_write(env, addr, val, size);
        break;
    case ASI_MMU_FLUSH_PROBE:
        sparc_mmu_flush(env, addr);
        break;
    case ASI_MMU_REGS:
        sparc_mmu_reg_write(env, (addr >> 8) & 0x1f, (uint32_t)val);
        break;
    case ASI_USER_INSN:
    case ASI_USER_DATA:
    case ASI_SUPER_INSN:
    case ASI_SUPER_DATA:
        cpu_st_mmu(cs, addr, val,
                   make_memop_idx((mop & MO_SIZE) | (size > 1 ? MO_BE : 0),
                                  asi_mmu_idx(env, asi & 1)),
                   GETPC());
        break;
    case ASI_BLOCK_COPY:
    case ASI_BLOCK_FILL:
        asi_block_op(env, addr, val, asi == ASI_BLOCK_FILL, GETPC());
        break;
    case ASI_BYPASS ... ASI_BYPASS_END:
        stn_p(buf, size, 1, val);
        if (address_space_write(cs->as, asi_bypass_addr(addr, asi), buf, size) != MEMTX_OK) {
            sparc_mmu_bus_error(env, asi_bypass_addr(addr, asi), MMU_DATA_STORE, GETPC());
        }
        break;
    default:
        if (!asi_is_cache_diag(asi)) {
            log_unimp("sparc: store %" G_GINT64_MODIFIER "x to ASI 0x%02x address %08x\n", val,
                      asi, addr);
        }
        break;
    }
}

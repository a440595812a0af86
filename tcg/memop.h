/*
 * MemOp: the size, sign, byte order and alignment of one guest memory
 * access, carried by every load and store in the IR, the soft TLB and the
 * slow-path helpers. The host is always little-endian x86-64, so MO_BE is
 * the byte-swapped order.
 */
#ifndef TCG_MEMOP_H
#define TCG_MEMOP_H

#include <stdint.h>

typedef enum MemOp {
    MO_8 = 0,
    MO_16 = 1,
    MO_32 = 2,
    MO_64 = 3,
    MO_SIZE = 3,

    MO_SIGN = 4,            /* sign-extend the loaded value */

    MO_BSWAP = 8,           /* the access is in the host's opposite order */
    MO_LE = 0,
    MO_BE = MO_BSWAP,

    /* Alignment demanded: a fault (the target's do_unaligned_access)
     * when the address is not a multiple of it. MO_ALIGN is natural. */
    MO_ASHIFT = 5,
    MO_AMASK = 7 << MO_ASHIFT,
    MO_UNALN = 0,
    MO_ALIGN_2 = 1 << MO_ASHIFT,
    MO_ALIGN_4 = 2 << MO_ASHIFT,
    MO_ALIGN_8 = 3 << MO_ASHIFT,
    MO_ALIGN_16 = 4 << MO_ASHIFT,
    MO_ALIGN = MO_AMASK,

    MO_UB = MO_8,
    MO_UW = MO_16,
    MO_UL = MO_32,
    MO_UQ = MO_64,
    MO_SB = MO_SIGN | MO_8,
    MO_SW = MO_SIGN | MO_16,
    MO_SL = MO_SIGN | MO_32,

    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_LESW = MO_LE | MO_SW,
    MO_LESL = MO_LE | MO_SL,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
    MO_BESW = MO_BE | MO_SW,
    MO_BESL = MO_BE | MO_SL,
} MemOp;

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* The alignment in bytes an access demands (1 when none). */
static inline unsigned memop_alignment(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;
    if (a == (MO_AMASK >> MO_ASHIFT)) {
        return memop_size(op);
    }
    return 1u << a;
}

/* A MemOp and an MMU index packed in one word, as the slow paths take them. */
typedef uint32_t MemOpIdx;

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    return (op << 4) | mmu_idx;
}
static inline MemOp get_memop(MemOpIdx oi) { return (MemOp)(oi >> 4); }
static inline unsigned get_mmuidx(MemOpIdx oi) { return oi & 15; }

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* Page protection bits for tlb_set_page. */
#define PAGE_READ 1
#define PAGE_WRITE 2
#define PAGE_EXEC 4

#endif

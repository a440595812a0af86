/*
 * Translation blocks: one run of guest instructions translated to host
 * code, with what identifies it (pc, cs_base, flags, physical pc) and what
 * chaining needs. The exec side (tcg/exec*.c) owns the lifetime; front
 * ends read pc, cs_base, flags and cflags.
 */
#ifndef TCG_TB_H
#define TCG_TB_H

#include <stdint.h>

#include "softmmu/memory.h"

/* cflags */
#define CF_COUNT_MASK 0x000001ffu  /* max instructions in the block (0: default) */
#define CF_NO_GOTO_TB 0x00000200u  /* no direct chaining out of this block */
#define CF_NO_GOTO_PTR 0x00000400u /* no lookup_and_goto_ptr */
#define CF_SINGLE_STEP 0x00000800u /* gdbstub stepping */
#define CF_NOIRQ 0x00001000u       /* do not check for interrupts at entry */
#define CF_INVALID 0x80000000u     /* invalidated: may not be entered or chained */

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    uint64_t pc;           /* guest virtual pc of the first instruction */
    uint64_t cs_base;      /* target-defined (SPARC: npc; x86: CS base) */
    uint32_t flags;        /* target-defined state the code depends on */
    uint32_t cflags;
    hwaddr phys_pc;        /* guest physical address of the first byte */
    hwaddr phys_page2;     /* second page for a block crossing a page, or -1 */
    uint16_t size;         /* guest bytes covered */
    uint16_t icount;       /* guest instructions */

    const void *tc_ptr;    /* host code */
    uint32_t tc_size;

    /* Chaining: the jump slots' offsets in the host code, their unchained
     * targets, and which block each is chained to (tagged pointers and
     * lists are the exec side's business). */
    uint16_t jmp_insn_offset[2];
    uint16_t jmp_reset_offset[2];
    uintptr_t jmp_dest[2];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];

    /* The first instruction's insn_start words: the state to resume at when
     * the block leaves at entry (exit_request) after a chained jump, which
     * does not store the pc. */
    uint64_t entry_data[3];

    /* Compressed (host offset, guest insn_start words) table for
     * restoring guest state from a host return address. */
    const uint8_t *search_data;
    uint32_t search_len;

    /* Where the guest code lives in host memory (RAM or ROM), which is what
     * identifies it: the hash key and the self-modifying-code lists use
     * host addresses, so aliases and remapping cannot confuse them. */
    uintptr_t host_pc;         /* host address of the first byte */
    uintptr_t page_host[2];    /* host address of each page touched, [1] 0 if one */
    uintptr_t page_next[2];    /* next block on page_host[n]: tb | its page index */
    uint32_t hash;
};

#endif

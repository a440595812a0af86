/*
 * TCI's bytecode, shared by its generator (tci-gen.c) and interpreter
 * (tci-exec.c). Private to tcg/tci/.
 *
 * A TB is an array of 64-bit words in the code buffer. Each instruction is
 * a header word, then its operands:
 *     header = opcode | nout << 16 | nin << 20 | length-in-words << 24
 * For an IR op the operands are its args in IR order: output and input
 * temps as frame slot numbers (a temp's index in TCGContext.temps, so slot
 * 0 is env), then its constant args; a label becomes a word delta from the
 * header to the label's instruction; goto_tb's operand is the absolute
 * address it continues at (the next instruction until chained). Globals
 * and constants have no home in the frame between instructions: the
 * generator brackets each op with TCI_LDG/TCI_MOVI for its inputs and
 * TCI_STG for its outputs, so the CPU state in memory is always current.
 */
#ifndef TCG_TCI_TCI_H
#define TCG_TCI_TCI_H

#include "tcg/tcg.h"

typedef enum TCIOpcode {
    TCI_MOVI = NB_OPS,  /* slot, value */
    TCI_LDG,            /* slot, base slot, offset, size (4 or 8): load, zero-extended */
    TCI_STG,            /* slot, base slot, offset, size */
} TCIOpcode;

#define TCI_HDR(opc, nout, nin, len) \
    ((uint64_t)(opc) | (uint64_t)(nout) << 16 | (uint64_t)(nin) << 20 | (uint64_t)(len) << 24)
#define TCI_HDR_OPC(w) ((unsigned)((w) & 0xffff))
#define TCI_HDR_NOUT(w) ((unsigned)((w) >> 16) & 15)
#define TCI_HDR_NIN(w) ((unsigned)((w) >> 20) & 15)
#define TCI_HDR_LEN(w) ((unsigned)((w) >> 24))

#endif

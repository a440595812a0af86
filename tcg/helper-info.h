/*
 * Calls from generated code to C helpers: the description the IR keeps of
 * each helper (its types and what it may touch), and the call emitter.
 * Front ends do not use this directly; they declare helpers in their
 * helper.h with DEF_HELPER_FLAGS_n and get gen_helper_NAME functions from
 * tcg/helper-gen.h.
 */
#ifndef TCG_HELPER_INFO_H
#define TCG_HELPER_INFO_H

#include <stdint.h>

#include "tcg/tcg-op.h"

typedef struct TCGTemp TCGTemp;

/*
 * What a helper may do, so the optimizer and register allocator keep
 * globals in host registers across the call. A helper that can raise a
 * guest exception reads globals (the state must be current when it
 * unwinds), so it must not be marked NO_READ_GLOBALS.
 */
#define TCG_CALL_NO_READ_GLOBALS 0x1u   /* reads no globals, raises nothing */
#define TCG_CALL_NO_WRITE_GLOBALS 0x2u  /* writes no globals */
#define TCG_CALL_NO_SIDE_EFFECTS 0x4u   /* removable when its result is unused */
#define TCG_CALL_NO_RETURN 0x8u         /* never returns (raises an exception) */
#define TCG_CALL_NO_RWG TCG_CALL_NO_READ_GLOBALS
#define TCG_CALL_NO_WG TCG_CALL_NO_WRITE_GLOBALS
#define TCG_CALL_NO_SE TCG_CALL_NO_SIDE_EFFECTS
#define TCG_CALL_NO_RWG_SE (TCG_CALL_NO_RWG | TCG_CALL_NO_SE)
#define TCG_CALL_NO_WG_SE (TCG_CALL_NO_WG | TCG_CALL_NO_SE)

typedef enum TCGCallType {
    TCG_CALL_TYPE_VOID,
    TCG_CALL_TYPE_I32,
    TCG_CALL_TYPE_S32,  /* sign-extended to 64 bits when passed */
    TCG_CALL_TYPE_I64,
    TCG_CALL_TYPE_S64,
    TCG_CALL_TYPE_PTR,
} TCGCallType;

#define TCG_MAX_HELPER_ARGS 6

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    unsigned nargs;
    TCGCallType ret;
    TCGCallType args[TCG_MAX_HELPER_ARGS];
} TCGHelperInfo;

TCGTemp *tcgv_i32_temp(TCGv_i32 v);
TCGTemp *tcgv_i64_temp(TCGv_i64 v);
TCGTemp *tcgv_ptr_temp(TCGv_ptr v);

/* Emits a call; ret is NULL for a void helper. */
void tcg_gen_callN(const TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

#endif

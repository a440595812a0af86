/*
 * Type mapping for helper declarations (DEF_HELPER_FLAGS_n(name, flags,
 * ret, args...)). Types: void, noreturn, i32, s32, i64, s64, ptr, env.
 * `env` is the target's CPUArchState *, which its cpu.h typedefs.
 */
#ifndef TCG_HELPER_HEAD_H
#define TCG_HELPER_HEAD_H

#include <glib.h>
#include <stdint.h>

#include "tcg/helper-info.h"

#define dh_ctype_void void
#define dh_ctype_noreturn G_NORETURN void
#define dh_ctype_i32 uint32_t
#define dh_ctype_s32 int32_t
#define dh_ctype_i64 uint64_t
#define dh_ctype_s64 int64_t
#define dh_ctype_ptr void *
#define dh_ctype_env CPUArchState *
#define dh_ctype(t) dh_ctype_##t

#define dh_gtype_i32 TCGv_i32
#define dh_gtype_s32 TCGv_i32
#define dh_gtype_i64 TCGv_i64
#define dh_gtype_s64 TCGv_i64
#define dh_gtype_ptr TCGv_ptr
#define dh_gtype_env TCGv_ptr
#define dh_gtype(t) dh_gtype_##t

#define dh_temp_i32(v) tcgv_i32_temp(v)
#define dh_temp_s32(v) tcgv_i32_temp(v)
#define dh_temp_i64(v) tcgv_i64_temp(v)
#define dh_temp_s64(v) tcgv_i64_temp(v)
#define dh_temp_ptr(v) tcgv_ptr_temp(v)
#define dh_temp_env(v) tcgv_ptr_temp(v)
#define dh_temp(t, v) dh_temp_##t(v)

#define dh_code_void TCG_CALL_TYPE_VOID
#define dh_code_noreturn TCG_CALL_TYPE_VOID
#define dh_code_i32 TCG_CALL_TYPE_I32
#define dh_code_s32 TCG_CALL_TYPE_S32
#define dh_code_i64 TCG_CALL_TYPE_I64
#define dh_code_s64 TCG_CALL_TYPE_S64
#define dh_code_ptr TCG_CALL_TYPE_PTR
#define dh_code_env TCG_CALL_TYPE_PTR
#define dh_code(t) dh_code_##t

#define dh_flag_void 0
#define dh_flag_noreturn TCG_CALL_NO_RETURN
#define dh_flag_i32 0
#define dh_flag_s32 0
#define dh_flag_i64 0
#define dh_flag_s64 0
#define dh_flag_ptr 0
#define dh_flag(t) dh_flag_##t

/* The result parameter of gen_helper_NAME: none for void/noreturn. */
#define dh_retparam_void
#define dh_retparam_noreturn
#define dh_retparam_i32 TCGv_i32 retval,
#define dh_retparam_s32 TCGv_i32 retval,
#define dh_retparam_i64 TCGv_i64 retval,
#define dh_retparam_s64 TCGv_i64 retval,
#define dh_retparam_ptr TCGv_ptr retval,
#define dh_retparam(t) dh_retparam_##t
#define dh_retparam0_void void
#define dh_retparam0_noreturn void
#define dh_retparam0_i32 TCGv_i32 retval
#define dh_retparam0_s32 TCGv_i32 retval
#define dh_retparam0_i64 TCGv_i64 retval
#define dh_retparam0_s64 TCGv_i64 retval
#define dh_retparam0_ptr TCGv_ptr retval
#define dh_retparam0(t) dh_retparam0_##t
#define dh_rettemp_void NULL
#define dh_rettemp_noreturn NULL
#define dh_rettemp_i32 tcgv_i32_temp(retval)
#define dh_rettemp_s32 tcgv_i32_temp(retval)
#define dh_rettemp_i64 tcgv_i64_temp(retval)
#define dh_rettemp_s64 tcgv_i64_temp(retval)
#define dh_rettemp_ptr tcgv_ptr_temp(retval)
#define dh_rettemp(t) dh_rettemp_##t

#endif

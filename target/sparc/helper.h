/*
 * The SPARC helpers generated code calls: one DEF_HELPER line each, read by
 * tcg/helper-proto.h (prototypes) and tcg/helper-gen.h (emitters).
 * Helpers that can trap read the globals (state is restored from the host
 * return address), so only pure ones are marked NO_RWG.
 */

/* int_helper.c */
DEF_HELPER_FLAGS_2(raise_exception, 0, noreturn, env, i32)
DEF_HELPER_FLAGS_3(trap_if, TCG_CALL_NO_WG, void, env, i32, i32)
DEF_HELPER_FLAGS_3(check_align, TCG_CALL_NO_WG, void, env, i32, i32)
DEF_HELPER_FLAGS_2(check_tag_overflow, TCG_CALL_NO_WG, void, env, i32)
DEF_HELPER_FLAGS_3(udiv, TCG_CALL_NO_WG, i64, env, i32, i32)
DEF_HELPER_FLAGS_3(sdiv, TCG_CALL_NO_WG, i64, env, i32, i32)

/* win_helper.c */
DEF_HELPER_FLAGS_1(rdpsr, TCG_CALL_NO_WG, i32, env)
DEF_HELPER_FLAGS_2(wrpsr, 0, void, env, i32)
DEF_HELPER_FLAGS_1(save, 0, void, env)
DEF_HELPER_FLAGS_1(restore, 0, void, env)
DEF_HELPER_FLAGS_2(rett, 0, void, env, i32)

/* ldst_helper.c */
DEF_HELPER_FLAGS_4(ld_asi, 0, i64, env, i32, i32, i32)
DEF_HELPER_FLAGS_5(st_asi, 0, void, env, i32, i64, i32, i32)

/* fop_helper.c */
DEF_HELPER_FLAGS_2(fp_trap, 0, noreturn, env, i32)
DEF_HELPER_FLAGS_1(stdfq_take, TCG_CALL_NO_WG, i64, env)
DEF_HELPER_FLAGS_2(set_fsr, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_3(fadds, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_3(fsubs, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_3(fmuls, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_3(fdivs, TCG_CALL_NO_WG, i32, env, i32, i32)
DEF_HELPER_FLAGS_3(faddd, TCG_CALL_NO_WG, i64, env, i64, i64)
DEF_HELPER_FLAGS_3(fsubd, TCG_CALL_NO_WG, i64, env, i64, i64)
DEF_HELPER_FLAGS_3(fmuld, TCG_CALL_NO_WG, i64, env, i64, i64)
DEF_HELPER_FLAGS_3(fdivd, TCG_CALL_NO_WG, i64, env, i64, i64)
DEF_HELPER_FLAGS_3(fsmuld, TCG_CALL_NO_WG, i64, env, i32, i32)
DEF_HELPER_FLAGS_2(fsqrts, TCG_CALL_NO_WG, i32, env, i32)
DEF_HELPER_FLAGS_2(fsqrtd, TCG_CALL_NO_WG, i64, env, i64)
DEF_HELPER_FLAGS_2(fitos, TCG_CALL_NO_WG, i32, env, i32)
DEF_HELPER_FLAGS_2(fitod, TCG_CALL_NO_WG, i64, env, i32)
DEF_HELPER_FLAGS_2(fstoi, TCG_CALL_NO_WG, i32, env, i32)
DEF_HELPER_FLAGS_2(fdtoi, TCG_CALL_NO_WG, i32, env, i64)
DEF_HELPER_FLAGS_2(fstod, TCG_CALL_NO_WG, i64, env, i32)
DEF_HELPER_FLAGS_2(fdtos, TCG_CALL_NO_WG, i32, env, i64)
DEF_HELPER_FLAGS_3(fcmps, TCG_CALL_NO_WG, void, env, i32, i32)
DEF_HELPER_FLAGS_3(fcmpes, TCG_CALL_NO_WG, void, env, i32, i32)
DEF_HELPER_FLAGS_3(fcmpd, TCG_CALL_NO_WG, void, env, i64, i64)
DEF_HELPER_FLAGS_3(fcmped, TCG_CALL_NO_WG, void, env, i64, i64)

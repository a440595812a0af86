/* The test guest's helpers (see tcg/helper-gen.h for the DEF_HELPER forms). */
DEF_HELPER_FLAGS_2(tg_raise, 0, noreturn, env, i32)
DEF_HELPER_FLAGS_1(tg_halt, 0, noreturn, env)

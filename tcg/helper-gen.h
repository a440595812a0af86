/*
 * Defines gen_helper_NAME(...) emitters for a target's helpers, one static
 * inline function per DEF_HELPER line. The includer defines HELPER_H as for
 * tcg/helper-proto.h (and includes that too, for the function addresses).
 */
#include "tcg/helper-head.h"

#define DH_INFO(nm, fl, r, n, ...)                                                     \
    static const TCGHelperInfo info = {                                                \
        .func = (void *)helper_##nm, .name = #nm, .flags = (fl) | dh_flag(r),          \
        .nargs = (n), .ret = dh_code(r), .args = { __VA_ARGS__ } }

#define DEF_HELPER_FLAGS_0(name, fl, r)                                                \
    static inline void gen_helper_##name(dh_retparam0(r))                              \
    {                                                                                  \
        DH_INFO(name, fl, r, 0, TCG_CALL_TYPE_VOID);                                    \
        tcg_gen_callN(&info, dh_rettemp(r), NULL);                                     \
    }
#define DEF_HELPER_FLAGS_1(name, fl, r, a)                                             \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1)                \
    {                                                                                  \
        DH_INFO(name, fl, r, 1, dh_code(a));                                           \
        TCGTemp *args[] = { dh_temp(a, a1) };                                          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_FLAGS_2(name, fl, r, a, b)                                          \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1, dh_gtype(b) a2) \
    {                                                                                  \
        DH_INFO(name, fl, r, 2, dh_code(a), dh_code(b));                               \
        TCGTemp *args[] = { dh_temp(a, a1), dh_temp(b, a2) };                          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_FLAGS_3(name, fl, r, a, b, c)                                       \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1, dh_gtype(b) a2, \
                                         dh_gtype(c) a3)                               \
    {                                                                                  \
        DH_INFO(name, fl, r, 3, dh_code(a), dh_code(b), dh_code(c));                   \
        TCGTemp *args[] = { dh_temp(a, a1), dh_temp(b, a2), dh_temp(c, a3) };          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_FLAGS_4(name, fl, r, a, b, c, d)                                    \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1, dh_gtype(b) a2, \
                                         dh_gtype(c) a3, dh_gtype(d) a4)               \
    {                                                                                  \
        DH_INFO(name, fl, r, 4, dh_code(a), dh_code(b), dh_code(c), dh_code(d));       \
        TCGTemp *args[] = { dh_temp(a, a1), dh_temp(b, a2), dh_temp(c, a3),            \
                            dh_temp(d, a4) };                                          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_FLAGS_5(name, fl, r, a, b, c, d, e)                                 \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1, dh_gtype(b) a2, \
                                         dh_gtype(c) a3, dh_gtype(d) a4, dh_gtype(e) a5) \
    {                                                                                  \
        DH_INFO(name, fl, r, 5, dh_code(a), dh_code(b), dh_code(c), dh_code(d),        \
                dh_code(e));                                                           \
        TCGTemp *args[] = { dh_temp(a, a1), dh_temp(b, a2), dh_temp(c, a3),            \
                            dh_temp(d, a4), dh_temp(e, a5) };                          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_FLAGS_6(name, fl, r, a, b, c, d, e, f)                              \
    static inline void gen_helper_##name(dh_retparam(r) dh_gtype(a) a1, dh_gtype(b) a2, \
                                         dh_gtype(c) a3, dh_gtype(d) a4, dh_gtype(e) a5, \
                                         dh_gtype(f) a6)                               \
    {                                                                                  \
        DH_INFO(name, fl, r, 6, dh_code(a), dh_code(b), dh_code(c), dh_code(d),        \
                dh_code(e), dh_code(f));                                               \
        TCGTemp *args[] = { dh_temp(a, a1), dh_temp(b, a2), dh_temp(c, a3),            \
                            dh_temp(d, a4), dh_temp(e, a5), dh_temp(f, a6) };          \
        tcg_gen_callN(&info, dh_rettemp(r), args);                                     \
    }
#define DEF_HELPER_0(name, r) DEF_HELPER_FLAGS_0(name, 0, r)
#define DEF_HELPER_1(name, r, a) DEF_HELPER_FLAGS_1(name, 0, r, a)
#define DEF_HELPER_2(name, r, a, b) DEF_HELPER_FLAGS_2(name, 0, r, a, b)
#define DEF_HELPER_3(name, r, a, b, c) DEF_HELPER_FLAGS_3(name, 0, r, a, b, c)
#define DEF_HELPER_4(name, r, a, b, c, d) DEF_HELPER_FLAGS_4(name, 0, r, a, b, c, d)
#define DEF_HELPER_5(name, r, a, b, c, d, e) DEF_HELPER_FLAGS_5(name, 0, r, a, b, c, d, e)
#define DEF_HELPER_6(name, r, a, b, c, d, e, f) DEF_HELPER_FLAGS_6(name, 0, r, a, b, c, d, e, f)

#include HELPER_H

#undef DH_INFO
#undef DEF_HELPER_FLAGS_0
#undef DEF_HELPER_FLAGS_1
#undef DEF_HELPER_FLAGS_2
#undef DEF_HELPER_FLAGS_3
#undef DEF_HELPER_FLAGS_4
#undef DEF_HELPER_FLAGS_5
#undef DEF_HELPER_FLAGS_6

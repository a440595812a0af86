/*
 * Declares the C prototypes of a target's helpers. The includer defines
 * HELPER_H as its helper list file ("target/sparc/helper.h"), e.g.
 *     #define HELPER_H "target/sparc/helper.h"
 *     #include "tcg/helper-proto.h"
 */
#include "tcg/helper-head.h"

#define DEF_HELPER_FLAGS_0(name, fl, r) dh_ctype(r) helper_##name(void);
#define DEF_HELPER_FLAGS_1(name, fl, r, a) dh_ctype(r) helper_##name(dh_ctype(a));
#define DEF_HELPER_FLAGS_2(name, fl, r, a, b) dh_ctype(r) helper_##name(dh_ctype(a), dh_ctype(b));
#define DEF_HELPER_FLAGS_3(name, fl, r, a, b, c) \
    dh_ctype(r) helper_##name(dh_ctype(a), dh_ctype(b), dh_ctype(c));
#define DEF_HELPER_FLAGS_4(name, fl, r, a, b, c, d) \
    dh_ctype(r) helper_##name(dh_ctype(a), dh_ctype(b), dh_ctype(c), dh_ctype(d));
#define DEF_HELPER_FLAGS_5(name, fl, r, a, b, c, d, e) \
    dh_ctype(r) helper_##name(dh_ctype(a), dh_ctype(b), dh_ctype(c), dh_ctype(d), dh_ctype(e));
#define DEF_HELPER_FLAGS_6(name, fl, r, a, b, c, d, e, f)                                    \
    dh_ctype(r) helper_##name(dh_ctype(a), dh_ctype(b), dh_ctype(c), dh_ctype(d), dh_ctype(e), \
                              dh_ctype(f));
#define DEF_HELPER_0(name, r) DEF_HELPER_FLAGS_0(name, 0, r)
#define DEF_HELPER_1(name, r, a) DEF_HELPER_FLAGS_1(name, 0, r, a)
#define DEF_HELPER_2(name, r, a, b) DEF_HELPER_FLAGS_2(name, 0, r, a, b)
#define DEF_HELPER_3(name, r, a, b, c) DEF_HELPER_FLAGS_3(name, 0, r, a, b, c)
#define DEF_HELPER_4(name, r, a, b, c, d) DEF_HELPER_FLAGS_4(name, 0, r, a, b, c, d)
#define DEF_HELPER_5(name, r, a, b, c, d, e) DEF_HELPER_FLAGS_5(name, 0, r, a, b, c, d, e)
#define DEF_HELPER_6(name, r, a, b, c, d, e, f) DEF_HELPER_FLAGS_6(name, 0, r, a, b, c, d, e, f)

#include HELPER_H

#undef DEF_HELPER_FLAGS_0
#undef DEF_HELPER_FLAGS_1
#undef DEF_HELPER_FLAGS_2
#undef DEF_HELPER_FLAGS_3
#undef DEF_HELPER_FLAGS_4
#undef DEF_HELPER_FLAGS_5
#undef DEF_HELPER_FLAGS_6

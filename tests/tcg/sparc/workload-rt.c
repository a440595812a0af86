/*
 * The runtime the guest kit's workload.c needs (../shared/guests/src/rt.h),
 * on the test board: its output goes to the console register instead of
 * a Linux write(2). Only what workload.c calls, plus the mem* functions
 * the compiler may emit calls to.
 */
#include "rt.h"
#include "tb.h"
#include "workload.h"

static void put_hex(uint64_t v, int digits)
{
    for (int i = digits - 1; i >= 0; i--) {
        tb_putc("0123456789abcdef"[(v >> (4 * i)) & 15]);
    }
}

void out_line(const char *s)
{
    tb_puts(s);
    tb_putc('\n');
}

void out_result32(const char *name, uint32_t v)
{
    tb_puts("RESULT ");
    tb_puts(name);
    tb_putc(' ');
    put_hex(v, 8);
    tb_putc('\n');
}

void out_result64(const char *name, uint64_t v)
{
    tb_puts("RESULT ");
    tb_puts(name);
    tb_putc(' ');
    put_hex(v, 16);
    tb_putc('\n');
}

void out_kv(const char *a, const char *b, const char *c)
{
    tb_puts(a);
    tb_putc(' ');
    tb_puts(b);
    tb_putc(' ');
    out_line(c);
}

int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp) {
        return memcpy(d, s, n);
    }
    while (n--) {
        dp[n] = sp[n];
    }
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    while (n--) {
        *dp++ = (uint8_t)c;
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *ap = a, *bp = b;
    for (; n; n--, ap++, bp++) {
        if (*ap != *bp) {
            return *ap - *bp;
        }
    }
    return 0;
}

int main(void)
{
    workload_run();
    return 0;
}

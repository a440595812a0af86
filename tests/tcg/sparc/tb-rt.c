/*
 * Console output, exit and result checks for the SPARC test-board guests,
 * plus tb_main, which crt0.S calls: it clears .bss and exits with main's
 * status (or 1 when a check failed).
 */
#include "tb.h"

static int fail_count, group_fails;

void tb_putc(char c)
{
    mmio_write(TB_CONSOLE, (unsigned char)c);
}

void tb_puts(const char *s)
{
    while (*s) {
        tb_putc(*s++);
    }
}

void tb_puthex(u32 v)
{
    for (int i = 28; i >= 0; i -= 4) {
        tb_putc("0123456789abcdef"[(v >> i) & 15]);
    }
}

void tb_exit(int code)
{
    mmio_write(TB_EXIT, (u32)code);
    for (;;) {
    }
}

void check(const char *what, u32 got, u32 want)
{
    if (got != want) {
        tb_puts("FAIL ");
        tb_puts(what);
        tb_puts(": got ");
        tb_puthex(got);
        tb_puts(" want ");
        tb_puthex(want);
        tb_putc('\n');
        fail_count++;
        group_fails++;
    }
}

void report(const char *group)
{
    tb_puts(group_fails ? "FAIL " : "PASS ");
    tb_puts(group);
    tb_putc('\n');
    group_fails = 0;
}

int failures(void)
{
    return fail_count;
}

void tb_main(void)
{
    extern char __bss_start[], _end[];
    int rc;

    for (char *p = __bss_start; p < _end; p++) {
        *p = 0;
    }
    rc = main();
    tb_exit(rc ? rc : fail_count ? 1 : 0);
}

/*
 * The SPARC side of bench.h, on the test-board runtime of tests/tcg/sparc
 * (crt0.S, tb-rt.c: console and exit registers). Under -no-shutdown the
 * exit register stops the guest instead of ending the process, with the
 * instruction count frozen for `info jit` (docs/testboard.md).
 */
#include "bench.h"
#include "tb.h"

static void bench_marker(const char *what, const char *name)
{
    tb_puts(what);
    tb_puts(name);
}

void bench_start(const char *name)
{
    bench_marker("BENCH-START ", name);
    tb_putc('\n');
}

void bench_result(const char *name, u32 checksum)
{
    bench_marker("BENCH-RESULT ", name);
    tb_putc(' ');
    tb_puthex(checksum);
    tb_putc('\n');
}

void bench_end(const char *name)
{
    bench_marker("BENCH-END ", name);
    tb_putc('\n');
    tb_exit(0);
}

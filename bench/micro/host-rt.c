/*
 * bench.h on the host: bench/micro.py builds each micro-benchmark natively
 * with this runtime, at the same SCALE, and takes its BENCH-RESULT line as
 * the checksum the emulated runs must print (the programs avoid anything
 * that depends on byte order or word size).
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

void bench_start(const char *name)
{
    printf("BENCH-START %s\n", name);
}

void bench_result(const char *name, u32 checksum)
{
    printf("BENCH-RESULT %s %08x\n", name, checksum);
}

void bench_end(const char *name)
{
    printf("BENCH-END %s\n", name);
    exit(0);
}

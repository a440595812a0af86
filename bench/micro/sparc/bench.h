/*
 * What a translator micro-benchmark (bench/micro.py) sees of its runtime:
 * three markers on the console and nothing else. A program calls
 * bench_start, does its work, reports a checksum of it (so the work cannot
 * be optimised away and each run can be compared) and calls bench_end.
 * The work's size is SCALE (-DSCALE=N; each program has its default).
 */
#ifndef BENCH_H
#define BENCH_H

typedef unsigned int u32;
typedef int s32;

/* "BENCH-START name" */
void bench_start(const char *name);
/* "BENCH-RESULT name <8 hex digits>" */
void bench_result(const char *name, u32 checksum);
/* "BENCH-END name", then the program ends through the test board's exit
 * register (status 0; under -no-shutdown the guest stops there instead). */
void bench_end(const char *name) __attribute__((noreturn));

#endif

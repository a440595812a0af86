/*
 * The host's monotonic clock in nanoseconds: what the virtual clock runs
 * on (softmmu/timer.c) and what statistics time themselves with (`info jit`'s
 * translation time). A vDSO call, cheap enough for per-block use.
 */
#ifndef UTIL_HOST_CLOCK_H
#define UTIL_HOST_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t host_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif

/*
 * Micro-benchmark "memory": loads and stores over a 2 MiB buffer (512
 * pages, more than the soft TLB holds at its initial size): sequential
 * word passes (TLB hits, the inline fast path), a page-strided pass that
 * touches a new page at every access (TLB misses and refills), and byte
 * and halfword accesses (the other sizes of the big-endian fast path).
 */
#ifndef SCALE
#define SCALE 80  /* about 1 s on Chimera (docs/performance.md) */
#endif

#include "bench.h"

#define MEM_WORDS (512u * 1024u)      /* 2 MiB */
#define MEM_PAGE_WORDS 1024u          /* 4 KiB */
#define MEM_ROUNDS (SCALE * 2u)

static u32 buf[MEM_WORDS];

static u32 mem_sequential(u32 seed)
{
    u32 sum = 0;

    for (u32 i = 0; i < MEM_WORDS; i++) {
        buf[i] = seed + i * 2654435761u;
    }
    for (u32 i = 0; i < MEM_WORDS; i++) {
        sum += buf[i] ^ (sum >> 3);
    }
    return sum;
}

/* One word per page, page after page; the offset in the page moves each
 * sweep so the same lines are not reused. */
static u32 mem_strided(u32 sweeps)
{
    u32 sum = 0;

    for (u32 s = 0; s < sweeps; s++) {
        u32 ofs = (s * 7u) & (MEM_PAGE_WORDS - 1);
        for (u32 p = 0; p < MEM_WORDS; p += MEM_PAGE_WORDS) {
            u32 v = buf[p + ofs];
            buf[p + ofs] = v + s;
            sum += v;
        }
    }
    return sum;
}

/* Byte and halfword stores, each read back at the same width (so the sum
 * does not depend on byte order): one 16-byte slot at a time. */
static u32 mem_narrow(u32 seed)
{
    volatile unsigned char *b = (volatile unsigned char *)buf;
    volatile unsigned short *h = (volatile unsigned short *)buf;
    u32 sum = 0;

    for (u32 i = 0; i < MEM_WORDS * 4; i += 16) {
        b[i + 1] = (unsigned char)(i + seed);
        h[(i + 6) / 2] = (unsigned short)(i ^ seed);
        sum += b[i + 1] * 3u + h[(i + 6) / 2];
    }
    return sum;
}

int main(void)
{
    u32 sum = 0;

    bench_start("memory");
    for (u32 r = 0; r < MEM_ROUNDS; r++) {
        sum = sum * 31 + mem_sequential(r);
        sum = sum * 31 + mem_strided(64);
        sum = sum * 31 + mem_narrow(r);
    }
    bench_result("memory", sum);
    bench_end("memory");
}

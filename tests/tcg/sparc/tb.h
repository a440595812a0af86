/*
 * The SPARC test-board guests' runtime: console and exit registers
 * (docs/testboard.md), the trap bookkeeping crt0.S keeps, and the checks
 * each test prints its results with.
 */
#ifndef SPARC_TB_H
#define SPARC_TB_H

typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;

#define TB_CONSOLE 0xf0000000u
#define TB_EXIT 0xf0000004u
#define TB_TIMER_CTRL 0xf0000008u
#define TB_TIMER_PERIOD 0xf000000cu
#define TB_TIMER_STATUS 0xf0000010u

static inline void mmio_write(u32 addr, u32 v)
{
    *(volatile u32 *)addr = v;
}

extern volatile u32 trap_count, last_tt, last_pc, last_npc, trap_redirect;
extern volatile u32 overflow_count, underflow_count;

void tb_putc(char c);
void tb_puts(const char *s);
void tb_puthex(u32 v);
void tb_exit(int code) __attribute__((noreturn));

/* Prints "FAIL what: got X want Y" on a mismatch and counts it. */
void check(const char *what, u32 got, u32 want);
/* Prints "PASS group" or "FAIL group" after a group of checks. */
void report(const char *group);
int failures(void);

/* Runs stmt and returns the trap type it raised, or 0 for none. */
#define TRAP_OF(stmt)                               \
    ({                                              \
        u32 n_ = trap_count;                        \
        stmt;                                       \
        trap_count != n_ ? last_tt : 0u;            \
    })

static inline u32 rd_psr(void)
{
    u32 v;
    __asm__ volatile("rd %%psr, %0" : "=r"(v));
    return v;
}

static inline void wr_psr(u32 v)
{
    __asm__ volatile("wr %0, %%psr\n\tnop\n\tnop\n\tnop" : : "r"(v) : "memory", "cc");
}

int main(void);

#endif

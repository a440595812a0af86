/*
 * The vCPU thread: runs the machine's CPUs round-robin while the run state
 * is "running", parks them otherwise, and idles while every CPU is halted.
 */
#ifndef SOFTMMU_CPUS_H
#define SOFTMMU_CPUS_H

#include "softmmu/cpu.h"

/* Starts the vCPU thread (once the machine is built). */
void cpus_start(void);
/* Kicks whichever CPU is running out of generated code. */
void cpus_kick(void);
/* Wakes the vCPU thread when it waits (run state or interrupts changed). */
void cpus_notify(void);
/* The CPU running on this thread, or NULL. */
extern __thread CPUState *current_cpu;
/* True on the vCPU thread. */
bool cpus_on_vcpu_thread(void);
/* Called on the vCPU thread when a CPU stops for the debugger (gdbstub sets it). */
extern void (*cpus_debug_stop_hook)(CPUState *cpu);
/* The lock handoff (main-loop.c): the vCPU thread waits here while the main thread wants the lock. */
void bql_vcpu_yield(void);
/* True while the main thread waits for the lock (the vCPU must not start guest code). */
bool bql_iothread_waiting(void);
void bql_vcpu_wait(void);

#endif

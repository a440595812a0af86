/*
 * Clocks and timers.
 *
 * CLOCK_TYPE_VIRTUAL runs while the guest runs and stands still while it is
 * paused; guest-visible time (device timers, counters) uses it.
 * CLOCK_TYPE_REALTIME is host monotonic time, for the UI and backends. Timers
 * fire on the main loop with the global lock held.
 */
#ifndef SOFTMMU_TIMER_H
#define SOFTMMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum ClockType {
    CLOCK_TYPE_VIRTUAL,
    CLOCK_TYPE_REALTIME,
} ClockType;

#define NANOSECONDS_PER_SECOND 1000000000LL

int64_t clock_get_ns(ClockType type);

typedef void (*TimerCallback)(void *opaque);
typedef struct Timer Timer;

Timer *timer_new_ns(ClockType type, TimerCallback cb, void *opaque);
void timer_free(Timer *t);
/* Arms the timer to fire when its clock reaches expire_ns (absolute). */
void timer_mod_ns(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);
bool timer_pending(const Timer *t);
int64_t timer_expire_time_ns(const Timer *t);

/* Main-loop side: the nanoseconds (host time) until the next timer, -1 if none. */
int64_t timers_deadline_ns(void);
/* Runs every expired timer; returns true if any ran. */
bool timers_run_expired(void);
/* Freezes or thaws the virtual clock (the run state calls these). */
void clock_virtual_stop(void);
void clock_virtual_start(void);

#endif

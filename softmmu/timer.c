/*
 * The virtual and real-time clocks and the timer lists the main loop runs.
 */
#include <glib.h>

#include "softmmu/runstate.h"
#include "softmmu/timer.h"
#include "util/host-clock.h"

struct Timer {
    ClockType type;
    TimerCallback cb;
    void *opaque;
    int64_t expire;
    bool pending;
};

static GPtrArray *timers[2];   /* per clock, all timers (armed or not) */
static int64_t vclock_offset;  /* virtual = host - offset while running */
static int64_t vclock_frozen;  /* the virtual time while stopped */
static bool vclock_running;
static int64_t poll_wakeup_host = INT64_MAX;  /* when the main loop will next wake */

int64_t clock_get_ns(ClockType type)
{
    if (type == CLOCK_TYPE_REALTIME) {
        return host_clock_ns();
    }
    return vclock_running ? host_clock_ns() - vclock_offset : vclock_frozen;
}

void clock_virtual_stop(void)
{
    if (vclock_running) {
        vclock_frozen = host_clock_ns() - vclock_offset;
        vclock_running = false;
    }
}

void clock_virtual_start(void)
{
    if (!vclock_running) {
        vclock_offset = host_clock_ns() - vclock_frozen;
        vclock_running = true;
    }
}

Timer *timer_new_ns(ClockType type, TimerCallback cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);
    t->type = type;
    t->cb = cb;
    t->opaque = opaque;
    if (!timers[type]) {
        timers[type] = g_ptr_array_new();
    }
    g_ptr_array_add(timers[type], t);
    return t;
}

void timer_free(Timer *t)
{
    if (t) {
        g_ptr_array_remove(timers[t->type], t);
        g_free(t);
    }
}

void timer_mod_ns(Timer *t, int64_t expire_ns)
{
    t->expire = expire_ns;
    t->pending = true;
    /* The main loop sleeps until its deadline: wake it if this is sooner. */
    int64_t host_expire = expire_ns - clock_get_ns(t->type) + host_clock_ns();
    if (host_expire < __atomic_load_n(&poll_wakeup_host, __ATOMIC_RELAXED)) {
        __atomic_store_n(&poll_wakeup_host, host_expire, __ATOMIC_RELAXED);
        main_loop_wakeup();
    }
}

void timer_del(Timer *t)
{
    t->pending = false;
}

bool timer_pending(const Timer *t)
{
    return t->pending;
}

int64_t timer_expire_time_ns(const Timer *t)
{
    return t->pending ? t->expire : -1;
}

int64_t timers_deadline_ns(void)
{
    int64_t best = -1;
    int64_t now_host = host_clock_ns();
    for (int c = 0; c < 2; c++) {
        if (!timers[c] || (c == CLOCK_TYPE_VIRTUAL && !vclock_running)) {
            continue;
        }
        int64_t now = clock_get_ns(c);
        for (guint i = 0; i < timers[c]->len; i++) {
            Timer *t = g_ptr_array_index(timers[c], i);
            if (t->pending) {
                int64_t d = MAX(t->expire - now, 0);
                if (best < 0 || d < best) {
                    best = d;
                }
            }
        }
    }
    __atomic_store_n(&poll_wakeup_host, best < 0 ? INT64_MAX : now_host + best, __ATOMIC_RELAXED);
    return best;
}

bool timers_run_expired(void)
{
    bool ran = false;
    for (int c = 0; c < 2; c++) {
        if (!timers[c] || (c == CLOCK_TYPE_VIRTUAL && !vclock_running)) {
            continue;
        }
        /* A callback may re-arm or free timers: rescan after each one. */
        bool again = true;
        while (again) {
            again = false;
            int64_t now = clock_get_ns(c);
            for (guint i = 0; i < timers[c]->len; i++) {
                Timer *t = g_ptr_array_index(timers[c], i);
                if (t->pending && t->expire <= now) {
                    t->pending = false;
                    t->cb(t->opaque);
                    ran = again = true;
                    break;
                }
            }
        }
    }
    return ran;
}

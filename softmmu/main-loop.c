/*
 * The main loop (GLib sources and timers, on the main thread) and the
 * global lock handoff between it and the vCPU thread.
 */
#include <glib.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>

#include "softmmu/cpus.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timer.h"

static pthread_mutex_t bql = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t vcpu_cond = PTHREAD_COND_INITIALIZER;
static __thread bool bql_held;
static int iothread_waiting;   /* main thread wants the lock the vCPU holds */

void bql_lock(void)
{
    g_assert(!bql_held);
    if (!cpus_on_vcpu_thread()) {
        __atomic_add_fetch(&iothread_waiting, 1, __ATOMIC_SEQ_CST);
        cpus_kick();
        pthread_mutex_lock(&bql);
        __atomic_sub_fetch(&iothread_waiting, 1, __ATOMIC_SEQ_CST);
    } else {
        pthread_mutex_lock(&bql);
    }
    bql_held = true;
}

void bql_unlock(void)
{
    g_assert(bql_held);
    bql_held = false;
    pthread_cond_broadcast(&vcpu_cond);
    pthread_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

bool bql_iothread_waiting(void)
{
    return __atomic_load_n(&iothread_waiting, __ATOMIC_SEQ_CST) != 0;
}

void bql_vcpu_yield(void)
{
    while (__atomic_load_n(&iothread_waiting, __ATOMIC_SEQ_CST)) {
        bql_held = false;
        pthread_cond_wait(&vcpu_cond, &bql);
        bql_held = true;
    }
}

void bql_vcpu_wait(void)
{
    bql_held = false;
    pthread_cond_wait(&vcpu_cond, &bql);
    bql_held = true;
}

void cpus_notify(void)
{
    pthread_cond_broadcast(&vcpu_cond);
}

void main_loop_wakeup(void)
{
    g_main_context_wakeup(g_main_context_default());
}

/* Poll timeout in ns: GLib's (ms) and the next timer, whichever is sooner. */
static int64_t main_loop_timeout_ns(gint glib_timeout_ms)
{
    int64_t t = timers_deadline_ns();
    int64_t g = glib_timeout_ms < 0 ? -1 : (int64_t)glib_timeout_ms * 1000000;
    if (t < 0) {
        return g;
    }
    return g < 0 ? t : MIN(t, g);
}

int main_loop_run(void)
{
    GMainContext *ctx = g_main_context_default();
    GArray *fds = g_array_new(FALSE, FALSE, sizeof(GPollFD));
    int status;

    g_main_context_acquire(ctx);
    bql_lock();
    for (;;) {
        gint prio, timeout_ms, n;

        if (runstate_process_requests(&status)) {
            break;
        }
        g_main_context_prepare(ctx, &prio);
        for (;;) {
            n = g_main_context_query(ctx, prio, &timeout_ms, (GPollFD *)fds->data, fds->len);
            if ((guint)n <= fds->len) {
                break;
            }
            g_array_set_size(fds, n);
        }
        int64_t timeout = main_loop_timeout_ns(timeout_ms);
        bql_unlock();

        struct timespec ts = { timeout / 1000000000, timeout % 1000000000 };
        ppoll((struct pollfd *)fds->data, n, timeout < 0 ? NULL : &ts, NULL);

        bql_lock();
        if (g_main_context_check(ctx, prio, (GPollFD *)fds->data, n)) {
            g_main_context_dispatch(ctx);
        }
        timers_run_expired();
    }
    g_array_free(fds, TRUE);
    return status;
}

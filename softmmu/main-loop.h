/*
 * The main loop and the global lock.
 *
 * The main thread polls GLib sources (chardevs, sockets, UI) and timers
 * without the lock; when something is ready it kicks the running CPU out
 * of generated code and takes the lock to dispatch. The vCPU thread holds
 * the lock while it runs guest code, so device models never race.
 */
#ifndef SOFTMMU_MAIN_LOOP_H
#define SOFTMMU_MAIN_LOOP_H

#include <stdbool.h>

void bql_lock(void);
void bql_unlock(void);
bool bql_locked(void);

/* Runs until a shutdown or exit request; returns the process exit status. */
int main_loop_run(void);

#endif

/*
 * Monitor-internal: what QMP needs from the human monitor beyond
 * monitor.h (human-monitor-command's cpu-index).
 */
#ifndef MONITOR_HMP_H
#define MONITOR_HMP_H

/* Runs one command line with CPU cpu_index as the current CPU, leaving the
 * monitor's own choice alone; NULL when there is no such CPU. */
char *hmp_command_on_cpu(const char *line, int cpu_index);

#endif

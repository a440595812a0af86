/*
 * What the running binary emulates, for target-independent code (the test
 * board's loader, -version, the gdbstub): each target's target-info.c
 * sets target_info from a constructor.
 */
#ifndef SOFTMMU_TARGET_INFO_H
#define SOFTMMU_TARGET_INFO_H

#include <stdbool.h>
#include <stdint.h>

typedef struct TargetInfo {
    const char *name;            /* "sparc", "ppc", "arm", "i386" */
    const char *human_name;      /* "SPARC", for error messages */
    bool big_endian;
    uint16_t elf_machines[4];    /* accepted e_machine values, 0-terminated */
} TargetInfo;

extern const TargetInfo *target_info;

#endif

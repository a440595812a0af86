/*
 * The x86 binary's identity; its CPU and boards arrive with its target issue.
 */
#include "softmmu/target-info.h"

static const TargetInfo x86_target_info = {
    .name = "i386",
    .human_name = "x86",
    .big_endian = false,
    .elf_machines = { 3 },
};

static void __attribute__((constructor)) x86_target_info_register(void)
{
    target_info = &x86_target_info;
}

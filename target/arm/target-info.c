/*
 * The ARM binary's identity; its CPU and boards arrive with its target issue.
 */
#include "softmmu/target-info.h"

static const TargetInfo arm_target_info = {
    .name = "arm",
    .human_name = "ARM",
    .big_endian = false,
    .elf_machines = { 40 },
};

static void __attribute__((constructor)) arm_target_info_register(void)
{
    target_info = &arm_target_info;
}

/*
 * The PowerPC binary's identity; its CPU and boards arrive with its target issue.
 */
#include "softmmu/target-info.h"

static const TargetInfo ppc_target_info = {
    .name = "ppc",
    .human_name = "PowerPC",
    .big_endian = true,
    .elf_machines = { 20 },
};

static void __attribute__((constructor)) ppc_target_info_register(void)
{
    target_info = &ppc_target_info;
}

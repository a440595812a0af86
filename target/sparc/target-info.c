/*
 * The SPARC binary's identity for target-independent code.
 */
#include "softmmu/target-info.h"

static const TargetInfo sparc_target_info = {
    .name = "sparc",
    .human_name = "SPARC",
    .big_endian = true,
    .elf_machines = { 2 /* EM_SPARC */, 18 /* EM_SPARC32PLUS */ },
};

static void __attribute__((constructor)) sparc_target_info_register(void)
{
    target_info = &sparc_target_info;
}

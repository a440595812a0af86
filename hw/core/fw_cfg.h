/*
 * fw_cfg: QEMU's firmware configuration interface, which OpenBIOS and
 * SeaBIOS read to learn the RAM size, the kernel, initrd and command line,
 * the boot device and board-specific values (QEMU docs/specs/fw_cfg.rst).
 *
 * A board creates the "fw_cfg" device, maps its selector and data regions,
 * and adds items before the guest starts. Integers are stored little-endian
 * as the specification says; the file directory is big-endian.
 */
#ifndef HW_CORE_FW_CFG_H
#define HW_CORE_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "hw/core/qdev.h"

/* Selector keys (QEMU include/standard-headers/linux/qemu_fw_cfg.h). */
enum {
    FW_CFG_SIGNATURE = 0x00,
    FW_CFG_ID = 0x01,
    FW_CFG_UUID = 0x02,
    FW_CFG_RAM_SIZE = 0x03,
    FW_CFG_NOGRAPHIC = 0x04,
    FW_CFG_NB_CPUS = 0x05,
    FW_CFG_MACHINE_ID = 0x06,
    FW_CFG_KERNEL_ADDR = 0x07,
    FW_CFG_KERNEL_SIZE = 0x08,
    FW_CFG_KERNEL_CMDLINE = 0x09,
    FW_CFG_INITRD_ADDR = 0x0a,
    FW_CFG_INITRD_SIZE = 0x0b,
    FW_CFG_BOOT_DEVICE = 0x0c,
    FW_CFG_NUMA = 0x0d,
    FW_CFG_BOOT_MENU = 0x0e,
    FW_CFG_MAX_CPUS = 0x0f,
    FW_CFG_KERNEL_ENTRY = 0x10,
    FW_CFG_KERNEL_DATA = 0x11,
    FW_CFG_INITRD_DATA = 0x12,
    FW_CFG_CMDLINE_ADDR = 0x13,
    FW_CFG_CMDLINE_SIZE = 0x14,
    FW_CFG_CMDLINE_DATA = 0x15,
    FW_CFG_SETUP_ADDR = 0x16,
    FW_CFG_SETUP_SIZE = 0x17,
    FW_CFG_SETUP_DATA = 0x18,
    FW_CFG_FILE_DIR = 0x19,
    FW_CFG_FILE_FIRST = 0x20,
    FW_CFG_WRITE_CHANNEL = 0x4000,
    FW_CFG_ARCH_LOCAL = 0x8000,
};

#define FW_CFG_MAX_FILE_PATH 56

/* Items are copied. A key added again replaces the old item. */
void fw_cfg_add_bytes(Device *dev, uint16_t key, const void *data, size_t len);
void fw_cfg_add_string(Device *dev, uint16_t key, const char *value);
void fw_cfg_add_i16(Device *dev, uint16_t key, uint16_t value);
void fw_cfg_add_i32(Device *dev, uint16_t key, uint32_t value);
void fw_cfg_add_i64(Device *dev, uint16_t key, uint64_t value);
/* A named file: listed in the directory (key 0x19), keys from 0x20 in name
 * order. A name added again replaces the old file's contents. */
void fw_cfg_add_file(Device *dev, const char *name, const void *data, size_t len);

#endif

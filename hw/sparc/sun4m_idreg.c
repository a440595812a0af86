/*
 * The sun4m ID register of the MACIO (NCR89C100) at the start of SBus slot
 * space: four read-only bytes that identify the onboard I/O. OpenBIOS
 * reads its first byte while probing the slots (not an FCode start byte).
 */
#include "hw/core/qdev.h"
#include "util/log.h"

static const uint8_t sun4m_idreg_bytes[4] = { 0xfe, 0x81, 0x01, 0x03 };

typedef struct Sun4mIdreg {
    Device parent;
    MemoryRegion mmio;
} Sun4mIdreg;

static uint64_t sun4m_idreg_read(void *opaque, hwaddr addr, unsigned size)
{
    return sun4m_idreg_bytes[addr];
}

static void sun4m_idreg_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    log_guest_error("sun4m_idreg: write to the read-only ID register\n");
}

static const MemoryRegionOps sun4m_idreg_ops = {
    .read = sun4m_idreg_read,
    .write = sun4m_idreg_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void sun4m_idreg_init(Device *dev)
{
    Sun4mIdreg *s = (Sun4mIdreg *)dev;

    memory_region_init_io(&s->mmio, &sun4m_idreg_ops, s, "sun4m.idreg",
                          sizeof(sun4m_idreg_bytes));
    device_add_mmio(dev, &s->mmio);
}

static const DeviceType sun4m_idreg_type = {
    .name = "sun4m_idreg",
    .desc = "sun4m MACIO ID register",
    .instance_size = sizeof(Sun4mIdreg),
    .init = sun4m_idreg_init,
};

static void __attribute__((constructor)) sun4m_idreg_register(void)
{
    device_type_register(&sun4m_idreg_type);
}

/*
 * ST M48T08 (8 KB) and M48T59 (8 KB with alarm and watchdog) timekeeper
 * NVRAM: battery-backed SRAM whose top eight bytes are a BCD real-time
 * clock (ST datasheets M48T08 "Register map" and M48T59 table 6). Sun4m
 * keeps OpenBIOS's variables and the IDPROM in it.
 *
 * The clock runs on host wall-clock time plus an offset that the guest sets
 * by writing the clock registers. The READ bit of the control register
 * freezes the registers so software reads a consistent time; the WRITE bit
 * holds writes until it is cleared, when the new time takes effect.
 * Only the byte layout is modelled: no alarm or watchdog interrupt.
 */
#include <string.h>
#include <time.h>

#include "hw/nvram/m48t59.h"
#include "util/log.h"

#define M48T59_SIZE_MAX 0x2000

/* Clock registers, counted back from the top of the NVRAM */
enum {
    RTC_CONTROL = 8,
    RTC_SECONDS = 7,
    RTC_MINUTES = 6,
    RTC_HOURS = 5,
    RTC_DAY = 4,       /* day of week */
    RTC_DATE = 3,
    RTC_MONTH = 2,
    RTC_YEAR = 1,
};
#define RTC_CONTROL_WRITE 0x80
#define RTC_CONTROL_READ 0x40
#define RTC_SECONDS_STOP 0x80

typedef struct M48t59 {
    Device parent;
    uint32_t size;             /* property: bytes */
    uint32_t base_year;        /* property: the year register counts from here */
    MemoryRegion mmio;
    uint8_t mem[M48T59_SIZE_MAX];
    int64_t offset_s;          /* guest time - host time, seconds */
    bool frozen;               /* READ or WRITE bit set: registers hold still */
} M48t59;

static uint8_t to_bcd(int v)
{
    return ((v / 10) << 4) | (v % 10);
}

static int from_bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 0x0f);
}

static uint8_t *m48t59_reg(M48t59 *s, int r)
{
    return &s->mem[s->size - r];
}

/* Copies the current guest time into the clock registers. */
static void m48t59_latch_time(M48t59 *s)
{
    time_t t = time(NULL) + s->offset_s;
    struct tm tm;

    gmtime_r(&t, &tm);
    *m48t59_reg(s, RTC_SECONDS) = to_bcd(tm.tm_sec) | (*m48t59_reg(s, RTC_SECONDS) & RTC_SECONDS_STOP);
    *m48t59_reg(s, RTC_MINUTES) = to_bcd(tm.tm_min);
    *m48t59_reg(s, RTC_HOURS) = to_bcd(tm.tm_hour);
    *m48t59_reg(s, RTC_DAY) = (*m48t59_reg(s, RTC_DAY) & 0xf8) | (tm.tm_wday & 7);
    *m48t59_reg(s, RTC_DATE) = to_bcd(tm.tm_mday);
    *m48t59_reg(s, RTC_MONTH) = to_bcd(tm.tm_mon + 1);
    *m48t59_reg(s, RTC_YEAR) = to_bcd((tm.tm_year + 1900 - (int)s->base_year) % 100);
}

/* Takes the time written into the registers as the new guest time. */
static void m48t59_set_time(M48t59 *s)
{
    struct tm tm = {
        .tm_sec = from_bcd(*m48t59_reg(s, RTC_SECONDS) & 0x7f),
        .tm_min = from_bcd(*m48t59_reg(s, RTC_MINUTES) & 0x7f),
        .tm_hour = from_bcd(*m48t59_reg(s, RTC_HOURS) & 0x3f),
        .tm_mday = from_bcd(*m48t59_reg(s, RTC_DATE) & 0x3f),
        .tm_mon = from_bcd(*m48t59_reg(s, RTC_MONTH) & 0x1f) - 1,
    };
    int year = from_bcd(*m48t59_reg(s, RTC_YEAR)) + (int)s->base_year;

    tm.tm_year = year - 1900;
    s->offset_s = (int64_t)timegm(&tm) - (int64_t)time(NULL);
}

static bool m48t59_is_clock(M48t59 *s, hwaddr addr)
{
    return addr >= s->size - RTC_CONTROL;
}

static uint64_t m48t59_read(void *opaque, hwaddr addr, unsigned size)
{
    M48t59 *s = opaque;

    if (m48t59_is_clock(s, addr) && addr != s->size - RTC_CONTROL && !s->frozen) {
        m48t59_latch_time(s);
    }
    return s->mem[addr];
}

static void m48t59_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    M48t59 *s = opaque;

    if (addr == s->size - RTC_CONTROL) {
        uint8_t old = s->mem[addr];
        if ((val & (RTC_CONTROL_READ | RTC_CONTROL_WRITE)) && !s->frozen) {
            m48t59_latch_time(s);
        }
        s->mem[addr] = val;
        s->frozen = val & (RTC_CONTROL_READ | RTC_CONTROL_WRITE);
        if ((old & RTC_CONTROL_WRITE) && !(val & RTC_CONTROL_WRITE)) {
            m48t59_set_time(s);
        }
        return;
    }
    if (m48t59_is_clock(s, addr) && !(s->mem[s->size - RTC_CONTROL] & RTC_CONTROL_WRITE)) {
        /* Outside a write cycle only the stop and frequency-test bits stick. */
        if (addr == s->size - RTC_SECONDS) {
            s->mem[addr] = (s->mem[addr] & 0x7f) | (val & RTC_SECONDS_STOP);
        } else if (addr == s->size - RTC_DAY) {
            s->mem[addr] = (s->mem[addr] & 0x07) | (val & 0xf8);
        } else {
            log_guest_error("m48t59: clock register 0x%x written outside a write cycle\n",
                            (unsigned)addr);
        }
        return;
    }
    s->mem[addr] = val;
}

static const MemoryRegionOps m48t59_ops = {
    .read = m48t59_read,
    .write = m48t59_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void m48t59_nvram_write(Device *dev, uint32_t offset, const uint8_t *buf, uint32_t len)
{
    M48t59 *s = (M48t59 *)dev;

    if (offset < s->size) {
        memcpy(&s->mem[offset], buf, MIN(len, s->size - offset));
    }
}

static bool m48t59_realize(Device *dev, GError **err)
{
    M48t59 *s = (M48t59 *)dev;

    memory_region_init_io(&s->mmio, &m48t59_ops, s, "m48t59", s->size);
    device_add_mmio(dev, &s->mmio);
    return true;
}

static void m48t59_reset(Device *dev)
{
    M48t59 *s = (M48t59 *)dev;

    /* NVRAM and the clock survive a reset; only a pending cycle ends. */
    s->mem[s->size - RTC_CONTROL] &= ~(RTC_CONTROL_READ | RTC_CONTROL_WRITE);
    s->frozen = false;
}

static const Property m48t59_props[] = {
    PROP_U32_("size", M48t59, size, M48T59_SIZE_MAX, 16, M48T59_SIZE_MAX, "NVRAM bytes"),
    PROP_U32_("base-year", M48t59, base_year, 1968, 1900, 2100,
              "the year a year register of 0 stands for"),
    PROP_END,
};

static const DeviceType m48t59_type = {
    .name = "m48t59",
    .desc = "ST M48T08/M48T59 timekeeper NVRAM",
    .instance_size = sizeof(M48t59),
    .props = m48t59_props,
    .realize = m48t59_realize,
    .reset = m48t59_reset,
};

static void __attribute__((constructor)) m48t59_register(void)
{
    device_type_register(&m48t59_type);
}

/*
 * The sun4m counter/timers: the timer part of the Slave I/O chip (STP2001 /
 * NCR89C105, "Counter/Timers"). One system counter/timer (level 10 through
 * the interrupt controller) and one per CPU (level 14 on that CPU), each a
 * 22-bit counter in bits 30:9 that advances every 500 ns (2 MHz) up to a
 * limit, when it sets bit 31 ("limit reached"), raises its interrupt and
 * starts over. A limit of 0 makes it free-running without interrupts.
 * A CPU's counter can instead be a 54-bit user-mode counter (timer
 * configuration register), started and stopped by its control register.
 *
 * Counters are derived from the virtual clock rather than stepped: a
 * counter remembers when it last started from zero. The host timer that
 * signals the limit may run a little late; a read that finds the limit
 * passed signals it first, so the count never wraps without bit 31 set
 * (Linux's clocksource adds a period when it sees that bit, and goes
 * backwards otherwise).
 */
#include "hw/core/qdev.h"
#include "softmmu/timer.h"
#include "util/log.h"

#define SLAVIO_TIMER_MAX_CPUS 16
#define SLAVIO_TIMER_TICK_NS 500

/* Register offsets */
enum {
    TIMER_LIMIT = 0x0,          /* user mode: counter bits 62:32 */
    TIMER_COUNTER = 0x4,        /* user mode: counter bits 31:9 */
    TIMER_LIMIT_NORESET = 0x8,  /* sets the limit without restarting */
    TIMER_CONTROL = 0xc,        /* CPU timers: bit 0 runs the user counter */
    TIMER_CONFIG = 0x10,        /* system block only: bit n = CPU n user mode */
};
#define SYS_TIMER_SIZE 0x14
#define CPU_TIMER_SIZE 0x10

#define TIMER_REACHED 0x80000000u
#define TIMER_VALUE_MASK 0x7ffffe00u
#define TIMER_USER_MAX 0x7ffffffffffffe00ull

typedef struct SlavioTimer SlavioTimer;

typedef struct SlavioCounter {
    MemoryRegion mmio;
    SlavioTimer *s;
    int index;                 /* 0: system, 1 + n: CPU n */
    Irq *irq;
    Timer *timer;              /* fires when the limit is reached */
    uint32_t limit;            /* bits 30:9; 0 is free-running */
    int64_t start_ns;          /* virtual time the count was last 0 */
    uint64_t limit_ticks;      /* ticks from start_ns at which the limit is next reached */
    bool reached;
    bool run;                  /* CPU: user counter running (control bit 0) */
    uint64_t user_base;        /* user counter value at user_start_ns */
    int64_t user_start_ns;
} SlavioCounter;

struct SlavioTimer {
    Device parent;
    uint32_t num_cpus;         /* property: CPUs the configuration register covers */
    uint32_t user_mode;        /* timer configuration register */
    SlavioCounter c[SLAVIO_TIMER_MAX_CPUS + 1];
};

static bool slavio_counter_is_user(SlavioCounter *c)
{
    return c->index > 0 && (c->s->user_mode & (1u << (c->index - 1)));
}

/* Ticks in one period: up to the limit, or the whole 22-bit range. */
static uint64_t slavio_counter_period(SlavioCounter *c)
{
    uint32_t limit = c->limit ? c->limit : TIMER_VALUE_MASK;
    return MAX(limit >> 9, 1u);
}

static uint64_t slavio_counter_ticks(SlavioCounter *c)
{
    int64_t now = clock_get_ns(CLOCK_TYPE_VIRTUAL);
    return now > c->start_ns ? (uint64_t)(now - c->start_ns) / SLAVIO_TIMER_TICK_NS : 0;
}

static uint32_t slavio_counter_value(SlavioCounter *c)
{
    return (uint32_t)((slavio_counter_ticks(c) % slavio_counter_period(c)) << 9);
}

static uint64_t slavio_counter_user_value(SlavioCounter *c)
{
    uint64_t v = c->user_base;

    if (c->run) {
        int64_t now = clock_get_ns(CLOCK_TYPE_VIRTUAL);
        v += ((uint64_t)(now - c->user_start_ns) / SLAVIO_TIMER_TICK_NS) << 9;
    }
    return v & TIMER_USER_MAX;
}

static void slavio_counter_set_user(SlavioCounter *c, uint64_t value)
{
    c->user_base = value & TIMER_USER_MAX;
    c->user_start_ns = clock_get_ns(CLOCK_TYPE_VIRTUAL);
}

/* Arms the host timer for the end of the current period (limit mode). */
static void slavio_counter_arm(SlavioCounter *c)
{
    if (c->limit == 0 || slavio_counter_is_user(c)) {
        timer_del(c->timer);
        return;
    }
    uint64_t period = slavio_counter_period(c);
    uint64_t next = (slavio_counter_ticks(c) / period + 1) * period;
    c->limit_ticks = next;
    timer_mod_ns(c->timer, c->start_ns + (int64_t)(next * SLAVIO_TIMER_TICK_NS));
}

static void slavio_counter_restart(SlavioCounter *c)
{
    c->start_ns = clock_get_ns(CLOCK_TYPE_VIRTUAL);
    slavio_counter_arm(c);
}

static void slavio_counter_fire(void *opaque)
{
    SlavioCounter *c = opaque;

    c->reached = true;
    irq_raise(c->irq);
    slavio_counter_arm(c);
}

/* Signals a limit the host timer has not reported yet. */
static void slavio_counter_sync(SlavioCounter *c)
{
    if (c->limit && !slavio_counter_is_user(c) && slavio_counter_ticks(c) >= c->limit_ticks) {
        slavio_counter_fire(c);
    }
}

static uint64_t slavio_timer_read(void *opaque, hwaddr addr, unsigned size)
{
    SlavioCounter *c = opaque;
    bool user = slavio_counter_is_user(c);

    slavio_counter_sync(c);
    switch (addr) {
    case TIMER_LIMIT:
        if (user) {
            return (slavio_counter_user_value(c) >> 32) | (c->reached ? TIMER_REACHED : 0);
        }
        /* Reading the limit acknowledges the interrupt. */
        c->reached = false;
        irq_lower(c->irq);
        return c->limit;
    case TIMER_COUNTER:
        if (user) {
            return (uint32_t)slavio_counter_user_value(c);
        }
        return slavio_counter_value(c) | (c->reached ? TIMER_REACHED : 0);
    case TIMER_LIMIT_NORESET:
        return c->limit;
    case TIMER_CONTROL:
        return c->index > 0 ? c->run : 0;
    case TIMER_CONFIG:
        return c->s->user_mode;
    default:
        log_guest_error("slavio_timer: read of unknown register 0x%x\n", (unsigned)addr);
        return 0;
    }
}

static void slavio_timer_set_config(SlavioTimer *s, uint32_t val)
{
    for (uint32_t n = 0; n < s->num_cpus; n++) {
        SlavioCounter *c = &s->c[n + 1];
        uint32_t bit = 1u << n;

        if ((val ^ s->user_mode) & bit) {
            if (val & bit) {
                /* counter/timer -> user counter, from zero */
                s->user_mode |= bit;
                irq_lower(c->irq);
                c->reached = false;
                slavio_counter_set_user(c, 0);
            } else {
                s->user_mode &= ~bit;
                c->limit = 0;
            }
            slavio_counter_restart(c);
        }
    }
}

static void slavio_timer_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    SlavioCounter *c = opaque;
    bool user = slavio_counter_is_user(c);
    uint64_t uv;

    switch (addr) {
    case TIMER_LIMIT:
        if (user) {
            uv = slavio_counter_user_value(c);
            slavio_counter_set_user(c, ((val & 0x7fffffffull) << 32) | (uint32_t)uv);
            c->reached = false;
        } else {
            irq_lower(c->irq);
            c->reached = false;
            c->limit = val & TIMER_VALUE_MASK;
            slavio_counter_restart(c);
        }
        break;
    case TIMER_COUNTER:
        if (user) {
            uv = slavio_counter_user_value(c);
            slavio_counter_set_user(c, (uv & ~0xffffffffull) | (val & 0xfffffe00u));
            c->reached = false;
        } else {
            log_guest_error("slavio_timer: counter %d is read-only in timer mode\n", c->index);
        }
        break;
    case TIMER_LIMIT_NORESET: {
        uint64_t count = slavio_counter_ticks(c) % slavio_counter_period(c);
        c->limit = val & TIMER_VALUE_MASK;
        c->start_ns = clock_get_ns(CLOCK_TYPE_VIRTUAL) - (int64_t)count * SLAVIO_TIMER_TICK_NS;
        slavio_counter_arm(c);
        break;
    }
    case TIMER_CONTROL:
        if (c->index == 0) {
            log_guest_error("slavio_timer: the system timer has no control register\n");
            break;
        }
        if (user && (val & 1) != c->run) {
            slavio_counter_set_user(c, slavio_counter_user_value(c));
        }
        c->run = val & 1;
        break;
    case TIMER_CONFIG:
        if (c->index == 0) {
            slavio_timer_set_config(c->s, val);
        } else {
            log_guest_error("slavio_timer: write of unknown register 0x%x\n", (unsigned)addr);
        }
        break;
    default:
        log_guest_error("slavio_timer: write of unknown register 0x%x\n", (unsigned)addr);
        break;
    }
}

static const MemoryRegionOps slavio_timer_ops = {
    .read = slavio_timer_read,
    .write = slavio_timer_write,
    .endianness = MEM_BIG_ENDIAN,
    /* 64-bit accesses (ldd/std) read or write two registers at once */
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static bool slavio_timer_realize(Device *dev, GError **err)
{
    SlavioTimer *s = (SlavioTimer *)dev;

    /* mmio/irq 0: system timer; 1 + n: CPU n. The chip decodes every CPU's
     * block, present or not (Linux clears all four on an SS-10). */
    for (uint32_t i = 0; i <= SLAVIO_TIMER_MAX_CPUS; i++) {
        SlavioCounter *c = &s->c[i];
        char *name = i ? g_strdup_printf("slavio-timer-cpu%u", i - 1)
                       : g_strdup("slavio-timer-sys");
        c->s = s;
        c->index = i;
        c->timer = timer_new_ns(CLOCK_TYPE_VIRTUAL, slavio_counter_fire, c);
        memory_region_init_io(&c->mmio, &slavio_timer_ops, c, name,
                              i ? CPU_TIMER_SIZE : SYS_TIMER_SIZE);
        g_free(name);
        device_add_mmio(dev, &c->mmio);
        device_add_irq_out(dev, &c->irq);
    }
    return true;
}

static void slavio_timer_reset(Device *dev)
{
    SlavioTimer *s = (SlavioTimer *)dev;

    s->user_mode = 0;
    for (uint32_t i = 0; i <= SLAVIO_TIMER_MAX_CPUS; i++) {
        SlavioCounter *c = &s->c[i];
        c->limit = 0;
        c->reached = false;
        c->run = i > 0;
        c->user_base = 0;
        irq_lower(c->irq);
        slavio_counter_restart(c);
    }
}

static const Property slavio_timer_props[] = {
    PROP_U32_("num-cpus", SlavioTimer, num_cpus, 1, 1, SLAVIO_TIMER_MAX_CPUS,
              "number of per-CPU counter/timers"),
    PROP_END,
};

static const DeviceType slavio_timer_type = {
    .name = "slavio_timer",
    .desc = "sun4m Slave I/O counter/timers",
    .instance_size = sizeof(SlavioTimer),
    .props = slavio_timer_props,
    .realize = slavio_timer_realize,
    .reset = slavio_timer_reset,
};

static void __attribute__((constructor)) slavio_timer_register(void)
{
    device_type_register(&slavio_timer_type);
}

/*
 * The test board (-M testboard): RAM, a console byte register, an exit
 * register and a timer, in every binary, so each CPU can run instruction
 * tests and micro-benchmarks before its real boards exist. The register
 * map is documented in docs/testboard.md.
 */
#include <string.h>

#include "chardev/char.h"
#include "hw/core/loader.h"
#include "hw/core/machine.h"
#include "hw/core/qdev.h"
#include "softmmu/cpu-model.h"
#include "softmmu/cpu.h"
#include "softmmu/runstate.h"
#include "softmmu/target-info.h"
#include "softmmu/timer.h"
#include "util/error.h"
#include "util/log.h"

#define TESTBOARD_IO_BASE 0xf0000000ull
#define TESTBOARD_IO_SIZE 0x1000

enum {
    TB_CONSOLE = 0x00,
    TB_EXIT = 0x04,
    TB_TIMER_CTRL = 0x08,
    TB_TIMER_PERIOD = 0x0c,
    TB_TIMER_STATUS = 0x10,
    TB_CLOCK_LO = 0x14,
    TB_CLOCK_HI = 0x18,
};

#define TB_TIMER_ENABLE 1u
#define TB_TIMER_PERIODIC 2u
#define TB_TIMER_IRQ_ENABLE 4u

#define TB_INPUT_FIFO 256

typedef struct TestboardIO {
    Device parent;
    Chardev *chardev;          /* property "chardev" */
    bool big_endian;           /* property "big-endian" */
    MemoryRegion mmio;
    CharFrontend console;
    Irq *irq;                  /* output: the timer interrupt */
    Timer *timer;
    uint32_t timer_ctrl, timer_period, timer_status;
    uint32_t clock_hi_latch;
    uint8_t input[TB_INPUT_FIFO];
    unsigned input_head, input_len;
} TestboardIO;

static void testboard_update_irq(TestboardIO *s)
{
    irq_set(s->irq, (s->timer_status & 1) && (s->timer_ctrl & TB_TIMER_IRQ_ENABLE));
}

static void testboard_timer_arm(TestboardIO *s)
{
    if (s->timer_ctrl & TB_TIMER_ENABLE) {
        timer_mod_ns(s->timer, clock_get_ns(CLOCK_TYPE_VIRTUAL) + MAX(s->timer_period, 1000u));
    } else {
        timer_del(s->timer);
    }
}

static void testboard_timer_fire(void *opaque)
{
    TestboardIO *s = opaque;
    s->timer_status |= 1;
    if (s->timer_ctrl & TB_TIMER_PERIODIC) {
        testboard_timer_arm(s);
    } else {
        s->timer_ctrl &= ~TB_TIMER_ENABLE;
    }
    testboard_update_irq(s);
}

static uint64_t testboard_read(void *opaque, hwaddr addr, unsigned size)
{
    TestboardIO *s = opaque;
    uint64_t now;

    switch (addr) {
    case TB_CONSOLE:
        if (!s->input_len) {
            return 0xffffffff;
        } else {
            uint8_t c = s->input[s->input_head];
            s->input_head = (s->input_head + 1) % TB_INPUT_FIFO;
            s->input_len--;
            char_fe_accept_input(&s->console);
            return c;
        }
    case TB_TIMER_CTRL:
        return s->timer_ctrl;
    case TB_TIMER_PERIOD:
        return s->timer_period;
    case TB_TIMER_STATUS:
        return s->timer_status;
    case TB_CLOCK_LO:
        now = clock_get_ns(CLOCK_TYPE_VIRTUAL);
        s->clock_hi_latch = now >> 32;
        return (uint32_t)now;
    case TB_CLOCK_HI:
        return s->clock_hi_latch;
    default:
        log_guest_error("testboard: read of unknown register 0x%" G_GINT64_MODIFIER "x\n", addr);
        return 0;
    }
}

static void testboard_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    TestboardIO *s = opaque;
    uint8_t c = value;

    switch (addr) {
    case TB_CONSOLE:
        char_fe_write(&s->console, &c, 1);
        break;
    case TB_EXIT:
        system_exit_request(value & 0xff);
        break;
    case TB_TIMER_CTRL:
        s->timer_ctrl = value & 7;
        testboard_timer_arm(s);
        testboard_update_irq(s);
        break;
    case TB_TIMER_PERIOD:
        s->timer_period = value;
        break;
    case TB_TIMER_STATUS:
        s->timer_status &= ~(value & 1);
        testboard_update_irq(s);
        break;
    default:
        log_guest_error("testboard: write of unknown register 0x%" G_GINT64_MODIFIER "x\n",
                        addr);
        break;
    }
}

static const MemoryRegionOps testboard_ops_be = {
    .read = testboard_read,
    .write = testboard_write,
    .endianness = MEM_BIG_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps testboard_ops_le = {
    .read = testboard_read,
    .write = testboard_write,
    .endianness = MEM_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static int testboard_can_read(void *opaque)
{
    TestboardIO *s = opaque;
    return TB_INPUT_FIFO - s->input_len;
}

static void testboard_receive(void *opaque, const uint8_t *buf, int len)
{
    TestboardIO *s = opaque;
    for (int i = 0; i < len && s->input_len < TB_INPUT_FIFO; i++) {
        s->input[(s->input_head + s->input_len++) % TB_INPUT_FIFO] = buf[i];
    }
}

static bool testboard_io_realize(Device *dev, GError **err)
{
    TestboardIO *s = (TestboardIO *)dev;

    memory_region_init_io(&s->mmio, s->big_endian ? &testboard_ops_be : &testboard_ops_le, s,
                          "testboard-io", TESTBOARD_IO_SIZE);
    device_add_mmio(dev, &s->mmio);
    device_add_irq_out(dev, &s->irq);
    s->timer = timer_new_ns(CLOCK_TYPE_VIRTUAL, testboard_timer_fire, s);
    if (s->chardev) {
        if (!char_fe_init(&s->console, s->chardev, err)) {
            return false;
        }
        char_fe_set_handlers(&s->console, testboard_can_read, testboard_receive, NULL, s);
    }
    return true;
}

static void testboard_io_reset(Device *dev)
{
    TestboardIO *s = (TestboardIO *)dev;
    s->timer_ctrl = s->timer_period = s->timer_status = 0;
    if (s->timer) {
        timer_del(s->timer);
    }
    testboard_update_irq(s);
}

static const Property testboard_io_props[] = {
    PROP_LINK_("chardev", TestboardIO, chardev, "chardev", "the console backend"),
    PROP_BOOL_("big-endian", TestboardIO, big_endian, false, "registers in big-endian order"),
    PROP_END,
};

static const DeviceType testboard_io_type = {
    .name = "testboard-io",
    .desc = "test board console, exit and timer registers",
    .instance_size = sizeof(TestboardIO),
    .props = testboard_io_props,
    .realize = testboard_io_realize,
    .reset = testboard_io_reset,
};

typedef struct TestboardCpuIrq {
    CPUState *cpu;
    int line;
} TestboardCpuIrq;

static void testboard_cpu_irq(void *opaque, int n, int level)
{
    TestboardCpuIrq *t = opaque;
    t->cpu->ops->set_irq(t->cpu, t->line, level);
}

/* The test board has no firmware: after a system reset the CPU restarts
 * at the kernel's entry point again. */
static uint64_t testboard_entry;

static void testboard_on_reset(void *opaque, RunEvent event, ShutdownCause cause)
{
    CPUState *cpu = opaque;
    if (event == RUN_EVENT_RESET) {
        cpu->ops->set_pc(cpu, testboard_entry);
    }
}

static bool testboard_load_kernel(MachineState *ms, CPUState *cpu, GError **err)
{
    uint64_t entry = 0;

    if (loader_file_is_elf(ms->kernel)) {
        ElfLoadOptions opt = { .use_paddr = true };
        LoadedImage img;
        memcpy(opt.machines, target_info->elf_machines, sizeof(opt.machines));
        if (!load_elf(ms->kernel, &address_space_memory, &opt, &img, err)) {
            return false;
        }
        entry = img.entry_phys;
    } else {
        uint64_t size;
        if (!load_image_targphys(ms->kernel, 0, ms->ram_size, &address_space_memory, &size,
                                 err)) {
            return false;
        }
    }
    testboard_entry = entry;
    if (cpu) {
        cpu->ops->set_pc(cpu, entry);
        runstate_add_listener(testboard_on_reset, cpu);
    }
    return true;
}

static bool testboard_init(MachineState *ms, GError **err)
{
    static MemoryRegion ram;
    CPUState *cpu = NULL;
    const CpuModel *model = ms->cpu_model ? cpu_model_find(ms->cpu_model) : cpu_model_default();

    if (ms->cpu_model && !model) {
        g_set_error(err, CHIMERA_ERROR, 0, "-cpu: unknown CPU model '%s' (try -cpu help)",
                    ms->cpu_model);
        return false;
    }
    if (!memory_region_init_ram(&ram, "testboard.ram", ms->ram_size, err)) {
        return false;
    }
    memory_region_add_subregion(&system_memory, 0, &ram);

    if (model) {
        cpu = model->create(model, 0, err);
        if (!cpu) {
            return false;
        }
        cpus_register(cpu);
        g_ptr_array_add(ms->cpus, cpu);
    } else if (ms->kernel) {
        g_set_error(err, CHIMERA_ERROR, 0, "testboard: this binary has no CPU model yet");
        return false;
    }

    Device *io = device_new("testboard-io");
    device_prop_set_link(io, "chardev", machine_serial_chardev(0), NULL);
    device_prop_set_bool(io, "big-endian", target_info->big_endian, NULL);
    if (!device_realize(io, err)) {
        return false;
    }
    device_map_mmio(io, 0, TESTBOARD_IO_BASE);
    if (cpu && cpu->ops->set_irq) {
        TestboardCpuIrq *t = g_new0(TestboardCpuIrq, 1);
        t->cpu = cpu;
        t->line = cpu->ops->testboard_timer_line;
        device_connect_irq(io, 0, irq_new(testboard_cpu_irq, t, 0));
    }
    if (ms->kernel && !testboard_load_kernel(ms, cpu, err)) {
        return false;
    }
    return true;
}

static const MachineType testboard_machine = {
    .name = "testboard",
    .desc = "bare test machine: RAM, console, exit register, timer (docs/testboard.md)",
    .default_ram_size = 64 << 20,
    .init = testboard_init,
};

static void __attribute__((constructor)) testboard_register(void)
{
    device_type_register(&testboard_io_type);
    machine_type_register(&testboard_machine);
}

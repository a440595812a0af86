/*
 * The gdb server (-s, -gdb DEV): connects the protocol engine (gdbstub.c)
 * to a listening chardev, to the vCPU thread's debug stops
 * (cpus_debug_stop_hook) and to run-state events. One server per process,
 * as QEMU has.
 */
#include <string.h>

#include "chardev/char.h"
#include "gdbstub/breakpoints.h"
#include "gdbstub/gdbstub-internal.h"
#include "gdbstub/gdbstub.h"
#include "gdbstub/packet.h"
#include "softmmu/cpus.h"
#include "tcg/exec.h"
#include "util/error.h"

static struct {
    CharFrontend fe;
    GdbState *state;
} gdb_server;

static int gdb_chr_can_read(void *opaque)
{
    return GDB_PACKET_MAX;
}

static void gdb_chr_read(void *opaque, const uint8_t *buf, int len)
{
    gdb_state_input(gdb_server.state, buf, len);
}

static void gdb_chr_event(void *opaque, CharEvent event)
{
    if (event == CHR_EVENT_OPENED) {
        gdb_state_connect(gdb_server.state);
    } else if (event == CHR_EVENT_CLOSED) {
        gdb_state_disconnect(gdb_server.state);
    }
}

static void gdb_chr_output(void *opaque, const uint8_t *buf, size_t len)
{
    char_fe_write(&gdb_server.fe, buf, len);
}

/* On the vCPU thread, with the lock held: the reply goes out from here. */
static void gdb_debug_stop(CPUState *cpu)
{
    gdb_state_debug_stop(gdb_server.state, cpu);
}

static void gdb_run_event(void *opaque, RunEvent event, ShutdownCause cause)
{
    gdb_state_run_event(gdb_server.state, event);
}

/* "1234" means tcp::1234; a socket listens without waiting for gdb
 * unless the spec says otherwise. */
static char *gdb_chardev_spec(const char *spec)
{
    if (spec[0] && strspn(spec, "0123456789") == strlen(spec)) {
        return g_strdup_printf("tcp::%s,server=on,wait=off", spec);
    }
    if ((g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "unix:")) &&
        !strstr(spec, "server")) {
        return g_strdup_printf("%s,server=on,wait=off", spec);
    }
    return g_strdup(spec);
}

/* What the translator and soft TLB consult once a debugger may be attached. */
static const TCGDebugHooks gdb_tcg_hooks = {
    .breakpoint_test = cpu_breakpoint_test,
    .breakpoint_helper = &helper_info_debug_breakpoint,
    .watchpoint_matches = cpu_watchpoint_address_matches,
    .watchpoint_check = cpu_check_watchpoint,
};

bool gdbserver_start(const char *spec, GError **err)
{
    if (!strcmp(spec, "none")) {
        return true;
    }
    if (gdb_server.state) {
        g_set_error(err, CHIMERA_ERROR, 0, "-gdb %s: a gdb server is already running", spec);
        return false;
    }
    g_autofree char *dev = gdb_chardev_spec(spec);
    Chardev *chr = chardev_new_from_legacy("gdb", dev, err);
    if (!chr || !char_fe_init(&gdb_server.fe, chr, err)) {
        return false;
    }
    gdb_server.state = gdb_state_new(gdb_chr_output, NULL);
    tcg_debug_hooks = &gdb_tcg_hooks;
    cpus_debug_stop_hook = gdb_debug_stop;
    runstate_add_listener(gdb_run_event, NULL);
    char_fe_set_handlers(&gdb_server.fe, gdb_chr_can_read, gdb_chr_read, gdb_chr_event, NULL);
    return true;
}

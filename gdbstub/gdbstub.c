/*
 * The GDB remote serial protocol server. (Issue 6 brings the protocol; until
 * then -s/-gdb say so clearly instead of pretending to listen.)
 */
#include "gdbstub/gdbstub.h"
#include "util/error.h"

bool gdbserver_start(const char *spec, GError **err)
{
    g_set_error(err, CHIMERA_ERROR, 0, "-gdb %s: the gdb server is not available in this build",
                spec);
    return false;
}

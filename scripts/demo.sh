#!/bin/sh
# make demo: boots the project's default demo guest on the serial console.
#   scripts/demo.sh BUILD_DIR [KERNEL] [INITRD] [APPEND]
# The SPARCstation 5 into OpenBIOS when the sun4m board is available, else
# the empty machine with the monitor. Ctrl-A x quits, Ctrl-A h helps.
set -eu
build=$1
kernel=${2:-}
initrd=${3:-}
append=${4:-}
emu="$build/chimera-system-sparc"
if "$emu" -M help | grep -q '^SS-5 '; then
    set -- -M SS-5 -nographic
    [ -n "$kernel" ] && set -- "$@" -kernel "$kernel"
    [ -n "$initrd" ] && set -- "$@" -initrd "$initrd"
    [ -n "$append" ] && set -- "$@" -append "$append"
    exec "$emu" "$@"
fi
echo "(the sun4m board is not built yet: starting the empty machine with the monitor)"
exec "$emu" -M none -nographic

#!/bin/sh
# Installs the Debian packages that building and testing Chimera needs.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -eu
PKGS="meson ninja-build pkg-config gcc python3 \
 libglib2.0-dev libpixman-1-dev libslirp-dev libfdt-dev libsdl2-dev libjson-glib-dev libcapstone-dev \
 qemu-system-data \
 binutils-sparc64-linux-gnu gcc-sparc64-linux-gnu gdb-multiarch \
 xvfb xauth"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "missing packages; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing

/*
 * The "user" network backend: libslirp's user-mode TCP/IP stack, with
 * QEMU's defaults (guest network 10.0.2.0/24, host 10.0.2.2, DNS 10.0.2.3,
 * DHCP from 10.0.2.15; IPv6 fec0::/64). See net/slirp.c.
 */
#ifndef NET_SLIRP_H
#define NET_SLIRP_H

#include <glib.h>
#include <stdbool.h>

#include "net/net.h"

/* Starts a slirp stack behind nc (type "user"): frames the NIC sends go to
 * slirp, frames slirp produces go to nc->fe. False with *err when slirp
 * cannot be created. */
bool net_slirp_init(NetClient *nc, GError **err);

#endif

/*
 * Network backend registry: parsing of -netdev and -nic, and the frame
 * path between a NIC and its backend.
 */
#include <stdio.h>
#include <string.h>

#include "hw/core/qdev.h"
#include "net/net.h"
#include "util/cutils.h"
#include "util/error.h"

static GPtrArray *clients;

static void *net_resolve(const char *id)
{
    return net_client_find(id);
}

static bool parse_mac(const char *s, uint8_t mac[6])
{
    unsigned v[6];
    char tail;
    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &tail) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        if (v[i] > 0xff) {
            return false;
        }
        mac[i] = v[i];
    }
    return true;
}

static NetClient *net_client_new(const char *what, const char *options, bool from_nic,
                                 GError **err)
{
    static const char *const known_netdev[] = {
        "type", "id", "net", "host", "restrict", "hostfwd", "guestfwd", "hostname",
        "dhcpstart", "dns", "ipv6", "ipv4", NULL,
    };
    static const char *const known_nic_extra[] = { "model", "mac", NULL };
    GArray *kv = keyval_parse(options, "type", err);
    NetClient *nc = NULL;
    const char *type, *id, *mac;

    if (!kv) {
        return NULL;
    }
    for (guint i = 0; i < kv->len; i++) {
        const char *key = g_array_index(kv, KeyVal, i).key;
        if (!g_strv_contains(known_netdev, key) &&
            !(from_nic && g_strv_contains(known_nic_extra, key))) {
            g_set_error(err, CHIMERA_ERROR, 0, "%s: invalid parameter '%s'", what, key);
            goto out;
        }
    }
    type = keyval_get(kv, "type");
    id = keyval_get(kv, "id");
    mac = keyval_get(kv, "mac");
    if (!type || (strcmp(type, "user") && strcmp(type, "none"))) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: unsupported network backend '%s' (only user)",
                    what, type ? type : "");
        goto out;
    }
    if (!from_nic && !id) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: parameter 'id' is missing", what);
        goto out;
    }
    if (id && net_client_find(id)) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: duplicate id '%s'", what, id);
        goto out;
    }
    nc = g_new0(NetClient, 1);
    if (mac && !(nc->has_macaddr = parse_mac(mac, nc->macaddr))) {
        g_set_error(err, CHIMERA_ERROR, 0, "%s: '%s' is not a MAC address", what, mac);
        g_free(nc);
        nc = NULL;
        goto out;
    }
    if (!clients) {
        clients = g_ptr_array_new();
        link_resolver_register("netdev", net_resolve);
    }
    nc->id = id ? g_strdup(id) : g_strdup_printf("__nic%u", clients->len);
    nc->type = g_strdup(type);
    nc->nic_model = g_strdup(keyval_get(kv, "model"));
    nc->from_nic = from_nic;
    g_ptr_array_add(clients, nc);
out:
    keyval_list_free(kv);
    return nc;
}

NetClient *net_client_new_from_netdev(const char *options, GError **err)
{
    return net_client_new("-netdev", options, false, err);
}

NetClient *net_client_new_from_nic(const char *options, GError **err)
{
    return net_client_new("-nic", options, true, err);
}

NetClient *net_client_find(const char *id)
{
    for (guint i = 0; clients && i < clients->len; i++) {
        NetClient *nc = g_ptr_array_index(clients, i);
        if (!strcmp(nc->id, id)) {
            return nc;
        }
    }
    return NULL;
}

NetClient *net_client_next_nic(void)
{
    for (guint i = 0; clients && i < clients->len; i++) {
        NetClient *nc = g_ptr_array_index(clients, i);
        if (nc->from_nic && !nc->claimed) {
            return nc;
        }
    }
    return NULL;
}

GPtrArray *net_clients_all(void)
{
    if (!clients) {
        clients = g_ptr_array_new();
    }
    return clients;
}

void net_client_attach(NetClient *nc, const NetFrontend *fe)
{
    nc->fe = *fe;
    nc->claimed = true;
}

void net_client_send(NetClient *nc, const uint8_t *frame, size_t len)
{
    if (nc->send) {
        nc->send(nc, frame, len);
    }
}

/*
 * Network backends (-netdev, -nic) as NICs see them. A NIC model connects
 * to a NetClient by id and exchanges Ethernet frames with it.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct NetClient NetClient;

/* What a NIC gives its backend: where received frames go. */
typedef struct NetFrontend {
    bool (*can_receive)(void *opaque);
    void (*receive)(void *opaque, const uint8_t *frame, size_t len);
    void *opaque;
} NetFrontend;

struct NetClient {
    char *id;
    char *type;            /* "user" */
    char *nic_model;       /* -nic model=, or NULL for the board's default */
    uint8_t macaddr[6];
    bool has_macaddr;
    bool from_nic;         /* created by -nic: the board's default NIC takes it */
    bool claimed;
    NetFrontend fe;
    void *backend;         /* the backend's own state */
    /* transmit a frame from the NIC to the backend */
    void (*send)(NetClient *nc, const uint8_t *frame, size_t len);
};

NetClient *net_client_new_from_netdev(const char *options, GError **err);
NetClient *net_client_new_from_nic(const char *options, GError **err);
NetClient *net_client_find(const char *id);
/* The next -nic not yet taken by a board, or NULL. */
NetClient *net_client_next_nic(void);
GPtrArray *net_clients_all(void);
void net_client_attach(NetClient *nc, const NetFrontend *fe);
void net_client_send(NetClient *nc, const uint8_t *frame, size_t len);

#endif

/*
 * The "user" network backend on libslirp (/usr/include/slirp/libslirp.h).
 *
 * Slirp is a TCP/IP stack in user space: it answers DHCP, DNS and ARP for
 * the guest and turns guest TCP/UDP into host sockets. It plugs into our
 * main loop through a GSource that asks slirp which descriptors to poll
 * (slirp_pollfds_fill) before each iteration and lets it handle them
 * (slirp_pollfds_poll) after; its timers are softmmu/timer.h timers on the
 * virtual clock. Frames pass through the NetClient of net/net.h.
 */
#include <arpa/inet.h>
#include <slirp/libslirp.h>
#include <string.h>

#include "net/slirp.h"
#include "softmmu/runstate.h"
#include "softmmu/timer.h"
#include "util/error.h"
#include "util/log.h"

typedef struct SlirpSource {
    GSource source;
    Slirp *slirp;
    GArray *pollfds;            /* GPollFD, registered with the source while polling */
} SlirpSource;

typedef struct NetSlirp {
    NetClient *nc;
    Slirp *slirp;
    SlirpSource *source;
} NetSlirp;

static ssize_t net_slirp_send_packet(const void *buf, size_t len, void *opaque)
{
    NetSlirp *ns = opaque;
    NetFrontend *fe = &ns->nc->fe;

    /* A NIC that cannot take the frame drops it; TCP retransmits. */
    if (fe->receive && (!fe->can_receive || fe->can_receive(fe->opaque))) {
        fe->receive(fe->opaque, buf, len);
    }
    return len;
}

static void net_slirp_guest_error(const char *msg, void *opaque)
{
    log_guest_error("slirp: %s\n", msg);
}

static int64_t net_slirp_clock_get_ns(void *opaque)
{
    return clock_get_ns(CLOCK_TYPE_VIRTUAL);
}

static void *net_slirp_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    return timer_new_ns(CLOCK_TYPE_VIRTUAL, cb, cb_opaque);
}

static void net_slirp_timer_free(void *timer, void *opaque)
{
    timer_free(timer);
}

static void net_slirp_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    timer_mod_ns(timer, expire_ms * 1000000);
}

static void net_slirp_register_poll_fd(int fd, void *opaque)
{
}

static void net_slirp_notify(void *opaque)
{
    main_loop_wakeup();
}

static const SlirpCb net_slirp_callbacks = {
    .send_packet = net_slirp_send_packet,
    .guest_error = net_slirp_guest_error,
    .clock_get_ns = net_slirp_clock_get_ns,
    .timer_new = net_slirp_timer_new,
    .timer_free = net_slirp_timer_free,
    .timer_mod = net_slirp_timer_mod,
    .register_poll_fd = net_slirp_register_poll_fd,
    .unregister_poll_fd = net_slirp_register_poll_fd,
    .notify = net_slirp_notify,
};

/* Poll flags, both ways. */
static const struct {
    int slirp;
    gushort glib;
} poll_flags[] = {
    { SLIRP_POLL_IN, G_IO_IN },
    { SLIRP_POLL_OUT, G_IO_OUT },
    { SLIRP_POLL_PRI, G_IO_PRI },
    { SLIRP_POLL_ERR, G_IO_ERR },
    { SLIRP_POLL_HUP, G_IO_HUP },
};

static int slirp_source_add_poll(int fd, int events, void *opaque)
{
    SlirpSource *src = opaque;
    GPollFD pfd = { .fd = fd };

    for (size_t i = 0; i < G_N_ELEMENTS(poll_flags); i++) {
        pfd.events |= (events & poll_flags[i].slirp) ? poll_flags[i].glib : 0;
    }
    g_array_append_val(src->pollfds, pfd);
    return src->pollfds->len - 1;
}

static int slirp_source_get_revents(int idx, void *opaque)
{
    SlirpSource *src = opaque;
    gushort revents = g_array_index(src->pollfds, GPollFD, idx).revents;
    int events = 0;

    for (size_t i = 0; i < G_N_ELEMENTS(poll_flags); i++) {
        events |= (revents & poll_flags[i].glib) ? poll_flags[i].slirp : 0;
    }
    return events;
}

static void slirp_source_drop_polls(SlirpSource *src)
{
    for (guint i = 0; i < src->pollfds->len; i++) {
        g_source_remove_poll(&src->source, &g_array_index(src->pollfds, GPollFD, i));
    }
    g_array_set_size(src->pollfds, 0);
}

static gboolean slirp_source_prepare(GSource *source, gint *timeout)
{
    SlirpSource *src = (SlirpSource *)source;
    uint32_t ms = UINT32_MAX;

    slirp_source_drop_polls(src);
    slirp_pollfds_fill(src->slirp, &ms, slirp_source_add_poll, src);
    /* Registered only now: the array no longer moves. */
    for (guint i = 0; i < src->pollfds->len; i++) {
        g_source_add_poll(source, &g_array_index(src->pollfds, GPollFD, i));
    }
    *timeout = ms == UINT32_MAX ? -1 : (gint)MIN(ms, (uint32_t)G_MAXINT);
    return FALSE;
}

static gboolean slirp_source_check(GSource *source)
{
    SlirpSource *src = (SlirpSource *)source;

    for (guint i = 0; i < src->pollfds->len; i++) {
        GPollFD *pfd = &g_array_index(src->pollfds, GPollFD, i);
        if (pfd->revents & (pfd->events | G_IO_ERR | G_IO_HUP)) {
            return TRUE;
        }
    }
    return FALSE;
}

static gboolean slirp_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    SlirpSource *src = (SlirpSource *)source;
    slirp_pollfds_poll(src->slirp, 0, slirp_source_get_revents, src);
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs slirp_source_funcs = {
    .prepare = slirp_source_prepare,
    .check = slirp_source_check,
    .dispatch = slirp_source_dispatch,
};

static void net_slirp_receive_from_nic(NetClient *nc, const uint8_t *frame, size_t len)
{
    NetSlirp *ns = nc->backend;
    slirp_input(ns->slirp, frame, len);
}

static struct in_addr ipv4(const char *dotted)
{
    struct in_addr a;
    inet_pton(AF_INET, dotted, &a);
    return a;
}

static struct in6_addr ipv6(const char *text)
{
    struct in6_addr a;
    inet_pton(AF_INET6, text, &a);
    return a;
}

bool net_slirp_init(NetClient *nc, GError **err)
{
    NetSlirp *ns = g_new0(NetSlirp, 1);
    SlirpConfig cfg = {
        .version = 1,
        .in_enabled = true,
        .vnetwork = ipv4("10.0.2.0"),
        .vnetmask = ipv4("255.255.255.0"),
        .vhost = ipv4("10.0.2.2"),
        .vdhcp_start = ipv4("10.0.2.15"),
        .vnameserver = ipv4("10.0.2.3"),
        .in6_enabled = true,
        .vprefix_addr6 = ipv6("fec0::"),
        .vprefix_len = 64,
        .vhost6 = ipv6("fec0::2"),
        .vnameserver6 = ipv6("fec0::3"),
    };

    ns->nc = nc;
    ns->slirp = slirp_new(&cfg, &net_slirp_callbacks, ns);
    if (!ns->slirp) {
        g_set_error(err, CHIMERA_ERROR, 0, "-netdev user: cannot start the slirp stack");
        g_free(ns);
        return false;
    }
    ns->source = (SlirpSource *)g_source_new(&slirp_source_funcs, sizeof(SlirpSource));
    ns->source->slirp = ns->slirp;
    ns->source->pollfds = g_array_new(FALSE, TRUE, sizeof(GPollFD));
    g_source_attach(&ns->source->source, NULL);
    nc->backend = ns;
    nc->send = net_slirp_receive_from_nic;
    return true;
}

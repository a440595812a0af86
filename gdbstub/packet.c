/*
 * The GDB remote protocol's wire format (packet.h): a byte-at-a-time
 * reader for "$body#cs" frames and the encoders and parsers for the hex and
 * binary payloads inside them. Everything here works on plain buffers so
 * the unit test and the fuzzer drive it without a socket.
 */
#include <string.h>

#include "gdbstub/packet.h"

enum {
    RX_IDLE,   /* between packets: '$', '+', '-' or 0x03 */
    RX_BODY,   /* after '$', until '#' */
    RX_CSUM1,  /* the first checksum digit */
    RX_CSUM2,  /* the second */
};

static int hex_digit(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void gdb_packet_reader_reset(GdbPacketReader *r)
{
    r->state = RX_IDLE;
    r->len = 0;
    r->sum = 0;
    r->csum = 0;
    r->overlong = false;
    r->buf[0] = 0;
}

static void rx_start(GdbPacketReader *r)
{
    gdb_packet_reader_reset(r);
    r->state = RX_BODY;
}

GdbRxEvent gdb_packet_feed(GdbPacketReader *r, uint8_t byte)
{
    switch (r->state) {
    case RX_IDLE:
        switch (byte) {
        case '$':
            rx_start(r);
            return GDB_RX_NONE;
        case '+':
            return GDB_RX_ACK;
        case '-':
            return GDB_RX_NAK;
        case 0x03:
            return GDB_RX_INTERRUPT;
        default:
            /* Line noise between packets is ignored (E.1). */
            return GDB_RX_NONE;
        }
    case RX_BODY:
        if (byte == '$') {
            /* '$' never appears in a body: gdb gave up on the last packet. */
            rx_start(r);
        } else if (byte == '#') {
            r->state = RX_CSUM1;
        } else {
            /* The checksum covers the bytes as sent, escapes included. */
            r->sum += byte;
            if (r->len < GDB_PACKET_MAX) {
                r->buf[r->len++] = byte;
            } else {
                r->overlong = true;
            }
        }
        return GDB_RX_NONE;
    case RX_CSUM1: {
        int d = hex_digit(byte);
        if (d < 0) {
            gdb_packet_reader_reset(r);
            return GDB_RX_BAD_CHECKSUM;
        }
        r->csum = d << 4;
        r->state = RX_CSUM2;
        return GDB_RX_NONE;
    }
    default: {
        int d = hex_digit(byte);
        bool good = d >= 0 && (uint8_t)(r->csum | d) == r->sum;
        bool overlong = r->overlong;

        r->state = RX_IDLE;
        r->buf[r->len] = 0;
        if (!good) {
            return GDB_RX_BAD_CHECKSUM;
        }
        return overlong ? GDB_RX_OVERLONG : GDB_RX_PACKET;
    }
    }
}

void gdb_packet_frame(GString *out, const void *body, size_t len)
{
    const uint8_t *b = body;
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum += b[i];
    }
    g_string_append_c(out, '$');
    g_string_append_len(out, body, len);
    g_string_append_printf(out, "#%02x", sum);
}

void gdb_hex_encode(GString *out, const uint8_t *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, digits[buf[i] >> 4]);
        g_string_append_c(out, digits[buf[i] & 15]);
    }
}

bool gdb_hex_decode(const char *hex, uint8_t *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(hex[2 * i]);
        int lo = hi < 0 ? -1 : hex_digit(hex[2 * i + 1]);
        if (lo < 0) {
            return false;
        }
        out[i] = hi << 4 | lo;
    }
    return true;
}

static bool needs_escape(uint8_t c)
{
    return c == '#' || c == '$' || c == '}' || c == '*';
}

void gdb_binary_escape(GString *out, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (needs_escape(buf[i])) {
            g_string_append_c(out, '}');
            g_string_append_c(out, buf[i] ^ 0x20);
        } else {
            g_string_append_c(out, buf[i]);
        }
    }
}

long gdb_binary_unescape(const uint8_t *in, size_t len, uint8_t *out)
{
    long n = 0;

    for (size_t i = 0; i < len; i++) {
        if (in[i] == '}') {
            if (++i == len) {
                return -1;
            }
            out[n++] = in[i] ^ 0x20;
        } else {
            out[n++] = in[i];
        }
    }
    return n;
}

bool gdb_parse_hex(const char **p, uint64_t *val)
{
    const char *s = *p;
    uint64_t v = 0;
    int d;

    if (hex_digit(*s) < 0) {
        return false;
    }
    while ((d = hex_digit(*s)) >= 0) {
        if (v >> 60) {
            return false;   /* more than 64 bits */
        }
        v = v << 4 | d;
        s++;
    }
    *val = v;
    *p = s;
    return true;
}

bool gdb_parse_char(const char **p, char c)
{
    if (**p != c) {
        return false;
    }
    (*p)++;
    return true;
}

bool gdb_parse_thread_id(const char **p, int64_t *id)
{
    const char *s = *p;
    uint64_t v;

    if (s[0] == '-' && s[1] == '1') {
        *p += 2;
        *id = -1;
        return true;
    }
    if (!gdb_parse_hex(&s, &v) || v > INT32_MAX) {
        return false;
    }
    *id = (int64_t)v;
    *p = s;
    return true;
}

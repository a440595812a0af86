/*
 * The GDB remote serial protocol's wire format: packet framing
 * ("$body#cs" with a modulo-256 checksum, +/- acks, the 0x03 interrupt
 * byte), hex and binary (escaped) payloads, and the small cursor parser the
 * command handlers read their arguments with. No state beyond one reader;
 * gdbstub.c gives the packets their meaning.
 *
 * Reference: the GDB manual, appendix E "GDB Remote Serial Protocol",
 * sections E.1 Overview and E.11 Packet Acknowledgment.
 */
#ifndef GDBSTUB_PACKET_H
#define GDBSTUB_PACKET_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest body we accept, and the PacketSize qSupported announces. */
#define GDB_PACKET_MAX 0x4000

/* What a byte completed. */
typedef enum GdbRxEvent {
    GDB_RX_NONE,          /* nothing yet */
    GDB_RX_PACKET,        /* a packet with a good checksum: body in buf/len */
    GDB_RX_ACK,           /* '+' between packets */
    GDB_RX_NAK,           /* '-': retransmit the last reply */
    GDB_RX_INTERRUPT,     /* 0x03 between packets: gdb's Ctrl-C */
    GDB_RX_BAD_CHECKSUM,  /* a packet whose checksum did not match (or was not hex) */
    GDB_RX_OVERLONG,      /* a well-formed packet longer than GDB_PACKET_MAX */
} GdbRxEvent;

typedef struct GdbPacketReader {
    int state;                       /* where in "$body#cs" we are */
    uint8_t buf[GDB_PACKET_MAX + 1]; /* the body, NUL-terminated for the parsers */
    size_t len;
    uint8_t sum;                     /* running checksum of the body */
    uint8_t csum;                    /* the checksum digits received so far */
    bool overlong;                   /* the body did not fit: drop it */
} GdbPacketReader;

void gdb_packet_reader_reset(GdbPacketReader *r);
GdbRxEvent gdb_packet_feed(GdbPacketReader *r, uint8_t byte);

/* Appends "$body#cs" to out. */
void gdb_packet_frame(GString *out, const void *body, size_t len);

void gdb_hex_encode(GString *out, const uint8_t *buf, size_t len);
/* Decodes 2 * len hex digits into out; false on a non-hex digit. */
bool gdb_hex_decode(const char *hex, uint8_t *out, size_t len);
/* Escapes '#', '$', '}' and '*' as '}' followed by the byte xor 0x20. */
void gdb_binary_escape(GString *out, const uint8_t *buf, size_t len);
/* Undoes the escaping into out (at most len bytes); the decoded length, or
 * -1 when the data ends in the middle of an escape. */
long gdb_binary_unescape(const uint8_t *in, size_t len, uint8_t *out);

/*
 * The argument cursor: each parser consumes from *p and returns false,
 * leaving *p alone, when the text there does not fit.
 */
/* One or more hex digits that fit in 64 bits. */
bool gdb_parse_hex(const char **p, uint64_t *val);
/* The literal character c. */
bool gdb_parse_char(const char **p, char c);
/* A thread id: "-1" (all: *id = -1), "0" (any: 0) or a positive hex number. */
bool gdb_parse_thread_id(const char **p, int64_t *id);

#endif

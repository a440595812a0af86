/*
 * Fuzz target for the gdbstub's protocol engine: arbitrary bytes from
 * "gdb" go through framing, parsing and every command handler against the
 * fake machine of tests/unit/gdb-fake.c. The engine must answer or ignore,
 * never crash, hang or read out of bounds.
 *
 * Built with clang's -fsanitize=fuzzer this is a libFuzzer target. Built
 * with FUZZ_STANDALONE (gcc, `meson test`), main() runs a bounded number of
 * inputs made from valid packets by random mutations, with a fixed seed so
 * a failure reproduces: fuzz-gdb-packet [ITERATIONS [SEED]].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/gdb-fake.h"
#include "gdbstub/gdbstub-internal.h"
#include "gdbstub/packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t output_bytes;

static void discard(void *opaque, const uint8_t *buf, size_t len)
{
    output_bytes += len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fake_machine_init(2);
    GdbState *s = gdb_state_new(discard, NULL);

    gdb_state_connect(s);
    gdb_state_input(s, data, size);
    /* whatever state the input left: a stop arrives, then gdb goes away */
    gdb_state_debug_stop(s, &fake.cpus[1].parent);
    gdb_state_run_event(s, RUN_EVENT_STOP);
    gdb_state_disconnect(s);
    gdb_state_free(s);
    return 0;
}

#ifdef FUZZ_STANDALONE

/* What gdb 13 sends, as material for mutations. */
static const char *const seeds[] = {
    "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vContSupported+",
    "QStartNoAckMode", "?", "g", "G00000000111111112222222233333333", "p7", "P1=deadbeef",
    "m1000,40", "M1000,4:01020304", "X1000,4:ab}]cd", "X1000,0:", "c", "c1000", "s", "C05;2000",
    "S02", "vCont?", "vCont;s:1;c", "vCont;c:2;s", "vCont;C05:1;t", "Hg1", "Hc-1", "Hg0", "T2",
    "qfThreadInfo", "qsThreadInfo", "qC", "qThreadExtraInfo,1", "qAttached", "qOffsets",
    "qXfer:features:read:target.xml:0,ffb", "qXfer:features:read:target.xml:40,10",
    "qRcmd,696e666f20726567697374657273", "Z0,1000,4", "z0,1000,4", "Z1,1004,4",
    "Z2,4000,4", "z2,4000,4", "Z3,5000,8", "Z4,6000,1", "z4,6000,1", "Z0,1000,4;X1,0",
    "vMustReplyEmpty", "D", "qTStatus", "vKill;1",
};

static const char hex_chars[] = "0123456789abcdef";

static void mutate(GRand *rng, GString *body)
{
    guint32 pos = body->len ? g_rand_int_range(rng, 0, body->len) : 0;

    switch (g_rand_int_range(rng, 0, 7)) {
    case 0:     /* flip a bit */
        if (body->len) {
            body->str[pos] ^= 1 << g_rand_int_range(rng, 0, 8);
        }
        break;
    case 1:     /* insert a byte */
        g_string_insert_c(body, pos, g_rand_int_range(rng, 0, 256));
        break;
    case 2: {   /* delete some bytes */
        gsize n = g_rand_int_range(rng, 1, 5);
        g_string_erase(body, pos, MIN(body->len - pos, n));
        break;
    }
    case 3:     /* a random hex digit */
        if (body->len) {
            body->str[pos] = hex_chars[g_rand_int_range(rng, 0, 16)];
        }
        break;
    case 4:     /* a long run of hex digits: huge numbers and lengths */
        for (int i = g_rand_int_range(rng, 1, 40); i > 0; i--) {
            g_string_insert_c(body, pos, 'f');
        }
        break;
    case 5:     /* truncate */
        g_string_truncate(body, pos);
        break;
    default:    /* a protocol metacharacter */
        g_string_insert_c(body, pos, "$#}*,:;=-"[g_rand_int_range(rng, 0, 9)]);
        break;
    }
}

/* One input: a few framed packets, mostly well-formed, with acks, NAKs
 * and Ctrl-C between them. */
static void make_input(GRand *rng, GString *in)
{
    g_string_truncate(in, 0);
    for (int n = g_rand_int_range(rng, 1, 9); n > 0; n--) {
        GString *body = g_string_new(seeds[g_rand_int_range(rng, 0, G_N_ELEMENTS(seeds))]);
        for (int m = g_rand_int_range(rng, 0, 4); m > 0; m--) {
            mutate(rng, body);
        }
        gdb_packet_frame(in, body->str, body->len);
        if (g_rand_int_range(rng, 0, 10) == 0) {
            in->str[in->len - 1] ^= 1;      /* a bad checksum */
        }
        if (g_rand_int_range(rng, 0, 6) == 0) {
            g_string_append_c(in, "+-\x03"[g_rand_int_range(rng, 0, 3)]);
        }
        g_string_free(body, TRUE);
    }
    if (g_rand_int_range(rng, 0, 20) == 0) {
        /* an overlong packet */
        g_string_append_c(in, '$');
        for (int i = 0; i < GDB_PACKET_MAX + 10; i++) {
            g_string_append_c(in, 'M');
        }
        g_string_append(in, "#00");
    }
    if (g_rand_int_range(rng, 0, 10) == 0) {
        /* raw noise */
        for (int i = g_rand_int_range(rng, 1, 64); i > 0; i--) {
            g_string_append_c(in, g_rand_int_range(rng, 0, 256));
        }
    }
}

int main(int argc, char **argv)
{
    long iterations = argc > 1 ? strtol(argv[1], NULL, 0) : 3000;
    guint32 seed = argc > 2 ? strtoul(argv[2], NULL, 0) : 0x6d6;
    GRand *rng = g_rand_new_with_seed(seed);
    GString *in = g_string_new(NULL);

    for (long i = 0; i < iterations; i++) {
        make_input(rng, in);
        LLVMFuzzerTestOneInput((const uint8_t *)in->str, in->len);
    }
    /* TAP, for meson test */
    printf("1..1\nok 1 - %ld inputs (seed %u), %zu output bytes\n", iterations, seed,
           output_bytes);
    g_string_free(in, TRUE);
    g_rand_free(rng);
    return 0;
}

#endif

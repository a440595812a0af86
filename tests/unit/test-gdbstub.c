/*
 * Unit tests for the gdbstub: the wire format (gdbstub/packet.c), the
 * breakpoint and watchpoint lists (gdbstub/breakpoints.c) and the protocol
 * engine (gdbstub/gdbstub.c) driven with packet strings against the fake
 * machine of gdb-fake.c: acks and no-ack mode, every packet gdb 13 sends
 * for registers, memory, threads, execution, breakpoints, the target
 * description and monitor commands, stop replies, and malformed input.
 */
#include <string.h>

#include "gdb-fake.h"
#include "gdbstub/breakpoints.h"
#include "gdbstub/gdbstub-internal.h"
#include "gdbstub/packet.h"
#include "monitor/monitor.h"
#include "tcg/exec.h"

static GdbState *gs;
static GString *output;
static bool no_ack;

static void capture(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(output, (const char *)buf, len);
}

/* A fresh machine with ncpus CPUs and a connected gdb in ack mode. */
static void setup(unsigned ncpus)
{
    fake_machine_init(ncpus);
    if (gs) {
        gdb_state_free(gs);
    }
    if (!output) {
        output = g_string_new(NULL);
    }
    g_string_truncate(output, 0);
    no_ack = false;
    gs = gdb_state_new(capture, NULL);
    gdb_state_connect(gs);
}

static CPUState *cpu_n(int i)
{
    return &fake.cpus[i].parent;
}

static void feed_len(const void *raw, size_t len)
{
    gdb_state_input(gs, raw, len);
}

static void feed(const char *raw)
{
    feed_len(raw, strlen(raw));
}

static char *framed_len(const void *body, size_t len)
{
    GString *s = g_string_new(NULL);
    gdb_packet_frame(s, body, len);
    return g_string_free(s, FALSE);
}

static char *framed(const char *body)
{
    return framed_len(body, strlen(body));
}

static void send_packet_len(const void *body, size_t len)
{
    GString *f = g_string_new(NULL);
    gdb_packet_frame(f, body, len);
    feed_len(f->str, f->len);
    g_string_free(f, TRUE);
}

static void send_packet(const char *body)
{
    send_packet_len(body, strlen(body));
}

/* The output so far, consumed. */
static char *take_output(void)
{
    char *s = g_strdup(output->str);
    g_string_truncate(output, 0);
    return s;
}

/* What one reply looks like on the wire (with our ack in ack mode). */
static char *wire_reply(const char *reply)
{
    g_autofree char *f = framed(reply);
    return g_strconcat(no_ack ? "" : "+", f, NULL);
}

/* Sends body and checks the complete answer is reply. */
static void check(const char *body, const char *reply)
{
    send_packet(body);
    g_autofree char *got = take_output();
    g_autofree char *want = wire_reply(reply);
    g_assert_cmpstr(got, ==, want);
}

/* Sends body and checks it was acked with no reply (c, s, k...). */
static void check_no_reply(const char *body)
{
    send_packet(body);
    g_autofree char *got = take_output();
    g_assert_cmpstr(got, ==, no_ack ? "" : "+");
}

/* The CPU stops for the debugger: gdb must get exactly this stop reply. */
static void check_stop(CPUState *cpu, const char *reply)
{
    gdb_state_debug_stop(gs, cpu);
    g_autofree char *got = take_output();
    g_autofree char *want = framed(reply);
    g_assert_cmpstr(got, ==, want);
}

static char *hex_of(const char *text)
{
    GString *s = g_string_new(NULL);
    gdb_hex_encode(s, (const uint8_t *)text, strlen(text));
    return g_string_free(s, FALSE);
}

/* ---- packet.c ------------------------------------------------------------- */

static void test_packet_frame(void)
{
    g_autofree char *ok = framed("OK");
    g_autofree char *empty = framed("");
    g_autofree char *q = framed("qSupported");

    /* 'O' + 'K' = 0x4f + 0x4b = 0x9a */
    g_assert_cmpstr(ok, ==, "$OK#9a");
    g_assert_cmpstr(empty, ==, "$#00");
    g_assert_cmpstr(q, ==, "$qSupported#37");
}

static GdbRxEvent feed_reader(GdbPacketReader *r, const char *s)
{
    GdbRxEvent ev = GDB_RX_NONE;
    for (; *s; s++) {
        ev = gdb_packet_feed(r, (uint8_t)*s);
    }
    return ev;
}

static void test_packet_reader(void)
{
    GdbPacketReader *r = g_new0(GdbPacketReader, 1);

    gdb_packet_reader_reset(r);
    g_assert_cmpint(feed_reader(r, "$OK#9a"), ==, GDB_RX_PACKET);
    g_assert_cmpstr((char *)r->buf, ==, "OK");
    g_assert_cmpint(feed_reader(r, "$OK#9A"), ==, GDB_RX_PACKET);   /* either case */
    g_assert_cmpint(feed_reader(r, "$OK#9b"), ==, GDB_RX_BAD_CHECKSUM);
    g_assert_cmpint(feed_reader(r, "$OK#z"), ==, GDB_RX_BAD_CHECKSUM);
    g_assert_cmpint(feed_reader(r, "+"), ==, GDB_RX_ACK);
    g_assert_cmpint(feed_reader(r, "-"), ==, GDB_RX_NAK);
    g_assert_cmpint(feed_reader(r, "\x03"), ==, GDB_RX_INTERRUPT);
    /* noise between packets, and a restart in the middle of one */
    g_assert_cmpint(feed_reader(r, "xyz$garbage$OK#9a"), ==, GDB_RX_PACKET);
    g_assert_cmpstr((char *)r->buf, ==, "OK");
    /* 0x03 inside a packet is data */
    g_assert_cmpint(feed_reader(r, "$\x03#03"), ==, GDB_RX_PACKET);
    g_assert_cmpuint(r->len, ==, 1);

    GString *big = g_string_new("$");
    uint8_t sum = 0;
    for (int i = 0; i < GDB_PACKET_MAX + 10; i++) {
        g_string_append_c(big, 'a');
        sum += 'a';
    }
    g_string_append_printf(big, "#%02x", sum);
    g_assert_cmpint(feed_reader(r, big->str), ==, GDB_RX_OVERLONG);
    g_string_free(big, TRUE);
    g_assert_cmpint(feed_reader(r, "$OK#9a"), ==, GDB_RX_PACKET);
    g_free(r);
}

static void test_packet_encodings(void)
{
    const uint8_t data[] = { 0x00, '#', '$', '}', '*', 0xff, 'a' };
    uint8_t back[sizeof(data)];
    GString *s = g_string_new(NULL);

    gdb_hex_encode(s, data, sizeof(data));
    g_assert_cmpstr(s->str, ==, "0023247d2aff61");
    g_assert_true(gdb_hex_decode(s->str, back, sizeof(data)));
    g_assert_cmpmem(back, sizeof(back), data, sizeof(data));
    g_assert_false(gdb_hex_decode("0g", back, 1));
    g_assert_false(gdb_hex_decode("0", back, 1));

    g_string_truncate(s, 0);
    gdb_binary_escape(s, data, sizeof(data));
    g_assert_cmpmem(s->str, s->len, "\x00}\x03}\x04}]}\x0a\xff" "a", 11);
    g_assert_cmpint(gdb_binary_unescape((uint8_t *)s->str, s->len, back), ==, sizeof(data));
    g_assert_cmpmem(back, sizeof(back), data, sizeof(data));
    g_assert_cmpint(gdb_binary_unescape((const uint8_t *)"ab}", 3, back), ==, -1);
    g_string_free(s, TRUE);

    const char *p = "1f,x";
    uint64_t v;
    int64_t tid;
    g_assert_true(gdb_parse_hex(&p, &v));
    g_assert_cmpuint(v, ==, 0x1f);
    g_assert_true(gdb_parse_char(&p, ','));
    g_assert_false(gdb_parse_hex(&p, &v));
    g_assert_cmpstr(p, ==, "x");
    p = "ffffffffffffffff";
    g_assert_true(gdb_parse_hex(&p, &v));
    g_assert_cmpuint(v, ==, UINT64_MAX);
    p = "10000000000000000";
    g_assert_false(gdb_parse_hex(&p, &v));
    g_assert_cmpstr(p, ==, "10000000000000000");
    p = "-1";
    g_assert_true(gdb_parse_thread_id(&p, &tid));
    g_assert_cmpint(tid, ==, -1);
    p = "0";
    g_assert_true(gdb_parse_thread_id(&p, &tid));
    g_assert_cmpint(tid, ==, 0);
    p = "1a;";
    g_assert_true(gdb_parse_thread_id(&p, &tid));
    g_assert_cmpint(tid, ==, 0x1a);
    g_assert_cmpstr(p, ==, ";");
    p = "-2";
    g_assert_false(gdb_parse_thread_id(&p, &tid));
}

/* ---- acks, no-ack mode, malformed framing ---------------------------------- */

static void test_acks(void)
{
    setup(1);
    /* gdb's initial '+' is ignored */
    feed("+");
    g_assert_cmpstr(output->str, ==, "");
    check("?", "T05thread:01;");

    /* '-' retransmits the last reply */
    feed("-");
    g_autofree char *again = take_output();
    g_autofree char *want = framed("T05thread:01;");
    g_assert_cmpstr(again, ==, want);

    /* a bad checksum is NAKed and not executed */
    feed("$g#00");
    g_autofree char *nak = take_output();
    g_assert_cmpstr(nak, ==, "-");

    /* an empty packet gets the empty reply */
    check("", "");

    /* overlong: acked (the checksum was right) and refused */
    GString *big = g_string_new("m0,");
    while (big->len < GDB_PACKET_MAX + 100) {
        g_string_append_c(big, '0');
    }
    check(big->str, "E22");
    g_string_free(big, TRUE);

    check("QStartNoAckMode", "OK");
    no_ack = true;
    check("?", "T05thread:01;");
    /* no retransmission in no-ack mode */
    feed("-");
    g_assert_cmpstr(output->str, ==, "");

    /* a new connection starts in ack mode again */
    gdb_state_disconnect(gs);
    gdb_state_connect(gs);
    no_ack = false;
    check("?", "T05thread:01;");
}

static void test_unknown_and_simple_queries(void)
{
    setup(1);
    check("qFooBar", "");
    check("vMustReplyEmpty", "");
    check("!", "");
    check("\x7f\x80", "");
    check("qAttached", "1");
    check("qAttached:1", "1");
    check("qOffsets", "Text=0;Data=0;Bss=0");
    /* a name must match as a whole */
    check("qCRC:0,4", "");
    check("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;vContSupported+",
          "PacketSize=4000;qXfer:features:read+;vContSupported+;swbreak+;hwbreak+;"
          "QStartNoAckMode+");
}

/* ---- target description ---------------------------------------------------- */

/* Reads the whole description in chunks of len, checking m/l markers. */
static char *read_xml(size_t chunk)
{
    GString *doc = g_string_new(NULL);

    for (;;) {
        g_autofree char *req =
            g_strdup_printf("qXfer:features:read:target.xml:%zx,%zx", doc->len, chunk);
        send_packet(req);
        g_autofree char *wire = take_output();
        /* "+$" kind data "#cs" */
        g_assert_true(g_str_has_prefix(wire, "+$"));
        size_t n = strlen(wire) - 5;
        char kind = wire[2];
        g_assert_true(kind == 'm' || kind == 'l');
        g_autofree uint8_t *data = g_malloc(n);
        long got = gdb_binary_unescape((const uint8_t *)wire + 3, n - 1, data);
        g_assert_cmpint(got, >=, 0);
        g_assert_cmpint(got, <=, chunk);
        g_string_append_len(doc, (char *)data, got);
        if (kind == 'l') {
            return g_string_free(doc, FALSE);
        }
        g_assert_cmpint(got, ==, chunk);
    }
}

static void test_target_xml(void)
{
    setup(1);
    for (size_t chunk = 1; chunk < 600; chunk = chunk * 3 + 7) {
        g_autofree char *xml = read_xml(chunk);
        g_assert_cmpstr(xml, ==, fake_target_xml);
    }
    /* past the end: an empty last chunk */
    check("qXfer:features:read:target.xml:ffff,100", "l");
    check("qXfer:features:read:other.xml:0,100", "E00");
    check("qXfer:features:read:target.xml:0", "E22");
    check("qXfer:features:read:target.xml", "E22");
}

/* ---- registers ---------------------------------------------------------------- */

static void test_registers(void)
{
    setup(2);
    check("g", "10000000100000011000000210000003100000041000000510000006"
               "0000000000001000");
    check("p0", "10000000");
    check("p7", "0000000000001000");
    check("p8", "E14");
    check("pzz", "E14");

    check("P1=cafef00d", "OK");
    g_assert_cmphex(fake.cpus[0].gpr[1], ==, 0xcafef00d);
    check("P7=00000000deadbeef", "OK");
    g_assert_cmphex(fake.cpus[0].pc, ==, 0xdeadbeef);
    check("P1=cafe", "E14");          /* wrong size */
    check("P1=cafef00x", "E22");      /* bad hex */
    check("P9=00000000", "E14");
    check("P1", "E22");

    check("G" "01010101020202020303030304040404050505050606060607070707"
          "0000000000002000", "OK");
    g_assert_cmphex(fake.cpus[0].gpr[0], ==, 0x01010101);
    g_assert_cmphex(fake.cpus[0].gpr[6], ==, 0x07070707);
    g_assert_cmphex(fake.cpus[0].pc, ==, 0x2000);
    /* a short G writes the registers it covers */
    check("G" "aaaaaaaa", "OK");
    g_assert_cmphex(fake.cpus[0].gpr[0], ==, 0xaaaaaaaa);
    g_assert_cmphex(fake.cpus[0].gpr[1], ==, 0x02020202);
    check("G" "aaaaaaa", "E22");
    check("G" "aaaaaaag", "E22");
    /* the other CPU was not touched */
    g_assert_cmphex(fake.cpus[1].gpr[0], ==, 0x20000000);
}

/* ---- memory ------------------------------------------------------------------- */

static void test_memory(void)
{
    setup(1);
    check("m100,4", "00010203");
    check("mfffe,2", "feff");
    check("mfffe,4", "E14");          /* runs off RAM into a hole */
    check("m100000,4", "E14");        /* debug_translate fails */
    check("m100,", "E22");
    check("m100", "E22");
    check("mxyz,4", "E22");
    check("m100,4x", "E22");
    check("m0,2001", "E22");          /* longer than a reply can carry */

    check("M200,4:deadbeef", "OK");
    g_assert_cmphex(fake_ram()[0x200], ==, 0xde);
    g_assert_cmphex(fake_ram()[0x203], ==, 0xef);
    check("m1fe,6", "feffdeadbeef");
    check("M200,4:deadbe", "E22");    /* too little data */
    check("M200,2:deadbeef", "E22");  /* too much */
    check("M200,2:zzzz", "E22");
    check("M100000,1:00", "E14");

    /* X: binary, with escapes; X addr,0 is gdb's probe */
    check("X300,0:", "OK");
    const uint8_t body[] = { 'X', '3', '0', '0', ',', '5', ':', 0x00, '}', '#' ^ 0x20, 'a',
                             '}', '}' ^ 0x20, 0xff };
    send_packet_len(body, sizeof(body));
    g_autofree char *got = take_output();
    g_autofree char *want = wire_reply("OK");
    g_assert_cmpstr(got, ==, want);
    g_assert_cmpmem(fake_ram() + 0x300, 5, "\x00#a}\xff", 5);
    check("X300,2:a", "E22");          /* length mismatch */
    check("X300,1:}", "E22");          /* dangling escape */
    check("X100000,1:a", "E14");
}

/* ---- threads -------------------------------------------------------------------- */

static void test_threads(void)
{
    setup(3);
    check("qfThreadInfo", "m01,02,03");
    check("qsThreadInfo", "l");
    check("qC", "QC01");
    check("T1", "OK");
    check("T3", "OK");
    check("T4", "E22");
    check("T0", "E22");
    check("Tx", "E22");

    check("Hg2", "OK");
    check("qC", "QC02");
    check("p0", "20000000");
    check("Hg0", "OK");
    check("p0", "10000000");
    check("Hg-1", "OK");
    check("Hg4", "E22");
    check("Hx1", "E22");
    check("Hc3", "OK");
    check("Hc", "E22");

    g_autofree char *running = hex_of("CPU#1 [running]");
    check("qThreadExtraInfo,2", running);
    fake.cpus[2].parent.halted = true;
    g_autofree char *halted = hex_of("CPU#2 [halted ]");
    check("qThreadExtraInfo,3", halted);
    check("qThreadExtraInfo,9", "E22");
    check("qThreadExtraInfo,", "E22");
}

/* ---- execution ------------------------------------------------------------------ */

static void test_continue_and_stop(void)
{
    setup(2);
    g_assert_cmpint(fake.state, ==, RUN_STATE_DEBUG);   /* the connection stopped it */

    check_no_reply("c");
    g_assert_cmpint(fake.vm_starts, ==, 1);
    g_assert_cmpint(cpu_n(0)->singlestep, ==, 0);
    g_assert_false(cpu_n(0)->stopped);
    g_assert_false(cpu_n(1)->stopped);

    /* CPU 1 hits a breakpoint */
    check("Z0,1100,4", "OK");
    fake.state = RUN_STATE_DEBUG;     /* as cpus.c does before the hook */
    check_stop(cpu_n(1), "T05thread:02;swbreak:;");
    /* registers now come from the stopped CPU */
    check("p0", "20000000");

    /* a stop nobody waits for is not reported twice */
    gdb_state_debug_stop(gs, cpu_n(1));
    g_assert_cmpstr(output->str, ==, "");

    /* c with an address sets the pc of the Hc CPU (the one that stopped) */
    check_no_reply("c2000");
    g_assert_cmphex(fake.cpus[1].pc, ==, 0x2000);
    check("c20zz", "E22");
}

static void test_step(void)
{
    setup(2);
    check_no_reply("s");
    g_assert_cmpint(cpu_n(0)->singlestep, !=, 0);
    g_assert_false(cpu_n(0)->stopped);
    g_assert_true(cpu_n(1)->stopped);
    g_assert_cmpint(fake.state, ==, RUN_STATE_RUNNING);

    fake.state = RUN_STATE_DEBUG;
    check_stop(cpu_n(0), "T05thread:01;");
    /* everything back to normal for the monitor's `cont` */
    g_assert_cmpint(cpu_n(0)->singlestep, ==, 0);
    g_assert_false(cpu_n(1)->stopped);

    /* a step from a breakpoint's address is a step, not a breakpoint hit */
    check("Z0,1000,4", "OK");
    check_no_reply("s");
    check_stop(cpu_n(0), "T05thread:01;");

    check_no_reply("S05;1234");
    g_assert_cmphex(fake.cpus[0].pc, ==, 0x1234);
    check_no_reply("C05");
    check("S", "E22");
}

static void test_vcont(void)
{
    setup(3);
    check("vCont?", "vCont;c;C;s;S");

    check_no_reply("vCont;s:2;c");
    g_assert_cmpint(cpu_n(1)->singlestep, !=, 0);
    g_assert_false(cpu_n(1)->stopped);
    g_assert_cmpint(cpu_n(0)->singlestep, ==, 0);
    g_assert_false(cpu_n(0)->stopped);
    g_assert_false(cpu_n(2)->stopped);
    check_stop(cpu_n(1), "T05thread:02;");

    /* only the named thread runs; the leftmost action wins */
    check_no_reply("vCont;s:1;c:1");
    g_assert_cmpint(cpu_n(0)->singlestep, !=, 0);
    g_assert_true(cpu_n(1)->stopped);
    g_assert_true(cpu_n(2)->stopped);
    check_stop(cpu_n(0), "T05thread:01;");

    check_no_reply("vCont;C02:3;t");
    g_assert_false(cpu_n(2)->stopped);
    g_assert_cmpint(cpu_n(2)->singlestep, ==, 0);
    g_assert_true(cpu_n(0)->stopped);
    check_stop(cpu_n(2), "T05thread:03;");

    check_no_reply("vCont;S05");
    g_assert_cmpint(cpu_n(2)->singlestep, !=, 0);
    check_stop(cpu_n(2), "T05thread:03;");

    check("vCont;x", "E22");
    check("vCont;c:9", "E22");
    check("vCont;c:", "E22");
    check("vCont;t", "E22");
    check("vCont;c;", "E22");
    check("vCont;C", "E22");
}

static void test_interrupt(void)
{
    setup(2);
    /* Ctrl-C while stopped: nothing to do */
    feed("\x03");
    g_assert_cmpstr(output->str, ==, "");

    check_no_reply("vCont;c");
    int stops = fake.vm_stops;
    feed("\x03");
    g_assert_cmpint(fake.vm_stops, ==, stops + 1);
    g_assert_cmpint(fake.state, ==, RUN_STATE_DEBUG);
    g_autofree char *stop = take_output();
    g_autofree char *want = framed("T02thread:01;");
    g_assert_cmpstr(stop, ==, want);

    /* the vCPU's own stop arriving afterwards is not reported again */
    gdb_state_debug_stop(gs, cpu_n(1));
    g_assert_cmpstr(output->str, ==, "");
}

static void test_run_events(void)
{
    setup(1);
    /* events while gdb is not waiting are not reported */
    gdb_state_run_event(gs, RUN_EVENT_STOP);
    g_assert_cmpstr(output->str, ==, "");

    check_no_reply("c");
    fake.state = RUN_STATE_PAUSED;    /* the monitor's `stop` */
    gdb_state_run_event(gs, RUN_EVENT_STOP);
    g_autofree char *stop = take_output();
    g_autofree char *want = framed("T02thread:01;");
    g_assert_cmpstr(stop, ==, want);

    /* the debugger's own stop is reported by the debug-stop hook */
    check_no_reply("c");
    fake.state = RUN_STATE_DEBUG;
    gdb_state_run_event(gs, RUN_EVENT_STOP);
    g_assert_cmpstr(output->str, ==, "");
    check_stop(cpu_n(0), "T05thread:01;");

    check_no_reply("c");
    gdb_state_run_event(gs, RUN_EVENT_SHUTDOWN);
    g_autofree char *exited = take_output();
    g_autofree char *w = framed("W00");
    g_assert_cmpstr(exited, ==, w);
}

/* ---- breakpoints and watchpoints ------------------------------------------------- */

static void test_breakpoint_packets(void)
{
    setup(2);
    check("Z0,1000,4", "OK");
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(0)), ==, 1);
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(1)), ==, 1);
    g_assert_true(cpu_breakpoint_test(cpu_n(0), 0x1000));
    g_assert_false(cpu_breakpoint_test(cpu_n(0), 0x1004));
    /* translations were dropped once per CPU (a flush: fetch mappings such
     * as SPARC boot mode are invisible to the debugger's address view) */
    g_assert_cmpint(fake.tb_flushes, ==, 2);

    check("Z1,1008,4", "OK");
    g_assert_true(cpu_breakpoint_test(cpu_n(1), 0x1008));
    check("Z0,1000,4;X1,0", "OK");     /* conditions are ignored */
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(0)), ==, 3);

    check("z0,1000,4", "OK");
    g_assert_true(cpu_breakpoint_test(cpu_n(0), 0x1000));   /* one is left */
    check("z0,1000,4", "OK");
    g_assert_false(cpu_breakpoint_test(cpu_n(0), 0x1000));
    check("z0,1000,4", "E22");
    check("z1,1008,4", "OK");
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(1)), ==, 0);

    /* an address the CPU cannot translate: flush everything */
    int flushes = fake.tb_flushes;
    check("Z0,200000,4", "OK");
    g_assert_cmpint(fake.tb_flushes, ==, flushes + 2);

    check("Z5,1000,4", "");
    check("z7,1000,4", "");
    check("Z0,1000", "E22");
    check("Z0", "E22");
    check("Zx", "E22");
    check("Z0,1000,4x", "E22");
}

static void test_watchpoint_packets(void)
{
    setup(2);
    int tlb = fake.tlb_flushes;
    check("Z2,4000,4", "OK");
    g_assert_cmpint(fake.tlb_flushes, ==, tlb + 2);
    check("Z3,5000,8", "OK");
    check("Z4,6000,1", "OK");
    g_assert_cmpuint(cpu_watchpoint_count(cpu_n(1)), ==, 3);

    /* what the TLB is told per page */
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x4000, 0x1000), ==,
                    BP_MEM_WRITE);
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x5000, 0x1000), ==,
                    BP_MEM_READ);
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x4000, 0x3000), ==,
                    BP_MEM_ACCESS);
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x7000, 0x1000), ==, 0);
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x4004, 4), ==, 0);
    g_assert_cmpint(cpu_watchpoint_address_matches(cpu_n(0), 0x4003, 1), ==, BP_MEM_WRITE);

    check("z2,4000,8", "E22");        /* length must match */
    check("z3,4000,4", "E22");        /* and kind */
    check("z2,4000,4", "OK");
    g_assert_cmpuint(cpu_watchpoint_count(cpu_n(0)), ==, 2);
    check("Z2,4000,0", "E22");        /* empty */
    check("Z2,ffffffffffffffff,2", "E22");   /* wraps */
    check("Z2,fffffffffffffffe,2", "OK");    /* ends at the top */
}

/* One guest access through the watchpoint check: true when it left to
 * the (fake) exec loop. */
static bool access_leaves(CPUState *cpu, uint64_t addr, unsigned len, bool is_write)
{
    fake.loop_exit_armed = true;
    if (sigsetjmp(fake.loop_exit, 0)) {
        fake.loop_exit_armed = false;
        return true;
    }
    cpu_check_watchpoint(cpu, addr, len, is_write, 0x1234);
    fake.loop_exit_armed = false;
    return false;
}

static void test_watchpoint_hits(void)
{
    CPUWatchpoint hit;

    setup(1);
    CPUState *cpu = cpu_n(0);
    check("Z2,4000,4", "OK");
    check("Z3,5000,4", "OK");

    g_assert_false(access_leaves(cpu, 0x4000, 4, false));  /* a read of a write wp */
    g_assert_false(access_leaves(cpu, 0x3ffc, 4, true));   /* just below */
    g_assert_false(access_leaves(cpu, 0x4004, 1, true));   /* just above */
    g_assert_false(cpu_watchpoint_take_hit(cpu, &hit));

    check_no_reply("c");
    /* a write overlapping the last byte: restart as a single step */
    g_assert_true(access_leaves(cpu, 0x4002, 2, true));
    g_assert_cmpint(cpu->singlestep, !=, 0);
    /* the replay's accesses go through */
    g_assert_false(access_leaves(cpu, 0x4002, 2, true));
    g_assert_false(access_leaves(cpu, 0x5000, 4, false));
    /* the step ends: the stop names the watchpoint */
    fake.state = RUN_STATE_DEBUG;
    check_stop(cpu, "T05thread:01;watch:4000;");
    g_assert_cmpint(cpu->singlestep, ==, 0);

    check_no_reply("c");
    g_assert_true(access_leaves(cpu, 0x5001, 1, false));
    check_stop(cpu, "T05thread:01;rwatch:5000;");

    check("Z4,6000,4", "OK");
    check_no_reply("c");
    g_assert_true(access_leaves(cpu, 0x6000, 4, false));
    check_stop(cpu, "T05thread:01;awatch:6000;");

    /* a single step that hits a watchpoint keeps stepping afterwards */
    check_no_reply("s");
    g_assert_true(access_leaves(cpu, 0x4000, 1, true));
    g_assert_true(cpu_watchpoint_take_hit(cpu, &hit));
    g_assert_cmphex(hit.addr, ==, 0x4000);
    g_assert_cmpint(hit.flags, ==, BP_MEM_WRITE);
    g_assert_cmpint(cpu->singlestep, !=, 0);

    /* outside generated code (ra 0) the hit is recorded without leaving */
    cpu->singlestep = 0;
    g_assert_false(fake.loop_exit_armed);
    cpu_check_watchpoint(cpu, 0x4000, 4, true, 0);
    g_assert_cmpint(cpu->singlestep, !=, 0);
    g_assert_true(cpu_watchpoint_take_hit(cpu, &hit));
    g_assert_cmpint(cpu->singlestep, ==, 0);
}

/* The helper a breakpoint's block calls leaves with the target's debug
 * exception (env is what follows the CPUState, as for every target). */
static void test_breakpoint_helper(void)
{
    static const TCGCPUOps ops = { .excp_debug = 0x1ee };

    setup(1);
    CPUState *cpu = cpu_n(0);
    cpu->tcg_ops = &ops;
    g_assert_true(env_cpu(fake.cpus[0].gpr) == cpu);
    fake.loop_exit_armed = true;
    if (!sigsetjmp(fake.loop_exit, 0)) {
        helper_debug_breakpoint(fake.cpus[0].gpr);
    }
    fake.loop_exit_armed = false;
    g_assert_cmpint(fake.loop_exits, ==, 1);
    g_assert_cmpint(cpu->exception_index, ==, 0x1ee);
    g_assert_true(helper_info_debug_breakpoint.func == (void *)helper_debug_breakpoint);
    g_assert_cmpuint(helper_info_debug_breakpoint.nargs, ==, 1);
    g_assert_true(helper_info_debug_breakpoint.flags & TCG_CALL_NO_RETURN);
}

/* ---- detach, kill, disconnect ---------------------------------------------------- */

static void test_detach(void)
{
    setup(2);
    check("Z0,1000,4", "OK");
    check("Z2,4000,4", "OK");
    int starts = fake.vm_starts;
    check("D", "OK");
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(0)), ==, 0);
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(1)), ==, 0);
    g_assert_cmpuint(cpu_watchpoint_count(cpu_n(1)), ==, 0);
    g_assert_cmpint(fake.vm_starts, ==, starts + 1);
    g_assert_cmpint(fake.state, ==, RUN_STATE_RUNNING);
    /* the socket closing afterwards changes nothing more */
    gdb_state_disconnect(gs);
    g_assert_cmpint(fake.vm_starts, ==, starts + 1);
}

static void test_disconnect_resumes(void)
{
    setup(1);
    check("Z0,1000,4", "OK");
    check_no_reply("s");
    gdb_state_disconnect(gs);
    g_assert_cmpuint(cpu_breakpoint_count(cpu_n(0)), ==, 0);
    g_assert_cmpint(cpu_n(0)->singlestep, ==, 0);
    g_assert_cmpint(fake.state, ==, RUN_STATE_RUNNING);
    /* a debug stop with nobody attached resumes the guest */
    fake.state = RUN_STATE_DEBUG;
    gdb_state_debug_stop(gs, cpu_n(0));
    g_assert_cmpint(fake.state, ==, RUN_STATE_RUNNING);
    g_assert_cmpstr(output->str, ==, "");
}

static void test_kill(void)
{
    setup(1);
    check_no_reply("k");
    g_assert_cmpint(fake.shutdowns, ==, 1);
}

/* ---- monitor commands -------------------------------------------------------------- */

static void test_monitor(void)
{
    setup(1);
    g_autofree char *cmd = hex_of("info registers");
    g_autofree char *req = g_strconcat("qRcmd,", cmd, NULL);
    send_packet(req);
    g_assert_cmpstr(fake.monitor_line, ==, "info registers");
    g_autofree char *got = take_output();
    g_autofree char *text = hex_of("you said: info registers\n");
    g_autofree char *o = g_strconcat("O", text, NULL);
    g_autofree char *o_wire = framed(o);
    g_autofree char *ok_wire = framed("OK");
    g_autofree char *want = g_strconcat("+", o_wire, ok_wire, NULL);
    g_assert_cmpstr(got, ==, want);

    /* long output comes in several O packets, in order */
    g_autofree char *lcmd = hex_of("info long");
    g_autofree char *lreq = g_strconcat("qRcmd,", lcmd, NULL);
    send_packet(lreq);
    g_autofree char *lgot = take_output();
    GString *text_back = g_string_new(NULL);
    int packets = 0;
    for (const char *p = lgot + 1; *p == '$'; packets++) {
        const char *end = strchr(p, '#');
        if (p[1] == 'O') {
            size_t n = (end - p - 2) / 2;
            g_autofree uint8_t *b = g_malloc(n);
            g_assert_true(gdb_hex_decode(p + 2, b, n));
            g_string_append_len(text_back, (char *)b, n);
        } else {
            g_assert_true(g_str_has_prefix(p, "$OK#"));
        }
        p = end + 3;
    }
    g_assert_cmpint(packets, >, 2);
    g_autofree char *expected = monitor_hmp_command("info long");
    g_assert_cmpstr(text_back->str, ==, expected);
    g_string_free(text_back, TRUE);

    g_autofree char *ncmd = hex_of("nothing");
    g_autofree char *nreq = g_strconcat("qRcmd,", ncmd, NULL);
    check(nreq, "OK");
    check("qRcmd,6", "E01");
    check("qRcmd,zz", "E01");
}

static void test_no_cpus(void)
{
    setup(0);
    check("g", "E01");
    check("qfThreadInfo", "E01");
    check("qUnknown", "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/gdbstub/packet/frame", test_packet_frame);
    g_test_add_func("/gdbstub/packet/reader", test_packet_reader);
    g_test_add_func("/gdbstub/packet/encodings", test_packet_encodings);
    g_test_add_func("/gdbstub/acks", test_acks);
    g_test_add_func("/gdbstub/queries", test_unknown_and_simple_queries);
    g_test_add_func("/gdbstub/target-xml", test_target_xml);
    g_test_add_func("/gdbstub/registers", test_registers);
    g_test_add_func("/gdbstub/memory", test_memory);
    g_test_add_func("/gdbstub/threads", test_threads);
    g_test_add_func("/gdbstub/continue", test_continue_and_stop);
    g_test_add_func("/gdbstub/step", test_step);
    g_test_add_func("/gdbstub/vcont", test_vcont);
    g_test_add_func("/gdbstub/interrupt", test_interrupt);
    g_test_add_func("/gdbstub/run-events", test_run_events);
    g_test_add_func("/gdbstub/breakpoints", test_breakpoint_packets);
    g_test_add_func("/gdbstub/watchpoints", test_watchpoint_packets);
    g_test_add_func("/gdbstub/watchpoint-hits", test_watchpoint_hits);
    g_test_add_func("/gdbstub/breakpoint-helper", test_breakpoint_helper);
    g_test_add_func("/gdbstub/detach", test_detach);
    g_test_add_func("/gdbstub/disconnect", test_disconnect_resumes);
    g_test_add_func("/gdbstub/kill", test_kill);
    g_test_add_func("/gdbstub/monitor", test_monitor);
    g_test_add_func("/gdbstub/no-cpus", test_no_cpus);
    return g_test_run();
}

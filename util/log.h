/*
 * Debug logging: the -d categories and the -D file.
 *
 * Code tests a category with log_enabled() before formatting, so a disabled
 * category costs one load and a branch. Everything goes to the -D file, or to
 * stderr when none was given.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* Categories, one bit each, in the order `-d help` lists them. */
#define LOG_CATEGORIES(X) \
    X(IN_ASM, "in_asm", "show guest instructions of each translated block") \
    X(OP, "op", "show the IR of each block before optimization") \
    X(OP_OPT, "op_opt", "show the IR of each block after optimization") \
    X(OUT_ASM, "out_asm", "show the host code generated for each block") \
    X(INT, "int", "show interrupts and exceptions") \
    X(EXEC, "exec", "show each block as it is executed") \
    X(CPU, "cpu", "show the CPU state before each executed block") \
    X(MMU, "mmu", "show MMU walks and faults") \
    X(GUEST_ERRORS, "guest_errors", "show the guest's invalid accesses to devices and registers") \
    X(UNIMP, "unimp", "show accesses to unimplemented devices and features") \
    X(NOCHAIN, "nochain", "do not chain blocks (with exec/cpu: log every block)")

enum {
#define LOG_BIT(sym, name, help) LOG_BIT_##sym,
    LOG_CATEGORIES(LOG_BIT)
#undef LOG_BIT
};
enum {
#define LOG_MASK(sym, name, help) LOG_##sym = 1u << LOG_BIT_##sym,
    LOG_CATEGORIES(LOG_MASK)
#undef LOG_MASK
};

extern unsigned log_mask;

static inline bool log_enabled(unsigned mask)
{
    return (log_mask & mask) != 0;
}

/* Parses a -d list ("in_asm,cpu"); false with *err set on an unknown name. */
bool log_parse_categories(const char *list, unsigned *mask, GError **err);
/* Prints the categories for `-d help`. */
void log_print_help(void);
/* Sends the log to a file (-D); false with *err set when it cannot be opened. */
bool log_set_file(const char *path, GError **err);
FILE *log_file(void);

void log_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Logs under a category; no formatting work when it is disabled. */
#define log_mask_printf(mask, ...)         \
    do {                                   \
        if (log_enabled(mask)) {           \
            log_printf(__VA_ARGS__);       \
        }                                  \
    } while (0)
#define log_guest_error(...) log_mask_printf(LOG_GUEST_ERRORS, __VA_ARGS__)
#define log_unimp(...) log_mask_printf(LOG_UNIMP, __VA_ARGS__)

void log_flush(void);

#endif

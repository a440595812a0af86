/*
 * Debug logging: category parsing for -d, and the -D log file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/log.h"
#include "util/error.h"

unsigned log_mask;
static FILE *log_fp;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_table[] = {
#define LOG_ENTRY(sym, name, help) { name, LOG_##sym, help },
    LOG_CATEGORIES(LOG_ENTRY)
#undef LOG_ENTRY
};

bool log_parse_categories(const char *list, unsigned *mask, GError **err)
{
    g_auto(GStrv) names = g_strsplit(list, ",", -1);
    unsigned m = 0;

    for (char **n = names; *n; n++) {
        bool found = false;
        if (!**n) {
            continue;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(log_table); i++) {
            if (!strcmp(*n, log_table[i].name)) {
                m |= log_table[i].mask;
                found = true;
            }
        }
        if (!strcmp(*n, "all")) {
            m = ~0u & ~LOG_NOCHAIN;
            found = true;
        }
        if (!found) {
            g_set_error(err, CHIMERA_ERROR, 0, "-d: unknown log category '%s' (try -d help)", *n);
            return false;
        }
    }
    *mask = m;
    return true;
}

void log_print_help(void)
{
    printf("Log items (comma separated):\n");
    for (size_t i = 0; i < G_N_ELEMENTS(log_table); i++) {
        printf("%-14s %s\n", log_table[i].name, log_table[i].help);
    }
}

bool log_set_file(const char *path, GError **err)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        g_set_error(err, CHIMERA_ERROR, 0, "-D: cannot open '%s': %s", path, g_strerror(errno));
        return false;
    }
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    if (log_fp) {
        fclose(log_fp);
    }
    log_fp = f;
    return true;
}

FILE *log_file(void)
{
    return log_fp ? log_fp : stderr;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_file(), fmt, ap);
    va_end(ap);
}

void log_flush(void)
{
    fflush(log_file());
}

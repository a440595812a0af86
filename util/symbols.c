/*
 * The process-wide registry of guest symbols: loaders add what an image's
 * symbol table names, and logs (-d in_asm, exec) and the debugger look
 * addresses and names up. It sorts itself on the first lookup after a change.
 */
#include <string.h>

#include "util/symbols.h"

typedef struct Symbol {
    uint64_t addr;
    uint64_t size;
    const char *name;       /* in symbol_names */
} Symbol;

static GArray *symbols;          /* Symbol, sorted by addr when symbols_sorted */
static bool symbols_sorted;
static GStringChunk *symbol_names;

static gint symbol_cmp(gconstpointer a, gconstpointer b)
{
    const Symbol *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void symbol_add(uint64_t addr, uint64_t size, const char *name, size_t len)
{
    Symbol sym = { addr, size, NULL };

    if (!symbols) {
        symbols = g_array_new(FALSE, FALSE, sizeof(Symbol));
        symbol_names = g_string_chunk_new(4096);
    }
    sym.name = g_string_chunk_insert_len(symbol_names, name, len);
    g_array_append_val(symbols, sym);
    symbols_sorted = false;
}

void symbols_clear(void)
{
    if (symbols) {
        g_array_free(symbols, TRUE);
        g_string_chunk_free(symbol_names);
        symbols = NULL;
        symbol_names = NULL;
    }
}

const char *symbol_lookup(uint64_t addr, uint64_t *offset)
{
    const Symbol *syms, *best = NULL;
    unsigned lo = 0, hi;

    if (!symbols) {
        return NULL;
    }
    if (!symbols_sorted) {
        g_array_sort(symbols, symbol_cmp);
        symbols_sorted = true;
    }
    /* Find the first symbol above addr; candidates start just before it. */
    syms = &g_array_index(symbols, Symbol, 0);
    hi = symbols->len;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (syms[mid].addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    /* Several symbols may share a start: a sized one that covers addr wins;
     * a size-0 one (an assembler label) names only its exact address. */
    for (unsigned i = lo; i > 0 && syms[i - 1].addr == syms[lo - 1].addr; i--) {
        const Symbol *s = &syms[i - 1];
        if (addr - s->addr < s->size || (addr == s->addr && (!best || best->size == 0))) {
            best = s;
        }
    }
    if (best && offset) {
        *offset = addr - best->addr;
    }
    return best ? best->name : NULL;
}

bool symbol_address(const char *name, uint64_t *addr)
{
    for (unsigned i = 0; symbols && i < symbols->len; i++) {
        const Symbol *s = &g_array_index(symbols, Symbol, i);
        if (!strcmp(s->name, name)) {
            *addr = s->addr;
            return true;
        }
    }
    return false;
}

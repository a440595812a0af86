/*
 * The registry of guest symbols (filled by image loaders, read by logs and
 * the debugger).
 */
#ifndef UTIL_SYMBOLS_H
#define UTIL_SYMBOLS_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Adds a symbol (name is len bytes, not necessarily NUL-terminated). */
void symbol_add(uint64_t addr, uint64_t size, const char *name, size_t len);
/* The symbol covering addr and addr's offset into it, or NULL. */
const char *symbol_lookup(uint64_t addr, uint64_t *offset);
bool symbol_address(const char *name, uint64_t *addr);
void symbols_clear(void);

#endif

/*
 * A small line editor for the human monitor on a raw terminal.
 *
 * It takes the bytes a terminal sends one at a time, echoes them, handles
 * backspace, Ctrl-U/Ctrl-K, cursor keys (ANSI escape sequences) and a history
 * browsed with up/down, and hands each finished line to its owner. It knows
 * nothing about chardevs: output goes through a callback, so the HMP frontend
 * and the unit tests drive it the same way.
 */
#ifndef MONITOR_READLINE_H
#define MONITOR_READLINE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef void (*ReadLineOutFn)(void *opaque, const char *text, size_t len);
typedef void (*ReadLineDoneFn)(void *opaque, const char *line);

typedef enum ReadLineEscState {
    READLINE_ESC_NONE,
    READLINE_ESC_SEEN,     /* got ESC */
    READLINE_ESC_CSI,      /* got ESC [ (or ESC O), collecting parameters */
} ReadLineEscState;

typedef struct ReadLine {
    const char *prompt;
    GString *line;          /* the line being edited */
    size_t cursor;          /* byte offset of the cursor in line */
    GPtrArray *history;     /* char *, oldest first */
    int history_pos;        /* index being shown, or -1 when editing a new line */
    char *pending;          /* the new line put aside while browsing history */
    ReadLineEscState esc;
    GString *esc_param;     /* digits of a CSI sequence */
    bool last_was_cr;       /* swallow the LF of a CR LF pair */
    ReadLineOutFn out;
    ReadLineDoneFn done;
    void *opaque;
} ReadLine;

#define READLINE_HISTORY_MAX 64

void readline_init(ReadLine *rl, const char *prompt, ReadLineOutFn out, ReadLineDoneFn done,
                   void *opaque);
void readline_destroy(ReadLine *rl);
/* Prints the prompt and the current line, e.g. after a command's output. */
void readline_show_prompt(ReadLine *rl);
void readline_handle_byte(ReadLine *rl, uint8_t ch);

#endif

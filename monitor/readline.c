/*
 * The human monitor's line editor (see readline.h).
 *
 * Appending at the end of the line only echoes the byte, so a script piping
 * commands in sees plain text; any other edit redraws the line with ANSI
 * sequences (CR, prompt, text, erase to end of line, cursor back), which
 * every terminal emulator understands (ECMA-48 CUU/CUD/CUF/CUB, EL).
 */
#include "monitor/readline.h"

#include <stdlib.h>
#include <string.h>

#define CTRL(c) ((uint8_t)((c) & 0x1f))

static void readline_out(ReadLine *rl, const char *text)
{
    rl->out(rl->opaque, text, strlen(text));
}

static void readline_redraw(ReadLine *rl)
{
    GString *s = g_string_new("\r");

    g_string_append(s, rl->prompt);
    g_string_append_len(s, rl->line->str, rl->line->len);
    g_string_append(s, "\033[K");
    if (rl->line->len > rl->cursor) {
        g_string_append_printf(s, "\033[%zuD", rl->line->len - rl->cursor);
    }
    rl->out(rl->opaque, s->str, s->len);
    g_string_free(s, TRUE);
}

static void readline_set_line(ReadLine *rl, const char *text)
{
    g_string_assign(rl->line, text);
    rl->cursor = rl->line->len;
    readline_redraw(rl);
}

static void readline_insert(ReadLine *rl, uint8_t ch)
{
    bool at_end = rl->cursor == rl->line->len;

    g_string_insert_c(rl->line, rl->cursor, (char)ch);
    rl->cursor++;
    if (at_end) {
        rl->out(rl->opaque, (const char *)&ch, 1);
    } else {
        readline_redraw(rl);
    }
}

static void readline_backspace(ReadLine *rl)
{
    if (rl->cursor == 0) {
        return;
    }
    rl->cursor--;
    g_string_erase(rl->line, rl->cursor, 1);
    if (rl->cursor == rl->line->len) {
        readline_out(rl, "\b \b");
    } else {
        readline_redraw(rl);
    }
}

static void readline_delete(ReadLine *rl)
{
    if (rl->cursor < rl->line->len) {
        g_string_erase(rl->line, rl->cursor, 1);
        readline_redraw(rl);
    }
}

static void readline_left(ReadLine *rl)
{
    if (rl->cursor > 0) {
        rl->cursor--;
        readline_out(rl, "\033[D");
    }
}

static void readline_right(ReadLine *rl)
{
    if (rl->cursor < rl->line->len) {
        rl->cursor++;
        readline_out(rl, "\033[C");
    }
}

static void readline_home(ReadLine *rl)
{
    rl->cursor = 0;
    readline_redraw(rl);
}

static void readline_end(ReadLine *rl)
{
    rl->cursor = rl->line->len;
    readline_redraw(rl);
}

static void readline_kill_to_start(ReadLine *rl)
{
    g_string_erase(rl->line, 0, rl->cursor);
    rl->cursor = 0;
    readline_redraw(rl);
}

static void readline_kill_to_end(ReadLine *rl)
{
    g_string_truncate(rl->line, rl->cursor);
    readline_redraw(rl);
}

static void readline_history_up(ReadLine *rl)
{
    if (rl->history->len == 0 || rl->history_pos == 0) {
        return;
    }
    if (rl->history_pos < 0) {
        g_free(rl->pending);
        rl->pending = g_strdup(rl->line->str);
        rl->history_pos = rl->history->len - 1;
    } else {
        rl->history_pos--;
    }
    readline_set_line(rl, g_ptr_array_index(rl->history, rl->history_pos));
}

static void readline_history_down(ReadLine *rl)
{
    if (rl->history_pos < 0) {
        return;
    }
    if ((guint)rl->history_pos + 1 < rl->history->len) {
        rl->history_pos++;
        readline_set_line(rl, g_ptr_array_index(rl->history, rl->history_pos));
    } else {
        rl->history_pos = -1;
        readline_set_line(rl, rl->pending ? rl->pending : "");
        g_clear_pointer(&rl->pending, g_free);
    }
}

static void readline_history_add(ReadLine *rl, const char *line)
{
    GPtrArray *h = rl->history;

    if (line[0] == '\0' ||
        (h->len > 0 && strcmp(g_ptr_array_index(h, h->len - 1), line) == 0)) {
        return;
    }
    if (h->len == READLINE_HISTORY_MAX) {
        g_ptr_array_remove_index(h, 0);
    }
    g_ptr_array_add(h, g_strdup(line));
}

static void readline_finish(ReadLine *rl)
{
    char *line = g_strdup(rl->line->str);

    readline_out(rl, "\n");
    readline_history_add(rl, line);
    g_string_truncate(rl->line, 0);
    rl->cursor = 0;
    rl->history_pos = -1;
    g_clear_pointer(&rl->pending, g_free);
    rl->done(rl->opaque, line);
    g_free(line);
}

static void readline_escape(ReadLine *rl)
{
    rl->esc = READLINE_ESC_SEEN;
}

typedef struct ReadLineKey {
    uint8_t key;
    void (*fn)(ReadLine *rl);
} ReadLineKey;

/* Emacs-style control keys, as bash and QEMU's monitor take them. */
static const ReadLineKey readline_ctrl_keys[] = {
    { '\r', readline_finish },
    { '\n', readline_finish },
    { 0x1b, readline_escape },
    { 0x7f, readline_backspace },
    { '\b', readline_backspace },
    { CTRL('A'), readline_home },
    { CTRL('E'), readline_end },
    { CTRL('B'), readline_left },
    { CTRL('F'), readline_right },
    { CTRL('D'), readline_delete },
    { CTRL('U'), readline_kill_to_start },
    { CTRL('K'), readline_kill_to_end },
    { CTRL('P'), readline_history_up },
    { CTRL('N'), readline_history_down },
};

/* Final bytes of ESC [ x and ESC O x sequences (ECMA-48 cursor keys, xterm Home/End). */
static const ReadLineKey readline_csi_keys[] = {
    { 'A', readline_history_up },
    { 'B', readline_history_down },
    { 'C', readline_right },
    { 'D', readline_left },
    { 'H', readline_home },
    { 'F', readline_end },
};

/* ESC [ n ~ (VT220 editing keys): 1/7 Home, 4/8 End, 3 Delete. */
static const struct {
    int param;
    void (*fn)(ReadLine *rl);
} readline_vt_keys[] = {
    { 1, readline_home }, { 7, readline_home },
    { 4, readline_end },  { 8, readline_end },
    { 3, readline_delete },
};

static bool readline_run_key(const ReadLineKey *keys, size_t n, ReadLine *rl, uint8_t ch)
{
    for (size_t i = 0; i < n; i++) {
        if (keys[i].key == ch) {
            keys[i].fn(rl);
            return true;
        }
    }
    return false;
}

static void readline_handle_csi(ReadLine *rl, uint8_t ch)
{
    if (ch == '~') {
        int param = atoi(rl->esc_param->str);

        for (size_t i = 0; i < G_N_ELEMENTS(readline_vt_keys); i++) {
            if (readline_vt_keys[i].param == param) {
                readline_vt_keys[i].fn(rl);
            }
        }
        return;
    }
    readline_run_key(readline_csi_keys, G_N_ELEMENTS(readline_csi_keys), rl, ch);
}

void readline_handle_byte(ReadLine *rl, uint8_t ch)
{
    switch (rl->esc) {
    case READLINE_ESC_SEEN:
        rl->esc = (ch == '[' || ch == 'O') ? READLINE_ESC_CSI : READLINE_ESC_NONE;
        g_string_truncate(rl->esc_param, 0);
        return;
    case READLINE_ESC_CSI:
        if (g_ascii_isdigit(ch) || ch == ';') {
            g_string_append_c(rl->esc_param, (char)ch);
        } else {
            rl->esc = READLINE_ESC_NONE;
            readline_handle_csi(rl, ch);
        }
        return;
    case READLINE_ESC_NONE:
        break;
    }

    if (ch == '\n' && rl->last_was_cr) {
        rl->last_was_cr = false;
        return;
    }
    rl->last_was_cr = ch == '\r';
    if (!readline_run_key(readline_ctrl_keys, G_N_ELEMENTS(readline_ctrl_keys), rl, ch) &&
        ch >= 0x20) {
        readline_insert(rl, ch);
    }
}

void readline_show_prompt(ReadLine *rl)
{
    if (rl->line->len > 0) {
        readline_redraw(rl);
    } else {
        readline_out(rl, rl->prompt);
    }
}

void readline_init(ReadLine *rl, const char *prompt, ReadLineOutFn out, ReadLineDoneFn done,
                   void *opaque)
{
    *rl = (ReadLine) {
        .prompt = prompt,
        .line = g_string_new(NULL),
        .history = g_ptr_array_new_with_free_func(g_free),
        .history_pos = -1,
        .esc_param = g_string_new(NULL),
        .out = out,
        .done = done,
        .opaque = opaque,
    };
}

void readline_destroy(ReadLine *rl)
{
    g_string_free(rl->line, TRUE);
    g_string_free(rl->esc_param, TRUE);
    g_ptr_array_free(rl->history, TRUE);
    g_free(rl->pending);
}

/*
 * Character devices: the null backend. Always open; output is dropped and
 * there is never input. "-serial null" and "-chardev null,id=x".
 */
#include "chardev/char-internal.h"

static bool char_null_open(Chardev *chr, GArray *opts, GError **err)
{
    chr->be_open = true;
    return true;
}

static int char_null_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

const ChardevOps char_null_ops = {
    .name = "null",
    .size = sizeof(Chardev),
    .open = char_null_open,
    .write = char_null_write,
};

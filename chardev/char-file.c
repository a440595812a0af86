/*
 * Character devices: the file backend, output only. "-chardev
 * file,id=x,path=P[,append=on]" and "-serial file:P". The file is created
 * or truncated (appended to with append=on); writes go straight to the fd,
 * so nothing is left to flush at exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "chardev/char-internal.h"
#include "util/error.h"

typedef struct FileChardev {
    Chardev parent;
    int out_fd;
} FileChardev;

static bool char_file_open(Chardev *chr, GArray *opts, GError **err)
{
    FileChardev *f = (FileChardev *)chr;
    const char *path = chardev_opt_required(opts, "file", "path", err);
    bool append;

    if (!path || !chardev_opt_bool(opts, "append", false, &append, err)) {
        return false;
    }
    f->out_fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (f->out_fd < 0) {
        g_set_error(err, CHIMERA_ERROR, 0, "cannot open '%s': %s", path, g_strerror(errno));
        return false;
    }
    chr->be_open = true;
    return true;
}

static int char_file_write(Chardev *chr, const uint8_t *buf, int len)
{
    return char_fd_write_all(((FileChardev *)chr)->out_fd, buf, len, false);
}

static void char_file_close(Chardev *chr)
{
    close(((FileChardev *)chr)->out_fd);
}

static const char *const char_file_keys[] = { "path", "append", NULL };

const ChardevOps char_file_ops = {
    .name = "file",
    .keys = char_file_keys,
    .size = sizeof(FileChardev),
    .open = char_file_open,
    .write = char_file_write,
    .close = char_file_close,
};

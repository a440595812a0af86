/*
 * Screendumps (ui/console.h): a console's host image written as PPM (P6,
 * QEMU's default) or PNG.
 *
 * PNG needs no library: the file is the signature and three chunks (PNG
 * specification, 2nd edition, sections 5 and 11): IHDR for 8-bit RGB, one
 * IDAT holding the rows (each prefixed with filter type 0, "None") as a
 * zlib stream from GIO's GZlibCompressor, and IEND; each chunk ends with
 * the CRC-32 of its type and data.
 */
#include "ui/console.h"

#include <gio/gio.h>
#include <string.h>

#include "util/crc32.h"
#include "util/error.h"

/* Appends the image's rows as packed r, g, b bytes, each row after prefix
 * (when prefix >= 0): PNG's filter byte. */
static void image_append_rgb(GByteArray *out, pixman_image_t *image, int prefix)
{
    int w = pixman_image_get_width(image), h = pixman_image_get_height(image);
    int stride = pixman_image_get_stride(image);
    const uint8_t *base = (const uint8_t *)pixman_image_get_data(image);
    uint8_t *row = g_malloc((size_t)w * 3 + 1);

    for (int y = 0; y < h; y++) {
        const uint32_t *px = (const uint32_t *)(base + (size_t)y * stride);
        uint8_t *p = row;
        if (prefix >= 0) {
            *p++ = (uint8_t)prefix;
        }
        for (int x = 0; x < w; x++) {
            *p++ = (uint8_t)(px[x] >> 16);
            *p++ = (uint8_t)(px[x] >> 8);
            *p++ = (uint8_t)px[x];
        }
        g_byte_array_append(out, row, (guint)(p - row));
    }
    g_free(row);
}

GBytes *display_encode_ppm(pixman_image_t *image)
{
    GByteArray *out = g_byte_array_new();
    char *header = g_strdup_printf("P6\n%d %d\n255\n", pixman_image_get_width(image),
                                   pixman_image_get_height(image));

    g_byte_array_append(out, (const uint8_t *)header, (guint)strlen(header));
    g_free(header);
    image_append_rgb(out, image, -1);
    return g_byte_array_free_to_bytes(out);
}

static void be32_append(GByteArray *out, uint32_t v)
{
    uint8_t b[4] = { v >> 24, v >> 16, v >> 8, v };

    g_byte_array_append(out, b, 4);
}

static void png_chunk(GByteArray *out, const char *type, const uint8_t *data, size_t len)
{
    uint32_t crc;

    be32_append(out, (uint32_t)len);
    g_byte_array_append(out, (const uint8_t *)type, 4);
    g_byte_array_append(out, data, (guint)len);
    crc = crc32_update(0, type, 4);
    crc = crc32_update(crc, data, len);
    be32_append(out, crc);
}

/* A zlib stream (RFC 1950) of the data, as PNG's IDAT wants. */
static GBytes *zlib_compress(const uint8_t *data, size_t len, GError **err)
{
    GOutputStream *mem = g_memory_output_stream_new_resizable();
    GZlibCompressor *z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
    GOutputStream *conv = g_converter_output_stream_new(mem, G_CONVERTER(z));
    GBytes *out = NULL;

    if (g_output_stream_write_all(conv, data, len, NULL, NULL, err) &&
        g_output_stream_close(conv, NULL, err)) {
        out = g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
    }
    g_object_unref(conv);
    g_object_unref(z);
    g_object_unref(mem);
    return out;
}

GBytes *display_encode_png(pixman_image_t *image, GError **err)
{
    static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    GByteArray *rows = g_byte_array_new();
    GByteArray *out, *ihdr;
    GBytes *idat;
    gsize idat_len;
    const uint8_t *idat_data;

    image_append_rgb(rows, image, 0);
    idat = zlib_compress(rows->data, rows->len, err);
    g_byte_array_unref(rows);
    if (!idat) {
        return NULL;
    }

    ihdr = g_byte_array_new();
    be32_append(ihdr, (uint32_t)pixman_image_get_width(image));
    be32_append(ihdr, (uint32_t)pixman_image_get_height(image));
    /* bit depth 8, color type 2 (RGB), deflate, adaptive filters, no interlace */
    g_byte_array_append(ihdr, (const uint8_t[]){ 8, 2, 0, 0, 0 }, 5);

    out = g_byte_array_new();
    g_byte_array_append(out, signature, sizeof(signature));
    png_chunk(out, "IHDR", ihdr->data, ihdr->len);
    idat_data = g_bytes_get_data(idat, &idat_len);
    png_chunk(out, "IDAT", idat_data, idat_len);
    png_chunk(out, "IEND", NULL, 0);
    g_byte_array_unref(ihdr);
    g_bytes_unref(idat);
    return g_byte_array_free_to_bytes(out);
}

bool display_screendump(DisplayConsole *con, const char *filename, const char *format,
                        GError **err)
{
    pixman_image_t *image;
    GBytes *data;
    bool ok;

    if (!format) {
        format = g_str_has_suffix(filename, ".png") || g_str_has_suffix(filename, ".PNG")
                 ? "png" : "ppm";
    }
    if (strcmp(format, "png") && strcmp(format, "ppm")) {
        g_set_error(err, CHIMERA_ERROR, 0, "Parameter 'format' does not accept value '%s'",
                    format);
        return false;
    }
    if (!con) {
        g_set_error(err, CHIMERA_ERROR, 0, "There is no console to take a screendump from");
        return false;
    }
    display_console_refresh(con);
    image = display_console_host_image(con);
    if (!image) {
        g_set_error(err, CHIMERA_ERROR, 0, "The console has no surface yet");
        return false;
    }
    data = strcmp(format, "png") ? display_encode_ppm(image) : display_encode_png(image, err);
    if (!data) {
        return false;
    }
    ok = g_file_set_contents(filename, g_bytes_get_data(data, NULL),
                             (gssize)g_bytes_get_size(data), err);
    g_bytes_unref(data);
    return ok;
}

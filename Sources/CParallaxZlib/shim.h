// zlib, for checking that a zip entry's deflate stream ends inside the entry before
// ZIPFoundation reads it (see ZipLayout.swift). zlib1g-dev provides the header.
#include <zlib.h>

// `inflateInit2` is a macro; the function it calls needs the version and struct size.
static inline int parallax_inflate_init_raw(z_stream *stream) {
    return inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, (int)sizeof(z_stream));
}

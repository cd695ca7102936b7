// poppler's GLib interface, for reading PDFs from memory (libpoppler-glib-dev provides it).
#include <poppler.h>

// poppler's core prints every problem of a damaged PDF on standard error ("Syntax Error: …")
// unless an error callback is set, and its GLib interface offers no way to set one. The C++
// function `setErrorCallback(void (*)(ErrorCategory, Goffset, const char *))` is exported by
// libpoppler under this (Itanium-mangled) name; declared weak, so a libpoppler without it
// leaves the pointer null and poppler merely stays talkative.
extern void _Z16setErrorCallbackPFv13ErrorCategoryxPKcE(void (*callback)(int, long long, const char *))
    __attribute__((weak));

static inline void parallax_poppler_ignore(int category, long long position, const char *message) {
    (void)category; (void)position; (void)message;
}

/// Routes poppler's error messages nowhere: Parallax reports one clear error of its own.
static inline void parallax_poppler_quiet(void) {
    if (_Z16setErrorCallbackPFv13ErrorCategoryxPKcE) {
        _Z16setErrorCallbackPFv13ErrorCategoryxPKcE(parallax_poppler_ignore);
    }
}

// poppler's GLib interface, for reading PDFs from memory. The library itself is not linked:
// it and its dependencies (poppler, GLib, NSS, lcms, cairo, freetype…) would be loaded at
// every start of every process. It is opened with dlopen on the first PDF read and its
// functions are called through the table below.
#include <dlfcn.h>
#include <stddef.h>

// The few GLib and poppler types the calls below use, as their public headers define them
// (stable C ABI). Declared here so that nothing of poppler is linked: SwiftPM adds
// pkg-config's `--libs` to the link, and `-lpoppler-glib` would bring it all back.
typedef char gchar;
typedef int gint;
typedef int gboolean;
typedef unsigned int guint;
typedef unsigned int GQuark;
typedef unsigned long gsize;
typedef long gint64;
typedef double gdouble;
typedef void *gpointer;
typedef const void *gconstpointer;
typedef struct _GBytes GBytes;
typedef struct _GDateTime GDateTime;
typedef struct _GError { GQuark domain; gint code; gchar *message; } GError;
typedef struct _PopplerDocument PopplerDocument;
typedef struct _PopplerPage PopplerPage;
typedef struct _PopplerRectangle { gdouble x1; gdouble y1; gdouble x2; gdouble y2; } PopplerRectangle;
typedef enum {
    POPPLER_ERROR_INVALID,
    POPPLER_ERROR_ENCRYPTED,
    POPPLER_ERROR_OPEN_FILE,
    POPPLER_ERROR_BAD_CATALOG,
    POPPLER_ERROR_DAMAGED
} PopplerError;

/// Every poppler and GLib function Parallax calls, resolved from the loaded library.
typedef struct {
    const char *_Nullable (*_Nonnull poppler_get_version)(void);
    PopplerDocument *_Nullable (*_Nonnull poppler_document_new_from_bytes)(GBytes *_Nullable bytes, const char *_Nullable password,
                                                                            GError *_Nullable *_Nullable error);
    int (*_Nonnull poppler_document_get_n_pages)(PopplerDocument *_Nonnull document);
    PopplerPage *_Nullable (*_Nonnull poppler_document_get_page)(PopplerDocument *_Nonnull document, int index);
    gchar *_Nullable (*_Nonnull poppler_document_get_title)(PopplerDocument *_Nonnull document);
    gchar *_Nullable (*_Nonnull poppler_document_get_author)(PopplerDocument *_Nonnull document);
    gchar *_Nullable (*_Nonnull poppler_document_get_metadata)(PopplerDocument *_Nonnull document);
    GDateTime *_Nullable (*_Nonnull poppler_document_get_creation_date_time)(PopplerDocument *_Nonnull document);
    GDateTime *_Nullable (*_Nonnull poppler_document_get_modification_date_time)(PopplerDocument *_Nonnull document);
    char *_Nullable (*_Nonnull poppler_page_get_text)(PopplerPage *_Nonnull page);
    gboolean (*_Nonnull poppler_page_get_text_layout)(PopplerPage *_Nonnull page, PopplerRectangle *_Nullable *_Nullable rectangles,
                                                      guint *_Nullable n_rectangles);
    GBytes *_Nullable (*_Nonnull g_bytes_new)(gconstpointer _Nullable data, gsize size);
    void (*_Nonnull g_bytes_unref)(GBytes *_Nullable bytes);
    void (*_Nonnull g_error_free)(GError *_Nullable error);
    void (*_Nonnull g_free)(gpointer _Nullable memory);
    void (*_Nonnull g_object_unref)(gpointer _Nonnull object);
    void (*_Nonnull g_date_time_unref)(GDateTime *_Nonnull datetime);
    gint (*_Nonnull g_date_time_get_year)(GDateTime *_Nonnull datetime);
    gint (*_Nonnull g_date_time_get_month)(GDateTime *_Nonnull datetime);
    gint (*_Nonnull g_date_time_get_day_of_month)(GDateTime *_Nonnull datetime);
    gint64 (*_Nonnull g_date_time_to_unix)(GDateTime *_Nonnull datetime);
} parallax_poppler_api;

static inline void parallax_poppler_ignore(int category, long long position, const char *message) {
    (void)category; (void)position; (void)message;
}

/// Opens libpoppler-glib under the first of `names` that loads (the versioned name first:
/// the runtime package installs only that one) and fills `api`. Returns NULL on success, else what is missing: the library's
/// name, or the first function it lacks. Call once; the library stays loaded.
///
/// poppler's core prints every problem of a damaged PDF on standard error ("Syntax Error: …")
/// unless an error callback is set, and its GLib interface offers no way to set one. The C++
/// function `setErrorCallback(void (*)(ErrorCategory, Goffset, const char *))` is exported by
/// libpoppler under its Itanium-mangled name: when it is found, poppler is made quiet
/// (Parallax reports one clear error of its own); a libpoppler without it merely stays talkative.
static inline const char *parallax_poppler_open(parallax_poppler_api *api, const char *const *names, int count) {
    void *handle = NULL;
    for (int i = 0; i < count && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) return count > 0 ? names[0] : "";
#define PARALLAX_RESOLVE(name) \
    if ((*(void **)&api->name = dlsym(handle, #name)) == NULL) return #name;
    PARALLAX_RESOLVE(poppler_get_version)
    PARALLAX_RESOLVE(poppler_document_new_from_bytes)
    PARALLAX_RESOLVE(poppler_document_get_n_pages)
    PARALLAX_RESOLVE(poppler_document_get_page)
    PARALLAX_RESOLVE(poppler_document_get_title)
    PARALLAX_RESOLVE(poppler_document_get_author)
    PARALLAX_RESOLVE(poppler_document_get_metadata)
    PARALLAX_RESOLVE(poppler_document_get_creation_date_time)
    PARALLAX_RESOLVE(poppler_document_get_modification_date_time)
    PARALLAX_RESOLVE(poppler_page_get_text)
    PARALLAX_RESOLVE(poppler_page_get_text_layout)
    PARALLAX_RESOLVE(g_bytes_new)
    PARALLAX_RESOLVE(g_bytes_unref)
    PARALLAX_RESOLVE(g_error_free)
    PARALLAX_RESOLVE(g_free)
    PARALLAX_RESOLVE(g_object_unref)
    PARALLAX_RESOLVE(g_date_time_unref)
    PARALLAX_RESOLVE(g_date_time_get_year)
    PARALLAX_RESOLVE(g_date_time_get_month)
    PARALLAX_RESOLVE(g_date_time_get_day_of_month)
    PARALLAX_RESOLVE(g_date_time_to_unix)
#undef PARALLAX_RESOLVE
    // dlsym on the handle searches libpoppler-glib's dependencies, libpoppler among them.
    void (*set_error_callback)(void (*)(int, long long, const char *)) = NULL;
    *(void **)&set_error_callback = dlsym(handle, "_Z16setErrorCallbackPFv13ErrorCategoryxPKcE");
    if (set_error_callback != NULL) set_error_callback(parallax_poppler_ignore);
    return NULL;
}

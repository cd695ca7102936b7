// libxml2's HTML parser (libxml2-dev provides the headers), for reading web pages.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding header then includes ICU's, whose
// types clash with the copy of ICU inside Foundation. Parallax never touches the ICU fields
// (encoding handlers are only looked up, by pointer), so libxml2 is seen here without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void parallax_xml_free(void *pointer) { xmlFree(pointer); }

// Whether libxml2 can decode an encoding name (iconv's names included).
static inline int parallax_xml_knows_encoding(const char *name) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(name);
    if (handler == NULL) return 0;
    xmlCharEncCloseFunc(handler);
    return 1;
}

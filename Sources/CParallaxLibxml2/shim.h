// libxml2's HTML parser (libxml2-dev provides the headers), for reading web pages.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its encoding header then includes ICU's, whose
// types clash with the copy of ICU inside Foundation. Parallax never touches the ICU fields
// (encoding handlers are only looked up, by pointer), so libxml2 is seen here without them.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlerror.h>

// The library itself is not linked (with ICU it would be loaded at every start of every
// process): it is opened with dlopen on first use and its functions are called through the
// table below.
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

#define PARALLAX_XML_FN(name) __typeof__(&name) _Nonnull name

/// Every libxml2 function Parallax (and its tests' schema validator) calls.
typedef struct {
    PARALLAX_XML_FN(xmlInitParser);
    PARALLAX_XML_FN(htmlReadMemory);
    PARALLAX_XML_FN(xmlReadMemory);
    PARALLAX_XML_FN(xmlDocGetRootElement);
    PARALLAX_XML_FN(xmlFreeDoc);
    PARALLAX_XML_FN(xmlGetProp);
    PARALLAX_XML_FN(xmlNodeGetContent);
    PARALLAX_XML_FN(xmlFindCharEncodingHandler);
    PARALLAX_XML_FN(xmlCharEncCloseFunc);
    PARALLAX_XML_FN(xmlSchemaNewMemParserCtxt);
    PARALLAX_XML_FN(xmlSchemaSetParserStructuredErrors);
    PARALLAX_XML_FN(xmlSchemaParse);
    PARALLAX_XML_FN(xmlSchemaFreeParserCtxt);
    PARALLAX_XML_FN(xmlSchemaNewValidCtxt);
    PARALLAX_XML_FN(xmlSchemaSetValidStructuredErrors);
    PARALLAX_XML_FN(xmlSchemaValidateDoc);
    PARALLAX_XML_FN(xmlSchemaFreeValidCtxt);
    PARALLAX_XML_FN(xmlSchemaFree);
    /// libxml2's deallocator (`xmlFree`, a global function pointer, or per thread through
    /// `__xmlFree()` in a threaded build), read when the library is opened.
    void (* _Nonnull xml_free)(void *);
} parallax_xml_api;

#undef PARALLAX_XML_FN

/// Opens libxml2 under the first of `names` that loads (the versioned name first: the
/// runtime package installs only that one) and fills `api`. Returns NULL on success, else what is missing: the library's name, or the
/// first function it lacks. Call once; the library stays loaded.
static inline const char *parallax_xml_open(parallax_xml_api *api, const char *const *names, int count) {
    void *handle = NULL;
    for (int i = 0; i < count && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) return count > 0 ? names[0] : "";
#define PARALLAX_RESOLVE(name) \
    if ((*(void **)&api->name = dlsym(handle, #name)) == NULL) return #name;
    PARALLAX_RESOLVE(xmlInitParser)
    PARALLAX_RESOLVE(htmlReadMemory)
    PARALLAX_RESOLVE(xmlReadMemory)
    PARALLAX_RESOLVE(xmlDocGetRootElement)
    PARALLAX_RESOLVE(xmlFreeDoc)
    PARALLAX_RESOLVE(xmlGetProp)
    PARALLAX_RESOLVE(xmlNodeGetContent)
    PARALLAX_RESOLVE(xmlFindCharEncodingHandler)
    PARALLAX_RESOLVE(xmlCharEncCloseFunc)
    PARALLAX_RESOLVE(xmlSchemaNewMemParserCtxt)
    PARALLAX_RESOLVE(xmlSchemaSetParserStructuredErrors)
    PARALLAX_RESOLVE(xmlSchemaParse)
    PARALLAX_RESOLVE(xmlSchemaFreeParserCtxt)
    PARALLAX_RESOLVE(xmlSchemaNewValidCtxt)
    PARALLAX_RESOLVE(xmlSchemaSetValidStructuredErrors)
    PARALLAX_RESOLVE(xmlSchemaValidateDoc)
    PARALLAX_RESOLVE(xmlSchemaFreeValidCtxt)
    PARALLAX_RESOLVE(xmlSchemaFree)
#undef PARALLAX_RESOLVE
    xmlFreeFunc *(*per_thread)(void) = NULL;
    *(void **)&per_thread = dlsym(handle, "__xmlFree");
    xmlFreeFunc *global = per_thread != NULL ? per_thread() : (xmlFreeFunc *)dlsym(handle, "xmlFree");
    if (global == NULL || *global == NULL) return "xmlFree";
    api->xml_free = *global;
    api->xmlInitParser();
    return NULL;
}

// Whether libxml2 can decode an encoding name (iconv's names included).
static inline int parallax_xml_knows_encoding(const parallax_xml_api *api, const char *name) {
    xmlCharEncodingHandlerPtr handler = api->xmlFindCharEncodingHandler(name);
    if (handler == NULL) return 0;
    api->xmlCharEncCloseFunc(handler);
    return 1;
}

// XML Schema validation, for the tests that check an export against its standard's XSD
// (the REFI-QDA Codebook.xsd): both documents from memory, never from the network; the
// validator's messages (`LINE: message`, one a line) collected into `errors`.
typedef struct {
    char *buffer;
    size_t size;
    size_t used;
    int count;
} parallax_xml_schema_errors;

static inline void parallax_xml_schema_collect(void *user, const xmlError *error) {
    parallax_xml_schema_errors *e = (parallax_xml_schema_errors *)user;
    e->count += 1;
    if (error == NULL || error->message == NULL || e->used + 1 >= e->size) return;
    int n = snprintf(e->buffer + e->used, e->size - e->used, "%d: %s", error->line, error->message);
    if (n > 0) e->used += ((size_t)n < e->size - e->used) ? (size_t)n : e->size - e->used - 1;
}

// Validates `document` against `schema`: 0 when valid, the number of errors otherwise, -1
// when the schema itself cannot be read, -2 when the document is not well-formed.
static inline int parallax_xml_schema_validate(const parallax_xml_api *api, const char *schema, int schemaLength,
                                               const char *document, int documentLength,
                                               char *errors, int errorsSize) {
    parallax_xml_schema_errors collected = { errors, (size_t)errorsSize, 0, 0 };
    if (errorsSize > 0) errors[0] = 0;
    xmlSchemaParserCtxtPtr parser = api->xmlSchemaNewMemParserCtxt(schema, schemaLength);
    if (parser == NULL) return -1;
    api->xmlSchemaSetParserStructuredErrors(parser, (xmlStructuredErrorFunc)parallax_xml_schema_collect, &collected);
    xmlSchemaPtr parsed = api->xmlSchemaParse(parser);
    api->xmlSchemaFreeParserCtxt(parser);
    if (parsed == NULL) return -1;
    xmlDocPtr doc = api->xmlReadMemory(document, documentLength, "document.xml", NULL, XML_PARSE_NONET);
    if (doc == NULL) { api->xmlSchemaFree(parsed); return -2; }
    xmlSchemaValidCtxtPtr validator = api->xmlSchemaNewValidCtxt(parsed);
    int result = -1;
    if (validator != NULL) {
        api->xmlSchemaSetValidStructuredErrors(validator, (xmlStructuredErrorFunc)parallax_xml_schema_collect, &collected);
        result = api->xmlSchemaValidateDoc(validator, doc);
        api->xmlSchemaFreeValidCtxt(validator);
    }
    api->xmlFreeDoc(doc);
    api->xmlSchemaFree(parsed);
    if (result > 0 && collected.count > 0) return collected.count;
    return result;
}

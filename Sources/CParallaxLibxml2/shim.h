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

// XML Schema validation, for the tests that check an export against its standard's XSD
// (the REFI-QDA Codebook.xsd): both documents from memory, never from the network; the
// validator's messages (`LINE: message`, one a line) collected into `errors`.
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>

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
static inline int parallax_xml_schema_validate(const char *schema, int schemaLength,
                                               const char *document, int documentLength,
                                               char *errors, int errorsSize) {
    parallax_xml_schema_errors collected = { errors, (size_t)errorsSize, 0, 0 };
    if (errorsSize > 0) errors[0] = 0;
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt(schema, schemaLength);
    if (parser == NULL) return -1;
    xmlSchemaSetParserStructuredErrors(parser, (xmlStructuredErrorFunc)parallax_xml_schema_collect, &collected);
    xmlSchemaPtr parsed = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (parsed == NULL) return -1;
    xmlDocPtr doc = xmlReadMemory(document, documentLength, "document.xml", NULL, XML_PARSE_NONET);
    if (doc == NULL) { xmlSchemaFree(parsed); return -2; }
    xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(parsed);
    int result = -1;
    if (validator != NULL) {
        xmlSchemaSetValidStructuredErrors(validator, (xmlStructuredErrorFunc)parallax_xml_schema_collect, &collected);
        result = xmlSchemaValidateDoc(validator, doc);
        xmlSchemaFreeValidCtxt(validator);
    }
    xmlFreeDoc(doc);
    xmlSchemaFree(parsed);
    if (result > 0 && collected.count > 0) return collected.count;
    return result;
}

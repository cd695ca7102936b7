#!/usr/bin/env python3
"""Writes Fuzz/seeds/ for the document readers (run by `Scripts/fuzz --seeds`, or alone):

- FuzzHTMLReader: pages with the metadata `doc add` reads (citation_*, Open Graph, Dublin
  Core, author, <title> with a site name), navigation, scripts, a cookie banner, entities,
  a table, a list, curly quotes, dotless ı, U+00A0, and one in Windows-1252.
- FuzzPDFReader: small PDFs written here (Helvetica, text with a line hyphenated at a break,
  a running header and page numbers over two pages, an Info dictionary, an XMP packet; one
  content stream deflated, one encrypted, one with no text layer, one cut short).
- FuzzDOCXReader: Word files (body, table, tracked deletion, footnotes, endnotes, a header,
  settings, core properties), and single parts given as the harness takes them (first byte
  = which part, then its XML).
"""
import io, os, shutil, zipfile, zlib

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
seeds = os.path.join(root, "Fuzz", "seeds")


def put(harness, name, data):
    d = os.path.join(seeds, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


for h in ["FuzzHTMLReader", "FuzzPDFReader", "FuzzDOCXReader"]:
    shutil.rmtree(os.path.join(seeds, h), ignore_errors=True)

# HTML
put("FuzzHTMLReader", "article.html", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Wedge or no wedge | Example Review</title>
<meta name="citation_title" content="Wedge or No Wedge?"><meta name="citation_author" content="Wyne, Ali">
<meta name="citation_author" content="Aslı Aydıntaşbaş"><meta name="citation_publication_date" content="2024/03/01">
<meta property="og:site_name" content="Example Review"><meta property="article:published_time" content="2024-03-01T08:00:00Z">
<meta name="DC.creator" content="Ali Wyne"><meta name="author" content="A. Wyne">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body><header><nav><a href="/">Home</a> · <a href="/about">About</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article><h1>Wedge or no wedge</h1>
<p>A &ldquo;reverse Nixon&rdquo; is a fantasy; the &#xFB01;nal word rests with Beijing&nbsp;&amp; Moscow.</p>
<p>Aslı’s point:<br>the partnership is <em>tactical</em>, not fundamental &mdash; for now.</p>
<ul><li>First item</li><li>Second item</li></ul>
<table><tr><th>Year</th><th>Trade</th></tr><tr><td>2023</td><td>$240bn</td></tr></table>
<aside>Related: other pieces</aside><form><input name="q"></form></article></main>
<footer>© Example Review <span hidden>hidden</span></footer></body></html>
""")
put("FuzzHTMLReader", "minimal.html", "<title>T</title><p>One &amp; two.</p>")
put("FuzzHTMLReader", "broken.html", "<html><body><div><p>Unclosed <b>bold <i>italic</p><p>Next &unknown; &#0; &#x110000;</div>")
put("FuzzHTMLReader", "cp1252.html", b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><p>\x93Quoted\x94 caf\xe9.</p></body></html>")
put("FuzzHTMLReader", "nav-only.html", "<nav>Home</nav><script>x()</script>")


# PDF
def pdf(pages, info=None, xmp=None, deflate=False, encrypt=False):
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(b"")
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = b"".join(b"BT /F1 %d Tf 1 0 0 1 %d %d Tm (%s) Tj ET\n" % (size, x, y, text.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)"))
                          for text, x, y, size in lines)
        if deflate:
            data = zlib.compress(stream)
            content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        else:
            content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_obj, font, content)))
    meta = b""
    if xmp:
        packet = xmp.encode()
        meta = b" /Metadata %d 0 R" % add(b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(packet) + packet + b"\nendstream")
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_obj, meta)
    objs[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info_obj = add(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in sorted((info or {}).items())) + b" >>")
    enc = None
    if encrypt:
        h = b"9f3c" * 16
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -3904 >>" % (h, h))
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R" % (len(objs) + 1, catalog, info_obj)
    if enc:
        trailer += b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]" % enc
    return out + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2024-07-23T10:15:00+02:00" xmp:MetadataDate="2024-07-24T09:00:00+02:00"/>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="de">Die Achse</rdf:li>
<rdf:li xml:lang="x-default">The Axis: Tactical or Fundamental?</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Jane Holloway</rdf:li><rdf:li>Ali Wyne</rdf:li></rdf:Seq></dc:creator>
<dc:date><rdf:Seq><rdf:li>2024-07</rdf:li></rdf:Seq></dc:date></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
report = [
    [("EXAMPLE INSTITUTE REPORT 2024", 72, 760, 9), ("The \x93no limits\x94 partnership, as they wrote, is", 72, 700, 11),
     ("tactical and inter-", 72, 687, 11), ("national in scope.", 72, 674, 11), ("Second paragraph that wraps across the", 72, 648, 11),
     ("1", 300, 40, 9)],
    [("EXAMPLE INSTITUTE REPORT 2024", 72, 760, 9), ("page break before it ends.", 72, 700, 11), ("A well-known claim closes it.", 90, 674, 11),
     ("2", 300, 40, 9)],
]
info = {"Title": "Russia and China", "Author": "Jane Holloway; Ali Wyne", "CreationDate": "D:20240723101500Z", "ModDate": "D:20240801090000Z"}
put("FuzzPDFReader", "report.pdf", pdf(report, info))
put("FuzzPDFReader", "report-xmp.pdf", pdf(report, {"Title": "Microsoft Word - draft.docx", "ModDate": "D:20240724065900Z"}, xmp=XMP))
put("FuzzPDFReader", "deflated.pdf", pdf(report[:1], info, deflate=True))
put("FuzzPDFReader", "encrypted.pdf", pdf([[("secret", 72, 700, 11)]], encrypt=True))
put("FuzzPDFReader", "no-text.pdf", pdf([[], []]))
put("FuzzPDFReader", "cut.pdf", pdf(report, info)[:400])

# DOCX
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def xml(root_name, inner):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:%s %s>%s</w:%s>' % (root_name, W, inner, root_name)).encode()


body = ('<w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Memo on the \u201creset\u201d</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Asl\u0131 argued the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>wedge</w:t></w:r>'
        '<w:del><w:r><w:delText> never</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> is\u00a0tactical.</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Trade</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>In a control</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>Last.</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:sectPr><w:footnotePr><w:numFmt w:val="lowerRoman"/></w:footnotePr></w:sectPr></w:body>')
footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A source, p.\u00a012.</w:t></w:r></w:p></w:footnote>'
             '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> An aside.</w:t></w:r></w:p><w:p><w:r><w:t>Its second paragraph.</w:t></w:r></w:p></w:footnote>')
endnotes = '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t> Interview, March 2024.</w:t></w:r></w:p></w:endnote>'
core = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Reset memo</dc:title>'
        '<dc:creator>Ali Wyne; Tara Varma</dc:creator><dcterms:created>2024-02-01T09:00:00Z</dcterms:created></cp:coreProperties>').encode()
parts = [("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
         ("word/document.xml", xml("document", body)), ("word/footnotes.xml", xml("footnotes", footnotes)),
         ("word/endnotes.xml", xml("endnotes", endnotes)), ("word/settings.xml", xml("settings", '<w:endnotePr><w:numFmt w:val="upperLetter"/></w:endnotePr>')),
         ("word/header1.xml", xml("hdr", "<w:p><w:r><w:t>CONFIDENTIAL</w:t></w:r></w:p>")),
         ("word/footer1.xml", xml("ftr", "<w:p><w:r><w:t>Page 1</w:t></w:r></w:p>")), ("docProps/core.xml", core)]
for name, method in [("memo-stored.docx", zipfile.ZIP_STORED), ("memo-deflated.docx", zipfile.ZIP_DEFLATED)]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for path, data in parts:
            z.writestr(zipfile.ZipInfo(path, date_time=(2024, 2, 1, 9, 0, 0)), data, compress_type=method)
    put("FuzzDOCXReader", name, buf.getvalue())
# Single parts, as the harness packs a non-zip input: first byte = the template part it replaces
# (0 body, 1 footnotes, 2 endnotes, 3 settings, 4 header, 5 core properties).
for i, data in enumerate([xml("document", body), xml("footnotes", footnotes), xml("endnotes", endnotes),
                          xml("settings", '<w:footnotePr><w:numFmt w:val="upperLetter"/></w:footnotePr>'),
                          xml("hdr", "<w:p><w:r><w:t>HEAD</w:t></w:r></w:p>"), core]):
    put("FuzzDOCXReader", f"part-{i}.xml", bytes([i]) + data)

for h in ["FuzzHTMLReader", "FuzzPDFReader", "FuzzDOCXReader"]:
    print(h, len(os.listdir(os.path.join(seeds, h))), "seeds")

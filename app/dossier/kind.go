package dossier

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// KindHeadSize is how many leading bytes DetectKind needs to decide; it
// may be given fewer (a short file).
const KindHeadSize = 8 << 10

// DetectKind tells what a file is from its first bytes (up to
// KindHeadSize). The content decides: a PNG named rapport.txt is an image,
// and a binary file named capture.png is "other". The file name's
// extension only breaks ties between text kinds (an ambiguous text that
// is named .eml, .xml or .hl7).
func DetectKind(head []byte, name string) Kind {
	if len(head) > KindHeadSize {
		head = head[:KindHeadSize]
	}
	if k, ok := binaryKind(head); ok {
		return k
	}
	if !isText(head) {
		return KindOther
	}
	return textKind(head, strings.ToLower(filepath.Ext(name)))
}

// signature is a magic number at a fixed offset.
type signature struct {
	offset int
	magic  string
	kind   Kind
}

// signatures lists the magic numbers binaryKind checks, in order.
func signatures() []signature {
	return []signature{
		{0, "\x89PNG\r\n\x1a\n", KindImage},
		{0, "\xff\xd8\xff", KindImage},
		{0, "GIF87a", KindImage},
		{0, "GIF89a", KindImage},
		{0, "II*\x00", KindImage}, // TIFF
		{0, "MM\x00*", KindImage},
		{0, "\x1a\x45\xdf\xa3", KindVideo}, // EBML: WebM, Matroska
		{0, "%PDF-", KindPDF},
		{0, "PK\x03\x04", KindArchive}, // ZIP (and OOXML, ODF, JAR)
		{0, "PK\x05\x06", KindArchive},
		{0, "PK\x07\x08", KindArchive},
		{0, "7z\xbc\xaf\x27\x1c", KindArchive},
		{0, "\x1f\x8b", KindArchive},         // gzip
		{0, "BZh", KindArchive},              // bzip2
		{0, "\xfd7zXZ\x00", KindArchive},     // xz
		{0, "\x28\xb5\x2f\xfd", KindArchive}, // zstd
		{0, "Rar!\x1a\x07", KindArchive},     // RAR
		{257, "ustar", KindArchive},          // tar (POSIX and GNU)
		{4, "moov", KindVideo},               // QuickTime without ftyp
		{4, "mdat", KindVideo},
	}
}

// binaryKind recognises formats by their magic numbers.
func binaryKind(h []byte) (Kind, bool) {
	for _, s := range signatures() {
		if len(h) >= s.offset+len(s.magic) && string(h[s.offset:s.offset+len(s.magic)]) == s.magic {
			return s.kind, true
		}
	}
	switch {
	case len(h) >= 12 && string(h[4:8]) == "ftyp":
		// ISO base media (MP4, MOV, 3GP); HEIF and AVIF stills are images.
		switch string(h[8:12]) {
		case "heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis":
			return KindImage, true
		}
		return KindVideo, true
	case len(h) >= 12 && string(h[:4]) == "RIFF":
		switch string(h[8:12]) {
		case "WEBP":
			return KindImage, true
		case "AVI ":
			return KindVideo, true
		}
		return KindOther, true // WAV and other RIFF data
	case isBMP(h):
		return KindImage, true
	}
	// A PDF may start with a few bytes of junk before its header.
	if i := bytes.Index(h[:min(len(h), 1024)], []byte("%PDF-")); i >= 0 {
		return KindPDF, true
	}
	return "", false
}

// isBMP checks the BMP file header: "BM", reserved zeros and a known DIB
// header size, so that a text starting with "BM" is not an image.
func isBMP(h []byte) bool {
	if len(h) < 18 || string(h[:2]) != "BM" || !bytes.Equal(h[6:10], []byte{0, 0, 0, 0}) {
		return false
	}
	switch uint32(h[14]) | uint32(h[15])<<8 | uint32(h[16])<<16 | uint32(h[17])<<24 {
	case 12, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// isText reports whether h reads as text: UTF-8 (a rune cut by the end of
// h is fine), UTF-16 with a byte-order mark, or Latin-1/Windows-1252,
// without control characters other than layout ones and ESC (coloured
// logs).
func isText(h []byte) bool {
	if len(h) == 0 {
		return false
	}
	if bytes.HasPrefix(h, []byte{0xff, 0xfe}) || bytes.HasPrefix(h, []byte{0xfe, 0xff}) {
		return true
	}
	for _, c := range h {
		if c < 0x20 && !strings.ContainsRune("\t\n\r\f\v\x1b\x0b\x1c", rune(c)) || c == 0x7f {
			return false
		}
	}
	if validUTF8Prefix(h) {
		return true
	}
	// Latin-1 / Windows-1252: bytes that are undefined in Windows-1252 do
	// not occur in text.
	for _, c := range h {
		switch c {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			return false
		}
	}
	return true
}

// validUTF8Prefix accepts h when it is UTF-8 but for a rune cut at its end.
func validUTF8Prefix(h []byte) bool {
	for cut := 0; cut <= 3 && cut < len(h); cut++ {
		if utf8.Valid(h[:len(h)-cut]) {
			return cut == 0 || !utf8.FullRune(h[len(h)-cut:])
		}
	}
	return false
}

// textKind tells e-mail sources, HL7 v2 messages and XML from plain text.
func textKind(h []byte, ext string) Kind {
	t := bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n\x0b") // 0x0b starts an MLLP frame
	switch {
	case bytes.HasPrefix(t, []byte("MSH|")), bytes.HasPrefix(t, []byte("FHS|")), bytes.HasPrefix(t, []byte("BHS|")):
		return KindHL7
	case bytes.HasPrefix(t, []byte("<?xml")):
		return KindXML
	case isEmail(t):
		return KindEmail
	case isMarkup(t):
		if ext == ".html" || ext == ".htm" || hasPrefixFold(t, "<!doctype html") || hasPrefixFold(t, "<html") {
			return KindText
		}
		return KindXML
	}
	// Ties: a text the content alone does not classify.
	switch ext {
	case ".eml":
		if isHeaderLine(firstLine(t)) {
			return KindEmail
		}
	case ".hl7":
		if bytes.Contains(t, []byte("MSH|")) {
			return KindHL7
		}
	case ".xml":
		if bytes.Contains(t, []byte("<")) {
			return KindXML
		}
	}
	return KindText
}

// isMarkup reports a text starting with a tag, a comment or a doctype.
func isMarkup(t []byte) bool {
	if len(t) < 2 || t[0] != '<' {
		return false
	}
	c := t[1]
	return c == '!' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// emailHeaders are header fields that, at the start of a text, mark an
// Internet message (RFC 5322) source.
func emailHeaders() []string {
	return []string{"from:", "received:", "mime-version:", "return-path:", "delivered-to:", "message-id:", "x-mailer:", "dkim-signature:", "arc-seal:"}
}

// isEmail reports a text whose header block (the lines before the first
// blank line) is made of header fields and holds one that only e-mails
// carry. An mbox "From " line also counts.
func isEmail(t []byte) bool {
	if bytes.HasPrefix(t, []byte("From ")) {
		return true
	}
	lines := bytes.Split(t, []byte("\n"))
	marks := emailHeaders()
	if len(lines) == 0 || !isHeaderLine(lines[0]) {
		return false
	}
	for _, l := range lines {
		l = bytes.TrimRight(l, "\r")
		if len(l) == 0 {
			break
		}
		if l[0] == ' ' || l[0] == '\t' { // folded continuation
			continue
		}
		if !isHeaderLine(l) {
			return false
		}
		for _, h := range marks {
			if hasPrefixFold(l, h) {
				return true
			}
		}
	}
	return false
}

// isHeaderLine reports "Name: value" with an RFC 5322 field name.
func isHeaderLine(l []byte) bool {
	i := bytes.IndexByte(l, ':')
	if i <= 0 {
		return false
	}
	for _, c := range l[:i] {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

func firstLine(t []byte) []byte {
	if i := bytes.IndexByte(t, '\n'); i >= 0 {
		return bytes.TrimRight(t[:i], "\r")
	}
	return t
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

// Label is the French word for a kind, as people read it in a sentence
// ("le type « vidéo »"); never the internal code.
func (k Kind) Label() string {
	switch k {
	case KindImage:
		return "image"
	case KindVideo:
		return "vidéo"
	case KindPDF:
		return "PDF"
	case KindText:
		return "texte ou journal"
	case KindEmail:
		return "courriel (.eml)"
	case KindXML:
		return "XML"
	case KindHL7:
		return "message HL7"
	case KindArchive:
		return "archive"
	}
	return "autre (contenu non reconnu)"
}

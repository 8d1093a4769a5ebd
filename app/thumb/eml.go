package thumb

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// MaxEmailHeader bounds what is read of an e-mail for its preview: its
// header, whatever the size of its body and attachments. A header larger
// than this (a hostile file, or a long chain of Received lines) gets no
// preview.
const MaxEmailHeader = 256 << 10

// ErrEmail is the error for an e-mail whose header cannot be read.
var ErrEmail = errors.New("no e-mail header")

// emailFields are the header fields the preview shows, with their French
// names, in this order.
var emailFields = []struct{ key, label string }{
	{"From", "De"},
	{"To", "À"},
	{"Cc", "Cc"},
	{"Subject", "Objet"},
	{"Date", "Date"},
}

// Email returns the preview of the e-mail source (.eml, RFC 5322) r
// yields: one "Nom : valeur" line per field present among From, To, Cc,
// Subject and Date, with encoded words (=?UTF-8?Q?…?=, ISO-8859-1,
// Windows-1252) decoded and the date in French order. It reads at most
// MaxEmailHeader bytes.
func Email(r io.Reader) (string, error) {
	lr := &io.LimitedReader{R: r, N: MaxEmailHeader}
	msg, err := mail.ReadMessage(lr)
	if lr.N == 0 {
		// The bound was reached inside the header (its end is what stops
		// the reading otherwise, a few KiB of read-ahead past it).
		return "", fmt.Errorf("%w: header over %d bytes", ErrEmail, MaxEmailHeader)
	}
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrEmail, err)
	}
	dec := mime.WordDecoder{CharsetReader: charsetReader}
	var lines []string
	for _, f := range emailFields {
		v := msg.Header.Get(f.key)
		if v == "" {
			continue
		}
		if d, err := dec.DecodeHeader(v); err == nil {
			v = d
		}
		if f.key == "Date" {
			if t, err := mail.ParseDate(v); err == nil {
				v = t.Format("02/01/2006 15:04 -0700")
			}
		}
		v = strings.Join(strings.Fields(strings.Map(printable, v)), " ")
		lines = append(lines, cut(f.label+" : "+v, TextWidth))
	}
	if len(lines) == 0 {
		return "", fmt.Errorf("%w: no From, To, Subject or Date", ErrEmail)
	}
	return strings.Join(lines, "\n"), nil
}

// printable drops control characters (a header may hide escapes).
func printable(r rune) rune {
	if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
		return ' '
	}
	return r
}

// charsetReader decodes the 8-bit charsets French mail uses besides
// UTF-8 (which mime.WordDecoder knows).
func charsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "iso-8859-1", "latin1", "iso8859-1":
		return charmap.ISO8859_1.NewDecoder().Reader(in), nil
	case "iso-8859-15", "latin-9":
		return charmap.ISO8859_15.NewDecoder().Reader(in), nil
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("charset %q", charset)
}

package thumb

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of a text preview: whatever the size of the file, at most
// TextBytes are read and TextLines lines of TextWidth characters kept.
const (
	TextBytes = 4 << 10
	TextLines = 8
	TextWidth = 100
)

// Text returns the first non-blank lines of the text r yields (at most
// TextBytes read), made printable: invalid UTF-8 (a Latin-1 log) becomes
// "?", control characters (colour escapes) are dropped, tabs become
// spaces, long lines are cut with "…". Lines end at LF, CRLF or a lone CR
// (HL7 v2 ends its segments with CR).
func Text(r io.Reader) (string, error) {
	head, err := io.ReadAll(io.LimitReader(r, TextBytes))
	if err != nil {
		return "", err
	}
	text := strings.ToValidUTF8(string(head), "?")
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.Map(func(r rune) rune {
			if r == '\t' {
				return ' '
			}
			if unicode.IsControl(r) {
				return -1
			}
			return r
		}, line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, cut(line, TextWidth))
		if len(out) == TextLines {
			break
		}
	}
	return strings.Join(out, "\n"), nil
}

// cut shortens s to n characters, the last one "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

package rem

import (
	"html"
	"regexp"
	"strings"
)

// The ANS writes cells as its tools export them: HTML from Squash TM
// (<p>, <br />, lists, &amp;, &eacute;), Windows line ends, non-breaking
// spaces. Text is shown as plain text with its line breaks.

var (
	htmlTag   = regexp.MustCompile(`(?i)</?([a-z][a-z0-9]*)\b[^<>]*>`)
	htmlBreak = map[string]string{"br": "\n", "p": "\n", "div": "\n", "li": "\n- ", "tr": "\n", "h1": "\n", "h2": "\n", "h3": "\n", "ul": "\n", "ol": "\n"}
)

// plainText turns a cell into plain text: HTML tags become line breaks
// (paragraphs, <br>, list items) or nothing, entities are decoded, white
// space is normalised (CRLF, NBSP, runs of spaces) and blank lines dropped.
func plainText(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = htmlTag.ReplaceAllStringFunc(s, func(tag string) string {
			name := strings.ToLower(htmlTag.FindStringSubmatch(tag)[1])
			if br, ok := htmlBreak[name]; ok {
				if name == "li" && strings.HasPrefix(tag, "</") {
					return "\n"
				}
				return br
			}
			return ""
		})
		s = html.UnescapeString(s)
	}
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u202f", " ", "\t", " ").Replace(s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// cleanText is plainText on one line: for labels, profiles and titles.
func cleanText(s string) string {
	return strings.Join(strings.Fields(plainText(s)), " ")
}

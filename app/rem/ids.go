package rem

import (
	"regexp"
	"strings"
)

// reqIDPattern matches a requirement identifier of every scheme seen in ANS
// data: RIS.INS.01, INS.01, INS/va1.01, SC.MSS/CONF.27, DMP/UX.06…
// Group 1 is the optional prefix (corridor trigram, SC, CH), group 2 the
// section code, group 3 the optional sub-code, group 4 the number.
var reqIDPattern = regexp.MustCompile(`^(?:([A-Z]{2,4})\.)?([A-Z][A-Z0-9]{1,7})(?:/([A-Za-z0-9]{1,12}))?\.(\d{1,3})$`)

// reqID is a parsed requirement identifier.
type reqID struct {
	Full    string // as written, e.g. "SC.MSS/CONF.27"
	Prefix  string // "SC", "RIS" or ""
	Short   string // without prefix, e.g. "MSS/CONF.27"
	Section string // "MSS"
}

// parseReqID parses a requirement identifier; ok is false when s is not one.
func parseReqID(s string) (reqID, bool) {
	s = cleanID(s)
	m := reqIDPattern.FindStringSubmatch(s)
	if m == nil {
		return reqID{}, false
	}
	short := s
	if m[1] != "" {
		short = s[len(m[1])+1:]
	}
	return reqID{Full: s, Prefix: m[1], Short: short, Section: m[2]}, true
}

// cleanID trims an identifier cell: spaces, non-breaking spaces and the
// punctuation a PDF table may leave around it.
func cleanID(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	s = strings.Trim(s, " \t\r\n:;,()[]«»\"")
	return strings.ReplaceAll(s, " ", "")
}

// sectionCode tells whether s looks like a section code cell ("INS",
// "MSS"), as opposed to a label.
func sectionCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 || len(s) > 8 {
		return "", false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return "", false
		}
	}
	return s, true
}

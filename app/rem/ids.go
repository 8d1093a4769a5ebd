package rem

import (
	"strings"
	"unicode"
)

// The identifier grammar shared by every reader (XLSX and PDF). The ANS
// writes requirement IDs in many forms, often several in one file:
// RIS.INS.01, INS.01, INS/va1.01, SC.MSS/CONF.27, DMP/ALI/PROG.01,
// DB.VI-CO.11, DB.VI_SO.04, DB/VI_SO.04, DB.SO.100, PSC.01, ORDN/CONF.01p,
// with stray spaces ("SC. DMP/HISTO.01") and non-breaking spaces. The
// grammar is deliberately generous: dot-separated segments, each made of
// letters and digits joined by "/", "_" or "-"; the first starts with a
// letter; the last is a number of 1 to 4 digits, optionally followed by one
// lower-case letter. Scenario and proof numbers (INS.01.01.02) have the
// same shape with more numbers; which one a cell holds is told by its
// column, not by its text.

// normalizeID cleans an identifier cell (all white space removed, the
// punctuation a PDF table may leave around it trimmed) and tells whether
// the result has the shape of a REM identifier. id is the normalised form
// shown to people, even when ok is false.
func normalizeID(s string) (id string, ok bool) {
	id = cleanID(s)
	return id, idShape(id)
}

// looksLikeID tells whether s, once normalised, has the shape of a REM
// identifier.
func looksLikeID(s string) bool {
	_, ok := normalizeID(s)
	return ok
}

// placeholderID tells whether s is an identifier still to be numbered
// ("LGC.VSM/va2.XX", "INS.??").
func placeholderID(s string) bool {
	id := cleanID(s)
	i := strings.LastIndexByte(id, '.')
	if i < 0 || i == len(id)-1 {
		return false
	}
	return strings.Trim(id[i+1:], "xX?#") == "" && id[0] >= 'A' && id[0] <= 'Z'
}

// idShape checks the grammar above on a normalised identifier.
func idShape(id string) bool {
	segs := strings.Split(id, ".")
	if len(segs) < 2 || len(id) > 64 {
		return false
	}
	if c := id[0]; c < 'A' || c > 'Z' {
		return false
	}
	for _, s := range segs[:len(segs)-1] {
		if !idSegment(s) {
			return false
		}
	}
	return idNumber(segs[len(segs)-1])
}

// idSegment is letters and digits joined by single "/", "_" or "-".
func idSegment(s string) bool {
	if s == "" {
		return false
	}
	prevSep := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSep = false
		case c == '/' || c == '_' || c == '-':
			if prevSep {
				return false
			}
			prevSep = true
		default:
			return false
		}
	}
	return !prevSep
}

// idNumber is 1 to 4 digits, optionally followed by one lower-case letter.
func idNumber(s string) bool {
	if n := len(s); n > 1 && s[n-1] >= 'a' && s[n-1] <= 'z' {
		s = s[:n-1]
	}
	if len(s) == 0 || len(s) > 4 {
		return false
	}
	return strings.Trim(s, "0123456789") == ""
}

// reqID is a parsed requirement identifier.
type reqID struct {
	Full    string // normalised, e.g. "SC.MSS/CONF.27"
	Prefix  string // "SC", "RIS", "DB" or ""
	Short   string // without prefix, e.g. "MSS/CONF.27"
	Section string // "MSS"
}

// parseReqID parses a requirement identifier; ok is false when s does not
// have the shape of one. A first segment is a prefix (corridor trigram, SC,
// CH, DB…) when a section segment starting with a letter follows it.
func parseReqID(s string) (reqID, bool) {
	id, ok := normalizeID(s)
	if !ok {
		return reqID{}, false
	}
	segs := strings.Split(id, ".")
	r := reqID{Full: id, Short: id}
	sec := segs[0]
	if len(segs) >= 3 && isLetter(segs[1][0]) && !strings.ContainsAny(segs[0], "/_-") {
		r.Prefix, r.Short, sec = segs[0], id[len(segs[0])+1:], segs[1]
	}
	r.Section, _, _ = strings.Cut(sec, "/")
	return r, true
}

func isLetter(c byte) bool { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') }

// cleanID trims an identifier cell: every kind of white space (spaces,
// non-breaking spaces, line breaks) is removed, and the punctuation a PDF
// table may leave around it trimmed.
func cleanID(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return strings.Trim(s, ":;,()[]«»\"'")
}

// sectionCode tells whether s looks like a section code cell ("INS",
// "MSS", "DB/VI_SO"), as opposed to a label.
func sectionCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")))
	if len(s) < 2 || len(s) > 16 || s[0] < 'A' || s[0] > 'Z' {
		return "", false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '/' && r != '_' && r != '-' {
			return "", false
		}
	}
	return s, true
}

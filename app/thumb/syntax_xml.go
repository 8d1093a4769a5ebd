package thumb

import "strings"

// xmlState is where an XML scan stands between two lines: a tag, a
// comment or a quoted value may go on over several.
type xmlState struct {
	in    xmlIn
	quote byte // the closing quote of a value (xmlValue)
}

type xmlIn uint8

const (
	xmlText    xmlIn = iota
	xmlTagName       // after "<" or "</"
	xmlTag           // between attributes
	xmlValue         // inside a quoted attribute value
	xmlComment       // inside <!-- -->
	xmlDecl          // inside <? ?> or <!DOCTYPE >
)

// line colours one line of XML: element names as keywords, attribute
// names and values, comments and declarations; markup punctuation muted.
// It is a lenient scan, not a parser: a preview of the first lines of a
// file, maybe cut in the middle of a tag.
func (st *xmlState) line(l string) Line {
	var s spans
	for l != "" {
		switch st.in {
		case xmlText:
			i := strings.IndexByte(l, '<')
			if i < 0 {
				s.add(l, Plain)
				return Line(s)
			}
			s.add(l[:i], Plain)
			l = l[i:]
			switch {
			case strings.HasPrefix(l, "<!--"):
				s.add("<!--", Comment)
				l, st.in = l[4:], xmlComment
			case strings.HasPrefix(l, "<?"), strings.HasPrefix(l, "<!"):
				s.add(l[:2], Comment)
				l, st.in = l[2:], xmlDecl
			case strings.HasPrefix(l, "</"):
				s.add("</", Muted)
				l, st.in = l[2:], xmlTagName
			default:
				s.add("<", Muted)
				l, st.in = l[1:], xmlTagName
			}
		case xmlComment, xmlDecl:
			end := "-->"
			if st.in == xmlDecl {
				end = ">"
			}
			i := strings.Index(l, end)
			if i < 0 {
				s.add(l, Comment)
				return Line(s)
			}
			s.add(l[:i+len(end)], Comment)
			l, st.in = l[i+len(end):], xmlText
		case xmlTagName:
			i := strings.IndexAny(l, " \t/>")
			if i < 0 {
				i = len(l)
			}
			s.add(l[:i], Keyword)
			l, st.in = l[i:], xmlTag
		case xmlTag:
			switch c := l[0]; {
			case c == '>':
				s.add(">", Muted)
				l, st.in = l[1:], xmlText
			case c == '/' || c == '=' || c == ' ' || c == '\t':
				s.add(l[:1], Muted)
				l = l[1:]
			case c == '"' || c == '\'':
				s.add(l[:1], Value)
				l, st.in, st.quote = l[1:], xmlValue, c
			default:
				i := strings.IndexAny(l, " \t=/>")
				if i < 0 {
					i = len(l)
				}
				s.add(l[:i], Name)
				l = l[i:]
			}
		case xmlValue:
			i := strings.IndexByte(l, st.quote)
			if i < 0 {
				s.add(l, Value)
				return Line(s)
			}
			s.add(l[:i+1], Value)
			l, st.in = l[i+1:], xmlTag
		}
	}
	return Line(s)
}

package thumb

import (
	"regexp"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Class is the syntactic role of a run of text, which the application
// and the report turn into a colour of their own (theme or print).
type Class uint8

// The classes, shared by every syntax.
const (
	Plain   Class = iota
	Muted         // timestamps, punctuation, separators
	Keyword       // XML element names, HL7 segment IDs, e-mail header names
	Name          // XML attribute names
	Value         // XML attribute values
	Comment       // XML comments, processing instructions
	Error         // log levels ERROR, FATAL…
	Warning       // log level WARN
	Info          // log levels INFO, DEBUG…
)

// Span is a run of text of one class.
type Span struct {
	Text  string
	Class Class
}

// Line is one line of a preview, as consecutive spans.
type Line []Span

// Highlight splits text (a preview's lines) into spans by the syntax of
// kind: XML, HL7 v2, e-mail headers, and logs for any other text.
func Highlight(kind dossier.Kind, text string) []Line {
	if text == "" {
		return nil
	}
	var lines []Line
	var xml xmlState
	for _, l := range strings.Split(text, "\n") {
		switch kind {
		case dossier.KindXML:
			lines = append(lines, xml.line(l))
		case dossier.KindHL7:
			lines = append(lines, hl7Line(l))
		case dossier.KindEmail:
			lines = append(lines, headerLine(l))
		default:
			lines = append(lines, logLine(l))
		}
	}
	return lines
}

// spans builds a line, dropping empty runs and merging neighbours of one
// class.
type spans Line

func (s *spans) add(text string, c Class) {
	if text == "" {
		return
	}
	if n := len(*s); n > 0 && (*s)[n-1].Class == c {
		(*s)[n-1].Text += text
		return
	}
	*s = append(*s, Span{text, c})
}

// logTime matches a leading timestamp: ISO 8601 (2026-03-01 10:00:01,123
// or 2026-03-01T10:00:01Z), French dates (01/03/2026 10:00:01) or syslog
// (Mar  1 10:00:01), optionally in brackets.
var logTime = regexp.MustCompile(`^\[?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?([.,]\d+)?(Z|[+-]\d\d:?\d\d)?|\d\d/\d\d/\d{4} \d\d:\d\d(:\d\d)?([.,]\d+)?|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d([.,]\d+)?)\]?`)

// logLevel matches the first level word of a log line.
var logLevel = regexp.MustCompile(`\b(FATAL|CRITICAL|CRIT|SEVERE|ERROR|ERREUR|ERR|WARNING|WARN|AVERTISSEMENT|INFO|NOTICE|DEBUG|TRACE|FINE)\b`)

// logLine colours a log line's leading timestamp and its level.
func logLine(l string) Line {
	var s spans
	if m := logTime.FindStringIndex(l); m != nil {
		s.add(l[:m[1]], Muted)
		l = l[m[1]:]
	}
	if m := logLevel.FindStringSubmatchIndex(l); m != nil {
		s.add(l[:m[2]], Plain)
		s.add(l[m[2]:m[3]], levelClass(l[m[2]:m[3]]))
		l = l[m[3]:]
	}
	s.add(l, Plain)
	return Line(s)
}

func levelClass(level string) Class {
	switch level {
	case "FATAL", "CRITICAL", "CRIT", "SEVERE", "ERROR", "ERREUR", "ERR":
		return Error
	case "WARNING", "WARN", "AVERTISSEMENT":
		return Warning
	}
	return Info
}

// hl7Line colours an HL7 v2 segment: its ID, then the field, component,
// repetition, escape and sub-component separators.
func hl7Line(l string) Line {
	var s spans
	id := min(3, len(l))
	s.add(l[:id], Keyword)
	start := id
	for i := id; i < len(l); i++ {
		if strings.IndexByte("|^~\\&", l[i]) >= 0 {
			s.add(l[start:i], Plain)
			s.add(l[i:i+1], Muted)
			start = i + 1
		}
	}
	s.add(l[start:], Plain)
	return Line(s)
}

// headerLine colours "Name : value" (the e-mail preview's lines).
func headerLine(l string) Line {
	var s spans
	if i := strings.Index(l, " : "); i > 0 {
		s.add(l[:i+3], Keyword)
		l = l[i+3:]
	}
	s.add(l, Plain)
	return Line(s)
}

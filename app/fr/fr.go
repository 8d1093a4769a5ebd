// Package fr is the French of the application's edge: the one place where
// an error becomes a sentence for people, and where counts and sizes are
// written the French way. The ui and the cli both use it; the layers below
// speak English in typed errors (dossier.Error).
package fr

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Quote puts s between French quotation marks with non-breaking spaces.
func Quote(s string) string { return "«\u00a0" + s + "\u00a0»" }

// Sentence capitalises the first letter and ends with a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// Plural writes n with the singular or plural noun: "1 avertissement",
// "7 avertissements", "0 avertissement" (French uses the singular below 2).
func Plural(n int, singular, plural string) string {
	if n < 2 && n > -2 {
		return fmt.Sprintf("%d %s", n, singular)
	}
	return fmt.Sprintf("%s %s", Int(n), plural)
}

// Int writes n with a narrow non-breaking space between thousands.
func Int(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Size writes a byte count in the units French software uses (octets, Ko,
// Mo, Go, To; 1 Ko = 1 024 octets) with a decimal comma: "1,5 Mo".
func Size(n int64) string { return dossier.FormatSize(n) }

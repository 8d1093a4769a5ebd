package export

import (
	"fmt"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Limits on names inside the package, chosen so that the package unzips on
// Windows, macOS and Linux. On Windows a path stays under 240 characters
// (MAX_PATH 260, with room to spare) once "Extract All" has unzipped the
// package from Downloads: C:\Users\<account>\Downloads\<package>\<path>,
// an account name being at most 20 characters and the package's name
// counted up to maxPackageName. Names in the package are ASCII, so bytes
// are characters.
const (
	maxComponent   = 100 // bytes per path component
	maxPackageName = 60  // characters of the package's file name, without .zip
	unzipRoot      = len(`C:\Users\`) + 20 + len(`\Downloads\`) + maxPackageName + len(`\`)
	maxPath        = 240 - unzipRoot // bytes for the whole path inside the package
)

// specialLetters are folded to ASCII by hand: NFD does not decompose them.
var specialLetters = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE", "ß", "ss", "ø", "o", "Ø", "O", "đ", "d", "ł", "l", "Ł", "L")

// sanitize turns s into one portable path component: accents folded to
// ASCII, every other character outside [A-Za-z0-9._-] (which covers
// <>:"/\|?*, control characters and spaces) replaced by '-', runs of '-'
// collapsed, no leading or trailing dot, dash or space, Windows reserved
// device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension)
// prefixed with '_', at most max bytes. It never returns "".
func sanitize(s string, max int) string {
	out := clean(s, max)
	if reserved(out) {
		out = "_" + out
		if len(out) > max {
			out = out[:max]
		}
	}
	return out
}

// clean is sanitize without the reserved-name check, for parts of a name
// that never stand alone.
func clean(s string, max int) string {
	s = norm.NFD.String(specialLetters.Replace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent left by NFD
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_'):
			b.WriteRune(r)
			dash = false
		default:
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := trimEdges(b.String())
	if len(out) > max {
		out = trimEdges(out[:max])
	}
	if out == "" {
		return "fichier"
	}
	return out
}

func trimEdges(s string) string {
	return strings.Trim(s, "-. ")
}

// reserved tells whether a name is a Windows device name, which Windows
// refuses as a file name whatever its extension.
func reserved(name string) bool {
	base := strings.ToUpper(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
		return true
	}
	return false
}

// extension is the portable, lower-case extension of an original file name
// (".png"), or "" when it has none or a strange one.
func extension(name string) string {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/")))
	if len(ext) < 2 || len(ext) > 10 {
		return ""
	}
	for _, r := range ext[1:] {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return ""
		}
	}
	return ext
}

// fileName builds an evidence file's name in the package from its order in
// the requirement, its proof number and its caption (or original name):
// "01_INS-va1.01.01.01_Ecran-identite.png". budget is the room left for
// the name once its folder is counted.
func fileName(order int, proofID, caption, original string, budget int) string {
	ext := extension(original)
	label := strings.TrimSpace(caption)
	if label == "" {
		label = strings.TrimSuffix(path.Base(strings.ReplaceAll(original, "\\", "/")), path.Ext(original))
	}
	prefix := fmt.Sprintf("%02d", order)
	if proofID != "" {
		prefix += "_" + clean(proofID, 40)
	}
	limit := min(maxComponent, budget)
	room := limit - len(prefix) - 1 - len(ext)
	if room < len("fichier") {
		if len(prefix)+len(ext) > limit {
			prefix = trimEdges(prefix[:max(limit-len(ext), 2)])
		}
		return prefix + ext
	}
	return prefix + "_" + clean(label, room) + ext
}

// nameSet keeps names unique within one folder, ignoring case because
// Windows and macOS file systems do.
type nameSet map[string]bool

// unique returns name, or name with "-2", "-3"… before its extension when
// the folder already holds it, shortened to stay within limit bytes.
func (s nameSet) unique(name string, limit int) string {
	limit = min(limit, maxComponent)
	ext := extension(name)
	stem := strings.TrimSuffix(name, ext)
	cand := name
	for i := 2; s[strings.ToLower(cand)]; i++ {
		suffix := fmt.Sprintf("-%d", i)
		st := stem
		if len(st)+len(suffix)+len(ext) > limit {
			st = st[:max(limit-len(suffix)-len(ext), 1)]
		}
		cand = st + suffix + ext
	}
	s[strings.ToLower(cand)] = true
	return cand
}

// safePath tells whether a path found in a package is safe to use: relative,
// forward slashes only, no "." or ".." component, no drive letter, no
// control character.
func safePath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.ContainsRune(p, '\\') || strings.ContainsRune(p, ':') {
		return false
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	for _, c := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		if c == "" || c == "." || c == ".." {
			return false
		}
	}
	return true
}

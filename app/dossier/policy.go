package dossier

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// FilePolicy says which evidence files a dossier accepts. The formats and
// size limits of the ANS platform (Convergence) are not public, so the
// policy is configurable per dossier and only defaults are built in.
//
// An empty AllowedKinds (or AllowedExtensions) list means "no restriction
// on that criterion"; MaxFileSize <= 0 means no size limit. A file must
// satisfy every criterion that is set.
type FilePolicy struct {
	AllowedKinds      []Kind   `json:"allowed_kinds,omitempty"`
	AllowedExtensions []string `json:"allowed_extensions,omitempty"` // lower case, with the dot: ".png"
	MaxFileSize       int64    `json:"max_file_size,omitempty"`      // bytes
}

// DefaultMaxFileSize is the default per-file limit: 500 MiB. It is a guess
// that fits a few minutes of screen video while keeping the package
// uploadable; change it per dossier once the platform's limit is known.
const DefaultMaxFileSize = 500 << 20

// DefaultFilePolicy accepts every kind the app recognises except "other"
// (content it could not identify, which a reviewer may be unable to open),
// any extension, and files up to DefaultMaxFileSize.
func DefaultFilePolicy() FilePolicy {
	return FilePolicy{
		AllowedKinds: []Kind{KindImage, KindVideo, KindPDF, KindText, KindEmail, KindXML, KindHL7, KindArchive},
		MaxFileSize:  DefaultMaxFileSize,
	}
}

// Kinds lists every evidence kind, in a stable order.
func Kinds() []Kind {
	return []Kind{KindImage, KindVideo, KindPDF, KindText, KindEmail, KindXML, KindHL7, KindArchive, KindOther}
}

// PolicyOf returns the dossier's file policy: its own when set, else the
// default.
func PolicyOf(in Info) FilePolicy {
	if in.FilePolicy != nil {
		return *in.FilePolicy
	}
	return DefaultFilePolicy()
}

// Normalize checks the policy and puts it in canonical form: known kinds,
// extensions lower-cased with a leading dot, both sorted without duplicates.
func (p FilePolicy) Normalize() (FilePolicy, error) {
	known := map[Kind]bool{}
	for _, k := range Kinds() {
		known[k] = true
	}
	var out FilePolicy
	seenK := map[Kind]bool{}
	for _, k := range p.AllowedKinds {
		k = Kind(strings.ToLower(strings.TrimSpace(string(k))))
		if !known[k] {
			return FilePolicy{}, ED(FaultUnknownKind, string(k), kindList(), nil)
		}
		if !seenK[k] {
			seenK[k] = true
			out.AllowedKinds = append(out.AllowedKinds, k)
		}
	}
	seenE := map[string]bool{}
	for _, e := range p.AllowedExtensions {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		if strings.ContainsAny(e[1:], "./\\ ") {
			return FilePolicy{}, ED(FaultInvalid, "extension", e, nil)
		}
		if !seenE[e] {
			seenE[e] = true
			out.AllowedExtensions = append(out.AllowedExtensions, e)
		}
	}
	if p.MaxFileSize < 0 {
		return FilePolicy{}, ED(FaultInvalid, "taille maximale", strconv.FormatInt(p.MaxFileSize, 10), nil)
	}
	out.MaxFileSize = p.MaxFileSize
	sort.Slice(out.AllowedKinds, func(i, j int) bool { return out.AllowedKinds[i] < out.AllowedKinds[j] })
	sort.Strings(out.AllowedExtensions)
	return out, nil
}

func kindList() string {
	var s []string
	for _, k := range Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// PolicyRule names the criterion of a file policy a file breaks.
type PolicyRule string

// The criteria of a file policy.
const (
	RuleKind      PolicyRule = "kind"
	RuleExtension PolicyRule = "extension"
	RuleSize      PolicyRule = "size"
)

// Violation is one criterion of the file policy a file breaks, with the
// values people need to read it. It is the cause of a FaultPolicy error.
type Violation struct {
	Rule    PolicyRule
	Kind    Kind     // RuleKind: the file's kind
	Ext     string   // RuleExtension: the file's extension
	Allowed []string // RuleExtension: the extensions allowed
	Size    int64    // RuleSize: the file's size
	Max     int64    // RuleSize: the limit
}

func (v *Violation) Error() string {
	switch v.Rule {
	case RuleKind:
		return fmt.Sprintf("kind %q not allowed by the file policy", v.Kind)
	case RuleExtension:
		return fmt.Sprintf("extension %q not allowed by the file policy", v.Ext)
	}
	return fmt.Sprintf("size %d above the file policy's maximum %d", v.Size, v.Max)
}

// Text is the violation in French, naming the rule and the file's value.
func (v *Violation) Text() string {
	switch v.Rule {
	case RuleKind:
		return "le type «\u00a0" + v.Kind.Label() + "\u00a0» n'est pas autorisé par la politique de fichiers"
	case RuleExtension:
		ext := v.Ext
		if ext == "" {
			ext = "(aucune)"
		}
		return fmt.Sprintf("l'extension «\u00a0%s\u00a0» n'est pas autorisée (autorisées : %s)", ext, strings.Join(v.Allowed, " "))
	}
	size, limit := FormatSize(v.Size), FormatSize(v.Max)
	if size == limit {
		size, limit = fmt.Sprintf("%d octets", v.Size), fmt.Sprintf("%d octets", v.Max)
	}
	return fmt.Sprintf("la taille %s dépasse le maximum de %s", size, limit)
}

// Check lists the criteria an evidence file breaks (nil when it
// complies). A Size of 0 is not checked (unknown before streaming).
func (p FilePolicy) Check(ev Evidence) []*Violation {
	var out []*Violation
	if len(p.AllowedKinds) > 0 && !slices.Contains(p.AllowedKinds, kindOrUnknown(ev.Kind)) {
		out = append(out, &Violation{Rule: RuleKind, Kind: kindOrUnknown(ev.Kind)})
	}
	if len(p.AllowedExtensions) > 0 {
		ext := strings.ToLower(path.Ext(ev.Name))
		if !slices.Contains(p.AllowedExtensions, ext) {
			out = append(out, &Violation{Rule: RuleExtension, Ext: ext, Allowed: p.AllowedExtensions})
		}
	}
	if p.MaxFileSize > 0 && ev.Size > p.MaxFileSize {
		out = append(out, &Violation{Rule: RuleSize, Size: ev.Size, Max: p.MaxFileSize})
	}
	return out
}

// Violations lists, in French, why an evidence file breaks the policy
// (nil when it complies).
func (p FilePolicy) Violations(ev Evidence) []string {
	var out []string
	for _, v := range p.Check(ev) {
		out = append(out, v.Text())
	}
	return out
}

func kindOrUnknown(k Kind) Kind {
	if k == "" {
		return KindOther
	}
	return k
}

// FormatSize writes a byte count in the units French software uses
// (octets, Ko, Mo, Go, To; 1 Ko = 1 024 octets) with a decimal comma and a
// non-breaking space before the unit: "1,5 Mo". It is the one size format
// of the application (fr.Size is this function, for the edge).
func FormatSize(n int64) string {
	if n < 1024 {
		unit := " octets"
		if n < 2 && n > -2 {
			unit = " octet"
		}
		digits := strconv.FormatInt(n, 10)
		if n >= 1000 {
			digits = digits[:1] + "\u202f" + digits[1:]
		}
		return digits + unit
	}
	units := []string{"Ko", "Mo", "Go", "To"}
	v := float64(n) / 1024
	u := 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	var s string
	if v >= 100 {
		s = strconv.FormatFloat(v, 'f', 0, 64)
	} else {
		s = strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
	}
	return strings.Replace(s, ".", ",", 1) + "\u00a0" + units[u]
}

// ParseSize reads a size such as "500M", "2G", "1048576", "500 Mo", "500 Mio".
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), ""))
	t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(t, "IO"), "IB"), "O")
	t = strings.TrimSuffix(t, "B")
	mult := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'K':
			mult = 1 << 10
		case 'M':
			mult = 1 << 20
		case 'G':
			mult = 1 << 30
		case 'T':
			mult = 1 << 40
		}
		if mult > 1 {
			t = t[:len(t)-1]
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, E(FaultBadSize, s, err)
	}
	return n * mult, nil
}

// SetFilePolicy validates and stores the dossier's file policy; nil goes
// back to the default.
func (s *Service) SetFilePolicy(p *FilePolicy) error {
	var policy *FilePolicy
	if p != nil {
		n, err := p.Normalize()
		if err != nil {
			return err
		}
		policy = &n
	}
	return s.modifyInfo(func(in *Info) error {
		in.FilePolicy = policy
		return nil
	}, func(before, after Info) Event {
		return Event{Kind: EventPolicy, Fields: Changed(nil, "policy", policyText(before.FilePolicy), policyText(after.FilePolicy))}
	})
}

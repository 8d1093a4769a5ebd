package dossier

import (
	"strings"
	"unicode"
)

// foldAccents maps French accented letters to their base letter so that
// "general" finds "Général".
var foldAccents = map[rune]rune{
	'à': 'a', 'â': 'a', 'ä': 'a', 'á': 'a', 'ç': 'c', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'î': 'i', 'ï': 'i', 'í': 'i', 'ô': 'o', 'ö': 'o', 'ó': 'o', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ú': 'u', 'ÿ': 'y', 'œ': 'o', 'æ': 'a', '’': '\'',
}

// Fold lowers a string and strips French accents, for case- and
// accent-insensitive matching.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if f, ok := foldAccents[r]; ok {
			r = f
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// MatchProfile resolves a profile given by its full name or an unambiguous,
// case- and accent-insensitive prefix (or, failing a prefix, an unambiguous
// part of the name).
func (c *Catalogue) MatchProfile(query string) (string, error) {
	q := Fold(query)
	if q == "" {
		return "", ED(FaultUnknownProfile, "", strings.Join(c.profileNames(), " ; "), nil)
	}
	var hits []string
	for _, p := range c.Profiles {
		f := Fold(p.Name)
		if f == q {
			return p.Name, nil
		}
		if strings.HasPrefix(f, q) {
			hits = append(hits, p.Name)
		}
	}
	if len(hits) == 0 {
		// Friendlier than the rule asks: a unique word inside the name
		// ("mailiz") also designates the profile.
		for _, p := range c.Profiles {
			if strings.Contains(Fold(p.Name), q) {
				hits = append(hits, p.Name)
			}
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return "", ED(FaultUnknownProfile, query, strings.Join(c.profileNames(), " ; "), nil)
	default:
		return "", ED(FaultAmbiguousProfile, query, strings.Join(hits, " ; "), nil)
	}
}

func (c *Catalogue) profileNames() []string {
	out := make([]string, len(c.Profiles))
	for i, p := range c.Profiles {
		out[i] = p.Name
	}
	return out
}

// NormalizeProfiles resolves each query, adds the mandatory profiles, removes
// duplicates and returns the names in catalogue order.
func (c *Catalogue) NormalizeProfiles(queries []string) ([]string, error) {
	chosen := map[string]bool{}
	for _, m := range c.MandatoryProfiles() {
		chosen[m] = true
	}
	for _, q := range queries {
		name, err := c.MatchProfile(q)
		if err != nil {
			return nil, err
		}
		chosen[name] = true
	}
	var out []string
	for _, p := range c.Profiles {
		if chosen[p.Name] {
			out = append(out, p.Name)
		}
	}
	return out, nil
}

// Applies tells whether a requirement applies to a dossier with these
// profiles: it does when one of its profiles is mandatory or chosen.
func (c *Catalogue) Applies(r *Requirement, profiles []string) bool {
	for _, rp := range r.Profiles {
		for _, p := range c.Profiles {
			if p.Name == rp && p.Mandatory {
				return true
			}
		}
		for _, p := range profiles {
			if p == rp {
				return true
			}
		}
	}
	return false
}

// Applicable lists the requirements that apply to these profiles, in
// catalogue order.
func (c *Catalogue) Applicable(profiles []string) []*Requirement {
	var out []*Requirement
	for i := range c.Requirements {
		if c.Applies(&c.Requirements[i], profiles) {
			out = append(out, &c.Requirements[i])
		}
	}
	return out
}

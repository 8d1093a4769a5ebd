package dossier

import "strings"

// CatalogueDiff is what changes when a dossier moves from one catalogue to
// another, requirement by requirement.
type CatalogueDiff struct {
	Added     []string        `json:"added"`     // IDs in the new catalogue only
	Removed   []string        `json:"removed"`   // IDs in the old catalogue only
	Changed   []ChangedReq    `json:"changed"`   // IDs in both whose content differs
	Unchanged []RequirementID `json:"unchanged"` // IDs in both, identical
}

// RequirementID pairs the ID of a requirement in the old catalogue with its
// ID in the new one (they differ when only the prefix changed, e.g.
// RIS.INS.01 → INS.01).
type RequirementID struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// ChangedReq is a requirement present in both catalogues, with what changed.
type ChangedReq struct {
	RequirementID
	Statement bool `json:"statement"` // official statement or summary text
	Profiles  bool `json:"profiles"`
	Nature    bool `json:"nature"`
	Section   bool `json:"section"`
}

// Empty tells whether the two catalogues hold the same requirements.
func (d CatalogueDiff) Empty() bool {
	return len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Changed) == 0
}

// DiffCatalogues compares two catalogues by requirement ID. An ID matches
// the same ID, else (case-insensitively) a requirement with the same short
// ID when that short ID is unique on both sides, so that a Vague 1 ID
// "RIS.INS.01" meets its published form "INS.01", else a requirement that
// names it (or its short ID) as its previous-wave ID ("VA N-1"), so that
// "INS.01" meets its Vague 2 form "INS/va1.01". Lists keep the order of
// the catalogue they come from.
func DiffCatalogues(old, new *Catalogue) CatalogueDiff {
	d := CatalogueDiff{Added: []string{}, Removed: []string{}, Changed: []ChangedReq{}, Unchanged: []RequirementID{}}
	newByID := map[string]int{}
	newByShort := shortIndex(new)
	oldByShort := shortIndex(old)
	newByPrev := map[string]int{}
	for i, r := range new.Requirements {
		newByID[strings.ToUpper(r.ID)] = i
		for _, p := range r.PreviousIDs {
			if _, dup := newByPrev[strings.ToUpper(p)]; !dup {
				newByPrev[strings.ToUpper(p)] = i
			}
		}
	}
	matched := make([]bool, len(new.Requirements))
	for i := range old.Requirements {
		o := &old.Requirements[i]
		j, ok := newByID[strings.ToUpper(o.ID)]
		if !ok || matched[j] {
			k := strings.ToUpper(shortOf(o))
			j, ok = newByShort[k]
			ok = ok && j >= 0 && oldByShort[k] >= 0 && !matched[j]
		}
		if !ok {
			j, ok = previousMatch(newByPrev, o)
			ok = ok && !matched[j]
		}
		if !ok {
			d.Removed = append(d.Removed, o.ID)
			continue
		}
		matched[j] = true
		n := &new.Requirements[j]
		c := ChangedReq{
			RequirementID: RequirementID{Old: o.ID, New: n.ID},
			Statement:     normSpace(o.Text()) != normSpace(n.Text()),
			Profiles:      !sameSet(o.Profiles, n.Profiles),
			Nature:        o.Nature != n.Nature,
			Section:       o.Section != n.Section,
		}
		if c.Statement || c.Profiles || c.Nature || c.Section {
			d.Changed = append(d.Changed, c)
		} else {
			d.Unchanged = append(d.Unchanged, c.RequirementID)
		}
	}
	for j, n := range new.Requirements {
		if !matched[j] {
			d.Added = append(d.Added, n.ID)
		}
	}
	return d
}

// previousMatch finds the new requirement naming o (its ID, else its short
// ID) as its previous-wave ID.
func previousMatch(newByPrev map[string]int, o *Requirement) (int, bool) {
	if j, ok := newByPrev[strings.ToUpper(o.ID)]; ok {
		return j, true
	}
	j, ok := newByPrev[strings.ToUpper(shortOf(o))]
	return j, ok
}

// shortIndex maps upper-cased short IDs to their index, or -1 when the
// short ID is not unique in the catalogue.
func shortIndex(c *Catalogue) map[string]int {
	m := map[string]int{}
	for i := range c.Requirements {
		k := strings.ToUpper(shortOf(&c.Requirements[i]))
		if _, dup := m[k]; dup {
			m[k] = -1
			continue
		}
		m[k] = i
	}
	return m
}

// shortOf is the short ID of a requirement, derived from its ID when the
// catalogue does not give it: the ID without a prefix of the form "XX."
// when what follows still has a section and a number.
func shortOf(r *Requirement) string {
	if r.ShortID != "" {
		return r.ShortID
	}
	if p, rest, ok := strings.Cut(r.ID, "."); ok && strings.Contains(rest, ".") && !strings.Contains(p, "/") {
		return rest
	}
	return r.ID
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		if seen[x] == 0 {
			return false
		}
		seen[x]--
	}
	return true
}

package dossier

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Dossier-level fields in a merge. The dossier's identity, profiles, file
// policy, application form and review rules merge like a requirement's
// fields: changed on one side only since the common point, that side's
// value is taken; changed on both sides to different values, a conflict
// under the requirement MergeDossier, for a person (or --prefer) to
// decide. The journal tells which side changed what (markDossier).

// dossierField is one dossier-level field a merge compares.
type dossierField struct {
	name string
	get  func(Info) string
	set  func(dst *Info, src Info)
}

// candidaturePrefix names an application-form field: "candidature.siren".
const candidaturePrefix = "candidature."

// identityFields are the identity fields, by their event field names.
var identityFields = map[string]bool{"name": true, "vendor": true, "product": true, "version": true}

// dossierFields are the fields compared between two identities: the fixed
// ones, then each application-form key either side holds, in order.
func dossierFields(mine, theirs Info) []dossierField {
	fs := []dossierField{
		{"name", func(in Info) string { return in.Name }, func(d *Info, s Info) { d.Name = s.Name }},
		{"vendor", func(in Info) string { return in.Vendor }, func(d *Info, s Info) { d.Vendor = s.Vendor }},
		{"product", func(in Info) string { return in.Product }, func(d *Info, s Info) { d.Product = s.Product }},
		{"version", func(in Info) string { return in.ProductVersion }, func(d *Info, s Info) { d.ProductVersion = s.ProductVersion }},
		{"profiles", func(in Info) string { return strings.Join(in.Profiles, " ; ") }, func(d *Info, s Info) { d.Profiles = slices.Clone(s.Profiles) }},
		{"policy", func(in Info) string { return policyText(in.FilePolicy) }, func(d *Info, s Info) { d.FilePolicy = s.FilePolicy }},
		{FieldReviewRequired, func(in Info) string { return yesNo(in.SignoffRules().Required) }, func(d *Info, s Info) {
			r := d.SignoffRules()
			r.Required = s.SignoffRules().Required
			d.Signoff = &r
		}},
		{FieldReviewAllowSelf, func(in Info) string { return yesNo(in.SignoffRules().AllowSelf) }, func(d *Info, s Info) {
			r := d.SignoffRules()
			r.AllowSelf = s.SignoffRules().AllowSelf
			d.Signoff = &r
		}},
	}
	keys := map[string]bool{}
	for k := range jsonFields(CandidatureOf(mine)) {
		keys[k] = true
	}
	for k := range jsonFields(CandidatureOf(theirs)) {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		fs = append(fs, dossierField{candidaturePrefix + k,
			func(in Info) string { return jsonFields(CandidatureOf(in))[k] },
			func(d *Info, s Info) { setCandidatureKey(d, s, k) }})
	}
	return fs
}

// setCandidatureKey copies one application-form field (by JSON key) from
// src's form to dst's.
func setCandidatureKey(dst *Info, src Info, key string) {
	raw := func(in Info) map[string]json.RawMessage {
		m := map[string]json.RawMessage{}
		b, _ := json.Marshal(CandidatureOf(in))
		json.Unmarshal(b, &m)
		return m
	}
	m, from := raw(*dst), raw(src)
	if v, ok := from[key]; ok {
		m[key] = v
	} else {
		delete(m, key)
	}
	var c Candidature
	b, _ := json.Marshal(m)
	if json.Unmarshal(b, &c) == nil {
		dst.Candidature = &c
	}
}

// markDossier notes in m, under MergeDossier, the dossier-level fields ev
// changed.
func markDossier(m map[string]map[string]bool, ev Event) {
	mark := func(field string) {
		if m[MergeDossier] == nil {
			m[MergeDossier] = map[string]bool{}
		}
		m[MergeDossier][field] = true
	}
	for _, f := range ev.Fields {
		if f.Old == f.New {
			continue
		}
		switch ev.Kind {
		case EventIdentity:
			mark(f.Field)
		case EventCandidature:
			if identityFields[f.Field] {
				mark(f.Field)
			} else {
				mark(candidaturePrefix + f.Field)
			}
		case EventProfiles, EventPolicy, EventSettingsChanged:
			mark(f.Field)
		}
	}
}

// planDossier decides the dossier-level fields as planMerge decides a
// requirement's: the fields taken from theirs are listed (see
// mergedInfo), the others that differ are conflicts.
func (p *mergePlan) planDossier(mine, theirs Info, div Divergence) {
	p.mineInfo, p.theirsInfo = mine, theirs
	var taken []string
	for _, f := range dossierFields(mine, theirs) {
		mv, tv := f.get(mine), f.get(theirs)
		if mv == tv {
			continue
		}
		switch div.fieldWinner(MergeDossier, f.name) {
		case Theirs:
			taken = append(taken, f.name)
		case Mine:
		default:
			p.report.Conflicts = append(p.report.Conflicts, Conflict{Req: MergeDossier, Field: f.name, Mine: mv, Theirs: tv})
		}
	}
	sort.Strings(taken)
	p.dossierTaken = taken
	p.report.DossierChanged = taken
}

// mergedInfo is info with the dossier-level fields the merge takes: those
// changed on the other side only, and the conflicts decided for it.
func (p *mergePlan) mergedInfo(info Info) Info {
	for _, f := range dossierFields(p.mineInfo, p.theirsInfo) {
		if slices.Contains(p.report.DossierChanged, f.name) {
			f.set(&info, p.theirsInfo)
		}
	}
	if p.profiles != nil && slices.Contains(p.report.DossierChanged, "profiles") {
		info.Profiles = slices.Clone(p.profiles)
	}
	return info
}

// settleDossier lists the dossier fields taken: those changed on the
// other side only, and the conflicts decided for it (see resolve).
func (p *mergePlan) settleDossier() {
	taken := slices.Clone(p.dossierTaken)
	for _, c := range p.report.Conflicts {
		if c.Req == MergeDossier && c.Resolved == Theirs {
			taken = append(taken, c.Field)
		}
	}
	sort.Strings(taken)
	p.report.DossierChanged = taken
}

// checkMergedInfo checks the identity the merge would leave: complete,
// and, when it takes the other side's profiles, those of cat (the
// dossier's catalogue) in its order, the mandatory ones kept; it reports
// the requirements they bring into scope or take out of it.
func (p *mergePlan) checkMergedInfo(cat *Catalogue) error {
	p.profiles = nil
	next := p.mergedInfo(p.mineInfo)
	if err := next.Check(); err != nil {
		return err
	}
	p.report.ApplicableAdded, p.report.ApplicableRemoved = nil, nil
	if !slices.Contains(p.report.DossierChanged, "profiles") {
		return nil
	}
	// The profiles as the catalogue orders them, the mandatory ones kept.
	profiles, err := cat.NormalizeProfiles(next.Profiles)
	if err != nil {
		return err
	}
	p.profiles = profiles
	before, after := map[string]bool{}, map[string]bool{}
	for _, r := range cat.Applicable(p.mineInfo.Profiles) {
		before[r.ID] = true
	}
	for _, r := range cat.Applicable(profiles) {
		after[r.ID] = true
	}
	for _, r := range cat.Requirements {
		switch {
		case after[r.ID] && !before[r.ID]:
			p.report.ApplicableAdded = append(p.report.ApplicableAdded, r.ID)
		case before[r.ID] && !after[r.ID]:
			p.report.ApplicableRemoved = append(p.report.ApplicableRemoved, r.ID)
		}
	}
	return nil
}

// dossierLabels are the French names of the dossier-level fields.
var dossierLabels = map[string]string{
	"name": "nom du dossier", "vendor": "éditeur", "product": "produit", "version": "version du produit",
	"profiles": "profils", "policy": "politique de fichiers",
	FieldReviewRequired: "relecture exigée", FieldReviewAllowSelf: "validation de ses propres preuves",
}

// dossierFieldLabel is the French name of a dossier-level field, or "".
func dossierFieldLabel(field string) string {
	if k, ok := strings.CutPrefix(field, candidaturePrefix); ok {
		return "fiche candidature (" + k + ")"
	}
	return dossierLabels[field]
}

// dossierValueLabel is a dossier-level field's value as people read it.
func dossierValueLabel(field, v string) (string, bool) {
	switch field {
	case "policy":
		if v == "" {
			return "par défaut", true
		}
	case FieldReviewRequired, FieldReviewAllowSelf:
		if b, err := strconv.ParseBool(v); err == nil {
			return map[bool]string{true: "oui", false: "non"}[b], true
		}
	}
	return v, dossierFieldLabel(field) != ""
}

// FieldLabels are the French names of fields, in order.
func FieldLabels(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = FieldLabel(f)
	}
	return out
}

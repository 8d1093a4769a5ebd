package rem

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// generalProfile is the mandatory profile every dossier has.
const generalProfile = "Général"

// item is one logical row read from a spreadsheet row or a PDF table row,
// before merging: a requirement row, or a continuation carrying only a
// scenario and its proofs.
type item struct {
	where        string
	id           string
	sectionCode  string
	sectionLabel string
	nature       string
	conditional  string
	profile      string
	statement    string
	bloc         string
	function     string
	scenarioID   string
	scenarioText string
	proofs       []dossier.ProofSlot
	perimeter    string // the REM of the row, in a workbook holding several
	status       string // publication or review status, as written
	previous     string // the ID(s) in the previous wave ("VA N-1")
}

func (it *item) blank() bool {
	return it.id == "" && it.statement == "" && it.scenarioID == "" && it.scenarioText == "" &&
		len(it.proofs) == 0 && it.profile == "" && it.sectionLabel == ""
}

// entry is a requirement being assembled.
type entry struct {
	req      dossier.Requirement
	where    string
	conflict bool
	raw      string // the statement cell as written, to compare rows cheaply
}

// builder merges items into requirements, in order of first appearance,
// and collects sections, profiles, skipped rows and duplicates.
type builder struct {
	rep       *Report
	entries   []*entry
	byID      map[string]*entry
	last      *entry
	sections  []dossier.Section
	sectionIx map[string]int
	profiles  []string
	profileIx map[string]bool
	conflicts []string
	obsolete  map[string]bool
}

func newBuilder(rep *Report) *builder {
	return &builder{
		rep:       rep,
		byID:      map[string]*entry{},
		sectionIx: map[string]int{},
		profileIx: map[string]bool{generalProfile: true},
		obsolete:  map[string]bool{},
	}
}

// add merges one item into the catalogue being built.
func (b *builder) add(it item) {
	if it.id == "" {
		switch {
		case it.blank():
			b.rep.skip(it.where, "ligne vide")
		case b.last != nil && it.statement == "" && (it.scenarioID != "" || it.scenarioText != "" || len(it.proofs) > 0):
			b.addScenario(b.last, it) // continuation row of the previous requirement
		default:
			b.rep.skip(it.where, "aucun identifiant d'exigence sur cette ligne")
		}
		return
	}
	id, ok := parseReqID(it.id)
	if ok && obsoleteStatus(it.status) {
		b.rep.skip(it.where, fmt.Sprintf("exigence %s obsolète (statut « %s »)", id.Full, cleanText(it.status)))
		b.obsolete[id.Full] = true
		return
	}
	switch {
	case placeholderID(it.id):
		b.rep.skip(it.where, fmt.Sprintf("identifiant provisoire « %s », pas encore numéroté", cleanID(it.id)))
		return
	case !ok:
		b.rep.skip(it.where, fmt.Sprintf("« %s » n'a pas la forme d'un numéro d'exigence", cleanID(it.id)))
		return
	}
	e, seen := b.byID[id.Full]
	if !seen && cleanText(it.statement) == "" {
		b.rep.skip(it.where, fmt.Sprintf("exigence %s sans énoncé", id.Full))
		return
	}
	if !seen {
		e = &entry{where: it.where, req: dossier.Requirement{ID: id.Full, ShortID: id.Short}}
		b.byID[id.Full] = e
		b.entries = append(b.entries, e)
		b.fill(e, id, it)
	} else {
		b.merge(e, it)
	}
	b.addScenario(e, it)
	b.last = e
}

// fill sets the fields of a new requirement from its first row.
func (b *builder) fill(e *entry, id reqID, it item) {
	r := &e.req
	code := id.Section
	if c, ok := sectionCode(it.sectionCode); ok && it.sectionCode != "" {
		code = c
	}
	r.Section = code
	b.addSection(code, it.sectionLabel)
	r.Statement, e.raw = plainText(it.statement), it.statement
	r.Nature = parseNature(it.nature, r.Statement)
	r.Bloc = cleanText(it.bloc)
	r.Function = cleanText(it.function)
	r.ProofTypes = []string{}
	r.Profiles = b.addProfiles(it.conditional, it.profile)
	r.NoProfile = dashes(it.conditional) || dashes(it.profile)
	if nonFinalStatus(it.status) {
		r.NonFinal = cleanText(it.status)
	}
	b.addPrevious(e, it.previous)
}

// addPrevious records the previous-wave IDs of a row.
func (b *builder) addPrevious(e *entry, cell string) {
	for _, f := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '|' }) {
		if id, ok := normalizeID(f); ok && id != e.req.ID && !contains(e.req.PreviousIDs, id) {
			e.req.PreviousIDs = append(e.req.PreviousIDs, id)
		}
	}
}

// merge folds a later row with the same ID into the requirement, and
// records a duplicate when the rows are not contiguous.
func (b *builder) merge(e *entry, it item) {
	st := e.req.Statement
	if it.statement != e.raw {
		st = plainText(it.statement)
	}
	if st != "" && e.req.Statement != "" && st != e.req.Statement {
		if e.conflict {
			return // reported once per requirement
		}
		e.conflict = true
		b.rep.Duplicates = append(b.rep.Duplicates, Duplicate{ID: e.req.ID, Where: []string{e.where, it.where}, Conflict: true})
		b.conflicts = append(b.conflicts, fmt.Sprintf("%s (%s et %s)", e.req.ID, e.where, it.where))
		return
	}
	if b.last != e {
		b.rep.Duplicates = append(b.rep.Duplicates, Duplicate{ID: e.req.ID, Where: []string{e.where, it.where}})
	}
	if e.req.Statement == "" {
		e.req.Statement, e.raw = st, it.statement
	}
	b.addPrevious(e, it.previous)
	for _, p := range b.addProfiles(it.conditional, it.profile) {
		if !contains(e.req.Profiles, p) && (p != generalProfile || it.profile != "") {
			e.req.Profiles = append(e.req.Profiles, p)
		}
	}
}

// addScenario adds the scenario and proofs of the row, merging with a
// scenario of the same number already seen.
func (b *builder) addScenario(e *entry, it item) {
	scID, scText := scenarioID(e.req.ID, it.scenarioID), plainText(it.scenarioText)
	if scID == "" && scText == "" && len(it.proofs) == 0 {
		return
	}
	r := &e.req
	var sc *dossier.Scenario
	for i := range r.Scenarios {
		s := &r.Scenarios[i]
		if (scID != "" && s.ID == scID) || (scID == "" && (scText == "" || s.Text == scText)) {
			sc = s
			break
		}
	}
	if sc == nil {
		r.Scenarios = append(r.Scenarios, dossier.Scenario{ID: scID, Text: scText})
		sc = &r.Scenarios[len(r.Scenarios)-1]
	}
	if sc.Text == "" {
		sc.Text = scText
	}
	b.addProofs(sc, it.proofs)
}

// addProofs adds proofs to a scenario, skipping those it already has.
func (b *builder) addProofs(sc *dossier.Scenario, proofs []dossier.ProofSlot) {
	for _, p := range proofs {
		p.ID, p.Text = cleanID(p.ID), plainText(p.Text)
		if p.ID == "" && p.Text == "" {
			continue
		}
		dup := false
		for _, q := range sc.Proofs {
			if q.ID == p.ID && (p.ID != "" || q.Text == p.Text) {
				dup = true
				break
			}
		}
		if !dup {
			sc.Proofs = append(sc.Proofs, p)
		}
	}
}

func (b *builder) addSection(code, label string) {
	label = cleanText(label)
	if i, ok := b.sectionIx[code]; ok {
		if b.sections[i].Label == code && label != "" {
			b.sections[i].Label = label
		}
		return
	}
	if label == "" {
		label = code
	}
	b.sectionIx[code] = len(b.sections)
	b.sections = append(b.sections, dossier.Section{Code: code, Label: label})
}

// addProfiles resolves the profile cell of a row: Général when the
// requirement is not conditional or names no profile, else the profiles
// named (one per line or separated by semicolons).
func (b *builder) addProfiles(conditional, cell string) []string {
	var out []string
	if f := dossier.Fold(conditional); f == "non" || f == "no" || dashes(conditional) {
		cell = ""
	}
	if dashes(cell) {
		cell = ""
	}
	for _, p := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == '\n' }) {
		p = cleanText(p)
		switch dossier.Fold(p) {
		case "", "general", "socle", "socle commun", "tous", "tous profils":
			p = generalProfile
		}
		if !b.profileIx[p] {
			b.profileIx[p] = true
			b.profiles = append(b.profiles, p)
		}
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{generalProfile}
	}
	return out
}

// catalogue finishes the build. It returns an error naming the rows when
// duplicate IDs carry different statements, or when nothing was found.
func (b *builder) catalogue(where string) (*dossier.Catalogue, error) {
	for id := range b.obsolete {
		if _, imported := b.byID[id]; !imported {
			b.rep.Obsolete++
		}
	}
	kept := b.entries[:0]
	for _, e := range b.entries {
		if e.req.Statement == "" {
			b.rep.skip(e.where, fmt.Sprintf("exigence %s sans énoncé", e.req.ID))
			delete(b.byID, e.req.ID)
			continue
		}
		kept = append(kept, e)
	}
	b.entries = kept
	if len(b.conflicts) > 0 {
		return nil, dossier.ED(dossier.FaultDuplicateIDs, b.rep.Source, strings.Join(b.conflicts, " ; "), nil)
	}
	if len(b.entries) == 0 {
		return nil, dossier.E(dossier.FaultNoRequirement, where, nil)
	}
	c := &dossier.Catalogue{Sections: b.sections}
	c.Profiles = append(c.Profiles, dossier.Profile{Name: generalProfile, Mandatory: true})
	for _, p := range b.profiles {
		if p != generalProfile {
			c.Profiles = append(c.Profiles, dossier.Profile{Name: p})
		}
	}
	for _, e := range b.entries {
		c.Requirements = append(c.Requirements, e.req)
	}
	return c, nil
}

// parseNature reads a nature cell (EXIGENCE, PRECONISATION, DOIT, PEUT…);
// when empty, the statement's DOIT/PEUT decides, exigence by default.
func parseNature(cell, statement string) dossier.Nature {
	f := dossier.Fold(cell)
	switch {
	case strings.Contains(f, "precon") || strings.Contains(f, "recommand") || f == "peut" || f == "preco":
		return dossier.Preconisation
	case f != "":
		return dossier.Exigence
	}
	if strings.Contains(statement, " PEUT ") && !strings.Contains(statement, " DOIT ") {
		return dossier.Preconisation
	}
	return dossier.Exigence
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dashes tells whether a cell is a placeholder of dashes ("---").
func dashes(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "-–— ") == ""
}

// scenarioID normalises a scenario number; a number written relative to
// its requirement ("08.01" under CDA/INT.08) is completed.
func scenarioID(reqID, cell string) string {
	id := cleanID(cell)
	if id == "" || (id[0] < '0' || id[0] > '9') {
		return id
	}
	if i := strings.LastIndexByte(reqID, '.'); i >= 0 {
		num := reqID[i+1:]
		if strings.HasPrefix(id, num+".") {
			return reqID + id[len(num):]
		}
		return reqID + "." + id
	}
	return id
}

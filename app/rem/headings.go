package rem

import (
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// role is what a table column holds, told from its heading.
type role int

const (
	roleNone role = iota
	roleOther
	roleConditional
	roleProfile
	roleSectionCode
	roleSection
	roleBloc
	roleFunction
	roleNature
	roleCriticity
	roleID
	roleStatement
	roleScenarioID
	roleScenario
	roleProofID
	roleProof
	rolePerimeter
	roleStatus
	rolePrevious
)

// column is a classified heading: its role and, for numbered proofs
// ("N° preuve 3"), the proof rank.
type column struct {
	role role
	rank int
}

// normHeading folds a heading for matching: lower case, no accents, "N°"
// as "n", punctuation as spaces, single spaces, and the words that do not
// matter ("de", "l'", "la", "ou", the "req_version_" and "cuf" of Squash TM
// exports) dropped.
func normHeading(s string) string {
	s = strings.ReplaceAll(dossier.Fold(s), "n°", "n ")
	s = strings.ReplaceAll(s, "nº", "n ")
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for i, w := range words {
		switch w {
		case "de", "du", "des", "d", "l", "la", "le", "les", "ou", "et", "cuf":
			continue
		case "req", "version":
			if i < 2 {
				continue // REQ_VERSION_REFERENCE → reference
			}
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// headingRule maps normalised headings to a role: exact forms, and
// prefixes (the words that matter come first in ANS headings).
type headingRule struct {
	role     role
	exact    []string
	prefixes []string
}

// headingRules are tried in order; the first match wins. Typos of one
// letter in a word of five letters or more are tolerated (see wordsMatch).
var headingRules = []headingRule{
	{roleConditional, []string{"conditionnelle"}, []string{"exigence conditionnelle"}},
	{roleOther, []string{"commentaire", "ordre", "bloc fonctionnel", "name", "criticality", "note interne",
		"reference socle", "description socle", "id squash", "critere verifies", "criteres verifies", "path"}, []string{"profil historique", "note interne", "id exigence socle", "commentaire"}},
	{rolePrevious, []string{"va n 1", "id vague 1", "reference vague1", "reference vague 1", "id va1", "reference va1", "id vague precedente", "vague precedente"}, nil},
	{roleProfile, nil, []string{"profil"}},
	{roleSectionCode, []string{"id section", "code section", "n section"}, nil},
	{roleSection, []string{"section", "chapitre", "domaine"}, nil},
	{roleBloc, []string{"bloc"}, nil},
	{roleFunction, []string{"fonction", "fonctionnalite"}, nil},
	{roleNature, []string{"type", "type exigence", "category", "categorie"}, []string{"nature"}},
	{roleCriticity, nil, []string{"criticite"}},
	{roleStatus, []string{"status", "statut", "evolution", "arbitrage", "etat"}, []string{"statut"}},
	{roleID, []string{"identifiant", "n exigence", "id exigence", "numero exigence", "reference", "ref",
		"n", "exigence n", "code exigence", "reference exigence", "id requirement"}, nil},
	{roleStatement, []string{"exigence", "description", "texte exigence", "description modifiee"}, []string{"enonce", "libelle", "intitule"}},
	{roleScenarioID, []string{"n scenario", "id scenario", "numero scenario", "ref scenario", "reference scenario"}, nil},
	{roleScenario, nil, []string{"scenario"}},
	{roleProofID, []string{"n preuve", "id preuve", "numero preuve"}, nil},
	{roleProof, []string{"preuve", "preuves", "preuve attendue"}, nil},
	{rolePerimeter, []string{"perimetre", "rem", "project name", "projet", "couloir"}, nil},
}

// classify tells the role of a heading of the published REM, Convergence,
// Squash TM or PDF annex tables.
func classify(heading string) column {
	h := normHeading(heading)
	if h == "" {
		return column{}
	}
	if h == "id" {
		return column{role: roleID} // "ID" alone is the requirement ID
	}
	if r, ok := matchRules(h); ok {
		return column{role: r, rank: 1}
	}
	// A numbered heading ("N° preuve 3", "Exigence 2"): the rank apart.
	words := strings.Fields(h)
	if len(words) > 1 {
		if n, err := strconv.Atoi(words[len(words)-1]); err == nil && n > 0 && n < 100 {
			if r, ok := matchRules(strings.Join(words[:len(words)-1], " ")); ok {
				return column{role: r, rank: n}
			}
		}
	}
	return column{}
}

// matchRules is the role of the first rule a normalised heading matches.
func matchRules(h string) (role, bool) {
	for _, rule := range headingRules {
		for _, e := range rule.exact {
			if wordsMatch(h, e, false) {
				return rule.role, true
			}
		}
		for _, p := range rule.prefixes {
			if wordsMatch(h, p, true) {
				return rule.role, true
			}
		}
	}
	return roleNone, false
}

// wordsMatch compares a heading with a pattern word by word (or with the
// first words of the heading when prefix), tolerating one wrong, missing
// or extra letter in words of five letters or more.
func wordsMatch(h, pattern string, prefix bool) bool {
	hw, pw := strings.Fields(h), strings.Fields(pattern)
	if len(hw) < len(pw) || (!prefix && len(hw) != len(pw)) {
		return false
	}
	for i, p := range pw {
		w := hw[i]
		if prefix && i == len(pw)-1 && strings.HasPrefix(w, p) {
			continue
		}
		if w != p && (len(p) < 5 || !oneEdit(w, p)) {
			return false
		}
	}
	return true
}

// oneEdit tells whether a and b differ by at most one substitution,
// insertion or deletion.
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i+1:] == b[i:]
}

// headingMap is the layout of a table: column index by role, proofs by
// rank, and the other columns whose heading could also be the ID.
type headingMap struct {
	col      map[role]int
	proofIDs map[int]int
	proofs   map[int]int
	idCands  []int
	known    int
	names    []string // the headings as written, for the dry run
	idChosen bool     // the ID column was chosen from the values
	reqRefs  []int    // "Exigence 1‥10" of a business scenarios sheet
}

// business tells whether the headings are those of a business scenarios
// sheet: several numbered "Exigence N" columns naming requirements.
func (m headingMap) business() bool { return len(m.reqRefs) >= 2 }

// mapHeadings classifies a row of headings; the first column of each role
// wins, except the ID, chosen later from the values (chooseID).
func mapHeadings(cells []string) headingMap {
	m := headingMap{col: map[role]int{}, proofIDs: map[int]int{}, proofs: map[int]int{}, names: cells}
	for i, c := range cells {
		k := classify(c)
		switch k.role {
		case roleNone:
			continue
		case roleProofID:
			if _, ok := m.proofIDs[k.rank]; !ok {
				m.proofIDs[k.rank] = i
			}
		case roleProof:
			if _, ok := m.proofs[k.rank]; !ok {
				m.proofs[k.rank] = i
			}
		case roleStatement:
			if k.rank > 1 || strings.HasSuffix(normHeading(c), " 1") {
				m.reqRefs = append(m.reqRefs, i)
			}
			if _, ok := m.col[k.role]; !ok {
				m.col[k.role] = i
			}
		case roleID:
			m.idCands = append(m.idCands, i)
			if _, ok := m.col[k.role]; !ok {
				m.col[k.role] = i
			}
		default:
			if _, ok := m.col[k.role]; !ok {
				m.col[k.role] = i
			}
		}
		m.known++
	}
	return m
}

// usable tells whether the headings are enough to read requirements.
func (m headingMap) usable() bool {
	_, id := m.col[roleID]
	_, st := m.col[roleStatement]
	return id && st && m.known >= 3
}

// chooseID keeps, among the columns whose heading could be the ID, the one
// whose values look most like REM identifiers (a Squash numeric "id
// exigence" next to "reference" loses).
func (m *headingMap) chooseID(rows [][]string) {
	m.idChosen = true
	if len(m.idCands) < 2 {
		return
	}
	best, bestN := m.idCands[0], -1
	for _, c := range m.idCands {
		n := 0
		for _, r := range rows {
			if c < len(r) && looksLikeID(r[c]) {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	m.col[roleID] = best
}

// layout names the ANS layout the headings belong to.
func (m headingMap) layout() string {
	if _, ok := m.col[rolePerimeter]; ok && len(m.proofIDs) <= 1 {
		if _, st := m.col[roleStatus]; st && len(m.proofs) == 1 && len(m.proofIDs) == 0 {
			return "classeur de travail"
		}
		return "convergence"
	}
	if _, ok := m.col[roleConditional]; ok {
		return "rem"
	}
	if len(m.proofIDs) <= 1 {
		return "convergence"
	}
	return "rem"
}

// expectedHeadings is quoted in the dry run when no table is found.
const expectedHeadings = "« N° exigence » ou « ID », et « Énoncé (DOIT) ou préconisation (PEUT) » ou « Exigence »"

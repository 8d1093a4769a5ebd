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
)

// column is a classified heading: its role and, for numbered proofs
// ("N° preuve 3"), the proof rank.
type column struct {
	role role
	rank int
}

// normHeading folds a heading for matching: lower case, no accents, "N°"
// as "n", punctuation as spaces, single spaces.
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
	return strings.Join(strings.Fields(b.String()), " ")
}

// classify tells the role of a heading of the published REM, Convergence
// or PDF annex tables.
func classify(heading string) column {
	h := normHeading(heading)
	words := strings.Fields(h)
	rank := 1
	if len(words) > 1 {
		if n, err := strconv.Atoi(words[len(words)-1]); err == nil && n > 0 && n < 100 {
			rank = n
			h = strings.Join(words[:len(words)-1], " ")
		}
	}
	has := func(p string) bool { return strings.HasPrefix(h, p) }
	switch {
	case h == "":
		return column{}
	case has("exigence conditionnelle"), h == "conditionnelle":
		return column{role: roleConditional}
	case has("profil historique"), h == "commentaire", h == "ordre", h == "bloc fonctionnel":
		return column{role: roleOther}
	case has("profil"):
		return column{role: roleProfile}
	case h == "id section", h == "code section", h == "n section":
		return column{role: roleSectionCode}
	case h == "section", h == "chapitre", h == "domaine":
		return column{role: roleSection}
	case h == "bloc":
		return column{role: roleBloc}
	case h == "fonction", h == "fonctionnalite":
		return column{role: roleFunction}
	case has("nature"), h == "type", h == "type d exigence":
		return column{role: roleNature}
	case has("criticite"):
		return column{role: roleCriticity}
	case h == "id", h == "identifiant", h == "n exigence", h == "id exigence", h == "numero exigence",
		h == "numero d exigence", h == "reference", h == "ref", h == "n", h == "exigence n", h == "code exigence":
		return column{role: roleID}
	case has("enonce"), h == "exigence", has("libelle"), h == "description", has("intitule"), h == "texte de l exigence":
		return column{role: roleStatement}
	case h == "n scenario", h == "id scenario", h == "numero scenario":
		return column{role: roleScenarioID}
	case has("scenario"):
		return column{role: roleScenario}
	case h == "n preuve", h == "id preuve", h == "numero preuve":
		return column{role: roleProofID, rank: rank}
	case h == "preuve", h == "preuves", h == "preuve attendue":
		return column{role: roleProof, rank: rank}
	case h == "perimetre":
		return column{role: rolePerimeter}
	}
	return column{}
}

// headingMap is the layout of a table: column index by role, proofs by rank.
type headingMap struct {
	col      map[role]int
	proofIDs map[int]int
	proofs   map[int]int
	known    int
}

// mapHeadings classifies a row of headings; the first column of each role
// wins.
func mapHeadings(cells []string) headingMap {
	m := headingMap{col: map[role]int{}, proofIDs: map[int]int{}, proofs: map[int]int{}}
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

// layout names the ANS layout the headings belong to.
func (m headingMap) layout() string {
	if _, ok := m.col[rolePerimeter]; ok {
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

// expectedHeadings is quoted in error messages.
const expectedHeadings = "« N° exigence » ou « ID », et « Énoncé (DOIT) ou préconisation (PEUT) » ou « Exigence »"

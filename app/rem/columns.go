package rem

import (
	"sort"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// Columns maps column roles (keys of ColumnRoles) to 0-based column
// indexes: the user's own mapping of a layout whose headings are not
// recognised.
type Columns map[string]int

// ColumnRole is a role a user may give a column.
type ColumnRole struct {
	Key   string // as written in --columns: "id", "enonce"…
	Label string // French label for the mapping dialog
	role  role
}

// ColumnRoles lists the roles a column may be mapped to, ID and statement
// first (both are needed).
var ColumnRoles = []ColumnRole{
	{"id", "Identifiant de l'exigence", roleID},
	{"enonce", "Énoncé", roleStatement},
	{"profil", "Profil", roleProfile},
	{"section", "Section", roleSection},
	{"nature", "Nature (exigence ou préconisation)", roleNature},
	{"fonction", "Fonction (titre court)", roleFunction},
	{"bloc", "Bloc", roleBloc},
	{"n_scenario", "N° de scénario", roleScenarioID},
	{"scenario", "Scénario", roleScenario},
	{"n_preuve", "N° de preuve", roleProofID},
	{"preuve", "Preuve", roleProof},
	{"perimetre", "REM (périmètre)", rolePerimeter},
	{"statut", "Statut", roleStatus},
	{"va_n_1", "Identifiant de la vague précédente", rolePrevious},
}

// ParseColumns reads a mapping written "id=H,enonce=I,profil=B".
func ParseColumns(spec string) (Columns, error) {
	out := Columns{}
	keys := make([]string, len(ColumnRoles))
	for i, r := range ColumnRoles {
		keys[i] = r.Key
	}
	known := strings.Join(keys, ", ")
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		idx, err := excelize.ColumnNameToNumber(strings.ToUpper(strings.TrimSpace(v)))
		if !ok || err != nil || !validKey(k) {
			return nil, dossier.ED(dossier.FaultBadColumns, part, known, err)
		}
		out[k] = idx - 1
	}
	if _, ok := out["id"]; !ok {
		return nil, dossier.ED(dossier.FaultBadColumns, "id manquant", known, nil)
	}
	if _, ok := out["enonce"]; !ok {
		return nil, dossier.ED(dossier.FaultBadColumns, "enonce manquant", known, nil)
	}
	return out, nil
}

func validKey(k string) bool {
	for _, r := range ColumnRoles {
		if r.Key == k {
			return true
		}
	}
	return false
}

// String writes the mapping back as ParseColumns reads it.
func (c Columns) String() string {
	var parts []string
	for _, r := range ColumnRoles {
		if i, ok := c[r.Key]; ok {
			name, _ := excelize.ColumnNumberToName(i + 1)
			parts = append(parts, r.Key+"="+name)
		}
	}
	return strings.Join(parts, ",")
}

// headingMap is the table layout the mapping gives.
func (c Columns) headingMap(names []string) headingMap {
	m := headingMap{col: map[role]int{}, proofIDs: map[int]int{}, proofs: map[int]int{}, names: names}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, r := range ColumnRoles {
			if r.Key != k {
				continue
			}
			switch r.role {
			case roleProofID:
				m.proofIDs[1] = c[k]
			case roleProof:
				m.proofs[1] = c[k]
			default:
				m.col[r.role] = c[k]
			}
			m.known++
		}
	}
	return m
}

// ColumnName is the spreadsheet letter of a 0-based column index.
func ColumnName(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}

// SuggestColumns maps the headings found ("A : Réf.", as in
// Report.Headings) whose role is recognised: a starting point for the
// user's own mapping.
func SuggestColumns(headings []string) Columns {
	out := Columns{}
	for _, h := range headings {
		letter, text, ok := strings.Cut(h, " : ")
		idx, err := excelize.ColumnNameToNumber(letter)
		if !ok || err != nil {
			continue
		}
		k := classify(text)
		for _, r := range ColumnRoles {
			if _, taken := out[r.Key]; r.role == k.role && !taken {
				out[r.Key] = idx - 1
			}
		}
	}
	return out
}

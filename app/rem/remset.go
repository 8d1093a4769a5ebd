package rem

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// A workbook may hold several REMs at once: the ANS's working workbooks
// have a "REM" column (DB, LGC, RIS…), Squash TM exports a PROJECT_NAME
// ("REM_RIS_Radiologie [va2]"). Rows are built per REM, so that duplicate
// IDs are judged within one REM, and the user chooses which to import.

// remSet builds the REMs of one sheet, in order of first appearance.
type remSet struct {
	source string
	order  []string
	byCode map[string]*remBuild
	last   string    // the REM of the last row, for rows that name none
	blanks []Skipped // blank rows, which belong to no REM
}

// remBuild is one REM being built.
type remBuild struct {
	label string // as written in the sheet
	rep   Report
	b     *builder
}

func newRemSet(source string) *remSet {
	return &remSet{source: source, byCode: map[string]*remBuild{}}
}

// squashProject reads the REM code of a Squash TM project name.
var squashProject = regexp.MustCompile(`^REM[_ ]([A-Za-z0-9]+)[_ ]`)

// perimeterCode is the short code of a perimeter cell: "RIS" for
// "REM_RIS_Radiologie [va2]", the cell itself otherwise.
func perimeterCode(s string) string {
	s = cleanText(s)
	if m := squashProject.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

func (s *remSet) add(it item) {
	code := perimeterCode(it.perimeter)
	if code == "" {
		code = s.last
	}
	s.last = code
	rb, ok := s.byCode[code]
	if !ok {
		rb = &remBuild{label: cleanText(it.perimeter), rep: newReport(s.source, "xlsx")}
		rb.b = newBuilder(&rb.rep)
		s.byCode[code] = rb
		s.order = append(s.order, code)
	}
	rb.b.add(it)
}

func (s *remSet) skipBlank(where string) {
	s.blanks = append(s.blanks, Skipped{Where: where, Reason: "ligne vide"})
}

// count is the number of requirements read, all REMs together.
func (s *remSet) count() int {
	n := 0
	for _, rb := range s.byCode {
		n += len(rb.b.entries)
	}
	return n
}

// perimeters is the requirement count of each REM, when there are several.
func (s *remSet) perimeters() map[string]int {
	if len(s.named()) < 2 {
		return nil
	}
	out := map[string]int{}
	for _, code := range s.named() {
		out[code] = len(s.byCode[code].b.entries)
	}
	return out
}

// named lists the codes of the REMs that hold requirements.
func (s *remSet) named() []string {
	var out []string
	for _, code := range s.order {
		if len(s.byCode[code].b.entries) > 0 {
			out = append(out, code)
		}
	}
	return out
}

// choose picks the REM to build: the only one, or the one asked for
// (by code or by name, case- and accent-insensitively).
func (s *remSet) choose(asked string) (*remBuild, error) {
	named := s.named()
	if asked == "" {
		switch len(named) {
		case 0:
			if len(s.order) > 0 {
				return s.byCode[s.order[0]], nil
			}
			rb := &remBuild{rep: newReport(s.source, "xlsx")}
			rb.b = newBuilder(&rb.rep)
			return rb, nil
		case 1:
			return s.byCode[named[0]], nil
		}
		return nil, dossier.ED(dossier.FaultChooseREM, s.source, s.describe(), nil)
	}
	for _, code := range named {
		rb := s.byCode[code]
		if dossier.Fold(code) == dossier.Fold(asked) || dossier.Fold(rb.label) == dossier.Fold(asked) {
			return rb, nil
		}
	}
	return nil, dossier.ED(dossier.FaultUnknownREM, asked, s.describe(), nil)
}

// describe lists the REMs with their counts: "DB (120), LGC (80)".
func (s *remSet) describe() string {
	named := s.named()
	sort.Strings(named)
	parts := make([]string, len(named))
	for i, code := range named {
		parts[i] = fmt.Sprintf("%s (%d)", code, len(s.byCode[code].b.entries))
	}
	if len(parts) == 0 {
		return "aucun"
	}
	return strings.Join(parts, ", ")
}

// orphanSkips are the skipped rows of groups that hold no requirement
// (a row whose REM cell names no REM of the file): they are reported with
// the REM imported.
func (s *remSet) orphanSkips() []Skipped {
	var out []Skipped
	for _, code := range s.order {
		if rb := s.byCode[code]; len(rb.b.entries) == 0 {
			out = append(out, rb.rep.Skipped...)
		}
	}
	return out
}

package rem

import (
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Result is what an import produces: the catalogue and the dry-run report
// to show before anything changes.
type Result struct {
	Catalogue *dossier.Catalogue `json:"-"`
	Report    Report             `json:"report"`
}

// Report is the dry-run summary of an import. Its JSON form is what
// `import-rem --json` prints.
type Report struct {
	Source         string         `json:"source"`
	Format         string         `json:"format"`          // "xlsx" or "pdf"
	Layout         string         `json:"layout"`          // "rem", "convergence", "pdf-table" or "pdf-text"
	Sheet          string         `json:"sheet,omitempty"` // XLSX: the sheet read
	Pages          int            `json:"pages,omitempty"` // PDF: number of pages
	Requirements   int            `json:"requirements"`
	Sections       map[string]int `json:"sections"`
	Profiles       map[string]int `json:"profiles"`
	Exigences      int            `json:"exigences"`
	Preconisations int            `json:"preconisations"`
	Scenarios      int            `json:"scenarios"`
	Proofs         int            `json:"proofs"`
	Skipped        []Skipped      `json:"skipped"`
	Duplicates     []Duplicate    `json:"duplicates"`
}

// Skipped is a row or page that was not imported, and why (in French).
type Skipped struct {
	Where  string `json:"where"` // "feuille Exigences, ligne 12" or "page 7"
	Reason string `json:"reason"`
}

// Duplicate is a requirement ID met more than once outside a contiguous
// block of rows. Conflict is true when the statements differ, which makes
// the import fail.
type Duplicate struct {
	ID       string   `json:"id"`
	Where    []string `json:"where"`
	Conflict bool     `json:"conflict"`
}

// newReport returns a report whose maps and slices marshal as {} and [],
// never null.
func newReport(source, format string) Report {
	return Report{
		Source:     source,
		Format:     format,
		Sections:   map[string]int{},
		Profiles:   map[string]int{},
		Skipped:    []Skipped{},
		Duplicates: []Duplicate{},
	}
}

// count fills the counters of the report from the catalogue.
func (rep *Report) count(c *dossier.Catalogue) {
	rep.Requirements = len(c.Requirements)
	for _, r := range c.Requirements {
		rep.Sections[r.Section]++
		for _, p := range r.Profiles {
			rep.Profiles[p]++
		}
		if r.Nature == dossier.Preconisation {
			rep.Preconisations++
		} else {
			rep.Exigences++
		}
		rep.Scenarios += len(r.Scenarios)
		rep.Proofs += len(r.ProofSlots())
	}
}

func (rep *Report) skip(where, reason string) {
	rep.Skipped = append(rep.Skipped, Skipped{Where: where, Reason: reason})
}

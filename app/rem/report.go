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
	// Perimetres is the requirement count of each REM of a workbook that
	// holds several (code → count); Perimetre is the one imported.
	Perimetres map[string]int `json:"perimetres,omitempty"`
	Perimetre  string         `json:"perimetre,omitempty"`
	// Obsolete counts the requirements withdrawn by their status, not
	// imported; NonFinal and NoProfile list the IDs imported with a
	// non-final status and without a profile ("---": applies whatever the
	// profiles).
	Obsolete  int      `json:"obsolete"`
	NonFinal  []string `json:"non_final"`
	NoProfile []string `json:"no_profile"`
	// BusinessSheet is the business scenarios sheet read; BusinessScenarios
	// counts its scenarios linked to requirements, Unlinked the IDs it
	// names that the REM lacks.
	BusinessSheet     string   `json:"business_sheet,omitempty"`
	BusinessScenarios int      `json:"business_scenarios,omitempty"`
	Unlinked          []string `json:"unlinked,omitempty"`
	// Headings are the headings found, with their column letters, when
	// none was recognised: what --columns maps.
	Headings []string `json:"headings,omitempty"`
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
		NonFinal:   []string{},
		NoProfile:  []string{},
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
		if r.NonFinal != "" {
			rep.NonFinal = append(rep.NonFinal, r.ID)
		}
		if r.NoProfile {
			rep.NoProfile = append(rep.NoProfile, r.ID)
		}
	}
}

func (rep *Report) skip(where, reason string) {
	rep.Skipped = append(rep.Skipped, Skipped{Where: where, Reason: reason})
}

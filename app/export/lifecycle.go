package export

import (
	"slices"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// RequestEntry is an open ANS request as the package answers it.
type RequestEntry struct {
	N        int      `json:"n"`
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Due      string   `json:"due"`
	DaysLeft int      `json:"days_left"`
	Reqs     []string `json:"requirements"`
	// Answered lists the requirements whose proofs changed since the
	// request and that this package carries.
	Answered []string `json:"answered"`
}

// addLifecycle fills in the package kind, the requirement list, the open
// requests and the decision.
func addLifecycle(m *Manifest, p *plan) {
	m.Package = p.scope.info
	m.Requirements = requirementEntries(p)
	m.Decision = p.snap.Info.Decision
	m.Requests = requestEntries(p, m.ExportedAt)
}

// requestEntries lists the open requests with what the package answers.
func requestEntries(p *plan, now time.Time) []RequestEntry {
	tracking := dossier.TrackingOf(p.snap, now)
	var out []RequestEntry
	for _, r := range p.snap.Requests {
		if r.Closed {
			continue
		}
		e := RequestEntry{N: r.N, Kind: r.Kind.Label(), Text: r.Text, Due: r.Due, DaysLeft: r.DaysLeft(now), Reqs: r.Reqs, Answered: []string{}}
		for _, id := range r.Reqs {
			for _, o := range tracking[id].Open {
				if o.N == r.N && o.Answered && p.scope.carries(p.snap.Info, id) && len(p.byReq[id]) > 0 {
					e.Answered = append(e.Answered, id)
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// RequestsSheet is the workbook sheet answering the ANS requests.
const RequestsSheet = "Réponses aux demandes"

// writeRequestsSheet adds the "Réponses aux demandes" sheet when requests
// are open: one row per request and requirement, with the files this
// package carries in answer.
func writeRequestsSheet(f *excelize.File, p *plan) error {
	entries := requestEntries(p, p.now)
	if len(entries) == 0 {
		return nil
	}
	if _, err := f.NewSheet(RequestsSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(RequestsSheet)
	if err != nil {
		return err
	}
	for i, wd := range []float64{6, 22, 50, 12, 18, 16, 30, 60} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	head := []any{"N°", "Type", "Demande", "Échéance", "Délai", "Exigence", "Réponse", "Fichiers joints"}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	row := 2
	for _, e := range entries {
		for _, id := range e.Reqs {
			answer, files := "pas de preuve modifiée depuis la demande", ""
			if slices.Contains(e.Answered, id) {
				answer = "preuves modifiées, jointes à ce paquet"
				var paths []string
				for _, en := range p.entriesOf(id) {
					paths = append(paths, en.path)
				}
				files = strings.Join(paths, "\n")
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			vals := []any{e.N, e.Kind, e.Text, dossier.FrenchDayOf(e.Due), dossier.Countdown(e.DaysLeft), id, answer, files}
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}

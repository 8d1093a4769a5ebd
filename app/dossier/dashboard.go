package dossier

// Dashboard is where the dossier stands: the overview (per section, a
// count per status and of blocking gaps), the completeness report, and
// what blocks the final export grouped by kind of gap. The GUI's home
// view, `status` in the CLI and a page of the PDF report show it.
type Dashboard struct {
	Overview
	Report Report `json:"report"`
	// Groups are the blocking gaps by kind; Warnings the warnings.
	Groups   []GapGroup `json:"groups"`
	Warnings []GapGroup `json:"warnings"`
	// Tracking counts deposits and open ANS requests; Decision is the
	// college's decision with its countdown (tracking.go, decision.go).
	Tracking TrackingCounts `json:"tracking"`
	Decision DecisionState  `json:"decision"`
}

// Final reports whether the dossier can be exported as a final package.
func (d Dashboard) Final() bool { return d.Report.Complete }

// Dashboard computes the open dossier's dashboard.
func (s *Service) Dashboard() (Dashboard, error) {
	ov, tr, ds, snap, err := s.lifeOverview()
	if err != nil {
		return Dashboard{}, err
	}
	d := BuildDashboard(snap.Catalogue, ov, Check(snap))
	d.Tracking, d.Decision = tr, ds
	return d, nil
}

// BuildDashboard joins an overview and a report of the same dossier.
func BuildDashboard(cat *Catalogue, ov Overview, rep Report) Dashboard {
	d := Dashboard{Overview: ov, Report: rep, Groups: Groups(rep.Blocking), Warnings: Groups(rep.Warnings)}
	// A copy: the overview's sections are not the dashboard's to change.
	d.Sections = append([]SectionProgress(nil), ov.Sections...)
	idx := map[string]int{}
	for i, sp := range d.Sections {
		idx[sp.Code] = i
	}
	for _, g := range rep.Blocking {
		if cat == nil || g.Req == "" {
			continue
		}
		if req, err := cat.Requirement(g.Req); err == nil {
			if i, ok := idx[req.Section]; ok {
				d.Sections[i].Blocking++
			}
		}
	}
	return d
}

package dossier

import (
	"sort"
	"strings"
)

// Row is one requirement as the walk-through shows it.
type Row struct {
	Req        *Requirement
	State      ReqState
	Applicable bool
	Evidence   int
	// Track is its deposit status and open ANS requests (tracking.go).
	Track Tracking
	// Signoff is its review (signoff.go).
	Signoff SignoffStatus
}

// Filter narrows the requirement list. Zero values match everything.
type Filter struct {
	Status        Status
	Profile       string
	Section       string
	ExigencesOnly bool
	Query         string // matches ID, short ID, summary, statement or note
	// OutOfScope also lists requirements that no longer apply but hold a
	// state or evidence from before a profile change.
	OutOfScope bool
	// Gap keeps the requirements with a blocking gap of that kind.
	Gap GapKind
	// OpenRequests keeps only requirements with an open ANS request.
	OpenRequests bool
	// Signoff keeps the requirements in that review state.
	Signoff SignoffState
}

func (f Filter) match(r Row) bool {
	if !r.Applicable && (!f.OutOfScope || !r.HasHistory()) {
		return false
	}
	if f.OpenRequests && len(r.Track.Open) == 0 {
		return false
	}
	if f.Signoff != "" && r.Signoff.State != f.Signoff {
		return false
	}
	if f.Status != "" && r.State.Status != f.Status {
		return false
	}
	if f.Section != "" && r.Req.Section != f.Section {
		return false
	}
	if f.ExigencesOnly && r.Req.Nature != Exigence {
		return false
	}
	if f.Profile != "" && !contains(r.Req.Profiles, f.Profile) {
		return false
	}
	if q := Fold(f.Query); q != "" {
		hay := Fold(r.Req.ID + " " + r.Req.ShortID + " " + r.Req.Summary + " " + r.Req.Statement + " " + r.State.Note)
		if !strings.Contains(hay, q) {
			return false
		}
	}
	return true
}

// HasHistory tells whether the requirement holds anything recorded: a
// status other than À faire, a note or evidence.
func (r Row) HasHistory() bool {
	return r.Evidence > 0 || r.State.Status != AFaire || r.State.Note != "" || r.State.Justification != ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// SectionProgress counts one section's applicable requirements and how far
// they are. Proven counts Prête; Done ("traitées", the one definition the
// application uses) counts Prête and Non applicable. Blocking counts the
// section's blocking gaps; only a Dashboard fills it.
type SectionProgress struct {
	Code       string         `json:"code"`
	Label      string         `json:"label"`
	Applicable int            `json:"applicable"`
	Proven     int            `json:"proven"`
	Done       int            `json:"done"`
	ByStatus   map[Status]int `json:"by_status"`
	Blocking   int            `json:"blocking"`
}

// Overview is the dossier's progress at a glance.
type Overview struct {
	Applicable     int               `json:"applicable"`
	Exigences      int               `json:"exigences"`
	Preconisations int               `json:"preconisations"`
	ByStatus       map[Status]int    `json:"by_status"`
	Sections       []SectionProgress `json:"sections"`
	OutOfScope     int               `json:"out_of_scope"`
	OffCatalogue   int               `json:"off_catalogue"` // kept from a previous catalogue
	Review         int               `json:"review"`        // flagged "à revoir" by a catalogue change
	Signoff        SignoffCounts     `json:"signoff"`       // validated, to validate, to correct
	Evidence       int               `json:"evidence"`
	Done           int               `json:"done"`
}

// Progress is the share of applicable requirements that are done, in [0,1].
func (o Overview) Progress() float64 {
	if o.Applicable == 0 {
		return 0
	}
	return float64(o.Done) / float64(o.Applicable)
}

// buildRows joins the catalogue with states and evidence counts.
func buildRows(c *Catalogue, profiles []string, states map[string]ReqState, counts map[string]int) []Row {
	rows := make([]Row, len(c.Requirements))
	for i := range c.Requirements {
		r := &c.Requirements[i]
		rows[i] = Row{Req: r, State: StateOf(states, r.ID), Applicable: c.Applies(r, profiles), Evidence: counts[r.ID]}
	}
	return rows
}

// offCatalogue lists the requirement IDs that hold a state or evidence but
// are not in the catalogue: kept from a previous catalogue, never deleted.
func offCatalogue(c *Catalogue, states map[string]ReqState, counts map[string]int) []string {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if _, ok := c.byID[id]; !ok && !seen[id] && !reservedReq(id) {
			seen[id] = true
			out = append(out, id)
		}
	}
	for id := range states {
		add(id)
	}
	for id, n := range counts {
		if n > 0 {
			add(id)
		}
	}
	sort.Strings(out)
	return out
}

// overviewOf computes the overview of rows.
func overviewOf(c *Catalogue, rows []Row) Overview {
	o := Overview{ByStatus: map[Status]int{}}
	for _, st := range Statuses {
		o.ByStatus[st] = 0
	}
	idx := map[string]int{}
	for _, s := range c.Sections {
		idx[s.Code] = len(o.Sections)
		o.Sections = append(o.Sections, SectionProgress{Code: s.Code, Label: s.Label, ByStatus: map[Status]int{}})
	}
	for _, r := range rows {
		o.Evidence += r.Evidence
		if !r.Applicable {
			if r.HasHistory() {
				o.OutOfScope++
			}
			continue
		}
		o.Applicable++
		if r.Req.Nature == Preconisation {
			o.Preconisations++
		} else {
			o.Exigences++
		}
		o.ByStatus[r.State.Status]++
		if r.State.Review {
			o.Review++
		}
		o.Signoff.count(r)
		sp := &o.Sections[idx[r.Req.Section]]
		sp.Applicable++
		sp.ByStatus[r.State.Status]++
		switch {
		case r.Track.Referenced:
			sp.Done++
			o.Done++
		case r.State.Status == Prete:
			sp.Proven++
			sp.Done++
			o.Done++
		case r.State.Status == NonApplicable:
			sp.Done++
			o.Done++
		}
	}
	return o
}

// OverviewOf computes the overview of a snapshot (the export's report
// reads one, not the Service).
func OverviewOf(snap Snapshot) Overview {
	sums := snap.Summaries()
	counts := countsOf(sums)
	rows := buildRows(snap.Catalogue, snap.Info.Profiles, snap.States, counts)
	applySignoff(rows, snap.Info.SignoffRules(), sums)
	o := overviewOf(snap.Catalogue, rows)
	o.Signoff.Required = snap.Info.SignoffRules().Required
	o.OffCatalogue = len(offCatalogue(snap.Catalogue, snap.States, counts))
	return o
}

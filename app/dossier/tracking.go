package dossier

import (
	"slices"
	"time"
)

// Tracking is a requirement's life after the first export: its deposit
// status, the open ANS requests on it, and whether a previous application
// already had it referenced.
type Tracking struct {
	Deposit    ReqDeposit    `json:"deposit"`
	Open       []OpenRequest `json:"open_requests,omitempty"`
	Referenced bool          `json:"referenced,omitempty"`
}

// Overdue tells whether an open request on the requirement is overdue.
func (t Tracking) Overdue() bool {
	return slices.ContainsFunc(t.Open, func(o OpenRequest) bool { return o.Overdue() && !o.Answered })
}

// TrackingCounts sums the tracking of the applicable requirements up, for
// the dashboard and `status`.
type TrackingCounts struct {
	Deposited    int `json:"deposited"`
	Changed      int `json:"changed_since_deposit"`
	Never        int `json:"never_deposited"`
	OpenRequests int `json:"open_requests"` // requests, not requirements
	Flagged      int `json:"flagged"`       // requirements with an open request
	Overdue      int `json:"overdue"`       // requirements with an overdue unanswered request
	Referenced   int `json:"referenced"`
	Rounds       int `json:"rounds"`
}

// trackingOf computes each requirement's tracking from the evidence
// summaries sums (read only when the dossier has rounds or requests).
func trackingOf(info Info, deps []Deposit, reqs []Request, sums map[string]ProofSummary, now time.Time) map[string]Tracking {
	out := map[string]Tracking{}
	track := func(id string) Tracking {
		t, ok := out[id]
		if !ok {
			t = Tracking{Deposit: depositOf(deps, id, sums[id].Set()), Referenced: info.IsReferenced(id)}
		}
		return t
	}
	for _, r := range reqs {
		if r.Closed {
			continue
		}
		for _, id := range r.Reqs {
			t := track(id)
			t.Open = append(t.Open, OpenRequest{N: r.N, Kind: r.Kind, Due: r.Due, DaysLeft: r.DaysLeft(now), Answered: r.answered(id, sums[id].Set())})
			out[id] = t
		}
	}
	for _, d := range deps {
		for id := range d.Files {
			out[id] = track(id)
		}
	}
	for id := range info.Referenced {
		out[id] = track(id)
	}
	return out
}

// addTracking fills in each row's tracking.
func (s *Service) addTracking(rows []Row, sums map[string]ProofSummary) error {
	deps, reqs, err := s.readLifecycle()
	if err != nil {
		return err
	}
	applyTracking(rows, trackingOf(s.Info(), deps, reqs, sums, s.Now()), len(deps) > 0)
	return nil
}

// applyTracking sets each row's tracking; without any round, a
// requirement has no deposit status.
func applyTracking(rows []Row, tr map[string]Tracking, deposited bool) {
	for i := range rows {
		t, ok := tr[rows[i].Req.ID]
		if !ok && deposited {
			t = Tracking{Deposit: ReqDeposit{Status: NeverDeposited}}
		}
		rows[i].Track = t
	}
}

// countTracking sums the applicable rows' tracking.
func countTracking(rows []Row, reqs []Request, rounds int) TrackingCounts {
	c := TrackingCounts{Rounds: rounds}
	for _, r := range reqs {
		if !r.Closed {
			c.OpenRequests++
		}
	}
	for _, r := range rows {
		if !r.Applicable {
			continue
		}
		t := r.Track
		switch {
		case t.Referenced:
			c.Referenced++
		case t.Deposit.Status == Deposited:
			c.Deposited++
		case t.Deposit.Status == ChangedSince:
			c.Changed++
		default:
			c.Never++
		}
		if len(t.Open) > 0 {
			c.Flagged++
		}
		if t.Overdue() {
			c.Overdue++
		}
	}
	return c
}

// Tracking sums the dossier's deposit and request state up.
func (s *Service) Tracking() (TrackingCounts, error) {
	_, tr, _, _, err := s.lifeOverview()
	return tr, err
}

// lifeOverview is the overview, the tracking counts and the decision's
// state, from one snapshot of the evidence facts (which the dashboard's
// completeness check reads too): the facts and the rounds are read once.
func (s *Service) lifeOverview() (Overview, TrackingCounts, DecisionState, Snapshot, error) {
	snap, err := s.factSnapshot()
	if err != nil {
		return Overview{}, TrackingCounts{}, DecisionState{}, snap, err
	}
	sums := snap.Summaries()
	counts := countsOf(sums)
	rows := buildRows(snap.Catalogue, snap.Info.Profiles, snap.States, counts)
	applyTracking(rows, trackingOf(snap.Info, snap.Deposits, snap.Requests, sums, s.Now()), len(snap.Deposits) > 0)
	applySignoff(rows, snap.Info.SignoffRules(), sums)
	o := overviewOf(snap.Catalogue, rows)
	o.Signoff.Required = snap.Info.SignoffRules().Required
	o.OffCatalogue = len(offCatalogue(snap.Catalogue, snap.States, counts))
	return o, countTracking(rows, snap.Requests, len(snap.Deposits)), DecisionStateOf(snap.Info, snap.Deposits, s.Now()), snap, nil
}

// TrackingOf computes each requirement's tracking from a snapshot at now;
// a requirement missing from the map was never deposited and has no
// request.
func TrackingOf(snap Snapshot, now time.Time) map[string]Tracking {
	return trackingOf(snap.Info, snap.Deposits, snap.Requests, snap.Summaries(), now)
}

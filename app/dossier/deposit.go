package dossier

import (
	"strconv"
	"strings"
	"time"
)

// Deposit is one round of filing on the ANS platform: which package, when,
// and per requirement the proof digests it carried.
type Deposit struct {
	Round int    `json:"round"`
	Date  string `json:"date"` // YYYY-MM-DD, the day of the filing
	Note  string `json:"note,omitempty"`
	// Package is the package's file name; ManifestSHA256 the digest of its
	// manifest.json, which identifies it.
	Package        string `json:"package"`
	ManifestSHA256 string `json:"manifest_sha256"`
	// Delta is true for a package of the requirements changed since the
	// previous round.
	Delta bool `json:"delta"`
	// Files maps each requirement the package carried to the sorted
	// SHA-256 of its proofs (empty for one filed without proof).
	Files      map[string][]string `json:"files"`
	RecordedAt time.Time           `json:"recorded_at"`
}

// FiledPackage is what a deposit reads from a package (app/export fills
// it in from the package's manifest).
type FiledPackage struct {
	Name           string
	DossierID      string
	ManifestSHA256 string
	Draft, Delta   bool
	Files          map[string][]string
}

// RecordDeposit records that pkg was filed on day date (YYYY-MM-DD; today
// when empty). It refuses a package of another dossier, a draft, a
// package already recorded, and a day in the future or before the dossier
// was created; nothing is written then.
func (s *Service) RecordDeposit(pkg FiledPackage, date, note string) (Deposit, error) {
	in := s.Info()
	if pkg.DossierID == "" || pkg.DossierID != in.ID {
		return Deposit{}, E(FaultForeignPackage, pkg.Name, nil)
	}
	if pkg.Draft {
		return Deposit{}, E(FaultDraftPackage, pkg.Name, nil)
	}
	if strings.TrimSpace(date) == "" {
		date = Today(s.Now()).Format(DayLayout)
	}
	day, err := s.pastDay("date", date)
	if err != nil {
		return Deposit{}, err
	}
	d := Deposit{Date: day.Format(DayLayout), Note: strings.TrimSpace(note), Package: pkg.Name,
		ManifestSHA256: pkg.ManifestSHA256, Delta: pkg.Delta, Files: pkg.Files, RecordedAt: s.Now()}
	if d.Files == nil {
		d.Files = map[string][]string{}
	}
	err = s.update(func(tx Tx) error {
		lt, err := lifecycleTx(tx)
		if err != nil {
			return err
		}
		deps, err := lt.Deposits()
		if err != nil {
			return err
		}
		for _, dep := range deps {
			if dep.ManifestSHA256 == pkg.ManifestSHA256 {
				return ED(FaultAlreadyDeposited, pkg.Name, strconv.Itoa(dep.Round), nil)
			}
		}
		if d, err = lt.AddDeposit(d); err != nil {
			return err
		}
		f := []FieldChange{{Field: "package", New: d.Package}, {Field: "date", New: d.Date}}
		return record(tx, Event{Kind: EventDeposit, Subject: strconv.Itoa(d.Round), SHA256: d.ManifestSHA256, Fields: f})
	})
	if err != nil {
		return Deposit{}, err
	}
	return d, nil
}

// Deposits lists the recorded rounds, oldest first.
func (s *Service) Deposits() ([]Deposit, error) {
	deps, _, err := s.readLifecycle()
	return deps, err
}

// DepositStatus tells where a requirement stands against the rounds.
type DepositStatus string

// The deposit statuses of a requirement.
const (
	NeverDeposited DepositStatus = "jamais_deposee"
	Deposited      DepositStatus = "deposee"
	ChangedSince   DepositStatus = "modifiee_depuis_depot"
)

// ReqDeposit is a requirement's deposit status: the last round that
// carried it, and whether its proofs changed since.
type ReqDeposit struct {
	Status DepositStatus `json:"status"`
	Date   string        `json:"date,omitempty"`
	Round  int           `json:"round,omitempty"`
}

// Label is the French status: "déposée le 30/11/2026", "modifiée depuis
// le dépôt du 30/11/2026", "jamais déposée".
func (d ReqDeposit) Label() string {
	switch d.Status {
	case Deposited:
		return "déposée le " + FrenchDayOf(d.Date)
	case ChangedSince:
		return "modifiée depuis le dépôt du " + FrenchDayOf(d.Date)
	}
	return "jamais déposée"
}

// depositOf is a requirement's status given the rounds and its current
// proofs; without any round, the status is "" (nothing to
// tell apart yet).
func depositOf(deps []Deposit, reqID string, proofs ProofSet) ReqDeposit {
	if len(deps) == 0 {
		return ReqDeposit{}
	}
	for i := len(deps) - 1; i >= 0; i-- {
		filed, ok := deps[i].Files[reqID]
		if !ok {
			continue
		}
		st := Deposited
		if proofSetOf(filed) != proofs {
			st = ChangedSince
		}
		return ReqDeposit{Status: st, Date: deps[i].Date, Round: deps[i].Round}
	}
	return ReqDeposit{Status: NeverDeposited}
}

// LastDeposit is the latest round, or false when none was recorded.
func (s Snapshot) LastDeposit() (Deposit, bool) {
	if len(s.Deposits) == 0 {
		return Deposit{}, false
	}
	return s.Deposits[len(s.Deposits)-1], true
}

// DeltaRequirements lists the applicable requirements a package "since
// the last deposit" carries: those whose proofs changed since the round
// that last carried them, and those never filed that now have proofs or
// are Non applicable. Requirements already referenced are never carried.
func (s Snapshot) DeltaRequirements() map[string]bool {
	sums := s.Summaries()
	out := map[string]bool{}
	for _, req := range s.Catalogue.Applicable(s.Info.Profiles) {
		if s.Info.IsReferenced(req.ID) {
			continue
		}
		d := depositOf(s.Deposits, req.ID, sums[req.ID].Set())
		switch d.Status {
		case ChangedSince:
			out[req.ID] = true
		case NeverDeposited, "":
			out[req.ID] = sums[req.ID].Count > 0 || StateOf(s.States, req.ID).Status == NonApplicable
		}
		if !out[req.ID] {
			delete(out, req.ID)
		}
	}
	return out
}

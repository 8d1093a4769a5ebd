package dossier

import (
	"context"
	"io"
	"strings"
	"sync"
	"time"
)

// Service is the use cases on one open dossier. The GUI and the CLI both
// go through it; neither holds business rules. It is safe for concurrent
// use: the GUI attaches and exports on goroutines while the user goes on.
type Service struct {
	store Store
	// mu guards cat and info, which actions replace (never modify in place).
	mu   sync.RWMutex
	cat  *Catalogue
	info Info
	// wmu serialises the read-modify-write of info, so that two concurrent
	// actions never lose each other's change.
	wmu sync.Mutex
	// operator is who actions are recorded as (SetOperator); guarded by mu.
	operator string
	// Now is the clock, replaceable in tests.
	Now func() time.Time
	// ctx is done once the dossier is closed (see Context).
	ctx    context.Context
	cancel context.CancelFunc
}

// Create makes a new dossier file at path on the catalogue cat; its
// journal starts with a creation event by no named operator (see
// CreateAs).
func Create(op Opener, path string, info Info, cat *Catalogue) (*Service, error) {
	return CreateAs(op, path, info, cat, "")
}

// CreateAs is Create recorded as made by operator, who the returned
// service's actions are then recorded as.
func CreateAs(op Opener, path string, info Info, cat *Catalogue, operator string) (*Service, error) {
	if err := info.Check(); err != nil {
		return nil, err
	}
	profiles, err := cat.NormalizeProfiles(info.Profiles)
	if err != nil {
		return nil, err
	}
	info.Profiles = profiles
	now := time.Now().UTC().Truncate(time.Second)
	info.CreatedAt, info.UpdatedAt = now, now
	if info.ID == "" {
		info.ID = NewDossierID()
	}
	operator = strings.TrimSpace(operator)
	st, err := op.Create(path, info, cat, creationEvent(info, operator))
	if err != nil {
		return nil, err
	}
	svc, err := newService(st)
	if err == nil {
		svc.SetOperator(operator)
	}
	return svc, err
}

// creationEvent is the first event of a new dossier's journal.
func creationEvent(info Info, operator string) Event {
	var f []FieldChange
	f = Changed(f, "name", "", info.Name)
	f = Changed(f, "vendor", "", info.Vendor)
	f = Changed(f, "product", "", info.Product)
	f = Changed(f, "version", "", info.ProductVersion)
	f = Changed(f, "profiles", "", strings.Join(info.Profiles, ","))
	return Event{Kind: EventCreated, Operator: operator, Fields: f}
}

// Open opens an existing dossier file.
func Open(op Opener, path string) (*Service, error) {
	st, err := op.Open(path)
	if err != nil {
		return nil, err
	}
	return newService(st)
}

// OpenProgress is Open telling progress how the conversion of a dossier
// written by an older version advances, when op can (ProgressOpener).
func OpenProgress(op Opener, path string, progress Progress) (*Service, error) {
	po, ok := op.(ProgressOpener)
	if !ok {
		return Open(op, path)
	}
	st, err := po.OpenProgress(path, progress)
	if err != nil {
		return nil, err
	}
	return newService(st)
}

// OpenReadOnly opens an existing dossier for reading only (see
// Opener.OpenReadOnly): for commands that only read, which then run side
// by side with each other.
func OpenReadOnly(op Opener, path string) (*Service, error) {
	st, err := op.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	return newService(st)
}

func newService(st Store) (*Service, error) {
	s := &Service{store: st, Now: func() time.Time { return time.Now().UTC().Truncate(time.Second) }}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if err := s.reload(); err != nil {
		st.Close()
		return nil, err
	}
	return s, nil
}

func (s *Service) reload() error {
	cat, err := s.store.Catalogue()
	if err != nil {
		return err
	}
	info, err := s.store.Info()
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cat, s.info = cat, info
	s.mu.Unlock()
	return nil
}

// Close cancels the work still running on the dossier (see Context) and
// releases the file.
func (s *Service) Close() error {
	s.cancel()
	return s.store.Close()
}

// Context is done once the dossier is closed. Long work on the dossier
// (attach, export, compaction, verification, extraction) runs under a
// context derived from it, so that closing the dossier stops it.
func (s *Service) Context() context.Context { return s.ctx }

// Path is the dossier file.
func (s *Service) Path() string { return s.store.Path() }

// Info is the dossier's identity.
func (s *Service) Info() Info {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.info
}

// Catalogue is the catalogue the dossier uses.
func (s *Service) Catalogue() *Catalogue {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cat
}

// OpenContent streams the evidence content with this SHA-256 (hex), for
// the feature packages (export) that read contents; like the store's, it
// is safe to call from another goroutine.
func (s *Service) OpenContent(sha256 string) (io.ReadCloser, error) {
	return s.store.OpenContent(sha256)
}

// UpdateInfo changes the dossier's identity (not its profiles).
func (s *Service) UpdateInfo(name, vendor, product, version string) error {
	return s.modifyInfo(func(in *Info) error {
		in.Name, in.Vendor, in.Product, in.ProductVersion = strings.TrimSpace(name), strings.TrimSpace(vendor), strings.TrimSpace(product), strings.TrimSpace(version)
		return in.Check()
	}, identityEvent)
}

// SetProfiles replaces the chosen profiles (mandatory ones are always kept).
// Nothing recorded is deleted: a requirement that stops applying keeps its
// state and evidence and is shown as out of scope.
func (s *Service) SetProfiles(queries []string) error {
	return s.modifyInfoTx(func(tx Tx, in *Info) error {
		// The profiles are those of the catalogue as the transaction sees it.
		cat, err := s.catalogueIn(tx)
		if err != nil {
			return err
		}
		in.Profiles, err = cat.NormalizeProfiles(queries)
		return err
	}, func(before, after Info) Event {
		return Event{Kind: EventProfiles, Fields: Changed(nil, "profiles", strings.Join(before.Profiles, ","), strings.Join(after.Profiles, ","))}
	})
}

// modifyInfo applies fn to the identity as stored and saves it with the
// event that event makes of the change, in one transaction; nothing
// changes when fn or the store fails.
func (s *Service) modifyInfo(fn func(*Info) error, event func(before, after Info) Event) error {
	return s.modifyInfoTx(func(_ Tx, in *Info) error { return fn(in) }, event)
}

// modifyInfoTx is modifyInfo for a change that reads more of the dossier
// in the transaction.
func (s *Service) modifyInfoTx(fn func(Tx, *Info) error, event func(before, after Info) Event) error {
	return s.update(func(tx Tx) error {
		in, err := tx.Info()
		if err != nil {
			return err
		}
		before := in
		if err := fn(tx, &in); err != nil {
			return err
		}
		if err := tx.SaveInfo(in); err != nil {
			return err
		}
		return record(tx, event(before, in))
	})
}

// update runs one action in one store transaction (stamped by the store)
// and keeps the cached identity in step. Actions are serialised here as
// the store serialises its write transactions, so the cache follows the
// order of the commits.
func (s *Service) update(fn func(Tx) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var info Info
	err := s.store.Update(func(tx Tx) error {
		tx = s.recording(tx)
		if err := fn(tx); err != nil {
			return err
		}
		var err error
		info, err = tx.Info()
		info.UpdatedAt = tx.Now()
		return err
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.info = info
	s.mu.Unlock()
	return nil
}

// stamped records, in the cached identity, a change committed by the
// store outside update (the final transaction of an attach).
func (s *Service) stamped(at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if at.After(s.info.UpdatedAt) {
		s.info.UpdatedAt = at
	}
}

// restamp takes into the cached identity the updated_at a store stamped
// in a write made outside update (deposit rounds, requests).
func (s *Service) restamp() {
	if in, err := s.store.Info(); err == nil {
		s.stamped(in.UpdatedAt)
	}
}

// StateChange is what a user changes on a requirement; nil fields stay.
type StateChange struct {
	Status        *Status
	Note          *string
	Justification *string
	// Offline is "preuve déposée hors application" (see ReqState.Offline).
	Offline *bool
}

// UpdateState applies a change to one requirement's state, checking the
// rules (a known requirement, N/A needs a justification) before writing,
// in its transaction: a requirement a catalogue switch dropped or changed
// since the call began is refused (FaultRequirementChanged).
// It clears the "à revoir" flag a catalogue change may have set. Choosing
// a status drops a review decision made on another status, and one "à
// corriger" (the author sends the requirement back for review).
func (s *Service) UpdateState(reqID string, ch StateChange) (ReqState, error) {
	seen := s.Catalogue()
	var st ReqState
	err := s.update(func(tx Tx) error {
		req, _, err := s.requirementIn(tx, seen, reqID)
		if err != nil {
			return err
		}
		if st, err = tx.State(req.ID); err != nil {
			return err
		}
		// What "Prête" needs is read here, as the transaction sees it: the
		// proofs held, and the ANS requests still open.
		evs, err := tx.ListEvidence(req.ID)
		if err != nil {
			return err
		}
		if ch.Status != nil && *ch.Status == Prete {
			if err := checkPrete(tx, req.ID, evs); err != nil {
				return err
			}
		}
		before := st
		st.ReqID = req.ID
		if ch.Status != nil {
			st.Signoff = resubmitted(st, *ch.Status)
			st.Status = *ch.Status
		}
		if ch.Note != nil {
			st.Note = strings.TrimSpace(*ch.Note)
		}
		if ch.Justification != nil {
			st.Justification = strings.TrimSpace(*ch.Justification)
		}
		if ch.Offline != nil {
			st.Offline = *ch.Offline
		}
		// Acting on a requirement flagged by a catalogue change is reviewing it.
		st.Review = false
		if err := st.Check(); err != nil {
			return err
		}
		if st.Status == Prete {
			if err := st.CheckReady(len(evs)); err != nil {
				return err
			}
		}
		st.UpdatedAt = tx.Now()
		st.PreparedBy = preparedBy(before, st, s.Operator())
		if err := tx.SaveState(st); err != nil {
			return err
		}
		_, err = tx.Record(Event{Kind: EventState, Subject: req.ID, Fields: append(StateChanges(before, st), reviewDropped(before, st)...)})
		return err
	})
	if err != nil {
		return ReqState{}, err
	}
	return st, nil
}

// Rows lists the requirements matching the filter, in catalogue order.
func (s *Service) Rows(f Filter) ([]Row, error) {
	all, err := s.allRows()
	if err != nil {
		return nil, err
	}
	var blocked map[string]bool
	if f.Gap != "" {
		rep, err := s.Check()
		if err != nil {
			return nil, err
		}
		blocked = rep.BlockedBy(f.Gap)
	}
	var out []Row
	for _, r := range all {
		if f.match(r) && (blocked == nil || blocked[r.Req.ID]) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Row returns one requirement as the walk-through shows it.
func (s *Service) Row(reqID string) (Row, error) {
	req, err := s.Catalogue().Requirement(reqID)
	if err != nil {
		return Row{}, err
	}
	all, _, sums, err := s.rowsOnly()
	if err != nil {
		return Row{}, err
	}
	for _, r := range all {
		if r.Req.ID == req.ID {
			r.Signoff = signoffOf(s.Info().SignoffRules(), r.Req, r.State, sums[r.Req.ID].Set())
			return r, nil
		}
	}
	return Row{}, E(FaultUnknownRequirement, reqID, nil)
}

func (s *Service) allRows() ([]Row, error) {
	rows, _, err := s.rowsAndOrphans()
	return rows, err
}

// rowsAndOrphans is every row, with its review, and the requirements
// kept from a previous catalogue.
func (s *Service) rowsAndOrphans() ([]Row, []string, error) {
	rows, orphans, sums, err := s.rowsOnly()
	if err != nil {
		return nil, nil, err
	}
	applySignoff(rows, s.Info().SignoffRules(), sums)
	return rows, orphans, nil
}

// rowsOnly is rowsAndOrphans without the review, and the evidence
// summaries it read.
func (s *Service) rowsOnly() ([]Row, []string, map[string]ProofSummary, error) {
	states, err := s.store.States()
	if err != nil {
		return nil, nil, nil, err
	}
	sums, err := s.proofSummaries()
	if err != nil {
		return nil, nil, nil, err
	}
	counts := countsOf(sums)
	cat, info := s.Catalogue(), s.Info()
	rows := buildRows(cat, info.Profiles, states, counts)
	if err := s.addTracking(rows, sums); err != nil {
		return nil, nil, nil, err
	}
	return rows, offCatalogue(cat, states, counts), sums, nil
}

// proofSummaries is each requirement's evidence summary: the store's
// (SummaryStore), or made from every item's facts.
func (s *Service) proofSummaries() (map[string]ProofSummary, error) {
	if ss, ok := s.store.(SummaryStore); ok {
		sums, _, err := ss.ProofSummaries(nil)
		return sums, err
	}
	evs, err := s.store.EvidenceFacts()
	if err != nil {
		return nil, err
	}
	return SummarizeProofs(evs), nil
}

// Overview is the dossier's progress per section and status.
func (s *Service) Overview() (Overview, error) {
	rows, orphans, err := s.rowsAndOrphans()
	if err != nil {
		return Overview{}, err
	}
	o := overviewOf(s.Catalogue(), rows)
	o.OffCatalogue = len(orphans)
	o.Signoff.Required = s.Info().SignoffRules().Required
	return o, nil
}

// OffCatalogue lists the requirement IDs kept from a previous catalogue
// ("hors catalogue"): they hold a state or evidence the current catalogue
// has no requirement for.
func (s *Service) OffCatalogue() ([]string, error) {
	_, orphans, err := s.rowsAndOrphans()
	return orphans, err
}

package dossier

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Importer is a Store that can bring in the evidence of another copy of
// its dossier.
type Importer interface {
	// ImportEvidence copies from from (opened read-only, never changed)
	// the content of evs that the store lacks, streamed in bounded
	// transactions and checked against its SHA-256, then, in one final
	// transaction, records evs (new IDs) and runs fn with them. Nothing is
	// linked when a check, fn or the commit fails; a crash before the
	// final commit leaves only unreferenced chunks, reclaimed at the next
	// open.
	ImportEvidence(ctx context.Context, from Store, evs []Evidence, fn func(Tx, []Evidence) error, progress Progress) error
}

// MergeOptions says how to merge.
type MergeOptions struct {
	// Apply writes the merge; otherwise it is a dry run.
	Apply bool
	// Prefer decides every conflict not in Resolve; "" leaves them to
	// decide, and Apply then refuses.
	Prefer Side
	// Resolve decides the conflicts of one requirement (by its ID).
	Resolve map[string]Side
}

// CheckMergeSource refuses to merge a file into itself, before either is
// opened (the second opening would wait for the first's lock).
func CheckMergeSource(path, other string) error {
	if filepath.Clean(path) == filepath.Clean(other) {
		return E(FaultMergeSelf, path, nil)
	}
	a, err := os.Stat(path)
	if err != nil {
		return nil // the opening says what is wrong
	}
	if b, err := os.Stat(other); err == nil && os.SameFile(a, b) {
		return E(FaultMergeSelf, path, nil)
	}
	return nil
}

// Merge brings other, another copy of this dossier opened read-only, into
// s: a dry run unless opt.Apply. The report says what comes (or came) in.
// Applying writes the other copy's new contents in bounded transactions,
// then its proofs, the fields it changed and the conflicts' decisions in
// one final transaction; a merge that brings nothing writes nothing.
func (s *Service) Merge(ctx context.Context, other *Service, opt MergeOptions, progress Progress) (MergeReport, error) {
	if err := CheckMergeSource(s.Path(), other.Path()); err != nil {
		return MergeReport{}, err
	}
	if mine, theirs := s.Info().ID, other.Info().ID; mine == "" || mine != theirs {
		return MergeReport{}, E(FaultOtherDossier, other.Path(), nil)
	}
	// The journal's head before anything is read: the merge is applied
	// only if it is still the head then (any action records an event).
	head, err := s.JournalHead()
	if err != nil {
		return MergeReport{}, err
	}
	if head.Hash == "" {
		head.Hash = GenesisPrev(s.Info().ID)
	}
	mine, err := s.mergeSnapshot()
	if err != nil {
		return MergeReport{}, err
	}
	theirs, err := other.mergeSnapshot()
	if err != nil {
		return MergeReport{}, copyFault(other.Path(), err)
	}
	div, err := s.divergence(other)
	if err != nil {
		return MergeReport{}, err
	}
	p := planMerge(mine, theirs, div)
	if p.report.EvidenceAdded > 0 || len(p.report.RequirementsChanged) > 0 || len(p.report.DossierChanged) > 0 || len(p.report.Conflicts) > 0 || !onlyMerges(div.Import) {
		p.report.EventsAdded = len(div.Import)
	}
	unresolved := p.resolve(opt)
	if err := p.checkMergedInfo(s.Catalogue()); err != nil {
		return p.report, err
	}
	if !opt.Apply || p.report.NoOp() {
		return p.report, nil
	}
	if unresolved > 0 {
		return p.report, ED(FaultUnresolved, "", strconv.Itoa(unresolved), nil)
	}
	imp, ok := s.store.(Importer)
	if !ok {
		return p.report, E(FaultInternal, s.Path(), errors.New("store cannot import"))
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err = imp.ImportEvidence(ctx, other.store, p.add, func(tx Tx, _ []Evidence) error {
		if err := p.apply(tx, mine.Info.UpdatedAt); err != nil {
			return err
		}
		return p.recordMerge(tx, s.recording(tx), other.Path(), head.Hash, div)
	}, progress)
	if err != nil {
		return p.report, copyFault(other.Path(), err)
	}
	if len(p.report.DossierChanged) > 0 {
		s.recache()
	} else {
		s.restamp()
	}
	p.report.Applied = true
	return p.report, nil
}

// recache reads the identity a merge changed into the cache, under the
// write lock that Merge holds (no other change can come between).
func (s *Service) recache() {
	if in, err := s.store.Info(); err == nil {
		s.mu.Lock()
		s.info = in
		s.mu.Unlock()
	}
}

// copyFault names the other copy in a damage found while reading it.
func copyFault(path string, err error) error {
	switch FaultOf(err) {
	case FaultDamaged:
		if e := AsError(err); e.Subject == "" || e.Subject == path {
			return E(FaultCopyDamaged, path, err)
		}
	}
	return err
}

// mergeSnapshot reads what a merge compares: states, evidence, and the
// identity as stored (its updated_at guards the final transaction).
func (s *Service) mergeSnapshot() (Snapshot, error) {
	snap, err := s.Snapshot()
	if err == nil {
		snap.Info, err = s.store.Info()
	}
	return snap, err
}

// resolve decides the conflicts opt decides and returns how many remain.
func (p *mergePlan) resolve(opt MergeOptions) int {
	left := 0
	changed := map[string]bool{}
	for _, id := range p.report.RequirementsChanged {
		changed[id] = true
	}
	for i := range p.report.Conflicts {
		c := &p.report.Conflicts[i]
		if c.Resolved == Revalidate {
			continue
		}
		side, ok := opt.Resolve[c.Req]
		if !ok {
			side = opt.Prefer
		}
		c.Resolved = side
		switch side {
		case "":
			left++
		case Theirs:
			changed[c.Req] = c.Req != MergeDossier
		}
	}
	delete(changed, MergeDossier)
	p.report.RequirementsChanged = sortedKeys(changed)
	p.settleDossier()
	return left
}

// apply writes the planned states and the conflicts' decisions in tx; the
// dossier must not have changed since it was read (updated_at then).
func (p *mergePlan) apply(tx Tx, updated time.Time) error {
	in, err := tx.Info()
	if err != nil {
		return err
	}
	if !in.UpdatedAt.Equal(updated) {
		return E(FaultChangedMeanwhile, "", nil)
	}
	if len(p.report.DossierChanged) > 0 {
		if err := tx.SaveInfo(p.mergedInfo(in)); err != nil {
			return err
		}
	}
	next := map[string]ReqState{}
	for id, st := range p.states {
		next[id] = st
	}
	for _, c := range p.report.Conflicts {
		if c.Field == FieldCaption || c.Req == MergeDossier {
			continue // applyCaptions, mergedInfo
		}
		st, ok := next[c.Req]
		if !ok {
			if st, err = tx.State(c.Req); err != nil {
				return err
			}
		}
		if c.Resolved == Theirs {
			for _, f := range stateFields {
				if f.name == c.Field {
					f.set(&st, StateOf(p.theirs, c.Req))
				}
			}
		}
		next[c.Req] = st
	}
	for _, id := range sortedKeys(keysOf(next)) {
		st := next[id]
		st.ReqID = id
		if err := st.Check(); err != nil {
			return err
		}
		st.UpdatedAt = tx.Now()
		if err := tx.SaveState(st); err != nil {
			return err
		}
	}
	return p.applyCaptions(tx)
}

func keysOf[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// CopyOpener opens the other copy of a merge: read-only, never written,
// not even converted from an older version (FaultCopyOld).
type CopyOpener interface {
	OpenCopy(path string) (Store, error)
}

// OpenCopy opens the other copy of a merge through op (see CopyOpener;
// an Opener without it opens read-only).
func OpenCopy(op Opener, path string) (*Service, error) {
	co, ok := op.(CopyOpener)
	if !ok {
		return OpenReadOnly(op, path)
	}
	st, err := co.OpenCopy(path)
	if err != nil {
		return nil, copyFault(path, err)
	}
	return newService(st)
}

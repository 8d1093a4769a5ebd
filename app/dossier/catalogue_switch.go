package dossier

import (
	"errors"
	"sort"
	"strings"
)

// SwitchPlan is what moving a dossier to another catalogue does. It is
// computed before anything changes (dry run) and applied as it is.
type SwitchPlan struct {
	Diff CatalogueDiff `json:"diff"`
	// Carried counts requirements whose state or evidence carries forward.
	Carried int `json:"carried"`
	// Review lists the requirements (new IDs) flagged "à revoir": their
	// statement, profiles, nature or section changed and they hold a state
	// or evidence.
	Review []string `json:"review"`
	// OffCatalogue lists old IDs with a state or evidence that the new
	// catalogue lacks; they are kept "hors catalogue", never deleted.
	OffCatalogue []string `json:"off_catalogue"`
	// Profiles are the dossier's profiles in the new catalogue; Dropped
	// lists chosen profiles the new catalogue does not have.
	Profiles []string `json:"profiles"`
	Dropped  []string `json:"dropped_profiles"`

	cat *Catalogue
	// base is the catalogue the plan was made on.
	base    *Catalogue
	renames map[string]string
	// recheck lists the requirements (new IDs) whose change needs review,
	// flagged when applied if they hold a state or evidence then.
	recheck []string
}

// PlanSwitch computes, without writing, what switching to cat would do.
func (s *Service) PlanSwitch(cat *Catalogue) (SwitchPlan, error) {
	if err := cat.Validate(); err != nil {
		return SwitchPlan{}, err
	}
	states, err := s.store.States()
	if err != nil {
		return SwitchPlan{}, err
	}
	counts, err := s.store.EvidenceCounts()
	if err != nil {
		return SwitchPlan{}, err
	}
	cur, info := s.Catalogue(), s.Info()
	p := SwitchPlan{Diff: DiffCatalogues(cur, cat), Review: []string{}, OffCatalogue: []string{}, Dropped: []string{},
		cat: cat, base: cur, renames: map[string]string{}}
	held := func(id string) bool { return holds(StateOf(states, id), counts[id]) }
	carry := func(pair RequirementID, review bool) {
		if pair.Old != pair.New {
			p.renames[pair.Old] = pair.New
		}
		if review {
			p.recheck = append(p.recheck, pair.New)
		}
		if !held(pair.Old) {
			return
		}
		p.Carried++
		if review {
			p.Review = append(p.Review, pair.New)
		}
	}
	for _, u := range p.Diff.Unchanged {
		carry(u, false)
	}
	for _, c := range p.Diff.Changed {
		carry(c.RequirementID, s.needsReview(c))
	}
	for _, id := range p.Diff.Removed {
		if held(id) {
			p.OffCatalogue = append(p.OffCatalogue, id)
		}
	}
	// Off-catalogue IDs from earlier switches stay off-catalogue unless the
	// new catalogue has them again.
	for _, id := range offCatalogue(cur, states, counts) {
		if _, err := cat.Requirement(id); err != nil {
			p.OffCatalogue = append(p.OffCatalogue, id)
		}
	}
	sort.Strings(p.OffCatalogue)
	p.Profiles, p.Dropped = reprofile(cat, info.Profiles)
	return p, nil
}

// holds tells whether a requirement carries something forward: a proof,
// a status other than À faire, a note or a justification.
func holds(st ReqState, proofs int) bool {
	return proofs > 0 || st.Status != AFaire || st.Note != "" || st.Justification != ""
}

// needsReview tells whether a changed requirement must be looked at again.
// A paraphrased summary replaced by the official statement is not a change
// of substance; a changed official statement is.
func (s *Service) needsReview(c ChangedReq) bool {
	if c.Profiles || c.Nature || c.Section {
		return true
	}
	if !c.Statement {
		return false
	}
	old, err := s.Catalogue().Requirement(c.Old)
	return err == nil && old.Statement != ""
}

// reprofile keeps the chosen profiles the new catalogue knows (compared
// case- and accent-insensitively, spelt as the new catalogue does) and adds
// its mandatory ones.
func reprofile(cat *Catalogue, chosen []string) (kept, dropped []string) {
	dropped = []string{}
	var known []string
	for _, name := range chosen {
		found := false
		for _, p := range cat.Profiles {
			if Fold(p.Name) == Fold(name) {
				known, found = append(known, p.Name), true
				break
			}
		}
		if !found {
			dropped = append(dropped, name)
		}
	}
	kept, _ = cat.NormalizeProfiles(known)
	return kept, dropped
}

// SwitchCatalogue applies a plan made by PlanSwitch in one transaction,
// on the dossier as it is then; a plan made on another catalogue than the
// one in use then is refused (FaultSwitchOutdated). In the switch, a
// requirement whose change needs review is flagged if it holds a state or
// evidence at that moment, and the profiles chosen at that moment are
// re-resolved, so that what changed since the plan was shown is kept.
func (s *Service) SwitchCatalogue(p SwitchPlan) error {
	cs, ok := s.store.(CatalogueStore)
	if !ok {
		return E(FaultInternal, "", errors.New("this store keeps no catalogue versions"))
	}
	if p.cat == nil {
		return E(FaultInternal, "", errors.New("empty catalogue switch plan"))
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	apply := func(tx Tx) error {
		tx = s.recording(tx)
		in, err := tx.Info()
		if err != nil {
			return err
		}
		profiles, _ := reprofile(p.cat, in.Profiles)
		f := []FieldChange{{Field: "catalogue", New: p.cat.Title}}
		f = Changed(f, "catalogue_version", "", p.cat.Version)
		f = Changed(f, "profiles", strings.Join(in.Profiles, ","), strings.Join(profiles, ","))
		in.Profiles = profiles
		if err := tx.SaveInfo(in); err != nil {
			return err
		}
		for _, id := range p.recheck {
			st, err := tx.State(id)
			if err != nil {
				return err
			}
			evs, err := tx.ListEvidence(id)
			if err != nil {
				return err
			}
			if !holds(st, len(evs)) {
				continue
			}
			st.ReqID, st.Review, st.UpdatedAt = id, true, tx.Now()
			if err := tx.SaveState(st); err != nil {
				return err
			}
			f = append(f, FieldChange{Field: "review:" + id, New: "true"})
		}
		if err := record(tx, Event{Kind: EventCatalogue, Fields: f}); err != nil {
			return err
		}
		// The cache changes in the transaction: an attach linked after it
		// sees that its requirement was resolved against the old catalogue
		// (see stillCurrent).
		in.UpdatedAt = tx.Now()
		s.mu.Lock()
		s.cat, s.info = p.cat, in
		s.mu.Unlock()
		return nil
	}
	// The renames and the review were computed against the plan's base: a
	// switch committed since then makes them wrong.
	check := func(tx Tx) error {
		cur, err := tx.Catalogue()
		if err == nil && !sameCatalogue(cur, p.base) {
			err = E(FaultSwitchOutdated, p.cat.Title, nil)
		}
		return err
	}
	err := cs.SwitchCatalogue(CatalogueSwitch{Catalogue: p.cat, Renames: p.renames, Check: check, Apply: apply})
	if rerr := s.reload(); err == nil {
		err = rerr
	}
	return err
}

// CatalogueVersions lists the catalogues the dossier used, oldest first.
func (s *Service) CatalogueVersions() ([]CatalogueVersion, error) {
	cs, ok := s.store.(CatalogueStore)
	if !ok {
		return nil, nil
	}
	return cs.CatalogueVersions()
}

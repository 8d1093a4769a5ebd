package dossier

import "strconv"

// linkAdded is what the transaction that records an evidence item also
// does: promote its requirement and record the event (the item, its
// content, and the status change if any).
func (s *Service) linkAdded(tx Tx, ev Evidence) error {
	tx = s.recording(tx)
	changes, err := promote(tx, ev.ReqID)
	if err != nil {
		return err
	}
	f := []FieldChange{{Field: "name", New: ev.Name}}
	f = Changed(f, "proof", "", ev.ProofID)
	f = Changed(f, "caption", "", ev.Caption)
	if n := len(ev.Annotations); n > 0 {
		f = append(f, FieldChange{Field: "annotations", New: strconv.Itoa(n)})
	}
	return record(tx, evidenceEvent(EventEvidenceAdded, ev, append(f, changes...)...))
}

// admit checks, in the linking transaction tx, what was checked at the
// door before the content streamed, on the dossier as it is now: the
// requirement (stillCurrent) and the file policy (a policy set meanwhile
// in another window is the one that applies).
func (s *Service) admit(tx Tx, req *Requirement, saved Evidence) error {
	if err := s.stillCurrent(tx, req, saved.Name); err != nil {
		return err
	}
	in, err := tx.Info()
	if err != nil {
		return err
	}
	if v := PolicyOf(in).Check(saved); len(v) > 0 {
		return E(FaultPolicy, saved.Name, v[0])
	}
	return nil
}

// stillCurrent refuses to link an item whose requirement req was resolved
// against a catalogue the dossier no longer uses as tx sees it (switched
// while the content streamed, by this service or another): it would be
// linked under an ID the dossier has renamed or dropped, or checked
// against a requirement that changed. A switch that left req as it was
// does not stop the link.
func (s *Service) stillCurrent(tx Tx, req *Requirement, name string) error {
	if req.ID == MandateReqID {
		return nil // not a requirement of the catalogue
	}
	cat, err := s.catalogueIn(tx)
	if err != nil {
		return err
	}
	if cur, err := cat.Requirement(req.ID); err != nil || !sameRequirement(cur, req) {
		return E(FaultCatalogueChanged, name, err)
	}
	return nil
}

// evidenceEvent is the event of a change to evidence item ev: its
// requirement as subject, its content's digest, its number first among
// the fields.
func evidenceEvent(kind EventKind, ev Evidence, fields ...FieldChange) Event {
	f := append([]FieldChange{{Field: "evidence", New: strconv.FormatUint(ev.ID, 10)}}, fields...)
	return Event{Kind: kind, Subject: ev.ReqID, SHA256: ev.SHA256, Fields: f}
}

// record appends ev to tx's journal, for an action that has nothing to do
// with the recorded event.
func record(tx Tx, ev Event) error {
	_, err := tx.Record(ev)
	return err
}

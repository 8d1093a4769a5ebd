package dossier

// How a merge brings captions together. A caption belongs to a proof; a
// proof is known across copies by its requirement and its content (its
// evidence numbers differ from copy to copy). Like a requirement's fields,
// a caption that differs takes the side that changed it alone since the
// copies' common point; changed on both sides (or with no common point) it
// is a conflict for a person, decided with the requirement's other
// conflicts.

// FieldCaption is a proof's caption, in a merge's conflicts (the field
// name of EventEvidenceCaption).
const FieldCaption = "caption"

// markCaption notes in m the proof whose caption ev changed; a move
// carries an earlier change to the proof's new requirement.
func markCaption(m map[ProofKey]bool, ev Event) {
	switch ev.Kind {
	case EventEvidenceCaption:
		m[ProofKey{ev.Subject, ev.SHA256}] = true
	case EventEvidenceMoved:
		if f, ok := ev.Field("requirement"); ok && m[ProofKey{f.Old, ev.SHA256}] {
			m[ProofKey{ev.Subject, ev.SHA256}] = true
		}
	}
}

// planCaptions compares the captions of the proofs both copies hold: one
// changed on the other side only is taken (p.captions), one changed on
// both sides is a conflict (its proof in p.captionIDs). The requirements
// whose captions change are added to changedReqs.
func (p *mergePlan) planCaptions(mine, theirs Snapshot, div Divergence, changedReqs map[string]bool) {
	p.captions, p.captionIDs = map[uint64]string{}, map[ProofKey]uint64{}
	held := map[ProofKey]Evidence{}
	for _, ev := range mine.Evidence {
		k := ProofKey{ev.ReqID, ev.SHA256}
		if _, ok := held[k]; !ok {
			held[k] = ev
		}
	}
	seen := map[ProofKey]bool{}
	for _, t := range theirs.Evidence {
		k := ProofKey{t.ReqID, t.SHA256}
		m, ok := held[k]
		if !ok || seen[k] || m.Caption == t.Caption {
			continue
		}
		seen[k] = true
		switch div.winner(div.MineCaptions[k], div.TheirsCaptions[k]) {
		case Theirs:
			p.captions[m.ID] = t.Caption
			changedReqs[k.Req] = true
		case Mine:
		default:
			p.captionIDs[k] = m.ID
			p.report.Conflicts = append(p.report.Conflicts, Conflict{Req: k.Req, Field: FieldCaption, SHA256: k.SHA256, Name: m.Name, Mine: m.Caption, Theirs: t.Caption})
		}
	}
}

// captionsTaken are the captions the merge writes: evidence number (this
// dossier's) → caption, those taken without conflict and those of the
// conflicts decided for the other side.
func (p *mergePlan) captionsTaken() map[uint64]string {
	out := make(map[uint64]string, len(p.captions))
	for id, c := range p.captions {
		out[id] = c
	}
	for _, c := range p.report.Conflicts {
		if c.Field == FieldCaption && c.Resolved == Theirs {
			out[p.captionIDs[ProofKey{c.Req, c.SHA256}]] = c.Theirs
		}
	}
	return out
}

// applyCaptions writes the captions taken in tx. The other copy's caption
// events, joined to the journal, say who changed each, and the merge event
// names each conflict's decision.
func (p *mergePlan) applyCaptions(tx Tx) error {
	for id, caption := range p.captionsTaken() {
		ev, err := tx.GetEvidence(id)
		if err != nil {
			return err
		}
		ev.Caption = caption
		if err := tx.UpdateEvidence(ev); err != nil {
			return err
		}
	}
	return nil
}

// conflictKey names a conflict in the merge event: its requirement and
// field, and for a caption the proof's content.
func conflictKey(c Conflict) string {
	if c.Field == FieldCaption {
		return c.Req + " " + c.Field + ":" + c.SHA256
	}
	return c.Req + " " + c.Field
}

// ConflictLabel is the French name of a conflict's field, naming the
// proof for a caption ("légende de capture.png").
func ConflictLabel(c Conflict) string {
	if c.Field == FieldCaption && c.Name != "" {
		return FieldLabel(c.Field) + " de " + c.Name
	}
	return FieldLabel(c.Field)
}

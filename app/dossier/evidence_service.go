package dossier

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AttachOptions is what the user adds to a file being attached.
type AttachOptions struct {
	// ProofID links the evidence to one expected proof of the
	// requirement; it must be one of its ProofSlots.
	ProofID string
	Caption string
	// Operator is recorded as who added the evidence.
	Operator string
	// Annotations are recorded with the evidence (see Evidence).
	Annotations []Annotation
}

// AttachFile stores the file at path as evidence of requirement reqID. It
// refuses a folder, an unreadable or empty file, an unknown requirement or
// proof number, a file the dossier's file policy refuses (FaultPolicy,
// caused by the *Violation), and a file that changes size or disappears
// while it is read; nothing is stored then. The first evidence of a requirement still
// "À faire" moves it to "En cours" in the same transaction. Cancelling ctx
// stops the copy and returns an error wrapping ErrCancelled.
func (s *Service) AttachFile(ctx context.Context, reqID, path string, opt AttachOptions, progress Progress) (Evidence, error) {
	res, err := s.AttachFiles(ctx, reqID, []string{path}, opt, progress)
	if err != nil {
		return Evidence{}, err
	}
	return res[0].Evidence, res[0].Err
}

// AttachReader stores what r yields (a screen capture's PNG, for
// instance) as evidence named name. capture, when not nil, records where
// the capture was taken. An empty content is refused.
func (s *Service) AttachReader(ctx context.Context, reqID, name string, r io.Reader, capture *CaptureInfo, opt AttachOptions, progress Progress) (Evidence, error) {
	req, proof, err := s.checkTarget(reqID, opt.ProofID)
	if err != nil {
		return Evidence{}, err
	}
	name, err = evidenceName(name)
	if err != nil {
		return Evidence{}, err
	}
	return s.attach(ctx, req, proof, Evidence{Name: name, Capture: capture}, &nonEmptyReader{r: r, name: name}, opt, progress)
}

// evidenceName is the base name an evidence item read from a stream is
// stored under; an empty one is refused.
func evidenceName(name string) (string, error) {
	name = strings.TrimSpace(filepath.Base(name))
	if name == "" || name == "." || name == string(filepath.Separator) {
		return "", E(FaultInvalid, "nom de fichier de la preuve", nil)
	}
	return name, nil
}

func (s *Service) attach(ctx context.Context, req *Requirement, proof string, ev Evidence, r io.Reader, opt AttachOptions, progress Progress) (Evidence, error) {
	return s.attachLinked(ctx, req, proof, ev, r, opt, progress, nil)
}

// attachLinked is attach with also, when not nil, run in the linking
// transaction with the recorded item: it returns the item as it leaves it
// (its error cancels the whole attach).
func (s *Service) attachLinked(ctx context.Context, req *Requirement, proof string, ev Evidence, r io.Reader, opt AttachOptions, progress Progress, also func(Tx, Evidence) (Evidence, error)) (Evidence, error) {
	ev, r, err := s.describe(req, proof, ev, r, opt)
	if err != nil {
		return Evidence{}, err
	}
	var (
		stamp  time.Time
		linked Evidence
	)
	// The promotion is decided in the linking transaction, on the state
	// as it is then: a change made while the content streamed is kept.
	link := func(tx Tx, saved Evidence) error {
		stamp = tx.Now()
		if err := s.admit(tx, req, saved); err != nil {
			return err
		}
		if also != nil {
			var err error
			if saved, err = also(tx, saved); err != nil {
				return err
			}
		}
		linked = saved
		return s.linkAdded(tx, saved)
	}
	_, err = s.store.AddEvidence(ctx, r, ev, link, progress)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ErrCancelled) {
			err = E(FaultCancelled, "", err)
		}
		return Evidence{}, fmt.Errorf("attaching %s to %s: %w", ev.Name, req.ID, err)
	}
	s.stamped(stamp)
	return linked, nil
}

// checkTarget resolves the requirement and checks the proof number.
func (s *Service) checkTarget(reqID, proofID string) (*Requirement, string, error) {
	req, err := s.Catalogue().Requirement(reqID)
	if err != nil {
		return nil, "", err
	}
	proofID = strings.TrimSpace(proofID)
	if proofID == "" {
		return req, "", nil
	}
	var ids []string
	for _, p := range req.ProofSlots() {
		if strings.EqualFold(p.ID, proofID) {
			return req, p.ID, nil
		}
		ids = append(ids, p.ID)
	}
	if len(ids) == 0 {
		return nil, "", E(FaultNoProofSlots, req.ID, nil)
	}
	return nil, "", ED(FaultUnknownProof, proofID, strings.Join(ids, ", "), nil)
}

// promote moves a requirement still "À faire" to "En cours", in tx: what
// gaining an evidence item does. It returns the state fields it changed.
func promote(tx Tx, reqID string) ([]FieldChange, error) {
	st, err := tx.State(reqID)
	if err != nil || st.Status != AFaire {
		return nil, err
	}
	before := st
	st.ReqID, st.Status, st.UpdatedAt = reqID, EnCours, tx.Now()
	return StateChanges(before, st), tx.SaveState(st)
}

// ListEvidence lists one requirement's evidence in the order added.
func (s *Service) ListEvidence(reqID string) ([]Evidence, error) {
	req, err := s.Catalogue().Requirement(reqID)
	if err != nil {
		return nil, err
	}
	return s.store.ListEvidence(req.ID)
}

// AllEvidence lists every evidence item of the dossier, ordered by ID.
func (s *Service) AllEvidence() ([]Evidence, error) { return s.store.ListEvidence("") }

// Evidence returns one evidence item.
func (s *Service) Evidence(id uint64) (Evidence, error) {
	ev, err := s.store.GetEvidence(id)
	if err != nil {
		return Evidence{}, evidenceError(id, err)
	}
	return ev, nil
}

// SetCaption changes an evidence item's caption.
func (s *Service) SetCaption(id uint64, caption string) (Evidence, error) {
	var ev Evidence
	err := s.update(func(tx Tx) error {
		var err error
		if ev, err = tx.GetEvidence(id); err != nil {
			return err
		}
		old := ev.Caption
		ev.Caption = strings.TrimSpace(caption)
		if err := tx.UpdateEvidence(ev); err != nil {
			return err
		}
		return record(tx, evidenceEvent(EventEvidenceCaption, ev, FieldChange{Field: "caption", Old: old, New: ev.Caption}))
	})
	if err != nil {
		return Evidence{}, evidenceError(id, err)
	}
	return ev, nil
}

// MoveEvidence attaches an evidence item to another requirement, resolved
// in the catalogue in use when it is written. Its proof number is dropped
// when the new requirement does not expect it; a target still "À faire"
// moves to "En cours".
func (s *Service) MoveEvidence(id uint64, reqID string) (Evidence, error) {
	seen := s.Catalogue()
	var ev Evidence
	err := s.update(func(tx Tx) error {
		req, _, err := s.requirementIn(tx, seen, reqID)
		if err != nil {
			return err
		}
		if ev, err = tx.GetEvidence(id); err != nil || ev.ReqID == req.ID {
			return err
		}
		from := ev
		if ev.ProofID != "" && !slices.ContainsFunc(req.ProofSlots(), func(p ProofSlot) bool { return p.ID == ev.ProofID }) {
			ev.ProofID = ""
		}
		ev.ReqID = req.ID
		if err := tx.UpdateEvidence(ev); err != nil {
			return err
		}
		changes, err := promote(tx, req.ID)
		if err != nil {
			return err
		}
		f := append([]FieldChange{{Field: "requirement", Old: from.ReqID, New: ev.ReqID}}, Changed(nil, "proof", from.ProofID, ev.ProofID)...)
		return record(tx, evidenceEvent(EventEvidenceMoved, ev, append(f, changes...)...))
	})
	if err != nil {
		return Evidence{}, evidenceError(id, err)
	}
	return ev, nil
}

// DeleteEvidence removes an evidence item; its content is freed when no
// other item holds the same content. The requirement's status is left as
// it is (the user decides).
func (s *Service) DeleteEvidence(id uint64) error {
	err := s.update(func(tx Tx) error {
		ev, err := tx.GetEvidence(id)
		if err != nil {
			return err
		}
		if err := tx.DeleteEvidence(id); err != nil {
			return err
		}
		return record(tx, evidenceEvent(EventEvidenceDeleted, ev, FieldChange{Field: "name", Old: ev.Name}))
	})
	if err != nil {
		return evidenceError(id, err)
	}
	return nil
}

// ExtractEvidence writes an evidence item's content to w, checking it
// against its SHA-256 as it streams: a damaged content gives an error
// (after w has received the bytes read so far). Cancelling ctx stops the
// copy with an error wrapping ErrCancelled.
func (s *Service) ExtractEvidence(ctx context.Context, id uint64, w io.Writer) error {
	ev, err := s.Evidence(id)
	if err != nil {
		return err
	}
	rc, err := s.store.OpenContent(ev.SHA256)
	if err != nil {
		return contentError(ev, err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), CancelReader(ctx, rc))
	if errors.Is(err, ErrCancelled) {
		return err
	}
	if err != nil {
		return contentError(ev, err)
	}
	if n != ev.Size || hex.EncodeToString(h.Sum(nil)) != ev.SHA256 {
		return E(FaultEvidenceDamaged, ev.Name, fmt.Errorf("evidence %d: SHA-256 mismatch", id))
	}
	return nil
}

// Compact rewrites the dossier file to give back the space freed by
// deleted evidence.
func (s *Service) Compact(ctx context.Context, progress Progress) error {
	return s.store.Compact(ctx, progress)
}

// CompactRoom is the free disk space a compaction needs and the space
// free beside the dossier; ok is false when the store cannot tell.
func (s *Service) CompactRoom() (need, free int64, ok bool) {
	re, isRE := s.store.(RoomEstimator)
	if !isRE {
		return 0, 0, false
	}
	need, free, err := re.CompactRoom()
	return need, free, err == nil
}

// liveSizer is a Store that can tell how many bytes its file would hold
// once compacted (the storage estimates it from its free pages).
type liveSizer interface {
	LiveBytes() int64
}

// CompactEstimate tells how many bytes the dossier file would hold once
// compacted; ok is false when the store cannot tell.
func (s *Service) CompactEstimate() (live int64, ok bool) {
	if ls, yes := s.store.(liveSizer); yes {
		return ls.LiveBytes(), true
	}
	return 0, false
}

func evidenceError(id uint64, err error) error {
	if errors.Is(err, ErrNotFound) {
		return E(FaultEvidenceNotFound, strconv.FormatUint(id, 10), err)
	}
	return err
}

// contentError is an error reading an evidence's content out of the
// dossier: the writer's own errors (a full disk, a closed pipe) pass
// through; a missing content, or one that fails to read, is damage.
func contentError(ev Evidence, err error) error {
	if AsError(err) != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return E(FaultEvidenceDamaged, ev.Name, fmt.Errorf("content of evidence %d: %w", ev.ID, err))
}

// fileError classifies an error opening a file to attach.
func fileError(path string, err error) error { return PathError(path, err, false) }

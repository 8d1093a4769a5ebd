package dossier

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// AttachResult is the outcome of one file of AttachFiles.
type AttachResult struct {
	Path     string
	Evidence Evidence // when Err is nil
	Err      error
}

// AttachFiles stores the files at paths as evidence of requirement reqID,
// as one operation: one progress (bytes of all the files), few
// transactions (small files are linked hundreds at a time). Each file is
// checked as AttachFile does; a refused or failing file is reported in its
// result and does not stop the others. An unknown requirement or proof
// number refuses the whole call (the error); a cancellation or a storage
// failure (disk full) stops it, and every file not added by then reports
// it. The first evidence of a requirement still "À faire" moves it to
// "En cours".
func (s *Service) AttachFiles(ctx context.Context, reqID string, paths []string, opt AttachOptions, progress Progress) ([]AttachResult, error) {
	req, proof, err := s.checkTarget(reqID, opt.ProofID)
	if err != nil {
		return nil, err
	}
	var total int64
	var mu sync.Mutex
	var stamp time.Time
	// The promotion is decided in each linking transaction, on the state
	// as it is then: a change made while the contents streamed is kept.
	link := func(tx Tx, saved Evidence) error {
		mu.Lock()
		stamp = tx.Now()
		mu.Unlock()
		if err := s.admit(tx, req, saved); err != nil {
			return err
		}
		return s.linkAdded(tx, saved)
	}
	items := make([]Incoming, len(paths))
	for i, path := range paths {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
			total += fi.Size()
		}
		items[i] = Incoming{Link: link, Open: func() (Evidence, io.ReadCloser, error) {
			return s.openFile(req, proof, path, opt)
		}}
	}
	if re, ok := s.store.(RoomEstimator); ok {
		// Refused before a byte is written: a disk filled midway would
		// leave the dossier file grown by what was copied.
		if err := re.CheckRoom(total); err != nil {
			return nil, err
		}
	}
	if progress != nil {
		user := progress
		progress = func(done, _ int64) { user(done, total) }
	}
	added := s.addBatch(ctx, items, progress)
	out := make([]AttachResult, len(paths))
	var any bool
	for i, a := range added {
		out[i] = AttachResult{Path: paths[i], Evidence: a.Evidence, Err: a.Err}
		if a.Err != nil {
			if ctx.Err() != nil && !errors.Is(a.Err, ErrCancelled) {
				a.Err = E(FaultCancelled, "", a.Err)
			}
			out[i].Err = fmt.Errorf("attaching %s to %s: %w", filepath.Base(paths[i]), req.ID, a.Err)
			continue
		}
		any = true
	}
	if any {
		s.stamped(stamp)
	}
	return out, nil
}

// addBatch adds items through the store's batch when it has one, else one
// by one.
func (s *Service) addBatch(ctx context.Context, items []Incoming, progress Progress) []Added {
	if b, ok := s.store.(BatchAdder); ok {
		return b.AddEvidenceBatch(ctx, items, progress)
	}
	out := make([]Added, len(items))
	var done int64
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			out[i].Err = E(FaultCancelled, "", err)
			continue
		}
		ev, rc, err := it.Open()
		if err != nil {
			out[i].Err = err
			continue
		}
		base := done
		out[i].Evidence, out[i].Err = s.store.AddEvidence(ctx, rc, ev, it.Link, func(n, _ int64) {
			if progress != nil {
				progress(base+n, -1)
			}
		})
		rc.Close()
		done += out[i].Evidence.Size
	}
	return out
}

// openFile checks the file at path and opens it for attaching: a folder,
// an irregular, unreadable or empty file is refused; the content is read
// through a steadyReader, which fails if the file changes meanwhile.
func (s *Service) openFile(req *Requirement, proof, path string, opt AttachOptions) (Evidence, io.ReadCloser, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return Evidence{}, nil, fileError(path, err)
	}
	if fi.IsDir() {
		return Evidence{}, nil, E(FaultIsFolder, path, nil)
	}
	if !fi.Mode().IsRegular() {
		return Evidence{}, nil, E(FaultNotRegular, path, nil)
	}
	if fi.Size() == 0 {
		return Evidence{}, nil, E(FaultEmptyEvidence, path, nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return Evidence{}, nil, fileError(path, err)
	}
	ev, r, err := s.describe(req, proof, Evidence{Name: filepath.Base(path), Size: fi.Size()}, &steadyReader{r: f, path: path, start: fi}, opt)
	if err != nil {
		f.Close()
		return Evidence{}, nil, err
	}
	return ev, readCloser{Reader: r, Closer: f}, nil
}

// readCloser joins a reader to what closes its source.
type readCloser struct {
	io.Reader
	io.Closer
}

// describe fills in the record of a content read from r: its kind, from
// its first bytes, and the user's options; the dossier's file policy may
// refuse it (FaultPolicy). The returned reader yields the
// whole content.
func (s *Service) describe(req *Requirement, proof string, ev Evidence, r io.Reader, opt AttachOptions) (Evidence, io.Reader, error) {
	br := bufio.NewReaderSize(r, KindHeadSize)
	head, err := br.Peek(KindHeadSize)
	if err != nil && !errors.Is(err, io.EOF) {
		return Evidence{}, nil, err
	}
	ev.ReqID, ev.ProofID = req.ID, proof
	ev.Kind = DetectKind(head, ev.Name)
	// The policy is applied at the door: a file it refuses is never
	// stored (the size, when known beforehand, is checked here too).
	if v := PolicyOf(s.Info()).Check(ev); len(v) > 0 {
		return Evidence{}, nil, E(FaultPolicy, ev.Name, v[0])
	}
	ev.Caption = strings.TrimSpace(opt.Caption)
	ev.AddedBy = strings.TrimSpace(opt.Operator)
	if ev.AddedBy == "" {
		ev.AddedBy = s.Operator()
	}
	ev.Annotations = append([]Annotation(nil), opt.Annotations...)
	ev.AddedAt = s.Now()
	return ev, br, nil
}

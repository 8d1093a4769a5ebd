package export

import (
	"archive/zip"
	"bufio"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// JournalName is the dossier's journal in the package: one event a line,
// as JSON (the keys of dossier.Event), oldest first.
const JournalName = "journal.jsonl"

// JournalRef, in manifest.json, is the journal the package carries: how
// many events and the hash of the last one (its head). verify recomputes
// the chain from the dossier's ID and refuses a journal that does not end
// at this head.
type JournalRef struct {
	File   string `json:"file"`
	Events uint64 `json:"events"`
	Head   string `json:"head"`
}

// Journaled is a Source that also streams the dossier's journal and
// holds its signing key (dossier.Service does): its packages carry
// journal.jsonl and are signed.
type Journaled interface {
	Journal(from uint64, fn func(dossier.Event) error) error
	SigningKey() (ed25519.PrivateKey, error)
}

// journaled is what src (or, for a snapshot, its contents) offers.
func journaled(src Source) (Journaled, bool) {
	if f, ok := src.(frozenSource); ok {
		j, ok := f.contents.(Journaled)
		return j, ok
	}
	if s, ok := src.(serviceSource); ok {
		return s.svc, true
	}
	j, ok := src.(Journaled)
	return j, ok
}

// writeJournal streams the journal to w, checking its chain from the
// dossier's ID as it goes: a dossier whose journal was tampered with is
// not exported.
func writeJournal(w io.Writer, j Journaled, dossierID string) (JournalRef, error) {
	c := dossier.NewChainChecker(dossierID)
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := j.Journal(1, func(ev dossier.Event) error {
		if err := c.Next(ev); err != nil {
			return err
		}
		return enc.Encode(ev)
	})
	if err == nil {
		err = bw.Flush()
	}
	return JournalRef{File: JournalName, Events: c.Count(), Head: c.Head()}, err
}

// maxEventLine bounds one line of journal.jsonl (an event is a few
// hundred bytes; a note can be long).
const maxEventLine = 4 << 20

// checkJournal recomputes the chain of the package's journal.jsonl and
// compares its length and head with the manifest's: a FaultJournalBroken
// error names the first event that does not follow.
func checkJournal(f *zip.File, ref JournalRef, dossierID string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	c := dossier.NewChainChecker(dossierID)
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 64<<10), maxEventLine)
	for sc.Scan() {
		var ev dossier.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return dossier.ED(dossier.FaultJournalBroken, fmt.Sprint(c.Count()+1), dossier.BreakHash, err)
		}
		if err := c.Next(ev); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return dossier.ED(dossier.FaultJournalBroken, fmt.Sprint(c.Count()+1), dossier.BreakHash, err)
	}
	if c.Count() != ref.Events || c.Head() != ref.Head {
		return dossier.ED(dossier.FaultJournalBroken, fmt.Sprint(c.Count()+1), dossier.BreakSeq,
			errors.New("journal ends elsewhere than the manifest's head"))
	}
	return nil
}

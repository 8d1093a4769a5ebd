package storage

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/cli"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// BenchmarkSetStatusCommandJournal is the journal's overhead on the
// set-status command as a user runs it: cli.Run with the command's own
// arguments, which opens the dossier (lock, checks, catalogue), makes the
// change with its fsyncs, prints its line and closes the file, on the
// realistic dossier of BenchmarkSetStatusJournal, with and without the
// journal's event, in the same rounds (onOffRounds: blocks of 4
// commands). Only the starting of a process is left out (the same on both
// sides). It reports the same ratios (rounds.report). Run it with
// -benchtime 640x (10 rounds) or more.
func BenchmarkSetStatusCommandJournal(b *testing.B) {
	path := filepath.Join(b.TempDir(), "d.segur")
	var sw journalSwitch
	svc := realisticDossier(b, path, &sw, 3000)
	reqs := svc.Catalogue().Requirements
	svc.Close()
	statuses := [2]string{"a_faire", "en_cours"}
	next := 0
	block := func(on bool) (cpu, wall time.Duration, pages int64) {
		env := cli.Env{Stdout: io.Discard, Stderr: io.Discard, Opener: commandOpener{on: on}}
		c0, w0 := system.CPUTime(), time.Now()
		for range 4 {
			st := statuses[(next/len(reqs))%2]
			args := []string{"set-status", path, "--req", reqs[next%len(reqs)].ID, "--status", st, "--operator", "Alice Martin"}
			if code := cli.Run(args, env); code != 0 {
				b.Fatalf("set-status: exit %d", code)
			}
			next++
		}
		return system.CPUTime() - c0, time.Since(w0), 0
	}
	b.ResetTimer()
	onOffRounds(b, block).report(b)
}

// commandOpener opens dossiers whose transactions record their event or
// not (on), for the whole command: for measuring only.
type commandOpener struct {
	Opener
	on bool
}

func (o commandOpener) Open(path string) (dossier.Store, error) {
	st, err := o.Opener.Open(path)
	if err != nil {
		return nil, err
	}
	return switchedStore{st.(*Store), &journalSwitch{store: st.(*Store), on: o.on}}, nil
}

package dossier_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// withProofs gives INS.01 two expected proofs in the service's catalogue.
func withProofs(t *testing.T, svc *dossier.Service) {
	t.Helper()
	req, err := svc.Catalogue().Requirement("INS.01")
	if err != nil {
		t.Fatal(err)
	}
	req.Scenarios = append(req.Scenarios, dossier.Scenario{ID: "S1", Proofs: []dossier.ProofSlot{{ID: "INS/va1.01.01"}, {ID: "INS/va1.01.02"}}})
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAttachFilePromotesAndRecords(t *testing.T) {
	svc, m := newService(t)
	withProofs(t, svc)
	p := writeFile(t, "journal.log", "2024-01-01 démarrage\n")
	var last int64
	ev, err := svc.AttachFile(context.Background(), "ins.01", p, dossier.AttachOptions{ProofID: "ins/va1.01.02", Caption: "  Journal  ", Operator: "Alice"},
		func(done, total int64) { last = total })
	if err != nil {
		t.Fatal(err)
	}
	if ev.ReqID != "RIS.INS.01" || ev.ProofID != "INS/va1.01.02" || ev.Kind != dossier.KindText || ev.Name != "journal.log" ||
		ev.Caption != "Journal" || ev.AddedBy != "Alice" || ev.Size != int64(len("2024-01-01 démarrage\n")) || ev.AddedAt.IsZero() {
		t.Fatalf("evidence: %+v", ev)
	}
	if last != ev.Size {
		t.Fatalf("progress total %d, want the file size %d", last, ev.Size)
	}
	if st := statesOf(m)["RIS.INS.01"]; st.Status != dossier.EnCours {
		t.Fatalf("first evidence left the status at %q", st.Status)
	}
	// A requirement already "Prête" (its proof filed outside the
	// application) keeps its status.
	prete, offline, where := dossier.Prete, true, "déposée sur Convergence"
	if _, err := svc.UpdateState("INS.02", dossier.StateChange{Status: &prete, Offline: &offline, Note: &where}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachFile(context.Background(), "INS.02", p, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if st := statesOf(m)["RIS.INS.02"]; st.Status != dossier.Prete {
		t.Fatalf("status changed to %q", st.Status)
	}
	var out bytes.Buffer
	if err := svc.ExtractEvidence(context.Background(), ev.ID, &out); err != nil || out.String() != "2024-01-01 démarrage\n" {
		t.Fatalf("extract: %q %v", out.String(), err)
	}
}

func TestAttachFileRefusesBadInput(t *testing.T) {
	svc, m := newService(t)
	withProofs(t, svc)
	good := writeFile(t, "a.txt", "contenu")
	dir := t.TempDir()
	empty := writeFile(t, "vide.txt", "")
	cases := []struct {
		name, req, path, proof string
		want                   dossier.Fault
		text                   string
	}{
		{"directory", "INS.01", dir, "", dossier.FaultIsFolder, dir},
		{"empty", "INS.01", empty, "", dossier.FaultEmptyEvidence, "vide.txt"},
		{"missing", "INS.01", filepath.Join(dir, "absent.txt"), "", dossier.FaultFileNotFound, "absent.txt"},
		{"unknown requirement", "RIS.NOPE.99", good, "", dossier.FaultUnknownRequirement, "RIS.NOPE.99"},
		{"unknown proof", "INS.01", good, "INS/va1.99", dossier.FaultUnknownProof, "INS/va1.01.01"},
		{"proof on a requirement without proofs", "INS.02", good, "X", dossier.FaultNoProofSlots, "RIS.INS.02"},
	}
	if os.Geteuid() != 0 { // root reads anything
		locked := writeFile(t, "secret.txt", "x")
		os.Chmod(locked, 0)
		cases = append(cases, struct {
			name, req, path, proof string
			want                   dossier.Fault
			text                   string
		}{"unreadable", "INS.01", locked, "", dossier.FaultPermission, "secret.txt"})
	}
	for _, c := range cases {
		_, err := svc.AttachFile(context.Background(), c.req, c.path, dossier.AttachOptions{ProofID: c.proof}, nil)
		if e := dossier.AsError(err); e == nil || e.Fault != c.want || !strings.Contains(e.Subject+" "+e.Detail, c.text) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if evidenceCount(m) != 0 || statesOf(m)["RIS.INS.01"].Status != "" {
		t.Fatalf("refused input was stored: %d evidence, state %+v", evidenceCount(m), statesOf(m)["RIS.INS.01"])
	}
}

// changingStore changes the file being attached after reading its first
// 16 KiB, the way another program would.
type changingStore struct {
	*dossiertest.MemStore
	change func()
}

func (c *changingStore) AddEvidence(ctx context.Context, r io.Reader, ev dossier.Evidence, link func(dossier.Tx, dossier.Evidence) error, progress dossier.Progress) (dossier.Evidence, error) {
	var head bytes.Buffer
	if _, err := io.CopyN(&head, r, 16<<10); err != nil {
		return dossier.Evidence{}, err
	}
	c.change()
	return c.MemStore.AddEvidence(ctx, io.MultiReader(&head, r), ev, link, progress)
}

func TestAttachFileThatChangesWhileRead(t *testing.T) {
	_, m := newService(t)
	big := strings.Repeat("ligne de journal\n", 4096) // 68 KiB: several reads
	for _, c := range []struct {
		name   string
		change func(path string)
		text   dossier.Fault
	}{
		{"shrinks", func(p string) { os.Truncate(p, 10) }, dossier.FaultFileShrank},
		{"grows", func(p string) {
			f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(big)
			f.Close()
		}, dossier.FaultFileGrew},
		{"vanishes", func(p string) { os.Remove(p) }, dossier.FaultFileGone},
	} {
		p := writeFile(t, "f.log", big)
		store := &changingStore{MemStore: m, change: func() { c.change(p) }}
		svc, err := dossier.Open(dossiertest.StoreOpener{Store: store}, "x")
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.AttachFile(context.Background(), "INS.01", p, dossier.AttachOptions{}, nil)
		if dossier.FaultOf(err) != c.text {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if evidenceCount(m) != 0 {
		t.Fatalf("a changing file was stored")
	}
}

func TestAttachReaderAndEvidenceActions(t *testing.T) {
	svc, m := newService(t)
	withProofs(t, svc)
	png := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 100)
	capInfo := &dossier.CaptureInfo{Display: 0, Width: 1920, Height: 1080}
	ev, err := svc.AttachReader(context.Background(), "INS.01", "capture.png", strings.NewReader(png), capInfo, dossier.AttachOptions{Operator: "Bob"}, nil)
	if err != nil || ev.Kind != dossier.KindImage || ev.Capture == nil || ev.Capture.Width != 1920 {
		t.Fatalf("capture: %+v %v", ev, err)
	}
	if _, err := svc.AttachReader(context.Background(), "INS.01", "vide.png", strings.NewReader(""), nil, dossier.AttachOptions{}, nil); dossier.FaultOf(err) != dossier.FaultEmptyEvidence {
		t.Fatalf("empty reader: %v", err)
	}
	if ev, err = svc.SetCaption(ev.ID, " Écran d'accueil "); err != nil || ev.Caption != "Écran d'accueil" {
		t.Fatalf("caption: %+v %v", ev, err)
	}
	ev.ProofID = "INS/va1.01.01"
	if err := m.Update(func(tx dossier.Tx) error { return tx.UpdateEvidence(ev) }); err != nil {
		t.Fatal(err)
	}
	moved, err := svc.MoveEvidence(ev.ID, "INS.03")
	if err != nil || moved.ReqID != "RIS.INS.03" || moved.ProofID != "" {
		t.Fatalf("move: %+v %v", moved, err)
	}
	if statesOf(m)["RIS.INS.03"].Status != dossier.EnCours {
		t.Fatalf("move did not promote the target: %+v", statesOf(m)["RIS.INS.03"])
	}
	if evs, _ := svc.ListEvidence("INS.03"); len(evs) != 1 || evs[0].ID != ev.ID {
		t.Fatalf("list after move: %+v", evs)
	}
	if _, err := svc.MoveEvidence(ev.ID, "NOPE"); !errors.Is(err, dossier.ErrUnknownRequirement) {
		t.Fatalf("move to unknown requirement: %v", err)
	}
	if err := svc.DeleteEvidence(ev.ID); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{svc.DeleteEvidence(ev.ID), svc.ExtractEvidence(context.Background(), ev.ID, &bytes.Buffer{})} {
		if !errors.Is(err, dossier.ErrNotFound) || dossier.FaultOf(err) != dossier.FaultEvidenceNotFound {
			t.Fatalf("unknown evidence: %v", err)
		}
	}
}

func TestExtractDetectsDamagedContent(t *testing.T) {
	svc, m := newService(t)
	ev, err := svc.AttachReader(context.Background(), "INS.01", "a.txt", strings.NewReader("original"), nil, dossier.AttachOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Tamper(ev.SHA256, []byte("modifié"))
	if err := svc.ExtractEvidence(context.Background(), ev.ID, &bytes.Buffer{}); dossier.FaultOf(err) != dossier.FaultEvidenceDamaged {
		t.Fatalf("damaged content not reported: %v", err)
	}
}

func TestAttachCancelled(t *testing.T) {
	svc, m := newService(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := svc.AttachReader(ctx, "INS.01", "a.txt", strings.NewReader("x"), nil, dossier.AttachOptions{}, nil)
	if !errors.Is(err, dossier.ErrCancelled) || evidenceCount(m) != 0 {
		t.Fatalf("cancel: %v", err)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/storage"
)

// mergeJSON runs merge --json and decodes its report.
func mergeJSON(t *testing.T, args ...string) (dossier.MergeReport, string, int) {
	t.Helper()
	out, stderr, code := run(t, append([]string{"merge", "--json"}, args...)...)
	var rep dossier.MergeReport
	if out != "" {
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("merge --json: %v\n%s", err, out)
		}
	}
	return rep, stderr, code
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWorkingCopyMergesBack: a copy limited to one section, changed on its
// side while the original changes on its own, merges back both ways with
// one conflict, dry run first; merging again is a no-op.
func TestWorkingCopyMergesBack(t *testing.T) {
	dir, a := newTestDossier(t)
	mustRun(t, "attach", a, "--req", "INS.01", writeFile(t, dir, "ins.log", "INS 1\n"))
	mustRun(t, "attach", a, "--req", "MSS.01", writeFile(t, dir, "mss.log", "MSS 1\n"))
	b := filepath.Join(dir, "copie.segur")
	out := mustRun(t, "new", b, "--from", a, "--sections", "ins")
	if !strings.Contains(out, "Copie de travail créée") || !strings.Contains(out, "sections INS") || !strings.Contains(out, "1 preuve laissée") {
		t.Fatalf("new --from:\n%s", out)
	}
	if ev := mustRun(t, "evidence", b); !strings.Contains(ev, "ins.log") || strings.Contains(ev, "mss.log") {
		t.Fatalf("copy's evidence:\n%s", ev)
	}
	// Each side works on its own.
	mustRun(t, "attach", b, "--req", "INS.02", writeFile(t, dir, "ins2.log", "INS 2 from the copy\n"))
	mustRun(t, "set-status", b, "--req", "INS.02", "--status", "en_cours", "--note", "vu par B")
	mustRun(t, "set-status", b, "--req", "INS.03", "--status", "en_cours", "--note", "B dit")
	mustRun(t, "set-status", a, "--req", "INS.03", "--status", "en_cours", "--note", "A dit")

	before, _ := os.ReadFile(a)
	otherBefore, _ := os.ReadFile(b)
	rep, stderr, code := mergeJSON(t, a, b)
	if code != 0 || rep.Applied || rep.EvidenceAdded != 1 || rep.BytesAdded != int64(len("INS 2 from the copy\n")) {
		t.Fatalf("dry run: %d %s %+v", code, stderr, rep)
	}
	if after, _ := os.ReadFile(a); string(after) != string(before) {
		t.Fatal("the dry run changed the dossier")
	}
	// One conflict: the note both sides changed. INS.02, changed by the
	// copy only, takes the copy's state.
	if len(rep.Conflicts) != 1 || rep.Conflicts[0] != (dossier.Conflict{Req: "RIS.INS.03", Field: dossier.FieldNote, Mine: "A dit", Theirs: "B dit"}) {
		t.Fatalf("conflicts: %+v", rep.Conflicts)
	}
	if strings.Join(rep.RequirementsChanged, ",") != "RIS.INS.02" || rep.EventsAdded < 4 {
		t.Fatalf("changed %v, %d events", rep.RequirementsChanged, rep.EventsAdded)
	}
	// Applying with a conflict left open is refused, nothing written.
	refused(t, a, "à trancher", "merge", a, b, "--apply")
	rep, stderr, code = mergeJSON(t, a, b, "--apply", "--prefer", "mine")
	if code != 0 || !rep.Applied || rep.EvidenceAdded != 1 {
		t.Fatalf("apply: %d %s %+v", code, stderr, rep)
	}
	if after, _ := os.ReadFile(b); string(after) != string(otherBefore) {
		t.Fatal("the merge changed the other copy")
	}
	ev := mustRun(t, "evidence", a, "--req", "INS.02")
	if !strings.Contains(ev, "ins2.log") {
		t.Fatalf("merged evidence:\n%s", ev)
	}
	if out := mustRun(t, "extract", a, "--evidence", evidenceID(t, a, "ins2.log"), "--out", filepath.Join(dir, "x.log")); out == "" {
		t.Log(out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "x.log")); string(got) != "INS 2 from the copy\n" {
		t.Fatalf("merged content: %q", got)
	}
	if got := stateOf(t, a, "RIS.INS.02"); got.Note != "vu par B" || got.Status != dossier.EnCours {
		t.Fatalf("INS.02 after the merge: %+v", got)
	}
	if got := stateOf(t, a, "RIS.INS.03"); got.Note != "A dit" {
		t.Fatalf("INS.03 kept: %+v", got)
	}
	// Merging again is a no-op: nothing to bring, nothing written.
	before, _ = os.ReadFile(a)
	rep, stderr, code = mergeJSON(t, a, b, "--apply")
	if code != 0 || rep.Applied || !rep.NoOp() {
		t.Fatalf("second merge: %d %s %+v", code, stderr, rep)
	}
	if after, _ := os.ReadFile(a); string(after) != string(before) {
		t.Fatal("the second merge wrote to the dossier")
	}
	// The other way: the copy takes the original's proof and note, with
	// no conflict (the original decided it), then both hold the same.
	rep, stderr, code = mergeJSON(t, b, a, "--apply")
	if code != 0 || !rep.Applied || rep.EvidenceAdded != 1 || len(rep.Conflicts) != 0 {
		t.Fatalf("merge back: %d %s %+v", code, stderr, rep)
	}
	if got := stateOf(t, b, "RIS.INS.03"); got.Note != "A dit" {
		t.Fatalf("INS.03 in the copy after merging back: %+v", got)
	}
	for _, p := range []string{a, b} {
		if rep, _, _ := mergeJSON(t, p, map[string]string{a: b, b: a}[p]); !rep.NoOp() {
			t.Fatalf("%s: a merge after both ways still brings %+v", p, rep)
		}
		checkJournal(t, p)
	}
}

// stateOf reads one requirement's state.
func stateOf(t *testing.T, path, req string) dossier.ReqState {
	t.Helper()
	svc, err := dossier.OpenReadOnly(storage.Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	snap, err := svc.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return dossier.StateOf(snap.States, req)
}

// checkJournal verifies the dossier's journal chain and finds a merge
// event in it.
func checkJournal(t *testing.T, path string) {
	t.Helper()
	svc, err := dossier.OpenReadOnly(storage.Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, _, err := svc.VerifyJournal(); err != nil {
		t.Fatalf("%s: journal does not verify: %v", path, err)
	}
	merges := 0
	svc.Journal(1, func(ev dossier.Event) error {
		if ev.Kind == dossier.EventMerge {
			merges++
			if f, ok := ev.Field("theirs_head"); !ok || f.New == "" {
				t.Errorf("merge event without the other head: %+v", ev)
			}
		}
		return nil
	})
	if merges == 0 {
		t.Errorf("%s: no merge event", path)
	}
}

// evidenceID is the ID of the proof named name in the dossier.
func evidenceID(t *testing.T, path, name string) string {
	t.Helper()
	var evs []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "evidence", path, "--json")), &evs); err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev["name"] == name {
			return fmt.Sprint(ev["id"])
		}
	}
	t.Fatalf("no proof %s", name)
	return ""
}

// TestMergeCaptions: captions changed on two copies by two operators: one
// changed on the copy only comes in, one changed here only stays, one
// changed on both sides is a conflict naming the proof, decided by
// --prefer and recorded in the merge event; merging again is a no-op.
func TestMergeCaptions(t *testing.T) {
	dir, a := newTestDossier(t)
	mustRun(t, "attach", a, "--req", "INS.01", "--caption", "base", writeFile(t, dir, "un.log", "1\n"), writeFile(t, dir, "deux.log", "2\n"), writeFile(t, dir, "trois.log", "3\n"))
	b := filepath.Join(dir, "copie.segur")
	mustRun(t, "new", b, "--from", a)
	caption := func(path, name, text, operator string) {
		t.Helper()
		out := mustRun(t, "set-caption", path, "--evidence", evidenceID(t, path, name), "--caption", text, "--operator", operator)
		if !strings.Contains(out, "Légende") {
			t.Fatalf("set-caption: %q", out)
		}
	}
	caption(b, "un.log", "vu par Bob", "Bob")
	caption(a, "deux.log", "vu par Alice", "Alice")
	caption(a, "trois.log", "Alice dit", "Alice")
	caption(b, "trois.log", "Bob dit", "Bob")

	rep, stderr, code := mergeJSON(t, a, b)
	if code != 0 || rep.Applied || strings.Join(rep.RequirementsChanged, ",") != "RIS.INS.01" {
		t.Fatalf("dry run: %d %s %+v", code, stderr, rep)
	}
	if len(rep.Conflicts) != 1 {
		t.Fatalf("conflicts: %+v", rep.Conflicts)
	}
	c := rep.Conflicts[0]
	if c.Req != "RIS.INS.01" || c.Field != dossier.FieldCaption || c.Name != "trois.log" || c.SHA256 == "" || c.Mine != "Alice dit" || c.Theirs != "Bob dit" {
		t.Fatalf("conflict: %+v", c)
	}
	out, _, _ := run(t, "merge", a, b)
	if !strings.Contains(out, "légende de trois.log") || !strings.Contains(out, fr.Quote("Bob dit")) {
		t.Fatalf("dry run:\n%s", out)
	}
	refused(t, a, "à trancher", "merge", a, b, "--apply")
	rep, stderr, code = mergeJSON(t, a, b, "--apply", "--prefer", "theirs", "--operator", "Alice")
	if code != 0 || !rep.Applied {
		t.Fatalf("apply: %d %s %+v", code, stderr, rep)
	}
	want := map[string]string{"un.log": "vu par Bob", "deux.log": "vu par Alice", "trois.log": "Bob dit"}
	if got := captions(t, a); !maps.Equal(got, want) {
		t.Fatalf("captions after the merge: %v, want %v", got, want)
	}
	var recorded bool
	for _, ev := range journalOf(t, a) {
		if ev.Kind == dossier.EventMerge {
			for _, f := range ev.Fields {
				if f.Field == "conflict RIS.INS.01 caption:"+c.SHA256+" theirs" && f.Old == "Alice dit" && f.New == "Bob dit" {
					recorded = true
				}
			}
		}
	}
	if !recorded {
		t.Fatalf("the merge event does not record the caption's decision: %+v", journalOf(t, a))
	}
	if rep, _, _ := mergeJSON(t, a, b); !rep.NoOp() {
		t.Fatalf("second merge: %+v", rep)
	}
	// Merged back, the copy takes Alice's caption with no conflict.
	if rep, stderr, code := mergeJSON(t, b, a, "--apply", "--operator", "Bob"); code != 0 || !rep.Applied || len(rep.Conflicts) != 0 {
		t.Fatalf("merge back: %d %s %+v", code, stderr, rep)
	}
	if got := captions(t, b); !maps.Equal(got, want) {
		t.Fatalf("captions of the copy after merging back: %v, want %v", got, want)
	}
	checkJournal(t, a)
	checkJournal(t, b)
}

// captions maps each proof's file name to its caption.
func captions(t *testing.T, path string) map[string]string {
	t.Helper()
	var evs []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "evidence", path, "--json")), &evs); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, ev := range evs {
		out[fmt.Sprint(ev["name"])] = fmt.Sprint(ev["caption"])
	}
	return out
}

// journalOf reads a dossier's events.
func journalOf(t *testing.T, path string) []dossier.Event {
	t.Helper()
	svc, err := dossier.OpenReadOnly(storage.Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	var evs []dossier.Event
	if err := svc.Journal(1, func(ev dossier.Event) error { evs = append(evs, ev); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

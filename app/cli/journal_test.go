package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/assets"
	"github.com/segur-dossier/dossier-segur/storage"
)

func TestJournalListsAndVerifies(t *testing.T) {
	_, path := newTestDossier(t)
	if _, stderr, code := run(t, "set-status", path, "--req", "INS.01", "--status", "en_cours", "--operator", "Bob"); code != 0 {
		t.Fatal(stderr)
	}
	run(t, "set-status", path, "--req", "INS.02", "--status", "en_cours")
	out, stderr, code := run(t, "journal", path, "--json")
	var evs []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &evs) != nil || len(evs) != 3 {
		t.Fatalf("journal --json: %d %q %q", code, out, stderr)
	}
	for _, k := range []string{"seq", "time", "operator", "kind", "subject", "summary", "prev", "hash"} {
		if _, ok := evs[1][k]; !ok {
			t.Errorf("event lacks key %q: %v", k, evs[1])
		}
	}
	if evs[0]["operator"] != "Alice Martin" || evs[1]["operator"] != "Bob" || evs[2]["operator"] != "Alice Martin" {
		t.Errorf("operators: %v %v %v", evs[0]["operator"], evs[1]["operator"], evs[2]["operator"])
	}
	out, _, _ = run(t, "journal", path, "--req", "RIS.INS.02", "--json")
	if json.Unmarshal([]byte(out), &evs) != nil || len(evs) != 1 || evs[0]["subject"] != "RIS.INS.02" {
		t.Fatalf("journal --req: %s", out)
	}
	out, _, code = run(t, "journal", path)
	if code != 0 || !strings.Contains(out, "Bob") || !strings.Contains(out, "À faire → En cours") {
		t.Fatalf("journal: %d %q", code, out)
	}
	out, _, code = run(t, "journal", path, "--verify")
	if code != 0 || !strings.Contains(out, "3 événements") {
		t.Fatalf("journal --verify: %d %q", code, out)
	}
	// Reading commands do not take --operator.
	if _, _, code := run(t, "journal", path, "--operator", "X"); code != exitUsage {
		t.Fatalf("journal --operator: exit %d", code)
	}
}

// TestJournalVerifyNamesAnEventEditedInTheFile edits event 2's operator
// directly in the bbolt file, as someone covering their tracks would.
func TestJournalVerifyNamesAnEventEditedInTheFile(t *testing.T) {
	_, path := newTestDossier(t)
	run(t, "set-status", path, "--req", "INS.01", "--status", "en_cours", "--operator", "Bob")
	run(t, "set-status", path, "--req", "INS.02", "--status", "en_cours")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bbolt.Tx) error {
		// The newest events are in journal_tail/ (in one block, under
		// the first one's number), the others in journal/ and
		// journal_mid/: event 2 is the only one by Bob.
		for _, name := range []string{"journal_tail", "journal_mid", "journal"} {
			b := tx.Bucket([]byte(name))
			if b == nil {
				continue
			}
			c := b.Cursor()
			for k, old := c.First(); k != nil; k, old = c.Next() {
				// Same length: whatever the event's form, only the name changes.
				if v := bytes.Replace(old, []byte(`Bob`), []byte(`Eve`), 1); !bytes.Equal(v, old) {
					return b.Put(bytes.Clone(k), v)
				}
			}
		}
		t.Fatal("no operator Bob in the journal")
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, "journal", path, "--verify")
	if code != 1 || !strings.Contains(stderr, "événement n°\u00a02") && !strings.Contains(stderr, "événement n° 2") {
		t.Fatalf("edited event: exit %d, %q %q", code, out, stderr)
	}
	out, _, code = run(t, "journal", path, "--verify", "--json")
	var c journalCheck
	if code != 1 || json.Unmarshal([]byte(out), &c) != nil || c.Intact || c.BrokenAt != 2 || c.Reason != "hash" {
		t.Fatalf("edited event, JSON: %d %s", code, out)
	}
}

func TestOperatorIsSavedPerWorkstation(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	out, _, code := run(t, "operator", "--name", "Chloé", "--email", "c@x.fr")
	if code != 0 || !strings.Contains(out, "Chloé <c@x.fr>") {
		t.Fatalf("operator: %d %q", code, out)
	}
	var errb, outb bytes.Buffer
	_, path := newTestDossier(t)
	// Without --operator nor Env.Operator, the saved one is recorded.
	Run([]string{"set-status", path, "--req", "INS.01", "--status", "en_cours"}, Env{Stdout: &outb, Stderr: &errb, Opener: storage.Opener{}, DefaultCatalogue: assets.DefaultCatalogue})
	out, _, _ = run(t, "journal", path, "--json")
	if !strings.Contains(out, `"operator":"Chloé <c@x.fr>"`) {
		t.Fatalf("saved operator not recorded: %s %s", out, errb.String())
	}
	out, _, _ = run(t, "operator", "--clear")
	if !strings.Contains(out, "Aucun opérateur") {
		t.Fatalf("operator --clear: %q", out)
	}
}

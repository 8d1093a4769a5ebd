package dossier_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// TestCanonicalEncoding pins the documented encoding an event's hash is
// computed over: a third party recomputes it from this description.
func TestCanonicalEncoding(t *testing.T) {
	ev := dossier.Event{Seq: 12, Time: time.Date(2026, 11, 30, 4, 5, 6, 0, time.UTC), Operator: "Zoé <z@x.fr>",
		Kind: dossier.EventState, Subject: "RIS.INS.01", Summary: "s", SHA256: "",
		Fields: []dossier.FieldChange{{Field: "status", Old: "a_faire", New: "prete"}}, Prev: "ab"}
	want := "dossier-segur journal v1\n" + "2:12," + "20:2026-11-30T04:05:06Z," + "13:Zoé <z@x.fr>," + "5:state," +
		"10:RIS.INS.01," + "1:s," + "0:," + "1:1," + "6:status," + "7:a_faire," + "5:prete," + "2:ab," + "0:,"
	if got := string(ev.Canonical()); got != want {
		t.Fatalf("canonical encoding\n got %q\nwant %q", got, want)
	}
	// Each field is hashed: changing any changes the hash.
	base := ev.ComputeHash()
	for name, edit := range map[string]func(*dossier.Event){
		"seq": func(e *dossier.Event) { e.Seq++ }, "time": func(e *dossier.Event) { e.Time = e.Time.Add(time.Second) },
		"operator": func(e *dossier.Event) { e.Operator = "Zoe" }, "kind": func(e *dossier.Event) { e.Kind = dossier.EventIdentity },
		"subject": func(e *dossier.Event) { e.Subject = "RIS.INS.02" }, "summary": func(e *dossier.Event) { e.Summary = "t" },
		"sha256": func(e *dossier.Event) { e.SHA256 = "00" }, "field": func(e *dossier.Event) { e.Fields = nil },
		"prev": func(e *dossier.Event) { e.Prev = "ac" }, "origin": func(e *dossier.Event) { e.Origin = "ab" },
		// Moving a boundary between two fields is not the same event.
		"boundary": func(e *dossier.Event) { e.Subject, e.Summary = "RIS.INS.01s", "" },
	} {
		e := ev
		e.Fields = append([]dossier.FieldChange(nil), ev.Fields...)
		edit(&e)
		if e.ComputeHash() == base {
			t.Errorf("changing %s keeps the hash", name)
		}
	}
}

func TestGenesisBindsTheDossier(t *testing.T) {
	if dossier.GenesisPrev("a") == dossier.GenesisPrev("b") || len(dossier.GenesisPrev("a")) != 64 {
		t.Fatal("the first event's prev does not depend on the dossier ID")
	}
}

// journalOf is every event of svc's journal.
func journalOf(t *testing.T, svc *dossier.Service) []dossier.Event {
	t.Helper()
	var evs []dossier.Event
	if err := svc.Journal(1, func(ev dossier.Event) error { evs = append(evs, ev); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestCreationAndStateChangeAreRecorded(t *testing.T) {
	svc, err := dossier.CreateAs(dossiertest.NewMemOpener(), "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1"}, catalogue(t), "Alice")
	if err != nil {
		t.Fatal(err)
	}
	prete, note := dossier.EnCours, "vu"
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Status: &prete, Note: &note}); err != nil {
		t.Fatal(err)
	}
	// A refused change records nothing.
	na := dossier.NonApplicable
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Status: &na}); err == nil {
		t.Fatal("N/A without justification accepted")
	}
	svc.SetOperator("Bob")
	if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &note}); err != nil {
		t.Fatal(err)
	}
	evs := journalOf(t, svc)
	if len(evs) != 3 {
		t.Fatalf("%d events, want creation and two changes: %+v", len(evs), evs)
	}
	c, s, same := evs[0], evs[1], evs[2]
	if c.Kind != dossier.EventCreated || c.Operator != "Alice" || c.Seq != 1 || c.Prev != dossier.GenesisPrev(svc.Info().ID) {
		t.Errorf("creation event: %+v", c)
	}
	if f, ok := c.Field("name"); !ok || f.New != "n" {
		t.Errorf("creation event fields: %+v", c.Fields)
	}
	if s.Kind != dossier.EventState || s.Subject != "RIS.INS.01" || s.Operator != "Alice" || s.Prev != c.Hash || s.Time.Location() != time.UTC {
		t.Errorf("state event: %+v", s)
	}
	if f, _ := s.Field(dossier.FieldStatus); f.Old != "a_faire" || f.New != "en_cours" {
		t.Errorf("status change: %+v", s.Fields)
	}
	if f, _ := s.Field(dossier.FieldNote); f.New != "vu" {
		t.Errorf("note change: %+v", s.Fields)
	}
	if same.Operator != "Bob" || len(same.Fields) != 0 {
		t.Errorf("unchanged note recorded as a change, or operator lost: %+v", same)
	}
	if n, head, err := svc.VerifyJournal(); err != nil || n != 3 || head != same.Hash {
		t.Fatalf("verify: %d %s %v", n, head, err)
	}
}

func TestVerifyNamesTheFirstBrokenEvent(t *testing.T) {
	for _, c := range []struct {
		name   string
		edit   func(*dossier.Event)
		seq    uint64
		reason string
	}{
		{"summary edited", func(e *dossier.Event) { e.Summary = "autre" }, 3, dossier.BreakHash},
		{"rehashed after an edit", func(e *dossier.Event) { e.Operator = "Mallory"; e.Hash = e.ComputeHash() }, 4, dossier.BreakPrev},
		{"renumbered", func(e *dossier.Event) { e.Seq = 9 }, 3, dossier.BreakSeq},
		{"backdated", func(e *dossier.Event) { e.Time = e.Time.Add(-time.Hour) }, 3, dossier.BreakHash},
	} {
		t.Run(c.name, func(t *testing.T) {
			svc, m := newService(t)
			for _, n := range []string{"a", "b", "c", "d"} {
				if _, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: &n}); err != nil {
					t.Fatal(err)
				}
			}
			m.TamperEvent(3, c.edit)
			_, _, err := svc.VerifyJournal()
			seq, reason, ok := dossier.BrokenAt(err)
			if !ok || seq != c.seq || reason != c.reason {
				t.Fatalf("got %v, want event %d (%s)", err, c.seq, c.reason)
			}
			if !errors.Is(err, &dossier.Error{Fault: dossier.FaultJournalBroken}) {
				t.Fatalf("not a journal fault: %v", err)
			}
		})
	}
}

func TestChainCheckerRefusesAnotherDossiersJournal(t *testing.T) {
	svc, _ := newService(t)
	c := dossier.NewChainChecker("another-dossier")
	err := svc.Journal(1, c.Next)
	if seq, reason, _ := dossier.BrokenAt(err); seq != 1 || reason != dossier.BreakPrev {
		t.Fatalf("another dossier's journal: %v", err)
	}
}

func TestOperatorString(t *testing.T) {
	if s := (dossier.Operator{Name: " Alice ", Email: "a@x.fr"}).String(); s != "Alice <a@x.fr>" {
		t.Fatal(s)
	}
	if s := (dossier.Operator{Name: "Alice"}).String(); strings.Contains(s, "<") {
		t.Fatal(s)
	}
}

func TestEvidenceActionsAreRecorded(t *testing.T) {
	svc, _ := newService(t)
	svc.SetOperator("Carol")
	ev, err := svc.AttachReader(context.Background(), "RIS.INS.01", "a.txt", strings.NewReader("preuve"), nil, dossier.AttachOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetCaption(ev.ID, "légende"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.MoveEvidence(ev.ID, "RIS.INS.02"); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteEvidence(ev.ID); err != nil {
		t.Fatal(err)
	}
	evs := journalOf(t, svc)[1:]
	kinds := []dossier.EventKind{dossier.EventEvidenceAdded, dossier.EventEvidenceCaption, dossier.EventEvidenceMoved, dossier.EventEvidenceDeleted}
	if len(evs) != len(kinds) {
		t.Fatalf("%d events: %+v", len(evs), evs)
	}
	for i, e := range evs {
		if e.Kind != kinds[i] || e.SHA256 != ev.SHA256 || e.Operator != "Carol" {
			t.Errorf("event %d: %+v", i, e)
		}
		if f, _ := e.Field("evidence"); f.New != strconv.FormatUint(ev.ID, 10) {
			t.Errorf("event %d does not name the evidence: %+v", i, e.Fields)
		}
	}
	// The attach moved RIS.INS.01 to "En cours", the move RIS.INS.02: both recorded.
	if f, ok := evs[0].Field(dossier.FieldStatus); !ok || f.New != string(dossier.EnCours) {
		t.Errorf("promotion not recorded: %+v", evs[0].Fields)
	}
	if f, _ := evs[2].Field("requirement"); f.Old != "RIS.INS.01" || f.New != "RIS.INS.02" || evs[2].Subject != "RIS.INS.02" {
		t.Errorf("move: %+v", evs[2])
	}
}

func TestInfoActionsAreRecorded(t *testing.T) {
	svc, _ := newService(t)
	if err := svc.UpdateInfo("n2", "v", "p", "1"); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetProfiles([]string{"Mailiz"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetIdentity([][2]string{{"siren", "732829320"}}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetFilePolicy(nil); err != nil {
		t.Fatal(err)
	}
	evs := journalOf(t, svc)[1:]
	kinds := []dossier.EventKind{dossier.EventIdentity, dossier.EventProfiles, dossier.EventCandidature, dossier.EventPolicy}
	if len(evs) != len(kinds) {
		t.Fatalf("%d events: %+v", len(evs), evs)
	}
	for i, e := range evs {
		if e.Kind != kinds[i] {
			t.Errorf("event %d: %+v", i, e)
		}
	}
	if f, ok := evs[0].Field("name"); !ok || f.Old != "n" || f.New != "n2" || len(evs[0].Fields) != 1 {
		t.Errorf("identity change: %+v", evs[0].Fields)
	}
	if f, ok := evs[2].Field("siren"); !ok || f.New != "732829320" {
		t.Errorf("candidature change: %+v", evs[2].Fields)
	}
}

func TestStoredFormRoundTrips(t *testing.T) {
	ev := dossier.Event{Kind: dossier.EventState, Subject: "RIS.INS.01", Operator: "Zoé, «x»:1,",
		Fields: []dossier.FieldChange{{Field: "note", Old: "", New: "a:b,c\n"}}, Origin: "ab"}.Chained(7, time.Now(), "prev")
	got, err := dossier.ParseStored(ev.AppendStored(nil))
	if err != nil || got.ComputeHash() != ev.Hash || got.Hash != ev.Hash || !got.Time.Equal(ev.Time) || got.Fields[0] != ev.Fields[0] || got.Origin != "ab" {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	stored := ev.AppendStored(nil)
	for _, bad := range [][]byte{nil, stored[:len(stored)-1], append(stored, 'x'), stored[:40], []byte("dossier-segur journal v1\n99999999999:")} {
		if _, err := dossier.ParseStored(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestLinkedFormRoundTrips: an event's linked form reads back as the
// event, given the hash before it, and is smaller than its stored form.
func TestLinkedFormRoundTrips(t *testing.T) {
	ev := dossier.Event{Kind: dossier.EventState, Subject: "INS.01", Operator: "Alice", Origin: "abc",
		Fields: []dossier.FieldChange{{Field: dossier.FieldStatus, Old: "a_faire", New: "en_cours"}}}
	prev := dossier.GenesisPrev("id")
	ev, stored := ev.ChainedStored(1, time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC), prev)
	linked, err := ev.AppendLinked(nil)
	if err != nil {
		t.Fatal(err)
	}
	back, err := dossier.ParseLinked(linked, prev)
	if err != nil || !reflect.DeepEqual(back, ev) || back.ComputeHash() != ev.Hash {
		t.Fatalf("read back %+v, %v", back, err)
	}
	if len(linked) >= len(stored)-80 {
		t.Errorf("linked %d bytes, stored %d", len(linked), len(stored))
	}
	if _, err := dossier.ParseLinked(linked[:len(linked)-40], prev); err == nil {
		t.Error("a truncated linked form reads")
	}
	if _, err := (dossier.Event{Hash: "zz"}).AppendLinked(nil); err == nil {
		t.Error("an event without a hash has a linked form")
	}
}

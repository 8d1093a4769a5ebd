package fr

import (
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestStateSummarySaysWhatChanged(t *testing.T) {
	ev := dossier.Event{Kind: dossier.EventState, Subject: "RIS.INS.01",
		Fields: dossier.StateChanges(dossier.ReqState{Status: dossier.AFaire}, dossier.ReqState{Status: dossier.Prete, Note: "vu"})}
	got := EventSummary(ev)
	for _, want := range []string{"RIS.INS.01", "À faire → Prête", "note ajoutée"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
}

// TestRecordedEventsAreFrench: with this package linked, the dossier
// package writes summaries through it.
func TestRecordedEventsAreFrench(t *testing.T) {
	ev := dossier.Event{Kind: dossier.EventIdentity, Fields: []dossier.FieldChange{{Field: "vendor", Old: "a", New: "b"}}}
	if got := ev.Chained(1, ev.Time, "x").Summary; got != "Identité du dossier modifiée (éditeur)" {
		t.Fatalf("recorded summary %q", got)
	}
}

package fr

import (
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestReviewSummary(t *testing.T) {
	for _, c := range []struct {
		fields []dossier.FieldChange
		want   string
	}{
		{[]dossier.FieldChange{{Field: "review", New: "valide"}, {Field: "status", New: "prete"}, {Field: "proofs", New: "aa,bb"}},
			"RIS.INS.01 : validée (2 preuves relues)"},
		{[]dossier.FieldChange{{Field: "review", New: "valide"}, {Field: "status", New: "non_applicable"}, {Field: "proofs"}, {Field: "self", New: "true"}},
			"RIS.INS.01 : validée par l'auteur des preuves, comme le dossier l'autorise (non applicable, justification relue)"},
		{[]dossier.FieldChange{{Field: "review", Old: "valide", New: "a_corriger"}, {Field: "comment", New: "Capture floue"}},
			"RIS.INS.01 : à corriger, «\u00a0Capture floue\u00a0»"},
	} {
		if got := EventSummary(dossier.Event{Kind: dossier.EventReview, Subject: "RIS.INS.01", Fields: c.fields}); got != c.want {
			t.Errorf("summary %q, want %q", got, c.want)
		}
	}
}

package fr

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// The journal's summaries of review and sign-off (see journal.go).
func init() {
	summaries[dossier.EventReview] = reviewSummary
	fieldLabels[dossier.FieldReview] = "relecture"
	fieldLabels[dossier.FieldReviewRequired] = "relecture exigée"
	fieldLabels[dossier.FieldReviewAllowSelf] = "validation par l'auteur des preuves"
}

// reviewSummary is "RIS.INS.01 : validée (2 preuves relues)", "… :
// validée par l'auteur des preuves, comme le dossier l'autorise (…)" or
// "… : à corriger, « commentaire »".
func reviewSummary(ev dossier.Event) string {
	if dossier.SignoffDecision(field(ev, dossier.FieldReview)) == dossier.ACorriger {
		return ev.Subject + " : à corriger, " + Quote(field(ev, dossier.FieldReviewComment))
	}
	what := "validée"
	if field(ev, dossier.FieldReviewSelf) == "true" {
		what = "validée par l'auteur des preuves, comme le dossier l'autorise"
	}
	var proofs []string
	if p := field(ev, dossier.FieldReviewProofs); p != "" {
		proofs = strings.Split(p, ",")
	}
	seen := Plural(len(proofs), "preuve relue", "preuves relues")
	if dossier.Status(field(ev, dossier.FieldStatus)) == dossier.NonApplicable {
		seen = "non applicable, justification relue"
	}
	return ev.Subject + " : " + what + " (" + seen + ")"
}

package fr

import (
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// The journal's summaries are written here, once, when an event is
// recorded (dossier.Event.Chained calls the registered Summarizer): they
// are stored and hashed with the event, so rewording a summary below
// changes the events to come, never the ones recorded.
func init() { dossier.RegisterSummarizer(EventSummary) }

// EventSummary is the short French sentence of a journal event, from its
// kind, subject and fields; "" for a kind without one here (the dossier
// package then writes a neutral one).
func EventSummary(ev dossier.Event) string {
	if fn, ok := summaries[ev.Kind]; ok {
		return fn(ev)
	}
	return ""
}

// field is the new value of a field ev changed.
func field(ev dossier.Event, name string) string {
	f, _ := ev.Field(name)
	return f.New
}

// summaries writes each kind's summary. A feature that adds a kind adds
// its summary from its own file's init (summaries[kind] = …), so that no
// two features edit the same table.
var summaries = map[dossier.EventKind]func(dossier.Event) string{
	dossier.EventCreated: func(ev dossier.Event) string {
		return "Dossier créé : " + Quote(field(ev, "name")) + " (" + field(ev, "vendor") + ", " + field(ev, "product") + " " + field(ev, "version") + ")"
	},
	dossier.EventJournalStarted: func(ev dossier.Event) string {
		return "Journal ouvert sur le dossier existant : " + Plural(atoi(field(ev, "requirements")), "exigence renseignée", "exigences renseignées") +
			", " + Plural(atoi(field(ev, "evidence")), "preuve", "preuves")
	},
	dossier.EventIdentity: func(ev dossier.Event) string { return "Identité du dossier modifiée (" + fieldNames(ev) + ")" },
	dossier.EventProfiles: func(ev dossier.Event) string { return "Profils choisis : " + orNone(field(ev, "profiles")) },
	dossier.EventState:    func(ev dossier.Event) string { return ev.Subject + " : " + stateSummary(ev) },
	dossier.EventEvidenceAdded: func(ev dossier.Event) string {
		s := ev.Subject + " : preuve n° " + field(ev, "evidence") + " ajoutée, " + Quote(field(ev, "name"))
		if n, err := strconv.Atoi(field(ev, "annotations")); err == nil && n > 0 {
			s += ", " + Plural(n, "annotation", "annotations")
		}
		return s
	},
	dossier.EventEvidenceMoved: func(ev dossier.Event) string {
		f, _ := ev.Field("requirement")
		return "Preuve n° " + field(ev, "evidence") + " déplacée de " + f.Old + " vers " + f.New
	},
	dossier.EventEvidenceCaption: func(ev dossier.Event) string {
		return ev.Subject + " : légende de la preuve n° " + field(ev, "evidence") + " modifiée"
	},
	dossier.EventEvidenceDeleted: func(ev dossier.Event) string {
		f, _ := ev.Field("name")
		if by := field(ev, "replaced_by"); by != "" {
			return ev.Subject + " : preuve n° " + field(ev, "evidence") + ", " + Quote(f.Old) + ", remplacée par sa copie annotée n° " + by
		}
		return ev.Subject + " : preuve n° " + field(ev, "evidence") + " supprimée, " + Quote(f.Old)
	},
	dossier.EventCatalogue:   func(ev dossier.Event) string { return "Catalogue changé : " + Quote(field(ev, "catalogue")) },
	dossier.EventPolicy:      func(dossier.Event) string { return "Politique de fichiers modifiée" },
	dossier.EventCandidature: func(ev dossier.Event) string { return "Fiche candidature modifiée (" + fieldNames(ev) + ")" },
	dossier.EventExport: func(ev dossier.Event) string {
		if field(ev, "draft") == "true" {
			return "Paquet brouillon exporté : " + Quote(ev.Subject)
		}
		return "Paquet exporté : " + Quote(ev.Subject)
	},
	dossier.EventDeposit:       func(ev dossier.Event) string { return "Dépôt n° " + ev.Subject + " enregistré" },
	dossier.EventRequest:       func(ev dossier.Event) string { return "Demande n° " + ev.Subject + " de l'ANS enregistrée" },
	dossier.EventRequestClosed: func(ev dossier.Event) string { return "Demande n° " + ev.Subject + " de l'ANS close" },
	dossier.EventDecision:      func(dossier.Event) string { return "Décision du collège enregistrée" },
	dossier.EventKeyCreated: func(ev dossier.Event) string {
		return "Clé de signature créée (" + field(ev, dossier.FieldKey) + ")"
	},
	dossier.EventSettingsChanged: func(ev dossier.Event) string { return "Réglage du dossier modifié (" + fieldNames(ev) + ")" },
}

// stateSummary says what changed in a requirement's state.
func stateSummary(ev dossier.Event) string {
	var parts []string
	for _, f := range ev.Fields {
		switch f.Field {
		case dossier.FieldStatus:
			parts = append(parts, "statut "+dossier.Status(f.Old).Label()+" → "+dossier.Status(f.New).Label())
		case dossier.FieldNote:
			parts = append(parts, changedText("note", f))
		case dossier.FieldJustification:
			parts = append(parts, changedText("justification", f))
		case dossier.FieldOffline:
			if f.New == "true" {
				parts = append(parts, "preuve déposée hors application")
			} else {
				parts = append(parts, "plus de preuve hors application")
			}
		}
	}
	if len(parts) == 0 {
		return "revue sans changement"
	}
	return strings.Join(parts, ", ")
}

// changedText is "note ajoutée/modifiée/effacée".
func changedText(noun string, f dossier.FieldChange) string {
	switch {
	case f.Old == "":
		return noun + " ajoutée"
	case f.New == "":
		return noun + " effacée"
	}
	return noun + " modifiée"
}

// fieldNames lists the fields an event changed.
func fieldNames(ev dossier.Event) string {
	names := make([]string, len(ev.Fields))
	for i, f := range ev.Fields {
		names[i] = f.Field
		if l, ok := fieldLabels[f.Field]; ok {
			names[i] = l
		}
	}
	return orNone(strings.Join(names, ", "))
}

// fieldLabels names the fields of events in French.
var fieldLabels = map[string]string{
	"name": "nom", "vendor": "éditeur", "product": "produit", "version": "version", "profiles": "profils",
	dossier.FieldStatus: "statut", dossier.FieldNote: "note", dossier.FieldJustification: "justification",
	dossier.FieldOffline: "preuve hors application",
}

func orNone(s string) string {
	if s == "" {
		return "aucun"
	}
	return s
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

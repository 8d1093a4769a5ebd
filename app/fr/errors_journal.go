package fr

import "github.com/segur-dossier/dossier-segur/app/dossier"

// journalMessages are the sentences about the journal and the signing key.
var journalMessages = map[dossier.Fault]sentence{
	dossier.FaultJournalBroken: func(s, d string) string {
		what := "a été modifié après coup"
		switch d {
		case dossier.BreakSeq:
			what = "manque ou n'est pas à sa place"
		case dossier.BreakPrev:
			what = "ne suit pas l'événement précédent (un événement a été retiré, ajouté ou réécrit)"
		}
		if s == "" {
			return "le journal du dossier a été modifié ; restaurez une sauvegarde ou demandez la copie d'origine"
		}
		return "le journal est rompu à l'événement n° " + s + ", qui " + what + " ; restaurez une sauvegarde ou demandez la copie d'origine"
	},
	dossier.FaultNoJournal: func(s, d string) string {
		return named("le dossier", s) + " n'a pas de journal ; ouvrez-le une fois avec cette version de l'application pour le créer"
	},
	dossier.FaultNoSigningKey: func(s, d string) string {
		return named("le dossier", s) + " n'a pas de clé de signature ; ouvrez-le une fois avec cette version de l'application pour la créer"
	},
}

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
	dossier.FaultBadSignature: func(s, d string) string {
		return named("le paquet", s) + " n'est pas signé par la clé qu'annonce son manifeste (manifeste modifié, ou paquet d'une version antérieure) ; demandez à l'éditeur le paquet tel qu'il l'a exporté"
	},
	dossier.FaultWrongKey: func(s, d string) string {
		return named("le paquet", s) + " est signé par une autre clé (empreinte " + d + ") que celle attendue ; vérifiez l'empreinte auprès de l'éditeur"
	},
	dossier.FaultInconsistent: func(s, d string) string {
		return "dans " + named("le paquet", s) + ", " + quoteOr(d, "un fichier") + " ne dit pas la même chose que manifest.json sur le brouillon ou l'identité ; ne le déposez pas"
	},
	dossier.FaultPackageJournal: func(s, d string) string {
		return "le journal " + named("du paquet", s) + " est rompu à l'événement n° " + d + " ; demandez à l'éditeur le paquet tel qu'il l'a exporté"
	},
}

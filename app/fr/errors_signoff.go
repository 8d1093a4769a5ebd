package fr

import "github.com/segur-dossier/dossier-segur/app/dossier"

// signoffMessages are the sentences about review and sign-off.
var signoffMessages = map[dossier.Fault]sentence{
	dossier.FaultSelfReview: func(s, d string) string {
		return named("le relecteur", d) + " a ajouté lui-même des preuves (ou rédigé la justification) de " + named("l'exigence", s) +
			" et ne peut donc pas la valider ; faites-la valider par une autre personne, ou autorisez l'auto-validation dans les règles de relecture du dossier (elle sera alors notée)"
	},
	dossier.FaultNotReviewable: func(s, d string) string {
		st := ""
		if d != "" {
			st = " (statut " + Quote(d) + ")"
		}
		return named("l'exigence", s) + " n'est pas prête à être relue" + st + " ; seule une exigence « Prête » avec une preuve, ou « Non applicable » avec une justification, peut être validée ou renvoyée à corriger"
	},
	dossier.FaultSignoffOff: func(s, d string) string {
		return "la relecture est désactivée pour ce dossier ; activez-la dans les règles de relecture (Dossier › Relecture…, ou « review-settings --required oui »)"
	},
	dossier.FaultNoComment: func(s, d string) string {
		return "renvoyer " + named("l'exigence", s) + " à corriger demande un commentaire disant quoi corriger ; saisissez-le"
	},
	dossier.FaultNoOperator: func(s, d string) string {
		return "aucun nom d'opérateur n'est connu ; indiquez qui vous êtes (--operator NOM, ou Dossier › Opérateur…)"
	},
	dossier.FaultPreconisation: func(s, d string) string {
		return named("la préconisation", s) + " n'est pas contrôlée pour le référencement et n'a pas à être relue ; seules les exigences sont validées"
	},
	dossier.FaultOutOfScope: func(s, d string) string {
		return named("l'exigence", s) + " ne s'applique pas aux profils du dossier et n'a pas à être relue"
	},
}

package fr

import "github.com/segur-dossier/dossier-segur/app/dossier"

// lifecycleMessage is the sentence for the faults of the dossier's life
// after the first export (identity, deposits, requests, decision); ok is
// false for any other fault.
func lifecycleMessage(e *dossier.Error) (string, bool) {
	s, d := e.Subject, e.Detail
	switch e.Fault {
	case dossier.FaultInvalidDate:
		return "la date " + Quote(d) + " (" + s + ") n'est pas valide ; écrivez-la AAAA-MM-JJ, par exemple 2026-11-30", true
	case dossier.FaultFutureDate:
		return "la date du " + d + " (" + s + ") est dans le futur ; indiquez une date passée ou celle du jour", true
	case dossier.FaultBeforeCreation:
		return "cette date (" + s + ") est antérieure à la création du dossier, le " + d + " ; vérifiez-la", true
	case dossier.FaultPastDue:
		return "l'échéance du " + d + " est déjà passée ; indiquez une date à venir", true
	case dossier.FaultInvalidSIREN:
		return "le SIREN/SIRET " + Quote(s) + " n'est pas valide (9 ou 14 chiffres avec une clé de Luhn juste) ; recopiez-le depuis l'avis de situation INSEE", true
	case dossier.FaultInvalidIdentity:
		return "la rubrique " + Quote(s) + " de la fiche candidature n'accepte pas cette valeur ; attendu : " + d, true
	case dossier.FaultForeignPackage:
		return "le paquet " + Quote(s) + " n'a pas été exporté depuis ce dossier ; choisissez un paquet exporté de ce dossier", true
	case dossier.FaultAlteredPackage:
		return "le paquet " + Quote(s) + " ne correspond plus à son manifeste (« verify » détaille les fichiers) ; enregistrez le paquet tel qu'il a été déposé", true
	case dossier.FaultDraftPackage:
		return "le paquet " + Quote(s) + " est un brouillon et ne peut pas avoir été déposé ; exportez un paquet définitif", true
	case dossier.FaultAlreadyDeposited:
		return "le paquet " + Quote(s) + " est déjà enregistré comme dépôt n° " + d + " ; rien n'a été ajouté", true
	case dossier.FaultNoDeposit:
		return "aucun dépôt n'est enregistré pour ce dossier ; exportez le paquet complet puis enregistrez son dépôt (commande « deposit »)", true
	case dossier.FaultNothingChanged:
		return "aucune preuve n'a changé depuis le dernier dépôt (" + d + ") : il n'y a rien à déposer ; aucun paquet n'a été écrit", true
	case dossier.FaultOpenRequest:
		return "l'exigence " + s + " fait l'objet de la demande n° " + d + " de l'ANS : elle ne peut redevenir « Prête » qu'après modification d'une de ses preuves", true
	case dossier.FaultNoRequest:
		return "la demande n° " + s + " n'existe pas dans ce dossier ; « requests » liste les demandes", true
	case dossier.FaultNotReferenced:
		return "le dossier " + Quote(s) + " n'est pas référencé (décision sans réserve, ou réserves levées, attendue) ; enregistrez d'abord la décision du collège", true
	case dossier.FaultBadValue:
		return "valeur manquante ou refusée pour " + s + " ; attendu : " + d, true
	case dossier.FaultProfileTaken:
		return "le profil " + Quote(s) + " faisait déjà partie de la candidature référencée ; choisissez un autre profil", true
	}
	return "", false
}

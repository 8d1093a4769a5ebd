package fr

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// remMessage is the sentence for the faults of reading a REM file.
func remMessage(e *dossier.Error) (string, bool) {
	s, d := Quote(e.Subject), e.Detail
	switch e.Fault {
	case dossier.FaultNotRegularFile:
		return s + " n'est pas un fichier ordinaire (tube, dossier ou périphérique) ; choisissez le fichier du REM lui-même", true
	case dossier.FaultEmptyFile:
		return "le fichier " + s + " est vide ; téléchargez de nouveau le REM sur le site de l'ANS", true
	case dossier.FaultNotREM:
		return s + " n'est ni un classeur Excel (.xlsx) ni un PDF ; choisissez le REM publié par l'ANS au format XLSX ou PDF", true
	case dossier.FaultOldExcel:
		return s + " est un ancien classeur Excel (.xls) ; ouvrez-le dans Excel, enregistrez-le au format .xlsx puis importez-le de nouveau", true
	case dossier.FaultEncrypted:
		return s + " est protégé par un mot de passe à l'ouverture ; enregistrez-en une copie sans mot de passe puis importez-la", true
	case dossier.FaultCorruptFile:
		if strings.HasSuffix(strings.ToLower(e.Subject), ".pdf") {
			return s + " est incomplet ou endommagé ; téléchargez-le de nouveau", true
		}
		return s + " est incomplet ou endommagé ; téléchargez-le de nouveau ou réenregistrez-le depuis Excel", true
	case dossier.FaultNoText:
		return "le PDF " + s + " ne contient aucun texte lisible, c'est sans doute un document numérisé ; importez plutôt le REM au format XLSX ou le PDF publié par l'ANS", true
	case dossier.FaultTooLarge:
		return s + " dépasse ce qu'un REM contient (" + d + ") ; vérifiez que c'est bien le REM choisi", true
	case dossier.FaultNoTable:
		if d == "" {
			return "aucune feuille de " + s + " n'a d'en-têtes de REM ; indiquez les colonnes de l'identifiant et de l'énoncé (--columns id=…,enonce=…)", true
		}
		return "aucune feuille de " + s + " n'a d'en-têtes de REM (en-têtes lus : " + d + ") ; indiquez les colonnes de l'identifiant et de l'énoncé (--columns id=…,enonce=…)", true
	case dossier.FaultNoRequirement:
		return "aucune exigence reconnue dans " + e.Subject + " ; vérifiez qu'il s'agit bien du REM publié par l'ANS", true
	case dossier.FaultDuplicateIDs:
		return s + " a des identifiants d'exigence en double avec des énoncés différents (" + d + ") ; corrigez le fichier source puis relancez l'import", true
	case dossier.FaultChooseREM:
		return s + " contient plusieurs REM (" + d + ") ; choisissez celui à importer (--perimetre CODE)", true
	case dossier.FaultUnknownREM:
		return "aucun REM " + s + " dans ce fichier ; choisissez parmi : " + d, true
	case dossier.FaultUnknownSheet:
		return "aucune feuille " + s + " dans ce classeur ; choisissez parmi : " + d, true
	case dossier.FaultBadColumns:
		return "colonne mal indiquée : " + s + " ; écrivez rôle=lettre de colonne, avec les rôles " + d, true
	}
	return "", false
}

package fr

import (
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// dossierMessages are the sentences about the dossier file and its items.
var dossierMessages = map[dossier.Fault]sentence{
	dossier.FaultInternal: func(s, d string) string { return internal },
	dossier.FaultLocked: func(s, d string) string {
		return named("le dossier", s) + " est déjà ouvert par une autre fenêtre ou une autre commande ; fermez-le là-bas ou attendez la fin de l'opération en cours"
	},
	dossier.FaultNotDossier: func(s, d string) string {
		return named("le fichier", s) + " n'est pas un dossier Ségur ; choisissez un fichier .segur créé par Dossier Ségur"
	},
	dossier.FaultDamaged: func(s, d string) string {
		return named("le dossier", s) + " est endommagé et n'a pas été modifié ; restaurez une sauvegarde"
	},
	dossier.FaultNewerVersion: func(s, d string) string {
		return named("le dossier", s) + " a été créé par une version plus récente de l'application et n'a pas été modifié ; mettez l'application à jour"
	},
	dossier.FaultExists: func(s, d string) string {
		return named("le fichier", s) + " existe déjà ; choisissez un autre nom"
	},
	dossier.FaultNotFound: func(s, d string) string {
		return named("l'élément", s) + " n'existe pas dans ce dossier"
	},
	dossier.FaultEvidenceNotFound: func(s, d string) string {
		return strings.TrimSpace("la preuve n° "+s) + " n'existe pas dans ce dossier (la commande « evidence » liste les preuves)"
	},
	dossier.FaultEvidenceMoved: func(s, d string) string {
		return strings.TrimSpace("la preuve n° "+s) + " a été déplacée vers " + named("l'exigence", d) + " pendant ce temps et rien n'a été enregistré ; recommencez depuis cette exigence"
	},
	dossier.FaultCatalogueChanged: func(s, d string) string {
		what := ""
		if s != "" {
			what = " de " + Quote(s)
		}
		return "le catalogue du dossier a changé pendant l'ajout" + what + " et rien n'a été ajouté ; ajoutez le fichier de nouveau à l'exigence voulue"
	},
	dossier.FaultRequirementChanged: func(s, d string) string {
		return "le catalogue du dossier a été remplacé entre-temps et ne contient plus " + named("l'exigence", s) + " telle que vous l'avez vue ; rien n'a été enregistré, vérifiez-la dans le nouveau catalogue puis recommencez"
	},
	dossier.FaultSwitchOutdated: func(s, d string) string {
		return "le catalogue du dossier a changé depuis la préparation du passage " + named("au catalogue", s) + " et rien n'a été modifié ; relancez le changement de catalogue"
	},
	dossier.FaultEvidenceDamaged: func(s, d string) string {
		return named("le contenu de la preuve", s) + " est endommagé dans le dossier ; restaurez une sauvegarde du dossier ou joignez à nouveau le fichier"
	},
	dossier.FaultUnknownRequirement: func(s, d string) string {
		return named("l'exigence", s) + " n'existe pas dans le catalogue du dossier ; vérifiez son identifiant (la commande « catalogue » les liste)"
	},
	dossier.FaultNoProofSlots: func(s, d string) string {
		return named("l'exigence", s) + " n'a pas de preuve numérotée dans le catalogue ; joignez le fichier sans numéro de preuve"
	},
	dossier.FaultUnknownProof: func(s, d string) string {
		return strings.TrimSpace("la preuve n° "+s) + " n'est pas attendue pour cette exigence ; choisissez l'une des preuves attendues" + paren(d)
	},
	dossier.FaultUnknownProfile: func(s, d string) string {
		if s == "" {
			return "aucun profil donné ; nommez l'un des profils du catalogue" + paren(d)
		}
		return named("le profil", s) + " n'existe pas ; choisissez l'un des profils du catalogue" + paren(d)
	},
	dossier.FaultAmbiguousProfile: func(s, d string) string {
		return named("le nom de profil", s) + " désigne plusieurs profils ; précisez lequel" + paren(d)
	},
	dossier.FaultJustification: func(s, d string) string {
		return "une justification est obligatoire pour marquer " + named("l'exigence", s) + " « Non applicable » ; saisissez-la"
	},
	dossier.FaultUnknownStatus: func(s, d string) string {
		return named("statut", s) + " inconnu ; choisissez a_faire, en_cours, prete ou non_applicable"
	},
	dossier.FaultMissingInfo: func(s, d string) string {
		return "des informations manquent ; renseignez " + d
	},
	dossier.FaultUnknownKind: func(s, d string) string {
		return named("type de fichier", s) + " inconnu ; choisissez l'un des types" + paren(d)
	},
	dossier.FaultBadSize: func(s, d string) string {
		return named("taille", s) + " illisible ; écrivez par exemple 500M, 2G ou 1048576"
	},
	dossier.FaultBadCatalogue: func(s, d string) string {
		return named("le catalogue", s) + " est incohérent" + paren(d) + " ; vérifiez le fichier du référentiel importé"
	},
	dossier.FaultInvalid: func(s, d string) string {
		if d == "" {
			return "valeur manquante ou invalide pour " + quoteOr(s, "un champ") + " ; corrigez-la"
		}
		return "valeur " + Quote(d) + " invalide pour " + quoteOr(s, "un champ") + " ; corrigez-la"
	},
	dossier.FaultIncomplete: func(s, d string) string {
		gaps := ""
		if n, err := strconv.Atoi(d); err == nil {
			gaps = Plural(n, "manque bloquant", "manques bloquants")
		}
		return "le dossier n'est pas complet" + paren(gaps) + " ; complétez-le ou exportez un brouillon"
	},
	dossier.FaultCancelled: func(s, d string) string {
		return "opération annulée ; rien n'a été modifié"
	},
	dossier.FaultNoProof: func(s, d string) string {
		return named("l'exigence", s) + " ne peut pas être « Prête » sans preuve ; joignez un fichier ou indiquez une preuve déposée hors application, avec une note disant où elle se trouve"
	},
	dossier.FaultOfflineNote: func(s, d string) string {
		return "une preuve déposée hors application demande une note disant où elle se trouve" + paren(named("exigence", s)) + " ; saisissez la note"
	},
}

package fr

import (
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// mergeMessages are the sentences about merging copies of a dossier and
// making working copies.
var mergeMessages = map[dossier.Fault]sentence{
	dossier.FaultMergeSelf: func(s, d string) string {
		return named("le dossier", s) + " ne peut pas être fusionné avec lui-même ; choisissez la copie d'un coéquipier"
	},
	dossier.FaultOtherDossier: func(s, d string) string {
		return named("le fichier", s) + " est la copie d'un autre dossier (identifiant différent) et n'a pas été fusionné ; choisissez une copie de ce dossier"
	},
	dossier.FaultCopyDamaged: func(s, d string) string {
		return named("la copie", s) + " est endommagée ou tronquée et rien n'en a été fusionné ; demandez une nouvelle copie à son auteur"
	},
	dossier.FaultCopyJournal: func(s, d string) string {
		at := ""
		if d != "" {
			at = " à l'événement n° " + d
		}
		return "le journal de " + named("la copie", s) + " a été altéré (sa chaîne est rompue" + at + ") et rien n'en a été fusionné ; demandez une nouvelle copie à son auteur"
	},
	dossier.FaultCopyOld: func(s, d string) string {
		return named("la copie", s) + " a été écrite par une version plus ancienne de l'application et rien n'en a été fusionné ; ouvrez-la une fois avec cette version (elle sera convertie) puis recommencez"
	},
	dossier.FaultUnresolved: func(s, d string) string {
		n, _ := strconv.Atoi(d)
		return "il reste " + Plural(n, "conflit", "conflits") + " à trancher et rien n'a été fusionné ; choisissez pour chaque exigence la version à garder (--prefer mine|theirs en ligne de commande)"
	},
	dossier.FaultChangedMeanwhile: func(s, d string) string {
		return "le dossier a changé pendant la préparation de la fusion et rien n'a été fusionné ; relancez la fusion"
	},
	dossier.FaultUnknownSection: func(s, d string) string {
		return named("la section", s) + " n'existe pas dans le catalogue du dossier ; choisissez parmi " + d
	},
}

// The journal's summaries of a merge and of a working copy.
func init() {
	summaries[dossier.EventMerge] = func(ev dossier.Event) string {
		n := atoi(field(ev, "evidence_added"))
		return "Copie " + Quote(ev.Subject) + " fusionnée : " + Plural(n, "preuve apportée", "preuves apportées") +
			", " + Plural(atoi(field(ev, "events_added")), "événement repris", "événements repris")
	}
	summaries[dossier.EventWorkingCopy] = func(ev dossier.Event) string {
		scope := "toutes les sections"
		if s := field(ev, "sections"); s != "" {
			scope = "sections " + s
		}
		return "Copie de travail faite de " + Quote(field(ev, "from")) + " (" + scope + ")"
	}
}

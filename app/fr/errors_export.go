package fr

import (
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// exportMessages are the sentences about submission packages.
var exportMessages = map[dossier.Fault]sentence{
	dossier.FaultNotPackage: func(s, d string) string {
		return named("le fichier", s) + " n'est pas une archive ZIP lisible ; choisissez le paquet .zip écrit par Dossier Ségur"
	},
	dossier.FaultNoManifest: func(s, d string) string {
		return named("l'archive", s) + " ne contient pas de manifest.json et n'est donc pas un paquet Dossier Ségur ; choisissez le bon fichier"
	},
	dossier.FaultBadManifest: func(s, d string) string {
		return "le manifest.json " + named("du paquet", s) + " est illisible ; exportez le paquet à nouveau"
	},
	dossier.FaultUnsafePath: func(s, d string) string {
		return "le paquet contient un chemin dangereux" + paren(quoteOr(s, "")) + " ; ne le décompressez pas"
	},
	dossier.FaultPackageIsDossier: func(s, d string) string {
		return named("le nom", s) + " désigne le dossier .segur lui-même ; choisissez un autre nom de paquet (.zip)"
	},
	dossier.FaultStrayData: func(s, d string) string {
		return named("le paquet", s) + " contient des données inattendues hors de ses fichiers" + paren(d) + " ; ne le déposez pas et exportez-le à nouveau"
	},
	dossier.FaultTampered: func(s, d string) string {
		files := ""
		if n, err := strconv.Atoi(d); err == nil {
			files = Plural(n, "fichier en cause", "fichiers en cause")
		}
		return named("le paquet", s) + " ne correspond pas à son manifeste" + paren(files) + " ; ne le déposez pas et exportez-le à nouveau"
	},
}

package fr

import (
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// fileMessages are the sentences about the computer's files and folders.
var fileMessages = map[dossier.Fault]sentence{
	dossier.FaultFileNotFound: func(s, d string) string {
		return named("le fichier", s) + " est introuvable ; vérifiez le chemin"
	},
	dossier.FaultFolderNotFound: func(s, d string) string {
		return named("le répertoire", s) + " n'existe pas ; créez-le ou choisissez-en un autre"
	},
	dossier.FaultNotFolder: func(s, d string) string {
		return named("le chemin", s) + " n'est pas un répertoire ; choisissez un répertoire existant"
	},
	dossier.FaultIsFolder: func(s, d string) string {
		return named("le chemin", s) + " désigne un répertoire ; choisissez des fichiers (pour un répertoire entier, faites-en d'abord une archive ZIP)"
	},
	dossier.FaultTargetIsFolder: func(s, d string) string {
		return named("le chemin", s) + " désigne un répertoire ; donnez un nom de fichier"
	},
	dossier.FaultNotRegular: func(s, d string) string {
		return named("le chemin", s) + " n'est pas un fichier ordinaire (périphérique, tube…) ; choisissez un fichier"
	},
	dossier.FaultEmptyEvidence: func(s, d string) string {
		return named("le fichier", s) + " est vide (0 octet) et une preuve vide ne prouve rien ; vérifiez le fichier"
	},
	dossier.FaultUnsupportedFile: func(s, d string) string {
		return named("le fichier", s) + " n'est pas pris en charge" + paren(d) + " ; vérifiez qu'il s'agit du bon fichier"
	},
	dossier.FaultPermission: func(s, d string) string {
		return "accès refusé à " + quoteOr(s, "un fichier") + " ; vérifiez les droits du fichier et de son répertoire"
	},
	dossier.FaultNoRoom: func(s, d string) string {
		need := ""
		if n, err := strconv.ParseInt(d, 10, 64); err == nil {
			need = "il faut " + Size(n) + " libres"
		}
		return "il n'y a pas assez de place sur le disque " + named("du dossier", s) + paren(need) + " ; libérez de la place puis recommencez (le dossier n'a pas été modifié)"
	},
	dossier.FaultDiskFull: func(s, d string) string {
		return "disque plein en écrivant " + quoteOr(s, "un fichier") + " ; libérez de la place puis recommencez"
	},
	dossier.FaultUnreadable: func(s, d string) string {
		return named("le fichier", s) + " n'a pas pu être lu ; vérifiez qu'il est accessible et recommencez"
	},
	dossier.FaultUnwritable: func(s, d string) string {
		return named("le fichier", s) + " n'a pas pu être écrit ; vérifiez le répertoire de destination et recommencez"
	},
	dossier.FaultFileGrew: func(s, d string) string {
		return named("le fichier", s) + " a grossi pendant sa lecture et n'a pas été ajouté ; attendez qu'il soit complet (fin d'enregistrement ?) puis recommencez"
	},
	dossier.FaultFileShrank: func(s, d string) string {
		return named("le fichier", s) + " a rétréci pendant sa lecture et n'a pas été ajouté ; recommencez quand il ne change plus"
	},
	dossier.FaultFileGone: func(s, d string) string {
		return named("le fichier", s) + " a disparu pendant sa lecture et n'a pas été ajouté ; vérifiez où il se trouve"
	},
	dossier.FaultNoApplication: func(s, d string) string {
		if d != "" {
			return "aucune application n'a pu ouvrir " + quoteOr(s, "le fichier") + " ; installez une application pour ce type de fichier, ou ouvrez la copie extraite (" + Quote(d) + ") depuis le gestionnaire de fichiers"
		}
		return "aucune application n'a pu ouvrir " + quoteOr(s, "le fichier") + " ; installez une application pour ce type de fichier, ou extrayez la pièce et ouvrez-la depuis le gestionnaire de fichiers"
	},
	dossier.FaultFileTooLarge: func(s, d string) string {
		return named("le fichier", s) + " est trop gros pour être lu ici" + paren(d) + " ; joignez-le plutôt comme preuve"
	},
	dossier.FaultNetworkDrive: func(s, d string) string {
		return named("le dossier", s) + " est sur un lecteur réseau, où son verrou n'est pas fiable et où deux postes pourraient l'abîmer ; copiez-le sur un disque de ce poste (dans Documents par exemple) et ouvrez la copie"
	},
	dossier.FaultFileChanged: func(s, d string) string {
		return named("le fichier", s) + " a été modifié ou remplacé pendant sa lecture et n'a pas été ajouté ; recommencez quand il ne change plus"
	},
}

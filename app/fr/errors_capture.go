package fr

import (
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// captureMessages are the sentences about screen captures.
var captureMessages = map[dossier.Fault]sentence{
	dossier.FaultNoDisplay: func(s, d string) string {
		return "aucun écran disponible ; lancez l'application depuis une session graphique pour capturer l'écran"
	},
	dossier.FaultNoSuchDisplay: func(s, d string) string {
		return strings.TrimSpace("l'écran n° "+s) + " n'existe pas" + paren(screens(d)) + " ; choisissez l'un d'eux (numérotés à partir de 0) ou tous les écrans"
	},
	dossier.FaultCaptureFailed: func(s, d string) string {
		return "la capture de l'écran a échoué ; réessayez dans un instant"
	},
	dossier.FaultNoImage: func(s, d string) string {
		return "aucune image à enregistrer ; faites d'abord une capture"
	},
	dossier.FaultBadCrop: func(s, d string) string {
		return "la zone de recadrage est vide ou en dehors de l'image ; tracez-la sur la capture"
	},
	dossier.FaultImageTooLarge: func(s, d string) string {
		if s != "" {
			return named("l'image", s) + " est trop grande pour l'éditeur ; joignez-la telle quelle"
		}
		return "l'image est trop grande ; capturez un seul écran"
	},
	dossier.FaultBadImage: func(s, d string) string {
		return named("l'image", s) + " est illisible ou dans un format que l'éditeur ne sait pas ouvrir (PNG, JPEG, GIF ou BMP) ; ouvrez-la avec son application"
	},
	dossier.FaultClipboardEmpty: func(s, d string) string {
		return "le presse-papiers ne contient ni image, ni fichier, ni texte ; copiez d'abord ce que vous voulez joindre"
	},
	dossier.FaultClipboardUnsupported: func(s, d string) string {
		return "le presse-papiers contient des données que l'application ne sait pas joindre" + paren(d) + " ; copiez une image, des fichiers ou du texte"
	},
	dossier.FaultClipboardTooLarge: func(s, d string) string {
		n, _ := strconv.ParseInt(d, 10, 64)
		return "le contenu du presse-papiers est trop volumineux (plus de " + Size(n) + ") ; enregistrez-le dans un fichier puis joignez ce fichier"
	},
	dossier.FaultClipboardUnavailable: func(s, d string) string {
		return "le presse-papiers n'a pas pu être lu ; copiez de nouveau puis réessayez"
	},
	dossier.FaultTranslucent: func(s, d string) string {
		return "la couleur de masquage doit être opaque, sinon le contenu masqué resterait visible ; choisissez une couleur pleine"
	},
}

// screens is "cette machine a N écran(s)", or "" when n is unknown.
func screens(n string) string {
	if n == "" {
		return ""
	}
	return "cette machine en a " + n
}

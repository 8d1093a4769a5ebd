package fr

import "github.com/segur-dossier/dossier-segur/app/dossier"

// recordMessages are the sentences about screen recordings.
var recordMessages = map[dossier.Fault]sentence{
	dossier.FaultDisplayLost: func(s, d string) string {
		return "l'écran enregistré n'est plus disponible (session graphique fermée ou écran débranché) ; " +
			"l'enregistrement est abandonné sans rien ajouter au dossier, recommencez-le une fois l'écran revenu"
	},
	dossier.FaultRegionOutside: func(s, d string) string {
		return "la zone " + quoteOr(s, "demandée") + " sort de l'écran" + paren(screenSize(d)) +
			" ; donnez une zone x,y,largeur,hauteur comprise dans l'écran"
	},
	dossier.FaultBadTrim: func(s, d string) string {
		return "le début de la coupe doit précéder sa fin et rester dans la durée de la vidéo ; ajustez les curseurs"
	},
	dossier.FaultNoFrames: func(s, d string) string {
		return "la vidéo ne contient aucune image ; enregistrez plus longtemps ou élargissez la coupe"
	},
	dossier.FaultRecordingFailed: func(s, d string) string {
		return "l'encodage de la vidéo a échoué et rien n'a été ajouté au dossier ; recommencez l'enregistrement"
	},
	dossier.FaultBadVideo: func(s, d string) string {
		return named("la vidéo", s) + " est illisible ou abîmée ; enregistrez-la de nouveau"
	},
}

// screenSize is "l'écran mesure W×H", or "" when unknown.
func screenSize(d string) string {
	if d == "" {
		return ""
	}
	return "l'écran mesure " + d
}

package fr

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// cliMessages are the sentences about the command line itself.
var cliMessages = map[dossier.Fault]sentence{
	dossier.FaultUnknownCommand: func(s, d string) string {
		return named("commande", s) + " inconnue ; « dossier-segur help » liste les commandes"
	},
	dossier.FaultUnknownOption: func(s, d string) string {
		return named("option", s) + " inconnue ; l'usage ci-dessous liste les options"
	},
	dossier.FaultMissingValue: func(s, d string) string {
		return named("l'option", s) + " attend une valeur ; écrivez-la après l'option"
	},
	dossier.FaultBadOptionValue: func(s, d string) string {
		want, ok := optionValues[s]
		if !ok {
			want = "ce que l'usage ci-dessous indique"
		}
		return named("la valeur", d) + " ne convient pas à " + named("l'option", s) + " ; donnez " + want
	},
	dossier.FaultMissingArgument: func(s, d string) string {
		return "argument manquant" + paren(s) + " ; l'usage ci-dessous dit quoi donner"
	},
	dossier.FaultExtraArgument: func(s, d string) string {
		return "argument en trop" + paren(quoteOr(s, "")) + " ; l'usage ci-dessous dit quoi donner"
	},
	dossier.FaultMissingOption: func(s, d string) string {
		if strings.Contains(s, ",") {
			return "options obligatoires manquantes" + paren(s) + " ; ajoutez-les"
		}
		return "option obligatoire manquante" + paren(s) + " ; ajoutez-la"
	},
	dossier.FaultNotAllAdded: func(s, d string) string {
		var failed, asked int
		fmt.Sscanf(d, "%d/%d", &failed, &asked)
		to := strings.TrimSpace("à " + s)
		if failed >= asked {
			return fmt.Sprintf("aucun des %s n'a été ajouté %s (liste ci-dessus) ; corrigez-les puis ajoutez-les de nouveau",
				Plural(asked, "fichier", "fichiers"), to)
		}
		return fmt.Sprintf("sur %s, %s pas été ajouté%s %s (liste ci-dessus) et les autres sont enregistrés ; corrigez ceux-là puis ajoutez-les de nouveau",
			Plural(asked, "fichier", "fichiers"), map[bool]string{false: Int(failed) + " n'a", true: Int(failed) + " n'ont"}[failed > 1],
			map[bool]string{false: "", true: "s"}[failed > 1], to)
	},
	dossier.FaultFlagsTogether: func(s, d string) string {
		return "les options " + s + " vont ensemble ; donnez-les toutes"
	},
	dossier.FaultConflictingFlags: func(s, d string) string {
		return named("l'option", s) + " ne se combine pas avec d'autres options données" + paren(d) + " ; retirez l'une ou les autres"
	},
	dossier.FaultSomeFailed: func(s, d string) string {
		return "des fichiers n'ont pas été ajoutés" + paren(s+" sur "+d) + " et les autres sont enregistrés ; corrigez les fichiers signalés puis recommencez pour eux seuls"
	},
}

// optionValues says what the options whose value can be wrong expect.
var optionValues = map[string]string{
	"--evidence": "un numéro de preuve (la commande « evidence » les liste)",
	"--set":      "clé=valeur, avec l'une des clés " + strings.Join(dossier.IdentityKeys, ", "),
	"--delay":    "un nombre entier de secondes entre 0 et 600",
	"--display":  "un numéro d'écran (0, 1, …) ou « all »",
	"--mask":     "x,y,largeur,hauteur en pixels de la capture (par exemple 10,20,300,40)",
	"--annotate": "rect:x,y,l,h, ellipse:x,y,l,h, highlight:x,y,l,h, spotlight:x,y,l,h, arrow:x1,y1,x2,y2, step:x,y[:TEXTE] ou text:x,y:TEXTE (couleur facultative : rect/bleu:…)",
	"--json":     "true ou false",
	"--draft":    "true ou false",
	"--apply":    "true ou false",
	"--default":  "true ou false",
	"--prefer":   "« mine » (garder ce dossier) ou « theirs » (garder la copie)",
}

package fr

import "github.com/segur-dossier/dossier-segur/app/dossier"

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
	dossier.FaultBadValue: func(s, d string) string {
		return "valeur" + paren(quoteOr(d, "")) + " invalide pour " + named("l'option", s) + " ; l'usage ci-dessous dit ce qu'elle attend"
	},
	dossier.FaultMissingArgument: func(s, d string) string {
		return "argument manquant" + paren(s) + " ; l'usage ci-dessous dit quoi donner"
	},
	dossier.FaultExtraArgument: func(s, d string) string {
		return "argument en trop" + paren(quoteOr(s, "")) + " ; l'usage ci-dessous dit quoi donner"
	},
	dossier.FaultMissingOption: func(s, d string) string {
		return "option obligatoire manquante" + paren(s) + " ; ajoutez-la"
	},
	dossier.FaultConflictingFlags: func(s, d string) string {
		return named("l'option", s) + " ne se combine pas avec d'autres options données" + paren(d) + " ; retirez l'une ou les autres"
	},
	dossier.FaultSomeFailed: func(s, d string) string {
		return "des fichiers n'ont pas été ajoutés" + paren(s+" sur "+d) + " et les autres sont enregistrés ; corrigez les fichiers signalés puis recommencez pour eux seuls"
	},
}

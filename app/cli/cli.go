// Package cli is the command-line face of the application: the same use
// cases as the GUI, headless, for scripting and measuring. Each subcommand
// parses its flags, calls dossier.Service and prints the result; an error
// goes to stderr as one French sentence (fr.Error) with a non-zero exit
// code, and its whole English chain too when Env.Debug is set.
package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// Env is what the commands need from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Opener         dossier.Opener
	// DefaultCatalogue returns the embedded catalogue.
	DefaultCatalogue func() (*dossier.Catalogue, error)
	// Operator is who the commands that change a dossier are recorded as
	// (journal events, evidence added): --operator, else the operator
	// saved on this workstation, else the OS user.
	Operator string
	// Debug also prints each error's whole chain (English, for a bug
	// report) after its French sentence; main sets it from
	// DOSSIER_SEGUR_DEBUG=1.
	Debug bool
}

// command is one subcommand.
type command struct {
	name    string
	usage   string
	summary string
	run     func(env *Env, args []string) error
}

// commands lists the subcommands in the order help shows them; those
// that change a dossier also take --operator NOM.
func commands() []command {
	all := commandList()
	for i, c := range all {
		if mutating[c.name] {
			all[i].usage += " [--operator NOM]"
		}
	}
	return all
}

func commandList() []command {
	return []command{
		{"new", "new FICHIER --name … --vendor … --product … --version … [--profile NOM]… [--catalogue REM.xlsx|REM.pdf [--perimetre CODE] [--sheet FEUILLE] [--columns id=H,enonce=I,…]] [--no-review] | new FICHIER --from DOSSIER.segur [--sections INS,MSS] | new FICHIER --from REFERENCE.segur --add-profile NOM… [--again ID,…]", "crée un dossier, une copie de travail d'un dossier pour un coéquipier, ou la candidature à d'autres profils d'un produit référencé", cmdNew},
		{"profiles", "profiles", "liste les profils du catalogue intégré", cmdProfiles},
		{"catalogue", "catalogue [--json]", "liste les exigences du catalogue intégré", cmdCatalogue},
		{"status", "status FICHIER [--json]", "avancement du dossier par section", cmdStatus},
		{"set-status", "set-status FICHIER --req ID --status a_faire|en_cours|prete|non_applicable [--note …] [--justification …] [--hors-application]", "change le statut d'une exigence", cmdSetStatus},
		{"review", "review FICHIER --req ID --decision valide|a_corriger [--comment …]", "valide une exigence prête, ou la renvoie à corriger avec un commentaire (relecture)", cmdReview},
		{"review-settings", "review-settings FICHIER [--required oui|non] [--allow-self oui|non] [--json]", "affiche ou change les règles de relecture du dossier", cmdReviewSettings},
		{"attach", "attach FICHIER --req ID [--proof N] [--caption …] CHEMIN…", "ajoute des fichiers comme preuves d'une exigence", cmdAttach},
		{"capture", "capture FICHIER --req ID [--display N|all] [--delay SECONDES] [--caption …] [--proof N] [--mask x,y,l,h]… [--annotate rect:x,y,l,h|arrow:x1,y1,x2,y2|step:x,y[:TEXTE]|text:x,y:TEXTE]…", "capture l'écran et l'ajoute comme preuve", cmdCapture},
		{"record", "record FICHIER --req ID --seconds N [--display N] [--region x,y,l,h] [--fps N] [--mask x,y,l,h]… [--format avi|mp4] [--caption …] [--proof N]", "enregistre une vidéo de l'écran (zones masquées en noir) et l'ajoute comme preuve", cmdRecord},
		{"evidence", "evidence FICHIER [--req ID] [--json]", "liste les preuves (d'une exigence ou de tout le dossier)", cmdEvidence},
		{"set-caption", "set-caption FICHIER --evidence ID --caption …", "change la légende d'une preuve (vide pour l'effacer)", cmdSetCaption},
		{"extract", "extract FICHIER --evidence ID --out CHEMIN", "copie le contenu d'une preuve dans un nouveau fichier", cmdExtract},
		{"compact", "compact FICHIER", "compacte le dossier pour rendre la place des preuves supprimées", cmdCompact},
		{"import-rem", "import-rem FICHIER REM.xlsx|REM.pdf [--perimetre CODE] [--sheet FEUILLE] [--columns id=H,enonce=I,…] [--apply] [--json]", "importe le REM officiel (simulation, puis --apply)", cmdImportREM},
		{"policy", "policy FICHIER [--kinds image,video,…|tous] [--ext .png,.mp4,…|toutes] [--max-size 500M] [--default] [--json]", "affiche ou change la politique de fichiers (types, extensions, taille)", cmdPolicy},
		{"check", "check FICHIER [--json]", "vérifie que le dossier est complet (code de sortie 0 si complet, 1 si manques bloquants)", cmdCheck},
		{"export", "export FICHIER --out PAQUET.zip [--draft] [--since-last-deposit]", "écrit le paquet de dépôt (ZIP, manifestes, tableur, rapport PDF) ; --since-last-deposit : seulement les exigences modifiées depuis le dernier dépôt", cmdExport},
		{"identity", "identity FICHIER [--set clé=valeur]… [--profile NOM]… [--mandate MANDAT.pdf] [--json]", "affiche ou modifie la fiche candidature (SIREN, contacts, charte, groupement…) et les profils du dossier", cmdIdentity},
		{"deposit", "deposit FICHIER --package PAQUET.zip [--date AAAA-MM-JJ] [--note …]", "enregistre le dépôt d'un paquet sur la plateforme de l'ANS", cmdDeposit},
		{"deposits", "deposits FICHIER [--json]", "liste les dépôts et l'état de dépôt des exigences", cmdDeposits},
		{"requests", "requests FICHIER [--json] | requests FICHIER add --req ID[,ID…] --text … --due AAAA-MM-JJ [--kind complement|reserve_non_bloquante|reserve_bloquante] | requests FICHIER close N [--note …]", "demandes de compléments et réserves de l'ANS", cmdRequests},
		{"decision", "decision FICHIER --outcome sans_reserve|reserves_non_bloquantes|reserves_bloquantes --date AAAA-MM-JJ [--deadline AAAA-MM-JJ] [--reserves-file …]", "enregistre la décision du collège de référencement", cmdDecision},
		{"journal", "journal FICHIER [--req ID] [--json] | journal FICHIER --verify [--json]", "liste les événements du journal du dossier, ou vérifie sa chaîne (code de sortie 0 seulement si elle est intacte)", cmdJournal},
		{"operator", "operator [--name NOM [--email ADRESSE]] [--clear]", "affiche ou enregistre l'opérateur de ce poste (à qui les modifications sont attribuées)", cmdOperator},
		{"merge", "merge FICHIER AUTRE.segur [--apply] [--prefer mine|theirs] [--json]", "fusionne une copie du même dossier (simulation, puis --apply)", cmdMerge},
		{"verify", "verify PAQUET.zip [--json] [--key EMPREINTE]", "vérifie les empreintes d'un paquet (code de sortie 0 seulement si tout correspond)", cmdVerify},
	}
}

// exitUsage is the exit code for a command line that cannot be understood.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError marks an error in the command line itself: Run prints the
// command's usage after it and exits with exitUsage.
type usageError struct{ err error }

func (u usageError) Error() string { return "usage: " + u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// usage is a command-line error of fault f.
func usage(f dossier.Fault, subject, detail string) error {
	return usageError{dossier.ED(f, subject, detail, nil)}
}

// printError writes err to stderr: one French sentence, then, in debug
// mode, the chain.
func printError(env *Env, err error) {
	fmt.Fprintf(env.Stderr, "erreur : %s\n", fr.Error(err))
	if env.Debug {
		fmt.Fprintf(env.Stderr, "  détail : %v\n", err)
	}
}

// debugf writes a line (English, for a bug report) to stderr in debug
// mode only; nil otherwise, so that a user's terminal shows French alone.
func (env *Env) debugf() func(format string, args ...any) {
	if !env.Debug {
		return nil
	}
	return func(format string, args ...any) {
		fmt.Fprintf(env.Stderr, "  détail : "+format+"\n", args...)
	}
}

// errAlreadyTold is a failure the command has already explained on
// stderr: only the exit code remains to give.
var errAlreadyTold = errors.New("failure already reported")

// Run executes the subcommand named by args[0] and returns the exit code.
func Run(args []string, env Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp(env.Stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		rest, err := takeOperator(&env, args[1:], mutating[c.name])
		if err == nil {
			err = c.run(&env, rest)
		}
		if err == nil {
			return exitOK
		}
		if errors.Is(err, errAlreadyTold) {
			return exitError
		}
		printError(&env, err)
		if errors.As(err, new(usageError)) {
			fmt.Fprintf(env.Stderr, "usage : dossier-segur %s\n", c.usage)
			return exitUsage
		}
		return exitError
	}
	printError(&env, dossier.E(dossier.FaultUnknownCommand, args[0], nil))
	return exitUsage
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "Dossier Ségur : préparation du dossier de preuves du référencement Ségur numérique.")
	fmt.Fprintln(w, "Sans argument, ouvre l'application graphique. Commandes :")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n      dossier-segur %s\n", c.name, c.summary, c.usage)
	}
}

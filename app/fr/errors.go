package fr

import (
	"errors"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Error is one French sentence for err: what happened and what to do.
// It never shows the cause's chain (OS or library text): log that.
func Error(err error) string {
	if err == nil {
		return ""
	}
	e := dossier.AsError(err)
	if e == nil {
		return Sentence(internal)
	}
	return Sentence(message(e))
}

const internal = "une erreur inattendue s'est produite ; le détail est dans le journal de l'application"

// sentence writes one fault's sentence from the error's subject and
// detail (either may be empty).
type sentence func(subject, detail string) string

// messages holds the sentence of every other fault, gathered by area (one
// file each: errors_dossier.go, errors_files.go, errors_export.go,
// errors_capture.go, errors_cli.go, errors_journal.go, errors_signoff.go);
// rem.go, lifecycle.go and merge.go word the faults of the REM import, of
// the dossier's life after export and of merging copies.
var messages = merge(dossierMessages, fileMessages, exportMessages, captureMessages, cliMessages, journalMessages, signoffMessages, mergeMessages)

func merge(tables ...map[dossier.Fault]sentence) map[dossier.Fault]sentence {
	all := map[dossier.Fault]sentence{}
	for _, t := range tables {
		for f, s := range t {
			all[f] = s
		}
	}
	return all
}

// message is the sentence for one fault, with its subject and detail.
func message(e *dossier.Error) string {
	if m, ok := remMessage(e); ok {
		return m
	}
	if m, ok := lifecycleMessage(e); ok {
		return m
	}
	if e.Fault == dossier.FaultPolicy {
		return policyMessage(e)
	}
	if m, ok := messages[e.Fault]; ok {
		return m(e.Subject, e.Detail)
	}
	return internal
}

// named is the noun followed by s quoted, or the noun alone when s is
// empty: "le dossier
// « a.segur »" or "le dossier".
func named(noun, s string) string {
	if s == "" {
		return noun
	}
	return noun + " " + Quote(s)
}

// quoteOr is s quoted, or the fallback when s is empty.
func quoteOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return Quote(s)
}

// paren is " (d)" or "" when d is empty.
func paren(d string) string {
	if d == "" {
		return ""
	}
	return " (" + d + ")"
}

// policyMessage words a file the file policy refuses: which criterion
// (the *dossier.Violation in the chain) when known.
func policyMessage(e *dossier.Error) string {
	why := ""
	var v *dossier.Violation
	if errors.As(e.Err, &v) {
		why = v.Text()
	}
	return named("le fichier", e.Subject) + " est refusé par la politique de fichiers du dossier" + paren(why) + " ; joignez un autre fichier ou changez la politique"
}

package cli

import (
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/fr"
)

// newWorkingCopy makes a working copy of the dossier from for a teammate,
// with the evidence of some sections only when sections is not empty.
func newWorkingCopy(env *Env, path, from, sections string) error {
	src, err := readDossier(env, from)
	if err != nil {
		return err
	}
	defer src.Close()
	src.SetOperator(env.Operator)
	var secs []string
	if strings.TrimSpace(sections) != "" {
		secs = strings.Split(sections, ",")
	}
	ctx, stop := signal.NotifyContext(src.Context(), os.Interrupt)
	defer stop()
	bar := newProgressLine(env.Stderr, "Copie")
	rep, err := src.WorkingCopy(ctx, path, secs, bar.report)
	bar.end()
	if err != nil {
		return err
	}
	scope := "toutes les sections"
	if len(rep.Sections) > 0 {
		scope = "sections " + strings.Join(rep.Sections, ", ")
	}
	fmt.Fprintf(env.Stdout, "Copie de travail créée : %s (%s)\nPreuves copiées : %d (%s)", rep.Path, scope, rep.Evidence, fr.Size(rep.Bytes))
	if rep.Left > 0 {
		fmt.Fprintf(env.Stdout, ", %s laissées dans l'original", fr.Plural(rep.Left, "preuve", "preuves"))
	}
	fmt.Fprintf(env.Stdout, "\nElle se fusionne dans l'original avec : dossier-segur merge %s %s\n", from, path)
	return nil
}

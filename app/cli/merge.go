package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// mergeMemoryLimit is the Go memory limit while merging: the heap holds
// one batch of bbolt's dirty pages (16 MiB, see storage's
// importBatchBytes) and the rest of the process, collected after each
// commit; the limit only stops a runaway, above what a batch needs.
const mergeMemoryLimit = 32 << 20

// cmdMerge brings another copy of the dossier in: a dry run that reports
// what would come in, or, with --apply, the merge itself.
func cmdMerge(env *Env, args []string) error {
	fs := newFlagSet("merge")
	apply := fs.Bool("apply", false, "fusionner (sans cette option : simulation)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	prefer := fs.String("prefer", "", "version gardée en cas de conflit : mine (ce dossier) ou theirs (la copie)")
	if err := fs.parse(args, 2, "FICHIER", "AUTRE.segur"); err != nil {
		return err
	}
	opt := dossier.MergeOptions{Apply: *apply}
	if *prefer != "" {
		side, err := dossier.ParseSide(*prefer)
		if err != nil {
			return usageError{err}
		}
		opt.Prefer = side
	}
	path, otherPath := fs.positional[0], fs.positional[1]
	if err := dossier.CheckMergeSource(path, otherPath); err != nil {
		return err
	}
	open := readDossier
	if *apply {
		open = openDossier
	}
	svc, err := open(env, path)
	if err != nil {
		return err
	}
	defer svc.Close()
	other, err := dossier.OpenCopy(env.Opener, otherPath)
	if err != nil {
		return err
	}
	defer other.Close()
	defer limitMemory(mergeMemoryLimit)()
	// The merge collects its garbage itself after each batch it commits
	// (storage's importer): the collector's own pacing, which ran it many
	// times within each batch against the limit, is off meanwhile (a
	// quarter less CPU); the limit stays as a backstop.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	ctx, stop := signal.NotifyContext(svc.Context(), os.Interrupt)
	defer stop()
	bar := newProgressLine(env.Stderr, "Fusion")
	rep, err := svc.Merge(ctx, other, opt, bar.report)
	bar.end()
	if err != nil && dossier.FaultOf(err) != dossier.FaultUnresolved {
		return err
	}
	if *asJSON {
		if jerr := writeJSON(env.Stdout, rep); jerr != nil {
			return jerr
		}
	} else {
		printMerge(env.Stdout, otherPath, path, rep, *apply)
	}
	return err
}

// printMerge writes the merge report in French.
func printMerge(w io.Writer, other, path string, rep dossier.MergeReport, apply bool) {
	mode := "simulation"
	switch {
	case rep.Applied:
		mode = "faite"
	case apply && !rep.NoOp():
		mode = "non faite"
	}
	fmt.Fprintf(w, "Fusion de %s dans %s (%s)\n", fr.Quote(other), fr.Quote(path), mode)
	if rep.NoOp() {
		fmt.Fprintln(w, "Rien à fusionner : le dossier contient déjà tout ce que la copie apporte.")
		return
	}
	fmt.Fprintf(w, "  Preuves apportées : %d (%s de contenu nouveau)\n", rep.EvidenceAdded, fr.Size(rep.BytesAdded))
	fmt.Fprintf(w, "  Exigences modifiées : %d", len(rep.RequirementsChanged))
	if len(rep.RequirementsChanged) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(rep.RequirementsChanged, ", "))
	}
	fmt.Fprintln(w)
	if len(rep.DossierChanged) > 0 {
		fmt.Fprintf(w, "  Dossier, repris de la copie : %s\n", strings.Join(dossier.FieldLabels(rep.DossierChanged), ", "))
	}
	if n := len(rep.ApplicableAdded); n > 0 {
		fmt.Fprintf(w, "    %s dans le périmètre (%s)\n", fr.Plural(n, "exigence entre", "exigences entrent"), strings.Join(rep.ApplicableAdded, ", "))
	}
	if n := len(rep.ApplicableRemoved); n > 0 {
		fmt.Fprintf(w, "    %s du périmètre (%s)\n", fr.Plural(n, "exigence sort", "exigences sortent"), strings.Join(rep.ApplicableRemoved, ", "))
	}
	if rep.EventsAdded > 0 {
		fmt.Fprintf(w, "  Événements du journal repris : %d\n", rep.EventsAdded)
	}
	fmt.Fprintf(w, "  Conflits : %d\n", len(rep.Conflicts))
	for _, c := range rep.Conflicts {
		kept := ""
		switch c.Resolved {
		case dossier.Mine:
			kept = " → gardé : ce dossier"
		case dossier.Theirs:
			kept = " → gardé : la copie"
		case dossier.Revalidate:
			kept = " → aucune des deux : à valider de nouveau"
		}
		fmt.Fprintf(w, "    %s, %s : ce dossier %s, la copie %s%s\n", c.Req, dossier.ConflictLabel(c), fr.Quote(dossier.FieldValueLabel(c.Field, c.Mine)), fr.Quote(dossier.FieldValueLabel(c.Field, c.Theirs)), kept)
	}
	if !apply {
		fmt.Fprintln(w, "Rien n'a été écrit : relancez avec --apply pour fusionner.")
	}
}

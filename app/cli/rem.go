package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

// importJSON is the `import-rem --json` document: the reader's dry-run
// report, the switch plan against the dossier, and whether it was applied.
type importJSON struct {
	rem.Report
	Diff         *dossier.CatalogueDiff `json:"diff,omitempty"`
	Carried      int                    `json:"carried"`
	Review       []string               `json:"review"`
	OffCatalogue []string               `json:"off_catalogue"`
	Dropped      []string               `json:"dropped_profiles"`
	Applied      bool                   `json:"applied"`
}

func cmdImportREM(env *Env, args []string) error {
	fs := newFlagSet("import-rem")
	apply := fs.Bool("apply", false, "applique le changement de catalogue")
	asJSON := fs.Bool("json", false, "sortie JSON")
	reading := addREMFlags(fs)
	if err := fs.parse(args, 2, "FICHIER", "REM.xlsx|REM.pdf"); err != nil {
		return err
	}
	opt, err := reading.options()
	if err != nil {
		return err
	}
	res, err := rem.ReadFile(fs.positional[1], opt)
	if err != nil {
		if res != nil {
			if *asJSON {
				_ = writeJSON(env.Stdout, importJSON{Report: res.Report, Review: []string{}, OffCatalogue: []string{}, Dropped: []string{}})
			} else {
				printReport(env.Stdout, res.Report)
			}
		}
		return err
	}
	open := readDossier
	if *apply {
		open = openDossier
	}
	svc, err := open(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	plan, err := svc.PlanSwitch(res.Catalogue)
	if err != nil {
		return err
	}
	if *apply {
		if err := svc.SwitchCatalogue(plan); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, importJSON{Report: res.Report, Diff: &plan.Diff, Carried: plan.Carried,
			Review: plan.Review, OffCatalogue: plan.OffCatalogue, Dropped: plan.Dropped, Applied: *apply})
	}
	printReport(env.Stdout, res.Report)
	printPlan(env.Stdout, plan)
	if *apply {
		fmt.Fprintf(env.Stdout, "\nCatalogue appliqué au dossier : %s\n", res.Catalogue.Title)
	} else {
		fmt.Fprintln(env.Stdout, "\nSimulation seulement : rien n'a été modifié. Relancez avec --apply pour appliquer.")
	}
	return nil
}

func printPlan(w io.Writer, p dossier.SwitchPlan) {
	fmt.Fprintf(w, "\nDifférences avec le catalogue du dossier : %d ajoutées, %d retirées, %d modifiées, %d inchangées\n",
		len(p.Diff.Added), len(p.Diff.Removed), len(p.Diff.Changed), len(p.Diff.Unchanged))
	// Long lists are cut: --json gives them whole.
	const shown = 15
	list := func(label string, ids []string) {
		switch {
		case len(ids) > shown:
			fmt.Fprintf(w, "%s : %s… et %d autres (liste complète : --json)\n", label, strings.Join(ids[:shown], ", "), len(ids)-shown)
		case len(ids) > 0:
			fmt.Fprintf(w, "%s : %s\n", label, strings.Join(ids, ", "))
		}
	}
	var renamed []string
	for _, u := range p.Diff.Unchanged {
		if u.Old != u.New {
			renamed = append(renamed, u.Old+" → "+u.New)
		}
	}
	for _, c := range p.Diff.Changed {
		if c.Old != c.New {
			renamed = append(renamed, c.Old+" → "+c.New)
		}
	}
	list("Correspondances", renamed)
	list("Ajoutées", p.Diff.Added)
	list("Retirées", p.Diff.Removed)
	var changed []string
	for _, c := range p.Diff.Changed {
		changed = append(changed, c.New)
	}
	list("Modifiées", changed)
	fmt.Fprintf(w, "États et preuves reportés : %d\n", p.Carried)
	list("À revoir", p.Review)
	list("Conservées hors catalogue", p.OffCatalogue)
	list("Profils absents du nouveau catalogue", p.Dropped)
}

// remFlags are the options that say how to read a REM file, shared by
// import-rem and new --catalogue.
type remFlags struct {
	perimeter, sheet, columns *string
}

// addREMFlags declares the REM reading options on fs.
func addREMFlags(fs *flagSet) remFlags {
	return remFlags{
		perimeter: fs.String("perimetre", "", "REM à importer d'un classeur qui en contient plusieurs (RIS, DB…)"),
		sheet:     fs.String("sheet", "", "feuille à lire"),
		columns:   fs.String("columns", "", "colonnes quand les en-têtes ne sont pas reconnus : id=H,enonce=I,profil=B…"),
	}
}

// set lists the REM reading options given.
func (f remFlags) set() []string {
	var out []string
	for name, v := range map[string]string{"--perimetre": *f.perimeter, "--sheet": *f.sheet, "--columns": *f.columns} {
		if v != "" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// options are the reader's options the flags ask for.
func (f remFlags) options() (rem.Options, error) {
	opt := rem.Options{Perimeter: *f.perimeter, Sheet: *f.sheet}
	if *f.columns != "" {
		cols, err := rem.ParseColumns(*f.columns)
		if err != nil {
			return rem.Options{}, err
		}
		opt.Columns = cols
	}
	return opt, nil
}

// catalogueFor returns the embedded catalogue, or the one read from a REM
// file when path is set, as reading says (for `new --catalogue`).
func catalogueFor(env *Env, path string, reading remFlags) (*dossier.Catalogue, error) {
	if path == "" {
		if set := reading.set(); len(set) > 0 {
			return nil, usage(dossier.FaultFlagsTogether, set[0]+", --catalogue", "")
		}
		return env.DefaultCatalogue()
	}
	opt, err := reading.options()
	if err != nil {
		return nil, err
	}
	res, err := rem.ReadFile(path, opt)
	if err != nil {
		return nil, err
	}
	return res.Catalogue, nil
}

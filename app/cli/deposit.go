package cli

import (
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// cmdDeposit records that a package was filed on the ANS platform.
func cmdDeposit(env *Env, args []string) error {
	fs := newFlagSet("deposit")
	pkg := fs.String("package", "", "paquet ZIP déposé")
	date := fs.String("date", "", "jour du dépôt (AAAA-MM-JJ, aujourd'hui par défaut)")
	note := fs.String("note", "", "note")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"package": *pkg}); err != nil {
		return err
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	filed, err := export.ReadFiled(svc.Context(), *pkg)
	if err != nil {
		return err
	}
	d, err := svc.RecordDeposit(filed, *date, *note)
	if err != nil {
		return err
	}
	kind := "complet"
	if d.Delta {
		kind = "complémentaire"
	}
	fmt.Fprintf(env.Stdout, "Dépôt n° %d enregistré le %s : paquet %s %s, %s\n", d.Round, dossier.FrenchDayOf(d.Date), kind, d.Package,
		fr.Plural(len(d.Files), "exigence", "exigences"))
	return nil
}

// depositsJSON is the `deposits --json` document.
type depositsJSON struct {
	Deposits []dossier.Deposit      `json:"deposits"`
	Counts   dossier.TrackingCounts `json:"counts"`
	Decision dossier.DecisionState  `json:"decision"`
}

// cmdDeposits lists the deposit rounds.
func cmdDeposits(env *Env, args []string) error {
	fs := newFlagSet("deposits")
	asJSON := fs.Bool("json", false, "sortie JSON")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	deps, err := svc.Deposits()
	if err != nil {
		return err
	}
	c, ds, err := lifeState(svc)
	if err != nil {
		return err
	}
	if *asJSON {
		if deps == nil {
			deps = []dossier.Deposit{}
		}
		return writeJSON(env.Stdout, depositsJSON{Deposits: deps, Counts: c, Decision: ds})
	}
	if len(deps) == 0 {
		fmt.Fprintln(env.Stdout, "Aucun dépôt enregistré (« deposit FICHIER --package PAQUET.zip » après le dépôt sur la plateforme).")
	} else {
		tw := newTable(env.Stdout)
		fmt.Fprintln(tw, "N°\tDate\tType\tExigences\tPaquet\tEmpreinte du manifeste\tNote")
		for _, d := range deps {
			kind := "complet"
			if d.Delta {
				kind = "complémentaire"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s…\t%s\n", d.Round, dossier.FrenchDayOf(d.Date), kind, len(d.Files), d.Package, d.ManifestSHA256[:min(16, len(d.ManifestSHA256))], d.Note)
		}
		tw.Flush()
	}
	printTracking(env, c, ds)
	return nil
}

// printTracking prints the deposit counters and the decision's countdown.
func printTracking(env *Env, c dossier.TrackingCounts, ds dossier.DecisionState) {
	if c.Rounds > 0 {
		fmt.Fprintf(env.Stdout, "Exigences déposées : %d, modifiées depuis le dépôt : %d, jamais déposées : %d\n", c.Deposited, c.Changed, c.Never)
	}
	if c.Referenced > 0 {
		fmt.Fprintf(env.Stdout, "Déjà référencées (candidature précédente) : %d\n", c.Referenced)
	}
	if c.OpenRequests > 0 {
		fmt.Fprintf(env.Stdout, "Demandes de l'ANS ouvertes : %d (%s, dont %d en retard)\n", c.OpenRequests, fr.Plural(c.Flagged, "exigence concernée", "exigences concernées"), c.Overdue)
	}
	if line := ds.Line(); line != "" {
		fmt.Fprintf(env.Stdout, "Décision : %s\n", line)
	}
}

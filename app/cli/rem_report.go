package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

// shownSkipped is how many skipped rows the dry run lists one by one;
// --json gives them all.
const shownSkipped = 20

// printReport writes the dry run of a REM import: what was read, and up
// front what was not (rows ignored, REMs to choose from).
func printReport(w io.Writer, r rem.Report) {
	if r.Layout != "" {
		fmt.Fprintf(w, "Fichier : %s (%s, %s)\n", r.Source, strings.ToUpper(r.Format), r.Layout)
	} else {
		fmt.Fprintf(w, "Fichier : %s (%s)\n", r.Source, strings.ToUpper(r.Format))
	}
	if r.Sheet != "" {
		fmt.Fprintf(w, "Feuille lue : %s\n", r.Sheet)
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "%s (détail plus bas)\n", fr.Plural(len(r.Skipped), "ligne ignorée", "lignes ignorées"))
	}
	if len(r.Headings) > 0 {
		fmt.Fprintln(w, "Aucun en-tête de REM reconnu. En-têtes trouvés :")
		for _, h := range r.Headings {
			fmt.Fprintf(w, "  %s\n", h)
		}
		fmt.Fprintln(w, "Indiquez les colonnes avec --columns id=LETTRE,enonce=LETTRE[,profil=…,section=…,nature=…,n_scenario=…,scenario=…,n_preuve=…,preuve=…]")
		return
	}
	if len(r.Perimetres) > 0 {
		fmt.Fprintf(w, "Ce classeur contient %d REM :\n", len(r.Perimetres))
		for _, k := range slices.Sorted(maps.Keys(r.Perimetres)) {
			fmt.Fprintf(w, "  %-10s %s\n", k, fr.Plural(r.Perimetres[k], "exigence", "exigences"))
		}
		if r.Perimetre == "" {
			fmt.Fprintln(w, "Choisissez celui à importer avec --perimetre CODE.")
			return
		}
		fmt.Fprintf(w, "REM importé : %s\n", r.Perimetre)
	}
	fmt.Fprintf(w, "Exigences lues : %d (exigences %d, préconisations %d), scénarios %d, preuves %d\n",
		r.Requirements, r.Exigences, r.Preconisations, r.Scenarios, r.Proofs)
	if r.Obsolete > 0 {
		fmt.Fprintf(w, "Obsolètes, non importées : %d\n", r.Obsolete)
	}
	idList(w, "Non définitives (importées, à suivre)", r.NonFinal)
	idList(w, "Sans profil (« --- » : appliquées quels que soient les profils)", r.NoProfile)
	if r.BusinessSheet != "" {
		fmt.Fprintf(w, "Scénarios coeur de métier (feuille %s) : %d reliés aux exigences\n", r.BusinessSheet, r.BusinessScenarios)
		idList(w, "Exigences citées par ces scénarios mais absentes du REM", r.Unlinked)
	}
	if r.Requirements > 0 {
		printBreakdown(w, r)
	}
	for i, s := range r.Skipped {
		if i == shownSkipped {
			fmt.Fprintf(w, "… et %d autres lignes ignorées (liste complète : --json)\n", len(r.Skipped)-shownSkipped)
			break
		}
		fmt.Fprintf(w, "Ignoré (%s) : %s\n", s.Where, s.Reason)
	}
	for _, d := range r.Duplicates {
		kind := "doublon identique"
		if d.Conflict {
			kind = "doublon avec énoncés différents"
		}
		fmt.Fprintf(w, "%s : %s (%s)\n", kind, d.ID, strings.Join(d.Where, ", "))
	}
}

// idList writes a labelled list of IDs, cut when long.
func idList(w io.Writer, label string, ids []string) {
	const shown = 15
	switch {
	case len(ids) > shown:
		fmt.Fprintf(w, "%s : %d — %s… (liste complète : --json)\n", label, len(ids), strings.Join(ids[:shown], ", "))
	case len(ids) > 0:
		fmt.Fprintf(w, "%s : %d — %s\n", label, len(ids), strings.Join(ids, ", "))
	}
}

// printBreakdown writes the counts per section and per profile.
func printBreakdown(w io.Writer, r rem.Report) {
	fmt.Fprintln(w, "Par section :")
	for _, k := range slices.Sorted(maps.Keys(r.Sections)) {
		fmt.Fprintf(w, "  %-8s %d\n", k, r.Sections[k])
	}
	fmt.Fprintln(w, "Par profil :")
	for _, k := range slices.Sorted(maps.Keys(r.Profiles)) {
		fmt.Fprintf(w, "  %s : %d\n", k, r.Profiles[k])
	}
}

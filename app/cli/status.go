package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// statusJSON is the `status --json` document.
type statusJSON struct {
	File           string                    `json:"file"`
	Name           string                    `json:"name"`
	Vendor         string                    `json:"vendor"`
	Product        string                    `json:"product"`
	Version        string                    `json:"version"`
	Profiles       []string                  `json:"profiles"`
	Catalogue      string                    `json:"catalogue"`
	Applicable     int                       `json:"applicable"`
	Exigences      int                       `json:"exigences"`
	Preconisations int                       `json:"preconisations"`
	ByStatus       map[dossier.Status]int    `json:"by_status"`
	Sections       []dossier.SectionProgress `json:"sections"`
	OutOfScope     int                       `json:"out_of_scope"`
	OffCatalogue   int                       `json:"off_catalogue"`
	Review         int                       `json:"review"`
	Signoff        dossier.SignoffCounts     `json:"signoff"`
	Evidence       int                       `json:"evidence"`
	Progress       float64                   `json:"progress"`
	// Final tells whether a final package can be exported; Blocking counts
	// the blocking gaps and Groups gathers them by kind.
	Final    bool                   `json:"final"`
	Blocking int                    `json:"blocking"`
	Warnings int                    `json:"warnings"`
	Groups   []dossier.GapGroup     `json:"groups"`
	Tracking dossier.TrackingCounts `json:"tracking"`
	Decision dossier.DecisionState  `json:"decision"`
}

// barWidth is the width of a section's bar in `status`, in characters.
const barWidth = 20

func cmdStatus(env *Env, args []string) error {
	fs := newFlagSet("status")
	asJSON := fs.Bool("json", false, "sortie JSON")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	d, err := svc.Dashboard()
	if err != nil {
		return err
	}
	in := svc.Info()
	if *asJSON {
		return writeJSON(env.Stdout, statusJSON{Tracking: d.Tracking, Decision: d.Decision,
			File: svc.Path(), Name: in.Name, Vendor: in.Vendor, Product: in.Product, Version: in.ProductVersion,
			Profiles: in.Profiles, Catalogue: svc.Catalogue().Title,
			Applicable: d.Applicable, Exigences: d.Exigences, Preconisations: d.Preconisations,
			ByStatus: d.ByStatus, Sections: d.Sections, OutOfScope: d.OutOfScope, OffCatalogue: d.OffCatalogue, Review: d.Review, Signoff: d.Signoff, Evidence: d.Evidence,
			Progress: d.Progress(), Final: d.Final(), Blocking: len(d.Report.Blocking), Warnings: len(d.Report.Warnings), Groups: d.Groups,
		})
	}
	fmt.Fprintf(env.Stdout, "%s — %s %s %s\n", in.Name, in.Vendor, in.Product, in.ProductVersion)
	fmt.Fprintf(env.Stdout, "Catalogue : %s\n", svc.Catalogue().Title)
	for _, p := range in.Profiles {
		fmt.Fprintf(env.Stdout, "Profil : %s\n", p)
	}
	printDashboard(env, d)
	printTracking(env, d.Tracking, d.Decision)
	return nil
}

// printDashboard writes the dashboard: a bar per section (█ Prête, ▒ Non
// applicable, ▓ En cours, ░ À faire), the overall progress and what blocks
// the final export, by kind of gap.
func printDashboard(env *Env, d dossier.Dashboard) {
	fmt.Fprintln(env.Stdout)
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "Section\tAvancement\tÀ faire\tEn cours\tPrêtes\tNon applicables\tTraitées\tBloquants")
	for _, s := range d.Sections {
		if s.Applicable == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d / %d\t%d\n", s.Code, statusBar(s.ByStatus, s.Applicable),
			s.ByStatus[dossier.AFaire], s.ByStatus[dossier.EnCours], s.ByStatus[dossier.Prete], s.ByStatus[dossier.NonApplicable],
			s.Done, s.Applicable, s.Blocking)
	}
	fmt.Fprintf(tw, "Total\t%s\t%d\t%d\t%d\t%d\t%d / %d\t%d\n", statusBar(d.ByStatus, d.Applicable),
		d.ByStatus[dossier.AFaire], d.ByStatus[dossier.EnCours], d.ByStatus[dossier.Prete], d.ByStatus[dossier.NonApplicable],
		d.Done, d.Applicable, len(d.Report.Blocking))
	tw.Flush()
	fmt.Fprintf(env.Stdout, "\nLégende : █ prête · ▒ non applicable · ▓ en cours · ░ à faire. Traitées = prêtes + non applicables.\n")
	fmt.Fprintf(env.Stdout, "Exigences : %d, préconisations (non contrôlées) : %d ; %s\n", d.Exigences, d.Preconisations,
		fr.Plural(d.Evidence, "preuve", "preuves"))
	fmt.Fprintf(env.Stdout, "Avancement : %.0f %% (%d sur %d traitées)\n", 100*d.Progress(), d.Done, d.Applicable)
	if d.OutOfScope > 0 {
		fmt.Fprintf(env.Stdout, "Hors périmètre (profil retiré, données conservées) : %d\n", d.OutOfScope)
	}
	if d.OffCatalogue > 0 {
		fmt.Fprintf(env.Stdout, "Hors catalogue (conservées d'un catalogue précédent) : %d\n", d.OffCatalogue)
	}
	fmt.Fprintln(env.Stdout, signoffCountsText(d.Signoff))
	if d.Final() {
		fmt.Fprintf(env.Stdout, "\nExport définitif possible (%s).\n", fr.Plural(len(d.Report.Warnings), "avertissement", "avertissements"))
		return
	}
	fmt.Fprintf(env.Stdout, "\nCe qui bloque l'export définitif (%s) :\n", fr.Plural(len(d.Report.Blocking), "manque bloquant", "manques bloquants"))
	for _, g := range d.Groups {
		fmt.Fprintf(env.Stdout, "  %s : %s (%s)\n", g.Label, fr.Plural(len(g.Reqs), "exigence", "exigences"), sample(g.Reqs, 4))
	}
}

// statusBar draws the statuses of n requirements as barWidth characters.
func statusBar(by map[dossier.Status]int, n int) string {
	if n == 0 {
		return strings.Repeat(" ", barWidth)
	}
	var b strings.Builder
	used := 0
	for _, p := range []struct {
		st dossier.Status
		r  string
	}{{dossier.Prete, "█"}, {dossier.NonApplicable, "▒"}, {dossier.EnCours, "▓"}} {
		k := (by[p.st]*barWidth + n/2) / n
		k = min(k, barWidth-used)
		b.WriteString(strings.Repeat(p.r, k))
		used += k
	}
	b.WriteString(strings.Repeat("░", barWidth-used))
	return b.String()
}

// sample lists up to n IDs, then how many more.
func sample(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:n], ", ") + ", " + fr.Plural(len(ids)-n, "autre", "autres")
}

func cmdSetStatus(env *Env, args []string) error {
	fs := newFlagSet("set-status")
	req := fs.String("req", "", "identifiant de l'exigence")
	status := fs.String("status", "", "nouveau statut")
	var note, just optionalString
	fs.Var(&note, "note", "note")
	fs.Var(&just, "justification", "justification de non-applicabilité")
	var offline optionalBool
	fs.Var(&offline, "hors-application", "preuve déposée hors application (avec --note disant où)")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"req": *req, "status": *status}); err != nil {
		return err
	}
	st, err := dossier.ParseStatus(*status)
	if err != nil {
		return err
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	saved, err := svc.UpdateState(*req, dossier.StateChange{Status: &st, Note: note.ptr(), Justification: just.ptr(), Offline: offline.ptr()})
	if err != nil {
		return err
	}
	line := saved.ReqID + " : " + saved.Status.Label()
	if saved.Offline {
		line += " (preuve déposée hors application)"
	}
	if r, err := svc.Row(saved.ReqID); err == nil && r.Signoff.State != dossier.SignoffNone {
		line += " — " + r.Signoff.Line()
	}
	fmt.Fprintln(env.Stdout, line)
	return nil
}

// optionalString is a string flag that tells "not given" from "empty".
type optionalString struct {
	set bool
	v   string
}

func (o *optionalString) String() string     { return o.v }
func (o *optionalString) Set(v string) error { o.set, o.v = true, v; return nil }
func (o *optionalString) ptr() *string {
	if !o.set {
		return nil
	}
	return &o.v
}

// optionalBool is a boolean flag that tells "not given" from false:
// `--hors-application` sets it, `--hors-application=false` clears it.
type optionalBool struct {
	set, v bool
}

func (o *optionalBool) String() string   { return strconv.FormatBool(o.v) }
func (o *optionalBool) IsBoolFlag() bool { return true }
func (o *optionalBool) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return err
	}
	o.set, o.v = true, b
	return nil
}
func (o *optionalBool) ptr() *bool {
	if !o.set {
		return nil
	}
	return &o.v
}

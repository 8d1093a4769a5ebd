package cli

import (
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
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
	Evidence       int                       `json:"evidence"`
	Progress       float64                   `json:"progress"`
}

func cmdStatus(env *Env, args []string) error {
	fs := newFlagSet("status")
	asJSON := fs.Bool("json", false, "sortie JSON")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	o, err := svc.Overview()
	if err != nil {
		return err
	}
	in := svc.Info()
	if *asJSON {
		return writeJSON(env.Stdout, statusJSON{
			File: svc.Path(), Name: in.Name, Vendor: in.Vendor, Product: in.Product, Version: in.ProductVersion,
			Profiles: in.Profiles, Catalogue: svc.Catalogue().Title,
			Applicable: o.Applicable, Exigences: o.Exigences, Preconisations: o.Preconisations,
			ByStatus: o.ByStatus, Sections: o.Sections, OutOfScope: o.OutOfScope, OffCatalogue: o.OffCatalogue, Review: o.Review, Evidence: o.Evidence,
			Progress: o.Progress(),
		})
	}
	fmt.Fprintf(env.Stdout, "%s — %s %s %s\n", in.Name, in.Vendor, in.Product, in.ProductVersion)
	fmt.Fprintf(env.Stdout, "Catalogue : %s\n", svc.Catalogue().Title)
	for _, p := range in.Profiles {
		fmt.Fprintf(env.Stdout, "Profil : %s\n", p)
	}
	fmt.Fprintln(env.Stdout)
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "Section\tLibellé\tApplicables\tPrêtes\tTraitées")
	for _, s := range o.Sections {
		if s.Applicable == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", s.Code, s.Label, s.Applicable, s.Proven, s.Done)
	}
	fmt.Fprintf(tw, "Total\t\t%d\t%d\t%d\n", o.Applicable, o.ByStatus[dossier.Prete], o.Done)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\nExigences : %d, préconisations (non contrôlées) : %d\n", o.Exigences, o.Preconisations)
	for _, st := range dossier.Statuses {
		fmt.Fprintf(env.Stdout, "%s : %d\n", st.Label(), o.ByStatus[st])
	}
	if o.OutOfScope > 0 {
		fmt.Fprintf(env.Stdout, "Hors périmètre (profil retiré, données conservées) : %d\n", o.OutOfScope)
	}
	if o.Review > 0 {
		fmt.Fprintf(env.Stdout, "À revoir (changement de catalogue) : %d\n", o.Review)
	}
	if o.OffCatalogue > 0 {
		fmt.Fprintf(env.Stdout, "Hors catalogue (conservées d'un catalogue précédent) : %d\n", o.OffCatalogue)
	}
	fmt.Fprintf(env.Stdout, "Preuves : %d\nAvancement : %.0f %%\n", o.Evidence, 100*o.Progress())
	return nil
}

func cmdSetStatus(env *Env, args []string) error {
	fs := newFlagSet("set-status")
	req := fs.String("req", "", "identifiant de l'exigence")
	status := fs.String("status", "", "nouveau statut")
	var note, just optionalString
	fs.Var(&note, "note", "note")
	fs.Var(&just, "justification", "justification de non-applicabilité")
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
	saved, err := svc.UpdateState(*req, dossier.StateChange{Status: &st, Note: note.ptr(), Justification: just.ptr()})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s : %s\n", saved.ReqID, saved.Status.Label())
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

package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// identityJSON is the `identity --json` document.
type identityJSON struct {
	ID          string              `json:"id"`
	Name        string              `json:"name"`
	Vendor      string              `json:"vendor"`
	Product     string              `json:"product"`
	Version     string              `json:"version"`
	Profiles    []string            `json:"profiles"`
	Candidature dossier.Candidature `json:"candidature"`
	Mandates    []string            `json:"mandates"`
}

// cmdIdentity shows or changes the "Fiche candidature".
func cmdIdentity(env *Env, args []string) error {
	fs := newFlagSet("identity")
	asJSON := fs.Bool("json", false, "sortie JSON")
	mandate := fs.String("mandate", "", "joint le mandat du groupement (PDF signé)")
	var sets, profiles multiFlag
	fs.Var(&sets, "set", "clé=valeur (répétable)")
	fs.Var(&profiles, "profile", "profil choisi, remplace les profils du dossier (répétable ; les profils obligatoires restent)")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	open := readDossier
	if len(sets) > 0 || len(profiles) > 0 || *mandate != "" {
		open = openDossier
	}
	svc, err := open(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	var kvs [][2]string
	for _, s := range sets {
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return usage(dossier.FaultBadOptionValue, "--set", s)
		}
		kvs = append(kvs, [2]string{k, v})
	}
	if *mandate != "" {
		// Checked before any change, so that a wrong path writes nothing.
		if _, err := os.Stat(*mandate); err != nil {
			return dossier.PathError(*mandate, err, false)
		}
	}
	if len(kvs) > 0 {
		if _, err := svc.SetIdentity(kvs); err != nil {
			return err
		}
	}
	if len(profiles) > 0 {
		if err := svc.SetProfiles(profiles); err != nil {
			return err
		}
	}
	if *mandate != "" {
		if _, err := svc.AttachMandate(context.Background(), *mandate, env.Operator); err != nil {
			return err
		}
	}
	in := svc.Info()
	evs, err := svc.Mandates()
	if err != nil {
		return err
	}
	var mandates []string
	for _, ev := range evs {
		mandates = append(mandates, ev.Name)
	}
	if *asJSON {
		return writeJSON(env.Stdout, identityJSON{ID: in.ID, Name: in.Name, Vendor: in.Vendor, Product: in.Product,
			Version: in.ProductVersion, Profiles: in.Profiles, Candidature: dossier.CandidatureOf(in), Mandates: mandates})
	}
	printIdentity(env, in, mandates)
	return nil
}

func printIdentity(env *Env, in dossier.Info, mandates []string) {
	c := dossier.CandidatureOf(in)
	tw := newTable(env.Stdout)
	row := func(k, v string) { fmt.Fprintf(tw, "%s\t%s\n", k, v) }
	row("Fiche candidature", in.Name)
	row("Éditeur (raison sociale)", in.Vendor)
	row("SIREN/SIRET", orDash(c.SIREN))
	row("Adresse", orDash(c.Address))
	row("Produit", in.Product)
	ready := "non déclarée"
	if c.ReadyForSale {
		ready = "version prête à la commercialisation"
	}
	row("Version", in.ProductVersion+" ("+ready+")")
	row("Couloir / vague", orDash(strings.Trim(c.Corridor+" / "+c.Wave, " /")))
	row("Référence ANS du produit", orDash(c.PlatformRef))
	row("Profils", strings.Join(in.Profiles, " ; "))
	for i, ct := range c.Contacts {
		row(fmt.Sprintf("Contact %d", i+1), ct.Line())
	}
	charter := "non acceptée"
	if c.CharterDate != "" {
		charter = c.CharterText()
	}
	row("Charte de référencement", charter)
	if c.Group {
		row("Groupement", strings.Join(c.Members, " ; "))
		row("Représentant", orDash(c.Representative))
		row("Mandat", orDash(strings.Join(mandates, ", ")))
	} else {
		row("Groupement", "non")
	}
	row("Identifiant du dossier", in.ID)
	tw.Flush()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

package cli

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// openDossier opens the dossier at path for a command that changes it;
// its changes are recorded as env.Operator's.
func openDossier(env *Env, path string) (*dossier.Service, error) {
	svc, err := dossier.Open(env.Opener, path)
	if err == nil {
		svc.SetOperator(env.Operator)
	}
	return svc, err
}

// readDossier opens the dossier at path for a command that only reads it:
// such commands run side by side (status during an export), and are
// refused only while a command that writes holds the dossier.
func readDossier(env *Env, path string) (*dossier.Service, error) {
	return dossier.OpenReadOnly(env.Opener, path)
}

// parseAndRead parses the arguments of a reading command whose only
// positional argument is the dossier, then opens it read-only.
func parseAndRead(env *Env, fs *flagSet, args []string) (*dossier.Service, error) {
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return nil, err
	}
	return readDossier(env, fs.positional[0])
}

func cmdNew(env *Env, args []string) error {
	fs := newFlagSet("new")
	name := fs.String("name", "", "nom du dossier")
	vendor := fs.String("vendor", "", "éditeur")
	product := fs.String("product", "", "produit")
	version := fs.String("version", "", "version du produit")
	catPath := fs.String("catalogue", "", "REM officiel (XLSX ou PDF) à utiliser au lieu du catalogue intégré")
	reading := addREMFlags(fs)
	var profiles, added multiFlag
	fs.Var(&profiles, "profile", "profil (répétable)")
	from := fs.String("from", "", "dossier dont faire une copie de travail, ou dossier référencé dont partir (avec --add-profile)")
	fs.Var(&added, "add-profile", "profil supplémentaire demandé (répétable, avec --from)")
	again := fs.String("again", "", "exigences à prouver de nouveau (avec --from, séparées par des virgules)")
	noReview := fs.Bool("no-review", false, "pas de relecture : l'export définitif n'exige pas de validation (équipe d'une personne)")
	sections := fs.String("sections", "", "copie de travail : sections dont garder les preuves (avec --from, séparées par des virgules)")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if *from != "" && len(added) == 0 && *again == "" {
		return newWorkingCopy(env, fs.positional[0], *from, *sections)
	}
	if *from != "" || len(added) > 0 {
		return newExtraProfile(env, fs.positional[0], *from, added, *again)
	}
	if err := required(map[string]string{"name": *name, "vendor": *vendor, "product": *product, "version": *version}); err != nil {
		return err
	}
	cat, err := catalogueFor(env, *catPath, reading)
	if err != nil {
		return err
	}
	rules := dossier.DefaultSignoff
	rules.Required = !*noReview
	info := dossier.Info{Name: *name, Vendor: *vendor, Product: *product, ProductVersion: *version, Profiles: profiles, Signoff: &rules}
	svc, err := dossier.CreateAs(env.Opener, fs.positional[0], info, cat, env.Operator)
	if err != nil {
		return err
	}
	defer svc.Close()
	o, err := svc.Overview()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Dossier créé : %s\nProfils : %s\nExigences applicables : %d\n%s\n", svc.Path(), strings.Join(svc.Info().Profiles, " ; "), o.Applicable,
		signoffRulesText(svc.Info().SignoffRules()))
	return nil
}

func cmdProfiles(env *Env, args []string) error {
	fs := newFlagSet("profiles")
	if err := fs.parse(args, 0); err != nil {
		return err
	}
	cat, err := env.DefaultCatalogue()
	if err != nil {
		return err
	}
	for _, p := range cat.Profiles {
		fmt.Fprintln(env.Stdout, p.Name)
	}
	return nil
}

func cmdCatalogue(env *Env, args []string) error {
	fs := newFlagSet("catalogue")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if err := fs.parse(args, 0); err != nil {
		return err
	}
	cat, err := env.DefaultCatalogue()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, cat)
	}
	fmt.Fprintf(env.Stdout, "%s\n%s\n\n", cat.Title, cat.Provenance)
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "ID\tSection\tNature\tProfil\tRésumé")
	for _, r := range cat.Requirements {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Section, r.Nature.Label(), strings.Join(r.Profiles, " ; "), r.Text())
	}
	return tw.Flush()
}

package cli

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// policyJSON is the `policy --json` document.
type policyJSON struct {
	Default bool `json:"default"`
	dossier.FilePolicy
}

// cmdPolicy shows the dossier's file policy or changes it. --kinds and
// --ext take comma-separated lists ("tous"/"toutes" lifts the restriction);
// --max-size takes a size such as 500M (0 lifts the limit); --default goes
// back to the built-in policy.
func cmdPolicy(env *Env, args []string) error {
	fs := newFlagSet("policy")
	var kinds, exts, maxSize optionalString
	fs.Var(&kinds, "kinds", "types autorisés (image,video,pdf,text,email,xml,hl7,archive,other ou tous)")
	fs.Var(&exts, "ext", "extensions autorisées (.png,.mp4… ou toutes)")
	fs.Var(&maxSize, "max-size", "taille maximale par fichier (500M, 2G, 0 = sans limite)")
	reset := fs.Bool("default", false, "revenir à la politique par défaut")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if *reset && (kinds.set || exts.set || maxSize.set) {
		return usage(dossier.FaultConflictingFlags, "--default", "--kinds, --ext, --max-size")
	}
	open := readDossier
	if *reset || kinds.set || exts.set || maxSize.set {
		open = openDossier
	}
	svc, err := open(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	switch {
	case *reset:
		if err := svc.SetFilePolicy(nil); err != nil {
			return err
		}
	case kinds.set || exts.set || maxSize.set:
		p := dossier.PolicyOf(svc.Info())
		if kinds.set {
			p.AllowedKinds = nil
			if !isAll(kinds.v) {
				for _, k := range splitList(kinds.v) {
					p.AllowedKinds = append(p.AllowedKinds, dossier.Kind(k))
				}
			}
		}
		if exts.set {
			p.AllowedExtensions = nil
			if !isAll(exts.v) {
				p.AllowedExtensions = splitList(exts.v)
			}
		}
		if maxSize.set {
			n, err := dossier.ParseSize(maxSize.v)
			if err != nil {
				return err
			}
			p.MaxFileSize = n
		}
		if err := svc.SetFilePolicy(&p); err != nil {
			return err
		}
	}
	in := svc.Info()
	p := dossier.PolicyOf(in)
	if *asJSON {
		return writeJSON(env.Stdout, policyJSON{Default: in.FilePolicy == nil, FilePolicy: p})
	}
	origin := "propre à ce dossier"
	if in.FilePolicy == nil {
		origin = "par défaut"
	}
	fmt.Fprintf(env.Stdout, "Politique de fichiers (%s) :\n", origin)
	fmt.Fprintf(env.Stdout, "  Types autorisés : %s\n", orAll(kindNames(p.AllowedKinds), "tous"))
	fmt.Fprintf(env.Stdout, "  Extensions autorisées : %s\n", orAll(p.AllowedExtensions, "toutes"))
	limit := "aucune"
	if p.MaxFileSize > 0 {
		limit = fr.Size(p.MaxFileSize)
	}
	fmt.Fprintf(env.Stdout, "  Taille maximale par fichier : %s\n", limit)
	return nil
}

func isAll(s string) bool {
	switch dossier.Fold(s) {
	case "tous", "toutes", "all", "*":
		return true
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func kindNames(ks []dossier.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func orAll(list []string, all string) string {
	if len(list) == 0 {
		return all
	}
	return strings.Join(list, ", ")
}

package cli

import (
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

func cmdReview(env *Env, args []string) error {
	fs := newFlagSet("review")
	req := fs.String("req", "", "identifiant de l'exigence")
	decision := fs.String("decision", "", "valide ou a_corriger")
	comment := fs.String("comment", "", "commentaire (obligatoire pour a_corriger)")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"req": *req, "decision": *decision}); err != nil {
		return err
	}
	d, err := dossier.ParseSignoffDecision(*decision)
	if err != nil {
		return usageError{err}
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	// The reviewer is the operator (--operator, else the one saved on this
	// workstation, else the OS user), as for every command that changes a
	// dossier.
	if _, err := svc.Review(*req, d, *comment, env.Operator); err != nil {
		return err
	}
	r, err := svc.Row(*req)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s : %s\n", r.Req.ID, r.Signoff.Line())
	return nil
}

// reviewSettingsJSON is the `review-settings --json` document.
type reviewSettingsJSON struct {
	Required  bool `json:"required"`
	AllowSelf bool `json:"allow_self"`
}

func cmdReviewSettings(env *Env, args []string) error {
	fs := newFlagSet("review-settings")
	req, self := optionalYesNo{name: "--required"}, optionalYesNo{name: "--allow-self"}
	fs.Var(&req, "required", "oui : l'export définitif exige chaque exigence validée ; non : pas de relecture")
	fs.Var(&self, "allow-self", "oui : l'auteur des preuves peut valider lui-même (c'est noté)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	var svc *dossier.Service
	var err error
	if req.set || self.set {
		svc, err = openDossier(env, fs.positional[0])
	} else {
		svc, err = readDossier(env, fs.positional[0])
	}
	if err != nil {
		return err
	}
	defer svc.Close()
	rules := svc.Info().SignoffRules()
	if req.set || self.set {
		if req.set {
			rules.Required = req.v
		}
		if self.set {
			rules.AllowSelf = self.v
		}
		if err := svc.SetSignoffRules(rules); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(env.Stdout, reviewSettingsJSON{Required: rules.Required, AllowSelf: rules.AllowSelf})
	}
	fmt.Fprintln(env.Stdout, signoffRulesText(rules))
	return nil
}

// signoffRulesText tells the dossier's review rules in French.
func signoffRulesText(rules dossier.SignoffSettings) string {
	if !rules.Required {
		return "Relecture : désactivée (l'export définitif n'exige pas de validation)."
	}
	if rules.AllowSelf {
		return "Relecture : exigée avant l'export définitif ; l'auteur des preuves peut valider lui-même (c'est noté)."
	}
	return "Relecture : exigée avant l'export définitif ; l'auteur des preuves ne peut pas valider lui-même."
}

// optionalYesNo is an oui/non flag that tells "not given" from "non".
type optionalYesNo struct {
	name   string // the option, for its error
	set, v bool
}

func (o *optionalYesNo) String() string {
	if o.v {
		return "oui"
	}
	return "non"
}

func (o *optionalYesNo) Set(v string) error {
	b, ok := dossier.ParseYesNo(v)
	if !ok || v == "" {
		return dossier.ED(dossier.FaultBadValue, o.name, "oui ou non", nil)
	}
	o.set, o.v = true, b
	return nil
}

// signoffCountsText is the review line of `status`.
func signoffCountsText(c dossier.SignoffCounts) string {
	if !c.Required {
		return "Relecture : désactivée pour ce dossier (review-settings --required oui pour l'exiger)"
	}
	return fmt.Sprintf("Relecture : %s, %d à valider, %d à corriger", fr.Plural(c.Validated, "exigence validée", "exigences validées"),
		c.Pending, c.ToCorrect)
}

// printRevoked tells, after a change of proofs, that the requirement
// before (as it was) lost its validation.
func printRevoked(env *Env, svc *dossier.Service, before dossier.Row) {
	if before.Req == nil {
		return
	}
	after, err := svc.Row(before.Req.ID)
	if err != nil {
		return
	}
	if n := dossier.RevokedNotice(before.Req.ID, before.Signoff, after.Signoff); n != "" {
		fmt.Fprintf(env.Stdout, "avis : %s.\n", n)
	}
}

package cli

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// newExtraProfile creates, from a referenced dossier, the application for
// more profiles: the requirements filed and accepted are carried as "déjà
// référencée"; only the new profiles' (and those in again) are to prove.
func newExtraProfile(env *Env, path, from string, added []string, again string) error {
	if from == "" || len(added) == 0 {
		return usage(dossier.FaultFlagsTogether, "--from, --add-profile", "")
	}
	ref, err := readDossier(env, from)
	if err != nil {
		return err
	}
	var againIDs []string
	if strings.TrimSpace(again) != "" {
		againIDs = strings.Split(again, ",")
	}
	ep, err := dossier.PlanExtraProfile(ref, added, againIDs)
	cat := ref.Catalogue()
	ref.Close()
	if err != nil {
		return err
	}
	svc, err := dossier.CreateAs(env.Opener, path, ep.Info, cat, env.Operator)
	if err != nil {
		return err
	}
	defer svc.Close()
	o, err := svc.Overview()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Dossier créé : %s\nProfils : %s\nExigences applicables : %d, dont %d déjà référencées (reprises de %s), %d à prouver\n",
		svc.Path(), strings.Join(svc.Info().Profiles, " ; "), o.Applicable, ep.Carried, from, o.Applicable-ep.Carried)
	return nil
}

// lifeState is the dossier's deposit and request counts and the
// decision's state.
func lifeState(svc *dossier.Service) (dossier.TrackingCounts, dossier.DecisionState, error) {
	c, err := svc.Tracking()
	if err != nil {
		return c, dossier.DecisionState{}, err
	}
	ds, err := svc.DecisionState()
	return c, ds, err
}

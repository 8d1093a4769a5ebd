package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// cmdSetCaption changes a proof's caption (the GUI's "Légende…"); the
// journal records it (evidence_caption), and a merge brings it to the
// other copies.
func cmdSetCaption(env *Env, args []string) error {
	fs := newFlagSet("set-caption")
	idText := fs.String("evidence", "", "numéro de la preuve")
	var caption optionalString
	fs.Var(&caption, "caption", "légende (vide pour l'effacer)")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"evidence": *idText}); err != nil {
		return err
	}
	if caption.ptr() == nil {
		return usage(dossier.FaultMissingOption, "--caption", "")
	}
	id, err := strconv.ParseUint(strings.TrimSpace(*idText), 10, 64)
	if err != nil {
		return usage(dossier.FaultBadOptionValue, "--evidence", *idText)
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	ev, err := svc.SetCaption(id, *caption.ptr())
	if err != nil {
		return err
	}
	if ev.Caption == "" {
		fmt.Fprintf(env.Stdout, "Légende de la preuve %d (%s) effacée\n", ev.ID, ev.Name)
		return nil
	}
	fmt.Fprintf(env.Stdout, "Légende de la preuve %d (%s) : %s\n", ev.ID, ev.Name, fr.Quote(ev.Caption))
	return nil
}

package cli

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// cmdJournal lists a dossier's journal, or verifies its chain.
func cmdJournal(env *Env, args []string) error {
	fs := newFlagSet("journal")
	req := fs.String("req", "", "seulement les événements de cette exigence")
	asJSON := fs.Bool("json", false, "sortie JSON")
	verify := fs.Bool("verify", false, "recalcule la chaîne (code de sortie 0 seulement si elle est intacte)")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	if *verify {
		return verifyJournal(env, svc, *asJSON)
	}
	id := ""
	if *req != "" {
		r, err := svc.Catalogue().Requirement(*req)
		if err != nil {
			return err
		}
		id = r.ID
	}
	keep := func(ev dossier.Event) bool { return id == "" || ev.Concerns(id) }
	w := bufio.NewWriterSize(env.Stdout, 64<<10)
	defer w.Flush()
	if *asJSON {
		return journalJSON(w, svc, keep)
	}
	t := newTable(w)
	fmt.Fprintln(t, "N°\tDATE\tOPÉRATEUR\tRÉSUMÉ")
	n := 0
	err = svc.Journal(1, func(ev dossier.Event) error {
		if keep(ev) {
			n++
			fmt.Fprintf(t, "%d\t%s\t%s\t%s\n", ev.Seq, ev.Time.Local().Format("02/01/2006 15:04:05"), orDash(ev.Operator), ev.Summary)
		}
		return nil
	})
	t.Flush()
	if err == nil && n == 0 {
		fmt.Fprintln(w, "Aucun événement.")
	}
	return err
}

// journalJSON streams the kept events as a JSON array, one event a line.
func journalJSON(w *bufio.Writer, svc *dossier.Service, keep func(dossier.Event) bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sep := "["
	err := svc.Journal(1, func(ev dossier.Event) error {
		if !keep(ev) {
			return nil
		}
		w.WriteString(sep)
		sep = ","
		return enc.Encode(ev)
	})
	if sep == "[" {
		w.WriteString("[")
	}
	w.WriteString("]\n")
	return err
}

// journalCheck is the JSON answer of `journal --verify`.
type journalCheck struct {
	Intact bool   `json:"intact"`
	Events uint64 `json:"events"`
	Head   string `json:"head,omitempty"`
	// BrokenAt is the first event that does not follow, Reason why.
	BrokenAt uint64 `json:"broken_at,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Message  string `json:"message,omitempty"`
}

// verifyJournal recomputes the chain: exit 0 only when intact.
func verifyJournal(env *Env, svc *dossier.Service, asJSON bool) error {
	n, head, err := svc.VerifyJournal()
	seq, reason, broken := dossier.BrokenAt(err)
	if err != nil && !broken {
		return err
	}
	if asJSON {
		c := journalCheck{Intact: err == nil, Events: n, Head: head, BrokenAt: seq, Reason: reason}
		if err != nil {
			c.Events, c.Head, c.Message = 0, "", fr.Error(err)
		}
		if werr := writeJSON(env.Stdout, c); werr != nil {
			return werr
		}
		if err != nil {
			return errAlreadyTold
		}
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Journal intact : %s, dernier événement %s\n", fr.Plural(int(n), "événement", "événements"), head)
	return nil
}

package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// cmdRequests lists, adds or closes the ANS requests:
//
//	requests FICHIER [--json]
//	requests FICHIER add --req ID[,ID…] --text … --due AAAA-MM-JJ [--kind …]
//	requests FICHIER close N [--note …]
func cmdRequests(env *Env, args []string) error {
	fs := newFlagSet("requests")
	asJSON := fs.Bool("json", false, "sortie JSON")
	reqs := fs.String("req", "", "exigences concernées (séparées par des virgules)")
	text := fs.String("text", "", "texte de la demande")
	due := fs.String("due", "", "échéance (AAAA-MM-JJ)")
	kind := fs.String("kind", "", "complement, reserve_non_bloquante ou reserve_bloquante")
	note := fs.String("note", "", "note de clôture")
	if err := fs.parse(args, -1); err != nil {
		return err
	}
	pos := fs.positional
	if len(pos) == 0 {
		return usage(dossier.FaultMissingArgument, "FICHIER", "")
	}
	action := ""
	if len(pos) > 1 {
		action = pos[1]
	}
	switch {
	case action == "" && len(pos) == 1:
	case action == "add" && len(pos) == 2:
		if err := required(map[string]string{"req": *reqs, "text": *text, "due": *due}); err != nil {
			return err
		}
	case action == "close" && len(pos) == 3:
	default:
		return usage(dossier.FaultExtraArgument, strings.Join(pos[1:], " "), "")
	}
	k, err := dossier.ParseRequestKind(*kind)
	if err != nil {
		return err
	}
	open := openDossier
	if action == "" {
		open = readDossier // listing only
	}
	svc, err := open(env, pos[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	switch action {
	case "add":
		r, err := svc.AddRequest(strings.Split(*reqs, ","), *text, *due, k)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Demande n° %d enregistrée (%s) : %s, échéance le %s (%s)\n", r.N, r.Kind.Label(),
			strings.Join(r.Reqs, ", "), dossier.FrenchDayOf(r.Due), dossier.Countdown(r.DaysLeft(svc.Now())))
		return nil
	case "close":
		n, err := strconv.Atoi(pos[2])
		if err != nil {
			return dossier.E(dossier.FaultNoRequest, pos[2], err)
		}
		r, err := svc.CloseRequest(n, *note)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Demande n° %d close.\n", r.N)
		return nil
	}
	all, err := svc.Requests()
	if err != nil {
		return err
	}
	return printRequests(env, svc, all, *asJSON)
}

// requestJSON is one request of `requests --json`, with its countdown and
// per requirement whether a proof changed since.
type requestJSON struct {
	dossier.Request
	DaysLeft int             `json:"days_left"`
	Overdue  bool            `json:"overdue"`
	Answered map[string]bool `json:"answered"`
}

func printRequests(env *Env, svc *dossier.Service, all []dossier.Request, asJSON bool) error {
	rows, err := svc.Rows(dossier.Filter{OpenRequests: true})
	if err != nil {
		return err
	}
	answered := map[int]map[string]bool{}
	for _, row := range rows {
		for _, o := range row.Track.Open {
			if answered[o.N] == nil {
				answered[o.N] = map[string]bool{}
			}
			answered[o.N][row.Req.ID] = o.Answered
		}
	}
	out := []requestJSON{}
	for _, r := range all {
		r.Baseline = nil // digests: for the dossier, not for people
		d := r.DaysLeft(svc.Now())
		out = append(out, requestJSON{Request: r, DaysLeft: d, Overdue: !r.Closed && d < 0, Answered: answered[r.N]})
	}
	if asJSON {
		return writeJSON(env.Stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(env.Stdout, "Aucune demande de l'ANS enregistrée.")
		return nil
	}
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "N°\tType\tExigences\tÉchéance\tDélai\tÉtat\tDemande")
	for _, r := range out {
		state, delay := "ouverte", dossier.Countdown(r.DaysLeft)
		if r.Closed {
			state, delay = "close", "—"
		}
		var reqs []string
		for _, id := range r.Reqs {
			if r.Answered[id] {
				id += " (preuve modifiée)"
			}
			reqs = append(reqs, id)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.N, r.Kind.Label(), strings.Join(reqs, ", "), dossier.FrenchDayOf(r.Due), delay, state, r.Text)
	}
	return tw.Flush()
}

// cmdDecision records the referencing college's decision.
func cmdDecision(env *Env, args []string) error {
	fs := newFlagSet("decision")
	outcome := fs.String("outcome", "", "sans_reserve, reserves_non_bloquantes ou reserves_bloquantes")
	date := fs.String("date", "", "jour de la notification (AAAA-MM-JJ)")
	deadline := fs.String("deadline", "", "échéance des corrections (par défaut 4 semaines après la notification)")
	reservesFile := fs.String("reserves-file", "", "fichier texte des réserves notifiées")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"outcome": *outcome, "date": *date}); err != nil {
		return err
	}
	o, err := dossier.ParseOutcome(*outcome)
	if err != nil {
		return err
	}
	reserves := ""
	if *reservesFile != "" {
		reserves, err = readSmallText(*reservesFile)
		if err != nil {
			return err
		}
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	if _, err := svc.RecordDecision(o, *date, *deadline, reserves); err != nil {
		return err
	}
	ds, err := svc.DecisionState()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Décision enregistrée : %s\n", ds.Line())
	return nil
}

// maxReserves bounds the reserves text read into the dossier.
const maxReserves = 1 << 20

// readSmallText reads a text file of at most maxReserves bytes.
func readSmallText(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", dossier.PathError(path, err, false)
	}
	if !fi.Mode().IsRegular() {
		return "", dossier.E(dossier.FaultNotRegular, path, nil)
	}
	if fi.Size() > maxReserves {
		return "", dossier.ED(dossier.FaultFileTooLarge, path, fr.Size(maxReserves), nil)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", dossier.PathError(path, err, false)
	}
	return string(b), nil
}

package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/scratch"
)

// progressMin is the size from which attach and compact show progress.
const progressMin = 16 << 20

// attachMemoryLimit is the Go memory limit while attaching: the ingest
// turns over its transaction buffers quickly (bbolt's dirty pages, as
// many bytes as each batch), and without a limit the garbage collector
// lets the heap reach twice the live data. The chunk buffers are outside
// the Go heap (storage's pool): the heap holds one batch of dirty pages
// and the rest of the process. 20 MiB cost 10-20 % more CPU (collections
// back to back); with 24 the attach of a 1 GiB file peaks at 60-64 MiB
// of RSS (.ci/bench-attach.sh).
const attachMemoryLimit = 24 << 20

// limitMemory lowers the Go memory limit to limit unless it is lower
// already, and returns what restores it.
func limitMemory(limit int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	if prev <= limit {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

func cmdAttach(env *Env, args []string) error {
	fs := newFlagSet("attach")
	req := fs.String("req", "", "exigence")
	proof := fs.String("proof", "", "numéro de preuve attendue")
	caption := fs.String("caption", "", "légende")
	if err := fs.parse(args, -1); err != nil {
		return err
	}
	if len(fs.positional) < 2 {
		return usage(dossier.FaultMissingArgument, strings.Join([]string{"FICHIER", "CHEMIN…"}[len(fs.positional):], ", "), "")
	}
	if err := required(map[string]string{"req": *req}); err != nil {
		return err
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	defer limitMemory(attachMemoryLimit)()
	ctx, stop := signal.NotifyContext(svc.Context(), os.Interrupt)
	defer stop()
	opt := dossier.AttachOptions{ProofID: *proof, Caption: *caption, Operator: env.Operator}
	paths := fs.positional[1:]
	label := paths[0]
	if len(paths) > 1 {
		label = fr.Plural(len(paths), "fichier", "fichiers")
	}
	before, _ := svc.Row(*req) // for the notice of a validation taken away
	bar := newProgressLine(env.Stderr, label)
	res, err := svc.AttachFiles(ctx, *req, paths, opt, bar.report)
	bar.end()
	if err != nil {
		// Requirement and proof errors concern every file.
		return err
	}
	defer printRevoked(env, svc, before)
	var failed []dossier.AttachResult
	for _, r := range res {
		if r.Err != nil {
			failed = append(failed, r)
			continue
		}
		ev := r.Evidence
		fmt.Fprintf(env.Stdout, "Preuve %d ajoutée à %s : %s — type %s, %s, sha256 %s\n", ev.ID, ev.ReqID, ev.Name, ev.Kind.Label(), fr.Plural(int(ev.Size), "octet", "octets"), ev.SHA256)
	}
	if len(failed) == 0 {
		return nil
	}
	printNotAdded(env.Stderr, failed)
	if len(paths) == 1 {
		return errAlreadyTold
	}
	reqID := strings.TrimSpace(*req)
	if r, err := svc.Catalogue().Requirement(reqID); err == nil {
		reqID = r.ID
	}
	return dossier.ED(dossier.FaultNotAllAdded, reqID, fmt.Sprintf("%d/%d", len(failed), len(paths)), failed[0].Err)
}

// evidenceJSON is one item of `evidence --json`.
type evidenceJSON struct {
	ID      uint64               `json:"id"`
	Req     string               `json:"req"`
	Proof   string               `json:"proof,omitempty"`
	Name    string               `json:"name"`
	Size    int64                `json:"size"`
	SHA256  string               `json:"sha256"`
	Kind    dossier.Kind         `json:"kind"`
	AddedAt string               `json:"added_at"`
	AddedBy string               `json:"added_by"`
	Caption string               `json:"caption"`
	Capture *dossier.CaptureInfo `json:"capture,omitempty"`
	// Annotations are the marks drawn into an annotated capture.
	Annotations []dossier.Annotation `json:"annotations,omitempty"`
}

func cmdEvidence(env *Env, args []string) error {
	fs := newFlagSet("evidence")
	req := fs.String("req", "", "exigence (toutes si absent)")
	asJSON := fs.Bool("json", false, "sortie JSON")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	var evs []dossier.Evidence
	if strings.TrimSpace(*req) == "" {
		evs, err = svc.AllEvidence()
	} else {
		evs, err = svc.ListEvidence(*req)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONArray(env.Stdout, len(evs), func(i int) any {
			ev := &evs[i]
			return evidenceJSON{ID: ev.ID, Req: ev.ReqID, Proof: ev.ProofID, Name: ev.Name, Size: ev.Size, SHA256: ev.SHA256,
				Kind: ev.Kind, AddedAt: ev.AddedAt.UTC().Format("2006-01-02T15:04:05Z"), AddedBy: ev.AddedBy, Caption: ev.Caption, Capture: ev.Capture, Annotations: ev.Annotations}
		})
	}
	if len(evs) == 0 {
		fmt.Fprintln(env.Stdout, "Aucune preuve.")
		return nil
	}
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "ID\tExigence\tNom\tType\tTaille\tAjoutée le\tPar\tLégende\tSHA-256")
	for _, ev := range evs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ev.ID, ev.ReqID, ev.Name, ev.Kind.Label(), fr.Size(ev.Size),
			ev.AddedAt.Local().Format("02/01/2006 15:04"), ev.AddedBy, ev.Caption, ev.SHA256)
	}
	return tw.Flush()
}

func cmdExtract(env *Env, args []string) error {
	fs := newFlagSet("extract")
	idText := fs.String("evidence", "", "numéro de la preuve")
	out := fs.String("out", "", "fichier à écrire")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"evidence": *idText, "out": *out}); err != nil {
		return err
	}
	id, err := strconv.ParseUint(strings.TrimSpace(*idText), 10, 64)
	if err != nil {
		return usage(dossier.FaultBadOptionValue, "--evidence", *idText)
	}
	if _, err := os.Lstat(*out); err == nil {
		return dossier.E(dossier.FaultExists, *out, nil)
	}
	svc, err := readDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	ev, err := svc.Evidence(id)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(svc.Context(), os.Interrupt)
	defer stop()
	if err := scratch.WriteNew(*out, func(w io.Writer) error { return svc.ExtractEvidence(ctx, id, w) }); err != nil {
		return dossier.PathError(*out, err, true)
	}
	fmt.Fprintf(env.Stdout, "Preuve %d (%s, %d octets) extraite dans %s\n", ev.ID, ev.Name, ev.Size, *out)
	return nil
}

func cmdCompact(env *Env, args []string) error {
	fs := newFlagSet("compact")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	path := fs.positional[0]
	svc, err := openDossier(env, path)
	if err != nil {
		return err
	}
	defer svc.Close()
	before, err := os.Stat(path)
	if err != nil {
		return err
	}
	if need, free, ok := svc.CompactRoom(); ok {
		fmt.Fprintf(env.Stdout, "Place nécessaire pour le compactage : %s (libre sur le disque : %s)\n", fr.Size(need), fr.Size(free))
	}
	bar := newProgressLine(env.Stderr, "compactage")
	ctx, stop := signal.NotifyContext(svc.Context(), os.Interrupt)
	defer stop()
	err = svc.Compact(ctx, bar.report)
	bar.end()
	if err != nil {
		return err
	}
	after, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Dossier compacté : %s\nTaille avant : %s (%d octets)\nTaille après : %s (%d octets)\n",
		path, fr.Size(before.Size()), before.Size(), fr.Size(after.Size()), after.Size())
	return nil
}

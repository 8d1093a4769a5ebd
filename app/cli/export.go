package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// cmdCheck prints the completeness check. Exit code: 0 when the dossier is
// complete (warnings allowed), 1 when blocking gaps remain, so that a
// pipeline can gate on it; the JSON on stdout is the same either way.
func cmdCheck(env *Env, args []string) error {
	fs := newFlagSet("check")
	asJSON := fs.Bool("json", false, "sortie JSON")
	svc, err := parseAndRead(env, fs, args)
	if err != nil {
		return err
	}
	defer svc.Close()
	rep, err := svc.Check()
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, rep); err != nil {
			return err
		}
	} else {
		printCheck(env, rep)
	}
	if !rep.Complete {
		return export.Incomplete(len(rep.Blocking))
	}
	return nil
}

func printCheck(env *Env, rep dossier.Report) {
	if rep.Complete {
		fmt.Fprintln(env.Stdout, "Dossier complet : aucun manque bloquant.")
	} else {
		fmt.Fprintf(env.Stdout, "Dossier incomplet : %s.\n", fr.Plural(len(rep.Blocking), "manque bloquant", "manques bloquants"))
	}
	for _, grp := range dossier.Groups(rep.Blocking) {
		fmt.Fprintf(env.Stdout, "\n%s (%s) :\n", grp.Label, fr.Plural(grp.Gaps, "manque bloquant", "manques bloquants"))
		for _, g := range rep.Blocking {
			if g.Kind == grp.Kind {
				fmt.Fprintf(env.Stdout, "  %s : %s\n", orDossier(g.Req), g.Reason)
			}
		}
	}
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(env.Stdout, "\nAvertissements (%d) :\n", len(rep.Warnings))
		for _, g := range rep.Warnings {
			fmt.Fprintf(env.Stdout, "  %s : %s\n", orDossier(g.Req), g.Reason)
		}
	}
}

func orDossier(req string) string {
	if req == "" {
		return "dossier"
	}
	return req
}

// exportMemoryLimit is the Go memory limit while exporting: the PDF
// report of 20,000 proofs turns over a compressor per page, and without a
// limit the garbage collector lets the heap reach twice the live data
// (.ci/bench-scale.sh measured 138 MiB of RSS). The live data of 20,000
// proofs (snapshot, plan, the ZIP's directory, the report's pages) is
// about 28 MiB: at 64 MiB the heap still grew to the limit (96 MiB of RSS
// with the binary's 32 MiB of text), at 48 MiB it stays near 80 MiB for
// the same CPU time; at 40 MiB the collector costs a third more CPU.
const exportMemoryLimit = 48 << 20

// cmdExport writes the submission package, with progress on stderr.
// Ctrl-C cancels cleanly: no file is left at the target name.
func cmdExport(env *Env, args []string) error {
	fs := newFlagSet("export")
	out := fs.String("out", "", "paquet ZIP à écrire")
	draft := fs.Bool("draft", false, "exporter un brouillon malgré les manques bloquants")
	delta := fs.Bool("since-last-deposit", false, "seulement les exigences dont les preuves ont changé depuis le dernier dépôt")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"out": *out}); err != nil {
		return err
	}
	if err := export.CheckTarget(fs.positional[0], *out); err != nil {
		return usageError{err}
	}
	svc, err := readDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	defer limitMemory(exportMemoryLimit)()
	ctx, stop := signal.NotifyContext(svc.Context(), os.Interrupt)
	defer stop()
	last := -1
	progress := func(done, total int64) {
		pct := 100
		if total > 0 {
			pct = int(done * 100 / total)
		}
		if pct/5 != last/5 {
			last = pct
			fmt.Fprintf(env.Stderr, "Export : %3d %% (%s / %s)\n", pct, fr.Size(done), fr.Size(total))
		}
	}
	if err := export.Export(ctx, export.FromService(svc), *out, export.Options{Draft: *draft, SinceLastDeposit: *delta, Logf: env.debugf()}, progress); err != nil {
		return err
	}
	svc.Close()
	recordExport(env, fs.positional[0], *out)
	size := int64(-1)
	if fi, err := os.Stat(*out); err == nil {
		size = fi.Size()
	}
	kind := "définitif"
	if *draft {
		kind = "BROUILLON"
	}
	if *delta {
		kind += " complémentaire (depuis le dernier dépôt)"
	}
	// The digests were checked against the dossier while writing; `verify`
	// rereads the package when an independent check is wanted.
	fmt.Fprintf(env.Stdout, "Paquet %s écrit : %s (%s)\n", kind, *out, fr.Size(size))
	return nil
}

// recordExport writes the export's event in the dossier's journal: the
// export read the dossier beside other readers, this is its one write. A
// failure is told on stderr; the package stays written.
func recordExport(env *Env, path, out string) {
	err := func() error {
		sum, draft, err := export.ManifestDigest(context.Background(), out)
		if err != nil {
			return err
		}
		svc, err := openDossier(env, path)
		if err != nil {
			return err
		}
		defer svc.Close()
		return svc.RecordExport(filepath.Base(out), sum, draft)
	}()
	if err != nil {
		fmt.Fprintf(env.Stderr, "attention : le paquet est écrit mais son export n'a pas pu être inscrit au journal du dossier : %s\n", fr.Error(err))
	}
}

// cmdVerify checks a package against its manifest; exit 0 only when every
// file matches, nothing is missing or added, the manifest's signature and
// the journal's chain hold, the files agree with the manifest, and (with
// --key) the signing key is the one expected.
func cmdVerify(env *Env, args []string) error {
	fs := newFlagSet("verify")
	asJSON := fs.Bool("json", false, "sortie JSON")
	key := fs.String("key", "", "empreinte attendue de la clé de signature de l'éditeur")
	if err := fs.parse(args, 1, "PAQUET.zip"); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	pkg := fs.positional[0]
	res, err := export.Verify(ctx, pkg)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, res); err != nil {
			return err
		}
	} else {
		printVerify(env, res)
	}
	if err := verdict(pkg, res, *key); err != nil {
		return err
	}
	if !*asJSON {
		fmt.Fprintln(env.Stdout, "Paquet intègre et authentique : empreintes SHA-256, signature et journal vérifiés.")
	}
	return nil
}

// printVerify writes what Verify found, for people.
func printVerify(env *Env, res export.Result) {
	mention := ""
	if res.Draft {
		mention = " — BROUILLON"
	}
	fmt.Fprintf(env.Stdout, "Paquet : %s %s %s%s\n", res.Vendor, res.Product, res.Version, mention)
	fmt.Fprintf(env.Stdout, "Fichiers conformes : %d / %d\n", res.Matched, res.Checked)
	for _, l := range []struct {
		title string
		paths []string
	}{{"Altéré", res.Altered}, {"Manquant", res.Missing}, {"En trop", res.Extra}, {"Contredit le manifeste", res.Inconsistent}} {
		for _, p := range l.paths {
			fmt.Fprintf(env.Stdout, "  %s : %s\n", l.title, p)
		}
	}
	if res.Unnamed > 0 {
		fmt.Fprintf(env.Stdout, "  … et %s\n", fr.Plural(res.Unnamed, "autre fichier altéré ou manquant", "autres fichiers altérés ou manquants"))
	}
	for _, s := range res.Strays {
		fmt.Fprintf(env.Stdout, "  Données inattendues : %s, %s à l'octet %d\n", s.Label(), fr.Size(s.Size), s.Offset)
	}
	switch {
	case !res.Signed:
		fmt.Fprintln(env.Stdout, "Signature : absente")
	case res.SignatureOK:
		fmt.Fprintf(env.Stdout, "Signature : valide, clé %s\n", res.Fingerprint)
	default:
		fmt.Fprintln(env.Stdout, "Signature : NE CORRESPOND PAS au manifeste")
	}
	switch {
	case res.JournalOK:
		fmt.Fprintf(env.Stdout, "Journal : intact, %s, dernier %s\n", fr.Plural(int(res.JournalEvents), "événement", "événements"), res.JournalHead)
	case res.JournalBrokenAt > 0:
		fmt.Fprintf(env.Stdout, "Journal : rompu à l'événement n° %d\n", res.JournalBrokenAt)
	default:
		fmt.Fprintln(env.Stdout, "Journal : absent")
	}
}

// verdict is the error of a package that is not intact and authentic, in
// order of gravity; nil when it is.
func verdict(pkg string, res export.Result, key string) error {
	switch {
	case len(res.Strays) > 0:
		return dossier.ED(dossier.FaultStrayData, pkg, strconv.Itoa(len(res.Strays)), nil)
	case len(res.Altered)+len(res.Missing)+res.Unnamed+len(res.Extra) > 0:
		return dossier.ED(dossier.FaultTampered, pkg, strconv.Itoa(len(res.Altered)+len(res.Missing)+res.Unnamed+len(res.Extra)), nil)
	case !res.Signed || !res.SignatureOK:
		return dossier.E(dossier.FaultBadSignature, pkg, nil)
	case !res.JournalOK:
		return dossier.ED(dossier.FaultPackageJournal, pkg, strconv.FormatUint(res.JournalBrokenAt, 10), nil)
	case len(res.Inconsistent) > 0:
		return dossier.ED(dossier.FaultInconsistent, pkg, strings.Join(res.Inconsistent, ", "), nil)
	case key != "" && !dossier.SameFingerprint(key, res.Fingerprint):
		return dossier.ED(dossier.FaultWrongKey, pkg, res.Fingerprint, nil)
	case !res.OK:
		return dossier.ED(dossier.FaultTampered, pkg, "0", nil)
	}
	return nil
}

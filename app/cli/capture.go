package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// maxDelay bounds --delay.
const maxDelay = 600

func cmdCapture(env *Env, args []string) error {
	return captureWith(env, capture.NewDesktop(), time.Sleep, args)
}

// captureWith runs the capture command against screen; wait pauses for
// the delay (the tests pass one that does not sleep).
func captureWith(env *Env, screen capture.Screen, wait func(time.Duration), args []string) error {
	fs := newFlagSet("capture")
	req := fs.String("req", "", "exigence")
	displayText := fs.String("display", "0", "numéro d'écran, ou all")
	delay := fs.Int("delay", 0, "délai en secondes")
	caption := fs.String("caption", "", "légende")
	proof := fs.String("proof", "", "numéro de preuve attendue")
	var masks maskFlags
	var anns annotateFlags
	fs.Var(&masks, "mask", "zone masquée x,y,l,h (répétable)")
	fs.Var(&anns, "annotate", "annotation (répétable) : rect:x,y,l,h, arrow:x1,y1,x2,y2, step:x,y, text:x,y:TEXTE…")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"req": *req}); err != nil {
		return err
	}
	display, err := parseDisplay(*displayText)
	if err != nil {
		return err
	}
	if *delay < 0 || *delay > maxDelay {
		return usage(dossier.FaultBadOptionValue, "--delay", strconv.Itoa(*delay))
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	// Check what can be checked before making the user wait.
	if _, err := svc.Catalogue().Requirement(*req); err != nil {
		return err
	}
	n := screen.NumDisplays()
	if n <= 0 {
		return capture.ErrNoDisplay
	}
	if display >= n {
		// Grab checks the index before capturing anything: its error
		// names the displays there are.
		_, _, err := capture.Grab(screen, display)
		return err
	}
	for left := *delay; left > 0; left-- {
		fmt.Fprintf(env.Stderr, "Capture dans %d s…\n", left)
		wait(time.Second)
	}
	img, geo, err := capture.Grab(screen, display)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("capture-%s.png", svc.Now().Local().Format("20060102-150405"))
	opt := dossier.AttachOptions{ProofID: *proof, Caption: *caption, Operator: env.Operator}
	before, _ := svc.Row(*req)
	edit := capture.Edit{Redactions: masks, Annotations: anns}
	ev, err := capture.Store(context.Background(), svc, *req, name, img, geo, edit, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Preuve %d ajoutée à %s : %s — capture %s %d×%d, %d octets, sha256 %s\n",
		ev.ID, ev.ReqID, ev.Name, displayLabel(geo.Display), geo.W, geo.H, ev.Size, ev.SHA256)
	if len(masks) > 0 {
		fmt.Fprintf(env.Stdout, "%s\n", fr.Plural(len(masks), "zone masquée", "zones masquées"))
	}
	for _, a := range ev.Annotations {
		fmt.Fprintf(env.Stdout, "  %s\n", a.Describe())
	}
	printRevoked(env, svc, before)
	return nil
}

func parseDisplay(s string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "all", "tous":
		return capture.AllDisplays, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, usage(dossier.FaultBadOptionValue, "--display", s)
	}
	return n, nil
}

func displayLabel(d int) string {
	if d == capture.AllDisplays {
		return "de tous les écrans"
	}
	return fmt.Sprintf("de l'écran %d", d)
}

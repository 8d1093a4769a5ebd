package cli

import (
	"context"
	"fmt"
	"image"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/record"
)

// maxRecordSeconds bounds --seconds (an hour).
const maxRecordSeconds = 3600

// recorder is what the record command needs of the machine; the tests
// replace it with a fake screen and a clock they drive.
type recorder struct {
	// screen is the desktop's rectangle and the bounds of each display.
	screen func() (all image.Rectangle, displays []image.Rectangle, err error)
	// open opens the screen for recording a region.
	open func(image.Rectangle) (record.Source, error)
	// tick paces the frames; nil means the real clock.
	tick <-chan time.Time
	// timer fires when the recording has lasted d; nil channel means
	// never (the tests end it by closing tick).
	timer func(d time.Duration) <-chan time.Time
}

func cmdRecord(env *Env, args []string) error {
	rec := recorder{
		screen: func() (image.Rectangle, []image.Rectangle, error) {
			all, err := record.ScreenSize()
			if err != nil {
				return all, nil, err
			}
			s := capture.NewDesktop()
			var displays []image.Rectangle
			for i := range s.NumDisplays() {
				displays = append(displays, s.Bounds(i))
			}
			if len(displays) == 0 {
				displays = []image.Rectangle{all}
			}
			return all, displays, nil
		},
		open:  record.OpenScreen,
		timer: time.After,
	}
	return recordWith(env, rec, args)
}

func recordWith(env *Env, rec recorder, args []string) error {
	fs := newFlagSet("record")
	req := fs.String("req", "", "exigence")
	seconds := fs.Int("seconds", 0, "durée en secondes")
	display := fs.Int("display", 0, "numéro d'écran")
	fps := fs.Int("fps", 10, "images par seconde")
	format := fs.String("format", "", "avi ou mp4")
	caption := fs.String("caption", "", "légende")
	proof := fs.String("proof", "", "numéro de preuve attendue")
	var masks rectList
	fs.Var(&masks, "mask", "zone masquée x,y,l,h")
	region := &rectFlag{name: "region"}
	fs.Var(region, "region", "zone x,y,l,h")
	if err := fs.parse(args, 1, "FICHIER"); err != nil {
		return err
	}
	if err := required(map[string]string{"req": *req}); err != nil {
		return err
	}
	if *seconds < 1 || *seconds > maxRecordSeconds {
		return usage(dossier.FaultBadOptionValue, "--seconds", strconv.Itoa(*seconds))
	}
	if *fps < 1 || *fps > record.MaxFPS {
		return usage(dossier.FaultBadOptionValue, "--fps", strconv.Itoa(*fps))
	}
	if *display < 0 {
		return usage(dossier.FaultBadOptionValue, "--display", strconv.Itoa(*display))
	}
	f := record.Best()
	switch strings.ToLower(*format) {
	case "":
	case "avi":
		f = record.AVI
	case "mp4":
		if record.FFmpeg() == "" {
			return usage(dossier.FaultBadOptionValue, "--format", "mp4 (ffmpeg n'est pas installé)")
		}
		f = record.MP4
	default:
		return usage(dossier.FaultBadOptionValue, "--format", *format)
	}
	svc, err := openDossier(env, fs.positional[0])
	if err != nil {
		return err
	}
	defer svc.Close()
	if _, err := svc.Catalogue().Requirement(*req); err != nil {
		return err
	}
	all, displays, err := rec.screen()
	if err != nil {
		return err
	}
	geo, err := recordGeometry(all, displays, *display, region.r)
	if err != nil {
		return err
	}
	src, err := rec.open(geo.Rect())
	if err != nil {
		return err
	}
	r, err := record.Begin(src, record.Setup{
		Dir: filepath.Dir(svc.Path()), Format: f, Geometry: geo,
		Options: record.Options{FPS: *fps, Masks: masks, Tick: rec.tick},
	})
	if err != nil {
		src.Close()
		return err
	}
	fmt.Fprintf(env.Stderr, "Enregistrement de %d s en cours (%d×%d, %d i/s) ; Ctrl+C l'arrête plus tôt.\n", *seconds, geo.W, geo.H, *fps)
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)
	select {
	case <-rec.timer(time.Duration(*seconds) * time.Second):
	case <-interrupt:
	case <-r.Done():
	}
	r.Stop()
	st, err := r.Finish()
	if err != nil {
		return err
	}
	defer r.File.Remove()
	fmt.Fprintf(env.Stderr, "Enregistrement terminé : %s en %s (%s lues à l'écran), %s.\n",
		fr.Plural(st.Frames, "image", "images"), seconds1(st.Elapsed), fr.Int(st.Grabbed), fr.Size(st.Bytes))
	name := record.Name(svc.Now().Local().Format("20060102-150405"), f)
	opt := dossier.AttachOptions{ProofID: *proof, Caption: *caption, Operator: env.Operator}
	ev, err := r.Store(context.Background(), svc, r.File, *req, name, opt, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Preuve %d ajoutée à %s : %s — vidéo %d×%d, %s, %d octets, sha256 %s\n",
		ev.ID, ev.ReqID, ev.Name, geo.W, geo.H, fr.Plural(st.Frames, "image", "images"), ev.Size, ev.SHA256)
	return nil
}

// recordGeometry is the region to record: the one given (in desktop
// coordinates, checked against the screen), else the whole display.
func recordGeometry(all image.Rectangle, displays []image.Rectangle, display int, region *image.Rectangle) (capture.Geometry, error) {
	if region != nil {
		if err := record.CheckRegion(*region, all); err != nil {
			return capture.Geometry{}, err
		}
		r := *region
		return capture.Geometry{Display: capture.AllDisplays, X: r.Min.X, Y: r.Min.Y, W: r.Dx(), H: r.Dy()}, nil
	}
	if display >= len(displays) {
		return capture.Geometry{}, dossier.ED(dossier.FaultNoSuchDisplay, strconv.Itoa(display), strconv.Itoa(len(displays)), nil)
	}
	b := displays[display]
	return capture.Geometry{Display: display, X: b.Min.X, Y: b.Min.Y, W: b.Dx(), H: b.Dy()}, nil
}

// seconds1 is d in seconds with one decimal, French style: "60,0 s".
func seconds1(d time.Duration) string {
	return strings.Replace(strconv.FormatFloat(d.Seconds(), 'f', 1, 64), ".", ",", 1) + " s"
}

package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"log"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// onAnnotate opens an image proof in the capture editor: saving stores
// the annotated image in its place.
func (p *evidencePanel) onAnnotate(ev dossier.Evidence) {
	if !p.ready() {
		return
	}
	svc := p.svc
	var img *image.RGBA
	var err error
	p.d.bg(func() {
		img, err = loadImageEvidence(svc, ev)
	}, func() {
		if err != nil {
			log.Printf("annotate evidence %d: %v", ev.ID, err)
			showError(p.win, "Annotation impossible", err)
			return
		}
		var geo capture.Geometry
		if g := ev.Capture; g != nil {
			geo = capture.Geometry{Display: g.Display, X: g.X, Y: g.Y, W: g.Width, H: g.Height}
		}
		p.openImageEditor(ev.ReqID, img, geo, &ev)
	})
}

// loadImageEvidence reads and decodes an image proof, refusing one too
// large to edit before reading it.
func loadImageEvidence(svc *dossier.Service, ev dossier.Evidence) (*image.RGBA, error) {
	if ev.Size > capture.MaxEncoded {
		return nil, dossier.E(dossier.FaultImageTooLarge, ev.Name, fmt.Errorf("%d bytes", ev.Size))
	}
	var buf bytes.Buffer
	buf.Grow(int(ev.Size))
	if err := svc.ExtractEvidence(svc.Context(), ev.ID, &limitedWriter{w: &buf, left: capture.MaxEncoded}); err != nil {
		return nil, err
	}
	return capture.Decode(buf.Bytes(), ev.Name)
}

// limitedWriter fails once more than left bytes were written.
type limitedWriter struct {
	w    *bytes.Buffer
	left int64
}

var errTooMuch = errors.New("content larger than announced")

func (l *limitedWriter) Write(b []byte) (int, error) {
	if int64(len(b)) > l.left {
		return 0, dossier.E(dossier.FaultImageTooLarge, "", errTooMuch)
	}
	l.left -= int64(len(b))
	return l.w.Write(b)
}

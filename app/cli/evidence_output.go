package cli

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/segur-dossier/dossier-segur/app/fr"
)

// progressLine shows a percentage on one terminal line, rewritten in
// place. It stays silent when w is not a terminal (scripts, logs) and for
// small totals. It may be called from another goroutine.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	on    bool
	shown bool
	last  int64
}

func newProgressLine(w io.Writer, label string) *progressLine {
	return &progressLine{w: w, label: label, on: isTerminal(w), last: -1}
}

func (p *progressLine) report(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.on || total < progressMin {
		return
	}
	pct := done * 100 / total
	if pct == p.last {
		return
	}
	p.last, p.shown = pct, true
	fmt.Fprintf(p.w, "\r%s : %3d %% (%s sur %s)   ", p.label, pct, fr.Size(done), fr.Size(total))
}

// end finishes the line.
func (p *progressLine) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintln(p.w)
	}
	p.on = false
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

package thumb

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Budgets of one PDF thumbnail. PDFium runs as WebAssembly in wazero: a
// sandbox with no access to the host's files, whose memory is bounded
// (pdfMemoryPages) and whose run is stopped at the deadline (PDFTimeout),
// so a PDF bomb or a pathological page costs at most that, never a hang.
const (
	// PDFTimeout is the most one PDF thumbnail may take, rendering
	// included; past it the PDFium instance is killed.
	PDFTimeout = 10 * time.Second
	// MaxPDFBytes is the largest PDF given a thumbnail (it is copied to a
	// temporary file when its reader cannot seek).
	MaxPDFBytes = 1 << 30
	// pdfMemoryPages bounds PDFium's memory: 8192 pages of 64 KiB, 512 MiB.
	pdfMemoryPages = 8192
	// compileMemoryLimit is the soft memory limit while the module compiles.
	compileMemoryLimit = 1 << 30
)

// ErrEngine is the error for a machine where PDFium cannot start: no PDF
// gets a preview in this run, whatever the document.
var ErrEngine = errors.New("PDF renderer unavailable")

// ErrPDF is the error for a PDF that gives no first page: damaged,
// encrypted, empty or over budget (the wrapped cause tells which).
var ErrPDF = errors.New("no first page")

// pdfEngine is the process's one PDFium runtime: the WebAssembly module is
// compiled once (a few seconds; a compilation cache in the user's cache
// folder makes it a fraction of that at the next start), then each
// thumbnail gets a fresh instance of it, thrown away afterwards, so that
// no document's memory or broken state outlives its thumbnail.
type pdfEngine struct {
	cacheDir func() string // the compilation cache's folder; "" for none
	once     sync.Once
	pool     pdfium.Pool
	err      error
}

// engine is shared by the application's cards and the export's report:
// compiling the module is the costly part, done once per process.
var engine = pdfEngine{cacheDir: pdfCacheDir}

// pdfCacheDir is where wazero keeps the compiled module between runs; ""
// when the user has no cache folder (then it is compiled at each start).
func pdfCacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "dossier-segur", "pdfium-wazero")
}

// start compiles the module (once). Its error is kept: a machine where
// it fails shows icons for PDFs, not a retry per card.
func (e *pdfEngine) start() (pdfium.Pool, error) {
	e.once.Do(func() {
		// Compiling takes a few hundred MiB of short-lived heap: under the
		// application's soft memory limit the collector would run without
		// pause (measured in the GUI: 50 s of CPU instead of 10 s).
		if prev := debug.SetMemoryLimit(-1); prev < compileMemoryLimit {
			debug.SetMemoryLimit(compileMemoryLimit)
			defer debug.SetMemoryLimit(prev)
		}
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithMemoryLimitPages(pdfMemoryPages).
			WithCloseOnContextDone(true)
		if dir := e.cacheDir(); dir != "" {
			if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		e.pool, e.err = webassembly.Init(webassembly.Config{
			MinIdle: 0, MaxIdle: 1, MaxTotal: 2,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // no host folder mounted
			Stdout:        io.Discard,
			Stderr:        io.Discard,
		})
		if e.err != nil {
			e.err = fmt.Errorf("%w: %v", ErrEngine, e.err)
		}
	})
	return e.pool, e.err
}

// close releases the engine's runtime (benchmarks start engines anew).
func (e *pdfEngine) close() {
	if e.pool != nil {
		e.pool.Close()
	}
}

// WarmPDF compiles the PDF renderer ahead of the first thumbnail, so the
// application can start it in the background while the user reads the
// first screen.
func WarmPDF() error {
	_, err := engine.start()
	return err
}

// PDF renders the first page of the PDF that r yields (size bytes) to fit
// maxW×maxH pixels on white. r is read where PDFium asks (the cross
// reference table at the end first), never whole into memory. A damaged,
// encrypted or empty document, or one over the budgets above, gives an
// error wrapping ErrPDF.
func PDF(ctx context.Context, r io.ReadSeeker, size int64, maxW, maxH int) (*image.RGBA, error) {
	if size <= 0 || size > MaxPDFBytes {
		return nil, fmt.Errorf("%w: size %d bytes", ErrPDF, size)
	}
	pool, err := engine.start()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: PDFium instance: %v", ErrPDF, err)
	}
	// The instance ends once: closed after the rendering, or killed at the
	// deadline (which stops the WebAssembly run where it is).
	var (
		once   sync.Once
		killed bool
	)
	end := func(kill bool) {
		once.Do(func() {
			killed = kill
			if kill {
				inst.Kill()
			} else {
				inst.Close()
			}
		})
	}
	stop := context.AfterFunc(ctx, func() { end(true) })
	img, err := firstPage(inst, r, size, maxW, maxH)
	stop()
	end(false)
	if killed {
		return nil, fmt.Errorf("%w: stopped at the deadline (%v; budget %v)", ErrPDF, context.Cause(ctx), PDFTimeout)
	}
	return img, err
}

// firstPage opens the document on inst and renders its first page.
func firstPage(inst pdfium.Pdfium, r io.ReadSeeker, size int64, maxW, maxH int) (img *image.RGBA, err error) {
	defer func() {
		// A killed instance makes the library panic in its bindings.
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("%w: PDFium stopped: %v", ErrPDF, p)
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{FileReader: r, FileReaderSize: size})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPDF, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPDF, err)
	}
	if n.PageCount < 1 {
		return nil, fmt.Errorf("%w: the document has no page", ErrPDF)
	}
	page := requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: 0}}
	out, err := inst.RenderPageInPixels(&requests.RenderPageInPixels{Page: page, Width: maxW, Height: maxH})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPDF, err)
	}
	defer out.Cleanup()
	src := out.Result.RenderedImage
	if src == nil || src.Bounds().Empty() {
		return nil, fmt.Errorf("%w: empty rendering", ErrPDF)
	}
	// Copied out of the WebAssembly memory (valid until Cleanup), on white:
	// a page without a background is transparent.
	dst := image.NewRGBA(src.Bounds())
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(dst, dst.Rect, src, src.Bounds().Min, draw.Over)
	return dst, nil
}

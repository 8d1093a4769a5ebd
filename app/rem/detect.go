package rem

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Errors callers may want to tell apart, matched with errors.Is (any
// error of the same fault matches).
var (
	ErrEncrypted = &dossier.Error{Fault: dossier.FaultEncrypted}
	ErrTruncated = &dossier.Error{Fault: dossier.FaultCorruptFile}
)

// MaxSize is the largest file Read accepts. An official REM is well under
// a megabyte and the ANS's largest working workbook (six REMs) is 3 MB; the
// readers hold the file in memory, so the bound keeps a hostile file from
// exhausting it.
const MaxSize = 64 << 20

// importGCPercent is the GOGC value in force while a file is imported.
const importGCPercent = 400

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic = []byte("%PDF-")
)

// Options are the user's choices for reading a workbook; the zero value
// reads the sheet with the most requirements and refuses a workbook that
// holds several REMs.
type Options struct {
	// Perimeter is the REM to import from a workbook holding several
	// (its code, "RIS", or its name, "REM_RIS_Radiologie [va2]").
	Perimeter string
	// Sheet forces the sheet to read.
	Sheet string
	// Columns maps roles to column letters when the headings are not
	// recognised (see ParseColumns).
	Columns Columns
}

// ReadFile imports the REM file at path (XLSX or PDF, told from content).
// Anything but a regular file (a pipe, a device, a folder) is refused
// before it is opened, so that opening cannot block.
func ReadFile(path string, opt Options) (*Result, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, dossier.E(dossier.FaultNotRegularFile, name, nil)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, fileError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, dossier.E(dossier.FaultNotRegularFile, name, nil)
	}
	return Read(f, st.Size(), name, opt)
}

// fileError types an error of the file system.
func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return dossier.E(dossier.FaultFileNotFound, path, err)
	case errors.Is(err, fs.ErrPermission):
		return dossier.E(dossier.FaultPermission, path, err)
	}
	return dossier.E(dossier.FaultCorruptFile, filepath.Base(path), err)
}

// Read imports a REM of the given size read from r; name is the file name,
// used for the title, version and provenance of the catalogue.
//
// Errors are typed (dossier.Error; app/fr says them in French). When the
// rows were read but the catalogue cannot be built (duplicate IDs with
// different statements, several REMs and no choice), Read returns both a
// Result holding the Report (and a nil Catalogue) and the error, so that
// the dry run can still be shown.
func Read(r io.ReaderAt, size int64, name string, opt Options) (res *Result, err error) {
	if size <= 0 {
		return nil, dossier.E(dossier.FaultEmptyFile, name, nil)
	}
	if size > MaxSize {
		return nil, dossier.ED(dossier.FaultTooLarge, name, fmt.Sprintf("%d Mo, limite %d Mo", size>>20, MaxSize>>20), nil)
	}
	head := make([]byte, 8)
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, dossier.E(dossier.FaultCorruptFile, name, err)
	}
	head = head[:n]
	// The third-party readers panic on some hostile input: turn that into
	// an error instead of crashing the application.
	defer func() {
		if p := recover(); p != nil {
			res = nil
			err = dossier.E(dossier.FaultCorruptFile, name, fmt.Errorf("panic: %v", p))
		}
	}()
	switch {
	case bytes.HasPrefix(head, zipMagic):
		res, err = readXLSX(r, size, name, opt)
	case bytes.HasPrefix(head, cfbMagic):
		return nil, classifyCFB(r, size, name)
	case bytes.HasPrefix(head, pdfMagic):
		// The PDF reader allocates many short-lived objects and the input
		// is bounded by MaxSize: collecting less often makes a PDF import
		// about 1.5x faster at the cost of a larger, short-lived heap. (The
		// workbook reader keeps the default: its heap would grow fivefold.)
		defer debug.SetGCPercent(debug.SetGCPercent(importGCPercent))
		res, err = readPDF(r, size, name)
	default:
		return nil, dossier.E(dossier.FaultNotREM, name, nil)
	}
	if res != nil && res.Catalogue != nil {
		describe(res.Catalogue, name, time.Now())
		if p := res.Report.Perimetre; p != "" {
			// One REM of a workbook holding several: named after it.
			res.Catalogue.Title += " — " + p
			res.Catalogue.ID += "-" + slug(p)
			if res.Catalogue.Corridor == "" && len(p) <= 4 {
				res.Catalogue.Corridor = p
			}
		}
		if verr := res.Catalogue.Validate(); verr != nil {
			return nil, dossier.E(dossier.FaultInternal, name, verr)
		}
	}
	return res, err
}

// describe sets the catalogue's identity from the file name and content.
func describe(c *dossier.Catalogue, name string, now time.Time) {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	c.Source = name
	c.Title = strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '_' }), " ")
	if c.Title == "" {
		c.Title = "REM importé"
	}
	c.ID = "rem-" + slug(base)
	c.Version = versionFromName(base)
	c.Vague = vagueFromName(base)
	c.Corridor = corridorFromIDs(c)
	c.Provenance = fmt.Sprintf("Importé du fichier officiel « %s » le %s. Les énoncés sont le texte du fichier source.",
		name, now.Format("02/01/2006 à 15:04"))
}

// versionFromName finds "v1.3", "V2", "Va1" or a ddMMyyyy date in a name.
func versionFromName(base string) string {
	for _, f := range strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == ' ' || r == '-' }) {
		lf := strings.ToLower(f)
		if len(lf) >= 2 && lf[0] == 'v' && lf[1] >= '0' && lf[1] <= '9' {
			return f
		}
		if len(f) == 8 && strings.Trim(f, "0123456789") == "" {
			return f[0:2] + "/" + f[2:4] + "/" + f[4:]
		}
	}
	return ""
}

// vagueFromName finds the wave in a name: "Va1", "Vague2", "vague 2".
func vagueFromName(base string) string {
	f := dossier.Fold(base)
	for _, key := range []string{"vague", "va"} {
		for i := strings.Index(f, key); i >= 0; {
			rest := strings.TrimLeft(f[i+len(key):], " _-")
			if rest != "" && rest[0] >= '1' && rest[0] <= '9' {
				return "Vague " + rest[:1]
			}
			j := strings.Index(f[i+1:], key)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
	return ""
}

// corridorFromIDs returns the corridor trigram most IDs are prefixed with
// (RIS, DPI…), ignoring the common-base prefixes SC and CH.
func corridorFromIDs(c *dossier.Catalogue) string {
	counts := map[string]int{}
	best := ""
	for _, r := range c.Requirements {
		id, ok := parseReqID(r.ID)
		if !ok || id.Prefix == "" || id.Prefix == "SC" || id.Prefix == "CH" {
			continue
		}
		counts[id.Prefix]++
		if counts[id.Prefix] > counts[best] {
			best = id.Prefix
		}
	}
	return best
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range dossier.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

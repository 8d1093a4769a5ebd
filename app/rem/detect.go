package rem

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// Errors callers may want to tell apart. All wrap dossier.ErrUnsupportedFile.
var (
	ErrEncrypted = fmt.Errorf("%w : le fichier est chiffré par un mot de passe", dossier.ErrUnsupportedFile)
	ErrTruncated = fmt.Errorf("%w : le fichier est tronqué ou endommagé", dossier.ErrUnsupportedFile)
	ErrNoText    = fmt.Errorf("%w : le PDF ne contient aucun texte (document numérisé ?)", dossier.ErrUnsupportedFile)
)

// MaxSize is the largest file Read accepts. An official REM is well under
// a megabyte; the spreadsheet reader holds the workbook in memory, so the
// bound keeps a hostile file from exhausting it.
const MaxSize = 64 << 20

// importGCPercent is the GOGC value in force while a file is imported.
const importGCPercent = 400

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic = []byte("%PDF-")
)

// ReadFile imports the REM file at path (XLSX or PDF, told from content).
func ReadFile(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("impossible d'ouvrir le fichier %q : %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("impossible de lire le fichier %q : %w", path, err)
	}
	return Read(f, st.Size(), filepath.Base(path))
}

// Read imports a REM of the given size read from r; name is the file name,
// used for the title, version and provenance of the catalogue.
//
// On an input error, the error is a French sentence and wraps
// dossier.ErrUnsupportedFile or dossier.ErrInvalid. When the rows were
// read but the catalogue cannot be built (duplicate IDs with different
// statements), Read returns both a Result holding the Report (and a nil
// Catalogue) and the error, so that the dry run can still be shown.
func Read(r io.ReaderAt, size int64, name string) (res *Result, err error) {
	if size <= 0 {
		return nil, fmt.Errorf("%w : le fichier « %s » est vide", dossier.ErrUnsupportedFile, name)
	}
	if size > MaxSize {
		return nil, fmt.Errorf("%w : le fichier « %s » fait %d Mo, bien plus qu'un REM (limite %d Mo) ; vérifiez le fichier choisi",
			dossier.ErrUnsupportedFile, name, size>>20, MaxSize>>20)
	}
	head := make([]byte, 8)
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("impossible de lire le fichier « %s » : %w", name, err)
	}
	head = head[:n]
	// The readers allocate many short-lived objects and the input is
	// bounded by MaxSize: collecting less often makes a PDF import about
	// 1.5x faster at the cost of a larger, short-lived heap.
	defer debug.SetGCPercent(debug.SetGCPercent(importGCPercent))
	// The third-party readers panic on some hostile input: turn that into
	// an error instead of crashing the application.
	defer func() {
		if p := recover(); p != nil {
			res = nil
			err = fmt.Errorf("%w : le fichier « %s » est endommagé ou mal formé et n'a pas pu être lu (%v). Téléchargez de nouveau le REM sur le site de l'ANS",
				dossier.ErrUnsupportedFile, name, p)
		}
	}()
	switch {
	case bytes.HasPrefix(head, zipMagic):
		res, err = readXLSX(r, size, name)
	case bytes.HasPrefix(head, cfbMagic):
		return nil, classifyCFB(r, size, name)
	case bytes.HasPrefix(head, pdfMagic):
		res, err = readPDF(r, size, name)
	default:
		return nil, fmt.Errorf("%w : « %s » n'est ni un classeur Excel (.xlsx) ni un PDF. Choisissez le REM publié par l'ANS au format XLSX ou PDF",
			dossier.ErrUnsupportedFile, name)
	}
	if res != nil && res.Catalogue != nil {
		describe(res.Catalogue, name, time.Now())
		if verr := res.Catalogue.Validate(); verr != nil {
			return nil, fmt.Errorf("%w : le catalogue importé de « %s » est incohérent : %w", dossier.ErrInvalid, name, verr)
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

package rem

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/xuri/excelize/v2"
)

// Limits given to the spreadsheet library: the declared uncompressed size
// of the whole workbook, and the size of an XML part kept in memory (a
// larger sheet is streamed from a temporary file).
const (
	maxUnzip       = 96 << 20
	maxXMLInMemory = 8 << 20
)

// readXLSX reads a workbook in any layout the ANS uses: every sheet is
// streamed, the one with the most requirements is kept (or the one asked
// for), and a business scenarios sheet adds its proofs.
func readXLSX(r io.ReaderAt, size int64, name string, opt Options) (*Result, error) {
	best, business, res, err := scanWorkbook(r, size, name, opt)
	if err != nil || best == nil {
		return res, err
	}
	return buildResult(best, business, name, opt)
}

// scanWorkbook streams every sheet (or the one asked for) and returns the
// table with the most requirements and the business scenarios sheet; when
// no sheet has a table, best is nil and res reports the headings found.
func scanWorkbook(r io.ReaderAt, size int64, name string, opt Options) (best, business *sheetScan, res *Result, err error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, nil, nil, xlsxOpenError(err, name)
	}
	var unzipped uint64
	for _, zf := range zr.File {
		unzipped += zf.UncompressedSize64
	}
	if unzipped > maxUnzip {
		return nil, nil, nil, dossier.ED(dossier.FaultTooLarge, name, fmt.Sprintf("plus de %d Mo une fois décompressé", maxUnzip>>20), nil)
	}
	tmp, cleanup := newTempDir()
	defer cleanup()
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    maxUnzip,
		UnzipXMLSizeLimit: maxXMLInMemory,
		TmpDir:            tmp,
	})
	if err != nil {
		return nil, nil, nil, xlsxOpenError(err, name)
	}
	defer f.Close()
	sheets, err := pickSheets(f.GetSheetList(), opt.Sheet)
	if err != nil {
		return nil, nil, nil, err
	}
	parts := sheetParts(zr)
	bud := &budget{name: name}
	var previews []*sheetScan
	for _, s := range sheets {
		sc, err := scanSheet(f, zr, parts[s], s, opt.Columns, bud)
		if err != nil {
			return nil, nil, nil, err
		}
		switch {
		case sc.found && sc.hm.business():
			if business == nil {
				business = sc
			}
		case sc.found && (best == nil || sc.set.count() > best.set.count()):
			best = sc
		case !sc.found:
			previews = append(previews, sc)
		}
	}
	if best == nil {
		res := &Result{Report: newReport(name, "xlsx")}
		res.Report.Headings = headingsFound(previews)
		return nil, nil, res, dossier.ED(dossier.FaultNoTable, name, strings.Join(res.Report.Headings, " | "), nil)
	}
	return best, business, nil, nil
}

// pickSheets is the sheet asked for, or every sheet (up to maxSheets).
func pickSheets(all []string, asked string) ([]string, error) {
	if asked == "" {
		return all[:min(len(all), maxSheets)], nil
	}
	for _, s := range all {
		if dossier.Fold(strings.TrimSpace(s)) == dossier.Fold(strings.TrimSpace(asked)) {
			return []string{s}, nil
		}
	}
	return nil, dossier.ED(dossier.FaultUnknownSheet, asked, strings.Join(all, ", "), nil)
}

// buildResult builds the catalogue of the REM chosen in the best sheet.
func buildResult(best, business *sheetScan, name string, opt Options) (*Result, error) {
	rb, err := best.set.choose(opt.Perimeter)
	if err != nil {
		rep := newReport(name, "xlsx")
		rep.Sheet, rep.Layout = best.name, best.hm.layout()
		rep.Perimetres = best.set.perimeters()
		rep.Requirements = best.set.count()
		return &Result{Report: rep}, err
	}
	rep := &rb.rep
	layout := best.hm.layout()
	if opt.Columns != nil {
		layout = "colonnes indiquées"
	}
	if len(rb.b.entries) > 0 {
		rep.Skipped = append(rep.Skipped, best.set.orphanSkips()...)
	}
	rep.Sheet, rep.Layout = best.name, layout
	rep.Perimetres = best.set.perimeters()
	if rep.Perimetres != nil {
		rep.Perimetre = perimeterCode(rb.label)
	} else {
		rep.Skipped = append(append([]Skipped{}, best.set.blanks...), rep.Skipped...)
	}
	if business != nil {
		rep.BusinessSheet = business.name
		applyBusiness(rb.b, business.hm, business.business)
	}
	cat, err := rb.b.catalogue(fmt.Sprintf("la feuille « %s »", best.name))
	res := &Result{Catalogue: cat, Report: *rep}
	if err != nil {
		return res, err
	}
	res.Report.count(cat)
	return res, nil
}

// headingsFound lists, with their column letters, the fullest first row
// of the sheets read: what the user maps when no heading is recognised.
func headingsFound(scans []*sheetScan) []string {
	var best []string
	for _, sc := range scans {
		if countFilled(sc.preview) > countFilled(best) {
			best = sc.preview
		}
	}
	var out []string
	for i, h := range best {
		if h = cleanText(h); h != "" {
			out = append(out, ColumnName(i)+" : "+h)
		}
	}
	return out
}

// xlsxOpenError types the spreadsheet library's opening errors.
func xlsxOpenError(err error, name string) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return dossier.E(dossier.FaultEncrypted, name, err)
	}
	return dossier.E(dossier.FaultCorruptFile, name, err)
}

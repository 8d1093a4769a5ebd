// Command remtool generates REM fixtures and times package rem on them, for
// .ci/bench-rem.sh:
//
//	remtool gen-pdf OUT.pdf [ans] [closing]
//	                             write the 60-page generated REM table (ans: in
//	                             the published column order, centred headings,
//	                             the ANS footer, ID and text traps; closing: a
//	                             closing note and a signature block after it)
//	remtool gen-xlsx OUT.xlsx    write a 250-requirement published workbook
//	remtool gen-hostile-pdf DIR  write the hostile PDFs of the tests into DIR
//	remtool gen-hostile-xlsx DIR write the hostile workbooks of the tests into DIR
//	remtool import FILE [N]      import FILE N times (default 1), print counts
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/segur-dossier/dossier-segur/app/internal/remfixture"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "remtool:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: remtool gen-pdf|gen-xlsx|gen-hostile-pdf|gen-hostile-xlsx|import FILE|DIR [N]")
	}
	switch args[0] {
	case "gen-hostile-pdf":
		return genHostilePDF(args[1])
	case "gen-hostile-xlsx":
		return genHostileXLSX(args[1])
	case "gen-pdf", "gen-xlsx":
		f, err := os.Create(args[1])
		if err != nil {
			return err
		}
		if args[0] == "gen-pdf" {
			var info remfixture.PDFInfo
			o := remfixture.PDFOptions{}
			for _, a := range args[2:] {
				switch a {
				case "ans": // the published columns, centred, with the ANS footer and traps
					o.Columns, o.CenterHeadings, o.Traps = remfixture.PublishedPDFColumns, true, true
					o.Footer = "Agence du Numérique en Santé – Classification : Publique – page %d"
				case "closing":
					o.Closing = []string{"Le présent référentiel a été validé par le comité de pilotage du Ségur numérique ; toute question est à adresser à l'Agence du Numérique en Santé."}
					o.Signature = []string{"Fait à Paris, le 30 novembre 2026", "La directrice de l'Agence du Numérique en Santé"}
				}
			}
			info, err = remfixture.WritePDF(f, remfixture.Requirements(remfixture.ReqsFor60Pages, remfixture.Va2), o)
			fmt.Printf("%s: %d pages\n", args[1], info.Pages)
		} else {
			err = remfixture.WriteXLSX(f, remfixture.Requirements(250, remfixture.Va2), remfixture.Published, remfixture.XLSXOptions{Protect: true})
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	case "import":
		n := 1
		if len(args) > 2 {
			var err error
			if n, err = strconv.Atoi(args[2]); err != nil {
				return err
			}
		}
		var res *rem.Result
		for i := 0; i < n; i++ {
			var err error
			if res, err = rem.ReadFile(args[1], rem.Options{}); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d requirements, %d pages\n", args[1], res.Report.Requirements, res.Report.Pages)
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// genHostilePDF writes the hostile PDFs of package rem's tests into dir.
func genHostilePDF(dir string) error {
	files := map[string][]byte{
		"kids-loop.pdf":    remfixture.KidsLoopPDF(),
		"parent-loop.pdf":  remfixture.ParentLoopPDF(),
		"shared-page.pdf":  remfixture.SharedPagePDF(5000, 20_000),
		"shared-big.pdf":   remfixture.SharedPagePDF(5000, 130_000),
		"many-pages.pdf":   remfixture.ManyPagesPDF(2500, 10),
		"many-glyphs.pdf":  remfixture.ManyPagesPDF(60, 50_000),
		"deep-tree.pdf":    remfixture.DeepTreePDF(5000),
		"content-bomb.pdf": remfixture.BombPDF(64 << 20),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", name, len(data))
	}
	return nil
}

// genHostileXLSX writes the hostile workbooks of package rem's tests (issue
// 13) into dir.
func genHostileXLSX(dir string) error {
	for name, parts := range map[string][2]func(io.Writer) error{
		"hostile-million-rows.xlsx":   {remfixture.MillionRows, nil},
		"hostile-merges.xlsx":         {remfixture.SmallTable, remfixture.Merges(50_000, 1)},
		"hostile-overlap-merges.xlsx": {remfixture.SmallTable, remfixture.Merges(5000, 2)},
	} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = remfixture.WriteRawXLSX(f, parts[0], parts[1])
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

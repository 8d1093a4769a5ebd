package export

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/thumb"
)

// Layout of the report, in millimetres.
const (
	thumbPixels  = 480 // longest side of a thumbnail
	thumbWidth   = 56.0
	thumbMaxH    = 60.0
	thumbPerLine = 3
	thumbGap     = 4.0
)

// Bounds of the report's previews. fpdf holds every page and picture in
// memory until the document is written whole (then its output too), so
// the report cannot stream: it shows at most maxPreviewsPerReq previews of
// a requirement and maxPreviewBytes of pictures in all (2,000 screenshots
// made 45 MB of JPEG and 223 MiB of RSS); the other files are listed by
// name, size and digest like those without a preview.
const (
	maxPreviewsPerReq = 24
	maxPreviewBytes   = 16 << 20
)

// reportWriter lays out the PDF report.
type reportWriter struct {
	pdf *fpdf.Fpdf
	tr  func(string) string // UTF-8 → cp1252 for the core fonts
	src Source
	ctx context.Context // the export's: cancelling it stops a preview
	p   *plan
	m   *Manifest
	// logf is told why a proof has no preview (may be nil).
	logf func(format string, args ...any)
	// pictureBytes is the JPEG of the pictures shown so far.
	pictureBytes int
}

// writeReport writes the PDF report: cover, progress per section, then
// each applicable requirement with its summary, status, note, previews of
// its files (package thumb: images, PDF first pages, first lines of texts,
// e-mail headers) and the list of its other files. A file that cannot be
// previewed is listed with the others, and logf (may be nil) is told why.
func writeReport(ctx context.Context, w io.Writer, src Source, p *plan, m *Manifest, logf func(string, ...any)) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	// Fixed dates and sorted catalogue: the same dossier gives the same bytes.
	pdf.SetCreationDate(m.ExportedAt)
	pdf.SetModificationDate(m.ExportedAt)
	pdf.SetCatalogSort(true)
	pdf.SetTitle("Dossier de preuves Ségur — "+m.Dossier.Product, true)
	pdf.SetAuthor(m.Dossier.Vendor, true)
	pdf.SetCreator("Dossier Ségur", true)
	// The package's stamp (draft flag and identity), ASCII, in the PDF's
	// keywords: verify checks it against manifest.json.
	pdf.SetKeywords(stampOf(m), false)
	pdf.SetAutoPageBreak(true, 18)
	pdf.AliasNbPages("{nb}")
	r := &reportWriter{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor(""), src: src, ctx: ctx, p: p, m: m, logf: logf}
	pdf.SetFooterFunc(r.footer)
	r.cover()
	r.sections()
	if m.Draft {
		r.gaps()
	}
	pdf.AddPage()
	for _, req := range p.reqs {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.requirement(req)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("PDF report: %w", err)
	}
	return pdf.Output(w)
}

// text encodes s for the core fonts (cp1252, which has the non-breaking
// space but not the narrow one French thousands use).
func (r *reportWriter) text(s string) string { return r.tr(strings.ReplaceAll(s, "\u202f", "\u00a0")) }

func (r *reportWriter) footer() {
	pdf := r.pdf
	pdf.SetY(-12)
	pdf.SetFont("Helvetica", "I", 8)
	pdf.SetTextColor(100, 100, 100)
	left := fmt.Sprintf("%s %s %s — %s", r.m.Dossier.Vendor, r.m.Dossier.Product, r.m.Dossier.Version, r.m.Mention)
	pdf.CellFormat(120, 5, r.text(left), "", 0, "L", false, 0, "")
	pdf.CellFormat(0, 5, r.text(fmt.Sprintf("Page %d / {nb}", pdf.PageNo())), "", 0, "R", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
}

func (r *reportWriter) heading(size float64, s string) {
	r.pdf.SetFont("Helvetica", "B", size)
	r.pdf.MultiCell(0, size*0.5, r.text(s), "", "L", false)
	r.pdf.Ln(2)
}

func (r *reportWriter) line(style string, size float64, s string) {
	r.pdf.SetFont("Helvetica", style, size)
	r.pdf.MultiCell(0, size*0.45, r.text(s), "", "L", false)
}

func (r *reportWriter) cover() {
	pdf, m := r.pdf, r.m
	pdf.AddPage()
	pdf.Ln(30)
	r.heading(22, "Dossier de preuves — Référencement Ségur numérique")
	if m.Draft {
		pdf.SetTextColor(200, 0, 0)
		r.heading(28, "BROUILLON")
		r.line("", 11, "Ce paquet a été exporté alors que des manques bloquants subsistent : il ne doit pas être déposé.")
		pdf.SetTextColor(0, 0, 0)
		pdf.Ln(4)
	}
	pdf.Ln(6)
	rows := [][2]string{
		{"Éditeur", m.Dossier.Vendor},
		{"Produit", m.Dossier.Product},
		{"Version", m.Dossier.Version},
		{"Profils", strings.Join(m.Dossier.Profiles, " ; ")},
		{"Catalogue", m.Catalogue.Title},
		{"Date", m.ExportedAt.Format("02/01/2006 15:04") + " UTC"},
		{requirementsLabel(m), fmt.Sprint(m.Totals.Requirements)},
		{"Prêtes", fmt.Sprint(m.Totals.Ready)},
		{"Non applicables", fmt.Sprint(m.Totals.NotApplicable)},
		{"Fichiers de preuve", fmt.Sprintf("%d (%s)", m.Totals.Files, fr.Size(m.Totals.Bytes))},
		{"Relecture", r.signoffSummary()},
		{"Manques bloquants", fmt.Sprint(len(m.Check.Blocking))},
		{"Avertissements", fmt.Sprint(len(m.Check.Warnings))},
	}
	if m.Journal != nil {
		rows = append(rows, [2]string{"Journal", fr.Plural(int(m.Journal.Events), "événement", "événements") + ", dernier : " + m.Journal.Head})
	}
	if m.Signature != nil {
		rows = append(rows, [2]string{"Clé de signature", m.Signature.Fingerprint})
	}
	for _, kv := range rows {
		pdf.SetFont("Helvetica", "B", 11)
		pdf.CellFormat(55, 7, r.text(kv[0]), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(0, 7, r.text(kv[1]), "", "L", false)
	}
	r.candidature()
}

// sections is the dashboard page: per section a bar of its statuses, the
// counts and its blocking gaps; the overall progress; what blocks the final
// export, grouped by kind of gap.
func (r *reportWriter) sections() {
	pdf, p := r.pdf, r.p
	d := dossier.BuildDashboard(p.snap.Catalogue, dossier.OverviewOf(p.snap), p.check)
	pdf.AddPage()
	r.heading(16, "Tableau de bord")
	r.line("", 10, fmt.Sprintf("Avancement : %d sur %d exigences et préconisations traitées (prêtes ou non applicables), %s.",
		d.Done, d.Applicable, fr.Plural(d.Evidence, "fichier de preuve", "fichiers de preuve")))
	r.line("I", 8, "Barres : vert prêtes, gris non applicables, orange en cours, clair à faire.")
	pdf.Ln(2)
	cols := []struct {
		title string
		w     float64
	}{{"Section", 18}, {"Libellé", 62}, {"Avancement", 34}, {"À faire", 15}, {"En cours", 16}, {"Prêtes", 14}, {"N/A", 10}, {"Bloquants", 17}}
	pdf.SetFont("Helvetica", "B", 8)
	for _, c := range cols {
		pdf.CellFormat(c.w, 7, r.text(c.title), "1", 0, "C", false, 0, "")
	}
	pdf.Ln(-1)
	row := func(code, label string, by map[dossier.Status]int, n, blocking int, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("Helvetica", style, 8)
		vals := []string{code, shorten(label, 44), "", fmt.Sprint(by[dossier.AFaire]), fmt.Sprint(by[dossier.EnCours]),
			fmt.Sprint(by[dossier.Prete]), fmt.Sprint(by[dossier.NonApplicable]), fmt.Sprint(blocking)}
		x, y := pdf.GetXY()
		for i, c := range cols {
			align := "R"
			if i < 2 {
				align = "L"
			}
			pdf.CellFormat(c.w, 6, r.text(vals[i]), "1", 0, align, false, 0, "")
		}
		r.bar(x+cols[0].w+cols[1].w+1, y+1.5, cols[2].w-2, 3, by, n)
		pdf.Ln(-1)
	}
	for _, s := range d.Sections {
		if s.Applicable > 0 {
			row(s.Code, s.Label, s.ByStatus, s.Applicable, s.Blocking, false)
		}
	}
	row("Total", "", d.ByStatus, d.Applicable, len(d.Report.Blocking), true)
	pdf.Ln(4)
	if d.Final() {
		r.heading(12, "Export définitif possible : aucun manque bloquant ("+fr.Plural(len(d.Report.Warnings), "avertissement", "avertissements")+").")
		return
	}
	r.heading(12, "Ce qui bloque l'export définitif ("+fr.Plural(len(d.Report.Blocking), "manque bloquant", "manques bloquants")+")")
	for _, g := range d.Groups {
		r.line("B", 9, fmt.Sprintf("%s : %s", g.Label, fr.Plural(len(g.Reqs), "exigence", "exigences")))
		r.line("", 8, strings.Join(g.Reqs, ", "))
		pdf.Ln(1)
	}
}

// bar draws a status bar of n requirements in the box x, y, w, h.
func (r *reportWriter) bar(x, y, w, h float64, by map[dossier.Status]int, n int) {
	pdf := r.pdf
	pdf.SetFillColor(225, 225, 225)
	pdf.Rect(x, y, w, h, "F")
	if n == 0 {
		return
	}
	for _, s := range []struct {
		st      dossier.Status
		r, g, b int
	}{{dossier.Prete, 67, 160, 71}, {dossier.NonApplicable, 150, 150, 150}, {dossier.EnCours, 245, 166, 35}} {
		sw := w * float64(by[s.st]) / float64(n)
		if sw > 0 {
			pdf.SetFillColor(s.r, s.g, s.b)
			pdf.Rect(x, y, sw, h, "F")
			x += sw
		}
	}
}

func (r *reportWriter) gaps() {
	r.pdf.AddPage()
	r.heading(16, "Manques bloquants (BROUILLON)")
	for _, g := range r.m.Check.Blocking {
		r.line("", 9, fmt.Sprintf("%s : %s", g.Req, strings.ReplaceAll(g.Reason, "\u00a0", " ")))
	}
}

func (r *reportWriter) requirement(req *dossier.Requirement) {
	pdf, p := r.pdf, r.p
	st := dossier.StateOf(p.snap.States, req.ID)
	_, pageH := pdf.GetPageSize()
	if pdf.GetY() > pageH-60 {
		pdf.AddPage()
	} else {
		pdf.Ln(4)
	}
	r.heading(12, fmt.Sprintf("%s — %s — %s", req.ID, req.Nature.Label(), st.Status.Label()))
	r.line("", 10, req.Text())
	if line := p.snap.SignoffOf(req).Line(); line != "" {
		r.line("B", 9, line)
	}
	if st.Justification != "" {
		r.line("I", 9, "Justification : "+st.Justification)
	}
	if st.Note != "" {
		r.line("I", 9, "Note : "+st.Note)
	}
	pdf.Ln(2)
	var others []*entry
	col := 0
	rowH := 0.0
	shown, omitted := 0, 0
	left, _, _, _ := pdf.GetMargins()
	for _, e := range p.entriesOf(req.ID) {
		if !thumb.Has(e.ev.Kind) {
			others = append(others, e)
			continue
		}
		if shown == maxPreviewsPerReq || r.pictureBytes >= maxPreviewBytes {
			omitted++
			others = append(others, e)
			continue
		}
		pv, err := preview(r.ctx, r.src, *e.ev, thumbPixels)
		if err != nil {
			if r.logf != nil {
				r.logf("report: no preview of %s: %v", e.path, err)
			}
			others = append(others, e)
			continue
		}
		if col == 0 && pdf.GetY()+thumbMaxH+8 > pageH-18 {
			pdf.AddPage()
		}
		y := pdf.GetY()
		x := left + float64(col)*(thumbWidth+thumbGap)
		dispH, err := r.thumbCell(pv, "thumb-"+e.ev.SHA256, x, y)
		if err != nil {
			others = append(others, e)
			continue
		}
		pdf.SetXY(x, y+dispH+1)
		pdf.SetFont("Helvetica", "", 7)
		pdf.CellFormat(thumbWidth, 3.5, r.text(shorten(baseName(e.path), 48)), "", 0, "L", false, 0, "")
		pdf.SetXY(x, y)
		rowH = max(rowH, dispH+6)
		shown++
		col++
		if col == thumbPerLine {
			col = 0
			pdf.SetXY(left, y+rowH)
			rowH = 0
		}
	}
	if col > 0 {
		pdf.SetXY(left, pdf.GetY()+rowH)
	}
	r.annotations(p.entriesOf(req.ID))
	if omitted > 0 {
		r.line("I", 8, fmt.Sprintf("Aperçus limités à %d par exigence et %s d'images pour tout le rapport : %s sans aperçu, listés ci-dessous.",
			maxPreviewsPerReq, fr.Size(maxPreviewBytes), fr.Plural(omitted, "fichier", "fichiers")))
	}
	if len(others) > 0 {
		r.line("B", 9, "Autres fichiers :")
		for _, e := range others {
			r.line("", 8, fmt.Sprintf("• %s (%s, %s) sha256 %s…", e.path, e.ev.Kind.Label(), fr.Size(e.ev.Size), e.ev.SHA256[:min(16, len(e.ev.SHA256))]))
		}
	}
	if len(p.byReq[req.ID]) == 0 {
		r.line("I", 9, "Aucun fichier de preuve.")
	}
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}

// signoffSummary is the cover's review line: how many requirements of the
// package were validated, or that the dossier asks no review.
func (r *reportWriter) signoffSummary() string {
	if !r.p.snap.Info.SignoffRules().Required {
		return "non exigée pour ce dossier"
	}
	var c [3]int
	for _, e := range r.m.Requirements {
		switch e.Review {
		case dossier.SignoffValidated:
			c[0]++
		case dossier.SignoffPending:
			c[1]++
		case dossier.SignoffToCorrect:
			c[2]++
		}
	}
	return fmt.Sprintf("%s, %d à valider, %d à corriger", fr.Plural(c[0], "validée", "validées"), c[1], c[2])
}

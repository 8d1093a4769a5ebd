package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// newSwitchFixture is newFixture on the in-memory fake, which keeps
// catalogue versions (dossier.CatalogueStore) as the real store does.
func newSwitchFixture(t *testing.T) *fixture {
	t.Helper()
	op := dossiertest.NewMemOpener()
	return newFixtureOn(t, op, op)
}

// remRow is one requirement of a generated REM: one scenario, its proofs.
type remRow struct {
	id, section, sectionLabel, nature, statement string
	proofs                                       []string
}

// writeREM writes a workbook in the ANS published REM layout: a title row,
// the headings, one row per scenario, sheet protection.
func writeREM(t *testing.T, path string, rows []remRow) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Exigences"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	head := []any{"Exigence conditionnelle", "Profil", "ID Section", "Section", "Bloc", "Fonction",
		"Nature de l'exigence", "N° exigence", "Énoncé (DOIT) ou préconisation (PEUT)", "N° scénario", "Scénario de conformité"}
	for k := 1; k <= 3; k++ {
		head = append(head, fmt.Sprintf("N° preuve %d", k), fmt.Sprintf("Preuve %d", k))
	}
	put := func(n int, cells []any) {
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", n), &cells); err != nil {
			t.Fatal(err)
		}
	}
	put(1, []any{"Référentiel d'exigences minimales — RIS — Vague 1 (essai)"})
	put(2, head)
	for i, r := range rows {
		short := strings.TrimPrefix(r.id, "RIS.")
		cells := []any{"NON", "", r.section, r.sectionLabel, "Bloc", "Fonction", r.nature, r.id, r.statement,
			short + ".01", "Scénario de " + short}
		for _, p := range r.proofs {
			cells = append(cells, p, "Capture de "+p)
		}
		put(3+i, cells)
	}
	if err := f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{Password: "ans"}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// importCase is a dossier on the embedded catalogue with three worked
// requirements, and a REM that keeps the first (official statement),
// changes the nature of the second, drops the third and adds one.
type importCase struct {
	f             *fixture
	m             *mainView
	rem           string
	kept, changed string
	dropped       string
	added         string
	statement     string
}

func newImportCase(t *testing.T) *importCase {
	f := newSwitchFixture(t)
	c := &importCase{f: f, m: f.create(), kept: "RIS.INS.01", changed: "RIS.INS.02", dropped: "RIS.INS.03", added: "RIS.INS.99"}
	for _, r := range []string{c.kept, c.changed, c.dropped} {
		if req, err := f.cat.Requirement(r); err != nil || req.Nature != dossier.Exigence || req.Section != "INS" {
			t.Fatalf("embedded catalogue changed: %s %v", r, err)
		}
	}
	enCours := dossier.EnCours
	for id, note := range map[string]string{c.kept: "note gardée", c.changed: "à relire", c.dropped: "garder C"} {
		note := note
		if _, err := c.m.svc.UpdateState(id, dossier.StateChange{Status: &enCours, Note: &note}); err != nil {
			t.Fatal(err)
		}
	}
	c.m.refresh()
	c.statement = "Le logiciel DOIT permettre la récupération de l'INS du patient par appel au téléservice INSi (texte officiel)."
	c.rem = filepath.Join(t.TempDir(), "REM-RIS-V1.xlsx")
	writeREM(t, c.rem, []remRow{
		{c.kept, "INS", "Gestion de l'INS", "EXIGENCE", c.statement, []string{"INS.01.01.01", "INS.01.01.02"}},
		{c.changed, "INS", "Gestion de l'INS", "PRECONISATION", "Le logiciel PEUT afficher l'INS qualifiée.", []string{"INS.02.01.01"}},
		{c.added, "INS", "Gestion de l'INS", "EXIGENCE", "Le logiciel DOIT tracer les appels INSi.", nil},
	})
	return c
}

func TestImportREMDryRunThenCancelChangesNothing(t *testing.T) {
	c := newImportCase(t)
	before := c.m.svc.Catalogue()
	c.m.importREM(c.rem)
	d := c.m.pkg.imp
	if d == nil {
		t.Fatalf("no import dialog: %s", c.f.overlay())
	}
	rep := d.res.Report
	if rep.Requirements != 3 || rep.Exigences != 2 || rep.Preconisations != 1 || rep.Proofs != 3 {
		t.Errorf("report %+v", rep)
	}
	p := d.plan
	if !slices.Equal(p.Diff.Added, []string{c.added}) || len(p.Diff.Changed) != 2 || p.Carried != 2 ||
		!slices.Equal(p.Review, []string{c.changed}) || !slices.Equal(p.OffCatalogue, []string{c.dropped}) {
		t.Errorf("plan %+v", p)
	}
	markup := c.f.overlay()
	for _, want := range []string{"3 exigences lues : 2 exigences (DOIT), 1 préconisations (PEUT)", "INS — Gestion de l'INS : 3",
		"Général : 3", "Lignes ou pages ignorées (0)", fmt.Sprintf("1 ajoutées, %d retirées, 2 modifiées", len(before.Requirements)-2),
		"États et preuves reportés : 2", "À revoir (1)", c.changed, "Conservées hors catalogue (1)", c.dropped, c.changed + " (énoncé, nature)"} {
		if !strings.Contains(markup, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	c.f.dismissOverlays()
	if c.m.svc.Catalogue() != before || d.applied {
		t.Fatal("the dry run changed the dossier")
	}
	if r, _ := c.m.svc.Row(c.dropped); r.State.Note != "garder C" {
		t.Errorf("state touched: %+v", r.State)
	}
}

func TestImportREMApplyShowsNewCatalogueAndCarriedState(t *testing.T) {
	c := newImportCase(t)
	m := c.m
	m.importREM(c.rem)
	test.Tap(m.pkg.imp.applyBtn)
	if !m.pkg.imp.applied || !strings.Contains(c.f.overlay(), "Catalogue appliqué") {
		t.Fatalf("not applied: %s", c.f.overlay())
	}
	var ids []string
	for _, r := range m.list.rows {
		ids = append(ids, r.Req.ID)
	}
	if !slices.Equal(ids, []string{c.kept, c.changed, c.added}) {
		t.Fatalf("list %v", ids)
	}
	kept, changed := m.list.rows[0], m.list.rows[1]
	if kept.State.Status != dossier.EnCours || kept.State.Note != "note gardée" || kept.State.Review {
		t.Errorf("kept state %+v", kept.State)
	}
	if !changed.State.Review || changed.State.Note != "à relire" || !strings.Contains(rowMarker(changed), "à revoir") {
		t.Errorf("changed state %+v, marker %q", changed.State, rowMarker(changed))
	}
	if m.pkg.review.Text != "1 à revoir" || !m.pkg.offBtn.Visible() || m.pkg.offBtn.Text != "1 hors catalogue" {
		t.Errorf("header: %q, %q (visible %v)", m.pkg.review.Text, m.pkg.offBtn.Text, m.pkg.offBtn.Visible())
	}
	if len(m.list.profile.Options) != 2 { // all profiles + Général
		t.Errorf("profile filter not rebuilt: %v", m.list.profile.Options)
	}

	// The detail shows the official statement and the proof numbers.
	m.list.selectIndex(0)
	if m.detail.summary.Text != c.statement || m.detail.cf.heading.Text != "Énoncé officiel (REM importé)" || m.detail.provenance.Visible() {
		t.Errorf("detail: %q / %q", m.detail.cf.heading.Text, m.detail.summary.Text)
	}
	if !m.detail.cf.slots.Visible() || !strings.Contains(m.detail.cf.slots.Text, "n° INS.01.01.02") {
		t.Errorf("proof numbers %q", m.detail.cf.slots.Text)
	}
	if m.detail.cf.review.Visible() {
		t.Error("kept requirement flagged")
	}

	// The changed one is flagged until reviewed.
	m.list.selectIndex(1)
	if !m.detail.cf.review.Visible() {
		t.Fatal("flag not shown in the detail")
	}
	test.Tap(m.detail.cf.reviewed)
	if r, _ := m.svc.Row(c.changed); r.State.Review || r.State.Note != "à relire" {
		t.Errorf("after review: %+v", r.State)
	}
	if m.detail.cf.review.Visible() || m.pkg.review.Visible() {
		t.Error("flag still shown after review")
	}

	// The dropped requirement is kept hors catalogue, with its note.
	c.f.dismissOverlays()
	test.Tap(m.pkg.offBtn)
	if markup := c.f.overlay(); !strings.Contains(markup, c.dropped) || !strings.Contains(markup, "garder C") {
		t.Errorf("hors catalogue dialog: %s", markup)
	}
}

func TestImportREMErrorsAreShownAndChangeNothing(t *testing.T) {
	c := newImportCase(t)
	before := c.m.svc.Catalogue()
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.xlsx")
	if err := os.WriteFile(txt, []byte("ceci n'est pas un classeur"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "vide.xlsx")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{txt: "ni un classeur Excel", empty: "est vide"} {
		c.m.pkg.imp = nil
		c.m.importREM(path)
		markup := c.f.overlay()
		if !strings.Contains(markup, "Import du REM impossible") || !strings.Contains(markup, want) || c.m.pkg.imp != nil {
			t.Errorf("%s: %s", filepath.Base(path), markup)
		}
		c.f.dismissOverlays()
	}
	if c.m.svc.Catalogue() != before {
		t.Error("catalogue changed")
	}
}

func TestNewDossierOnImportedREM(t *testing.T) {
	c := newImportCase(t)
	f := c.f
	f.shell.showStart()
	sv := f.shell.startView
	readREM(f.win, inline, c.rem, sv.useImported)
	if sv.chosenCatalogue() == nil || !sv.catalogue.embeddedBtn.Visible() || !strings.Contains(sv.catalogue.line.Text, "REM importé") {
		t.Fatalf("REM not chosen: %q", sv.catalogue.line.Text)
	}
	f.shell.onCreate(filepath.Join(f.dir, "officiel.segur"), dossier.Info{Name: "Officiel", Vendor: "V", Product: "P", ProductVersion: "1"})
	m := f.shell.main
	if m == nil {
		t.Fatalf("not created: %s", f.overlay())
	}
	if m.svc.Catalogue().Title != sv.catalogue.imported.Title || len(m.list.rows) != 3 {
		t.Errorf("catalogue %q, %d rows", m.svc.Catalogue().Title, len(m.list.rows))
	}

	// Back to the embedded catalogue on the start screen.
	f.shell.showStart()
	sv = f.shell.startView
	readREM(f.win, inline, c.rem, sv.useImported)
	test.Tap(sv.catalogue.embeddedBtn)
	if sv.chosenCatalogue() != nil || len(sv.profiles.chosen()) != 1 {
		t.Errorf("embedded not restored: %v", sv.profiles.chosen())
	}
}

// writeSheet writes rows (headings first) as the only sheet of a workbook.
func writeSheet(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// A workbook holding two REMs asks which to import, then shows the dry
// run of that one only; a non-final requirement is flagged in the list and
// the detail, and the list names rows by their short title.
func TestImportREMChoosesAmongSeveral(t *testing.T) {
	c := newImportCase(t)
	path := filepath.Join(t.TempDir(), "ALL_REMs.xlsx")
	writeSheet(t, path, [][]any{
		{"Périmètre", "ID", "Chapitre", "Fonction", "Exigence", "Nature de l'exigence", "Profil", "Statut publication"},
		{"RIS", "INS.01", "INS", "Appel INSi", "Le logiciel DOIT appeler INSi.", "EXIGENCE", "Général", "Approuvée"},
		{"RIS", "INS.02", "INS", "", "Le logiciel DOIT afficher l'INS.", "EXIGENCE", "Général", "A retravailler"},
		{"DPI", "INS.01", "INS", "Appel INSi", "Le DPI DOIT appeler INSi.", "EXIGENCE", "Général", "Approuvée"},
	})
	c.m.importREM(path)
	ch := lastChoice
	if ch == nil || ch.perimeter == nil || !strings.Contains(c.f.overlay(), "contient 2 REM") {
		t.Fatalf("no choice offered: %s", c.f.overlay())
	}
	if !slices.Equal(ch.perimeter.Options, []string{"DPI — 1 exigence", "RIS — 2 exigences"}) {
		t.Errorf("choices %v", ch.perimeter.Options)
	}
	ch.perimeter.SetSelected("RIS — 2 exigences")
	ch.confirm()
	d := c.m.pkg.imp
	if d == nil || d.res.Report.Perimetre != "RIS" || d.res.Report.Requirements != 2 {
		t.Fatalf("dry run of RIS not shown: %s", c.f.overlay())
	}
	if markup := c.f.overlay(); !strings.Contains(markup, "REM importé : RIS") || !strings.Contains(markup, "Non définitives") {
		t.Errorf("dry run lacks the REM or the non-final list: %s", markup)
	}
	test.Tap(d.applyBtn)
	c.f.dismissOverlays()
	m := c.m
	if len(m.list.rows) != 2 || !strings.Contains(rowMarker(m.list.rows[1]), "non définitive") {
		t.Fatalf("rows %d, marker %q", len(m.list.rows), rowMarker(m.list.rows[1]))
	}
	m.list.selectIndex(1)
	if !strings.Contains(m.detail.cf.heading.Text, "non définitive") || !strings.Contains(m.detail.cf.heading.Text, "A retravailler") {
		t.Errorf("detail heading %q", m.detail.cf.heading.Text)
	}
	item := m.list.createItem()
	for i, want := range []string{"Appel INSi", "Le logiciel DOIT afficher l'INS."} {
		m.list.updateItem(i, item)
		if got := item.(*fyne.Container).Objects[0].(*widget.Label).Text; got != want {
			t.Errorf("row %d named %q, want %q (short title, else statement)", i, got, want)
		}
	}
}

// A layout of unknown headings asks which column holds what, reads the
// file with that mapping, and offers it again for the same layout.
func TestImportREMMapsColumns(t *testing.T) {
	c := newImportCase(t)
	path := filepath.Join(t.TempDir(), "maison.xlsx")
	writeSheet(t, path, [][]any{
		{"Réf.", "Texte", "Qui"},
		{"INS.01", "Le logiciel DOIT appeler INSi.", "Général"},
		{"INS.02", "Le logiciel PEUT afficher l'INS.", "Général"},
	})
	c.m.importREM(path)
	ch := lastChoice
	if ch == nil || ch.columns == nil || !strings.Contains(c.f.overlay(), "Indiquer les colonnes du REM") ||
		!slices.Equal(ch.columns["id"].Options, []string{noColumn, "A : Réf.", "B : Texte", "C : Qui"}) {
		t.Fatalf("no mapping offered: %s", c.f.overlay())
	}
	if ch.columns["id"].Selected != "A : Réf." || ch.columns["enonce"].Selected != noColumn {
		t.Errorf("suggested %q %q, want the recognised Réf. only", ch.columns["id"].Selected, ch.columns["enonce"].Selected)
	}
	ch.columns["id"].SetSelected(noColumn)
	ch.confirm()
	if c.m.pkg.imp != nil || !strings.Contains(c.f.overlay(), "au moins la colonne de l'identifiant") {
		t.Fatal("read without an ID column")
	}
	ch.columns["id"].SetSelected("A : Réf.")
	ch.columns["enonce"].SetSelected("B : Texte")
	ch.confirm()
	d := c.m.pkg.imp
	if d == nil || d.res.Report.Requirements != 2 || d.res.Report.Preconisations != 1 {
		t.Fatalf("mapped import not shown: %s", c.f.overlay())
	}
	c.f.dismissOverlays()
	c.m.importREM(path)
	if ch := lastChoice; ch.columns["id"].Selected != "A : Réf." || ch.columns["enonce"].Selected != "B : Texte" || ch.columns["profil"].Selected != noColumn {
		t.Errorf("mapping not remembered: %q %q", ch.columns["id"].Selected, ch.columns["enonce"].Selected)
	}
}

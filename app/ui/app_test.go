package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
	"github.com/segur-dossier/dossier-segur/assets"
)

// inline runs background work at once, so tests need no waiting.
func inline(work, done func()) {
	work()
	done()
}

type fixture struct {
	t      *testing.T
	shell  *shell
	win    fyne.Window
	opener *dossiertest.MemOpener
	dir    string
	cat    *dossier.Catalogue
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	op := dossiertest.NewMemOpener()
	return newFixtureOn(t, op, op)
}

// newFixtureOn starts the shell on opener; mem is the in-memory fake
// behind it, which the tests inspect.
func newFixtureOn(t *testing.T, opener dossier.Opener, mem *dossiertest.MemOpener) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1400, 900))
	t.Cleanup(w.Close)
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, win: w, opener: mem, dir: t.TempDir(), cat: cat}
	f.shell = newShell(a, w, Deps{Opener: opener, DefaultCatalogue: assets.DefaultCatalogue, DefaultFolder: f.dir}, inline)
	f.shell.start()
	return f
}

// create makes a dossier through the shell with these extra profiles.
func (f *fixture) create(profiles ...string) *mainView {
	f.t.Helper()
	info := dossier.Info{Name: "Essai", Vendor: "Éditeur", Product: "RIS", ProductVersion: "1", Profiles: profiles}
	f.shell.onCreate(filepath.Join(f.dir, "essai.segur"), info)
	if f.shell.main == nil {
		f.t.Fatalf("dossier not opened; overlay: %s", f.overlay())
	}
	return f.shell.main
}

// overlay is the markup of the top dialog, "" when none is shown.
func (f *fixture) overlay() string {
	top := f.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return test.RenderObjectToMarkup(top)
}

func (f *fixture) dismissOverlays() {
	for f.win.Canvas().Overlays().Top() != nil {
		f.win.Canvas().Overlays().Remove(f.win.Canvas().Overlays().Top())
	}
}

// menuAction finds a menu item of the window by its label.
func (f *fixture) menuAction(label string) func() {
	f.t.Helper()
	mm := f.win.MainMenu()
	if mm == nil {
		f.t.Fatal("no main menu")
	}
	for _, m := range mm.Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	f.t.Fatalf("no menu item %q", label)
	return nil
}

func TestCreateFromStartScreenThenReopen(t *testing.T) {
	f := newFixture(t)
	sv := f.shell.startView
	test.Type(sv.name, "Candidature RIS")
	test.Type(sv.vendor, "Radiologie SAS")
	test.Type(sv.product, "RadRIS")
	test.Type(sv.version, "12.4")
	const extra = "Référentiel d'identités"
	if c := sv.profiles.check("Général"); c == nil || !c.Checked || !c.Disabled() {
		t.Fatal("Général must be checked and disabled")
	}
	test.Tap(sv.profiles.check(extra))
	if sv.fileName.Text != "Candidature-RIS" {
		t.Errorf("file name proposed %q", sv.fileName.Text)
	}
	test.Tap(sv.createBtn)

	m := f.shell.main
	if m == nil {
		t.Fatalf("no main window after Créer; overlay: %s", f.overlay())
	}
	path := filepath.Join(f.dir, "Candidature-RIS.segur")
	if m.svc.Path() != path {
		t.Errorf("path %q, want %q", m.svc.Path(), path)
	}
	want := len(f.cat.Applicable([]string{extra}))
	if got := len(m.list.rows); got != want || m.overview.Applicable != want {
		t.Errorf("rows %d, applicable %d, want %d", got, m.overview.Applicable, want)
	}
	if got := f.shell.recent.paths(); len(got) != 1 || got[0] != path {
		t.Errorf("recent %v", got)
	}

	// Walk: the first requirement is shown; Down in the list and the menu
	// shortcuts move on.
	rows := m.list.rows
	if m.current != rows[0].Req.ID || m.detail.title.Text != rows[0].Req.ID {
		t.Fatalf("current %q, detail %q, want %q", m.current, m.detail.title.Text, rows[0].Req.ID)
	}
	m.list.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	f.menuAction("Suivante")()
	f.menuAction("Suivante")()
	f.menuAction("Précédente")()
	a := rows[2].Req.ID
	if m.current != a || m.detail.title.Text != a {
		t.Fatalf("after moves current %q, want %q", m.current, a)
	}

	// Status by the selector, note saved when the field is left.
	m.detail.status.SetSelected(dossier.EnCours.Label())
	f.win.Canvas().Focus(m.detail.note)
	test.Type(m.detail.note, "Capture dans le wiki")
	f.win.Canvas().Unfocus()
	if m.detail.saved.Text != "Note enregistrée." {
		t.Errorf("saved label %q", m.detail.saved.Text)
	}
	if m.overview.ByStatus[dossier.EnCours] != 1 {
		t.Errorf("en cours count %d", m.overview.ByStatus[dossier.EnCours])
	}

	// N/A without a justification is refused, then accepted with one.
	f.menuAction("Suivante")()
	b := rows[3].Req.ID
	f.menuAction("Statut : Non applicable")()
	if !m.detail.message.Visible() || m.detail.message.Text != msgJustificationNeeded {
		t.Errorf("refusal message %q", m.detail.message.Text)
	}
	if m.detail.status.Selected != dossier.AFaire.Label() {
		t.Errorf("refused status left selector on %q", m.detail.status.Selected)
	}
	if r, _ := m.svc.Row(b); r.State.Status != dossier.AFaire {
		t.Errorf("refused status stored: %s", r.State.Status)
	}
	test.Type(m.detail.justification, "Pas de téléservice dans ce produit")
	f.menuAction("Statut : Non applicable")()
	if m.detail.message.Visible() {
		t.Errorf("message still shown: %q", m.detail.message.Text)
	}
	if m.progress.TextFormatter() != fmt.Sprintf("1 / %d traitées", want) {
		t.Errorf("progress %q", m.progress.TextFormatter())
	}

	f.menuAction("Fermer")()
	if f.shell.main != nil || f.shell.startView == nil {
		t.Fatal("Fermer did not return to the start screen")
	}

	svc, err := dossier.Open(f.opener, path)
	if err != nil {
		t.Fatal(err)
	}
	ra, _ := svc.Row(a)
	rb, _ := svc.Row(b)
	if ra.State.Status != dossier.EnCours || ra.State.Note != "Capture dans le wiki" {
		t.Errorf("%s reopened as %+v", a, ra.State)
	}
	if rb.State.Status != dossier.NonApplicable || rb.State.Justification != "Pas de téléservice dans ce produit" {
		t.Errorf("%s reopened as %+v", b, rb.State)
	}
	if got := svc.Info().Profiles; len(got) != 2 || got[1] != extra {
		t.Errorf("profiles %v", got)
	}
	svc.Close()

	// Reopen through the shell: the dossier opens on its first requirement.
	f.shell.onOpenPath(path)
	if f.shell.main == nil || f.shell.main.overview.Done != 1 {
		t.Fatalf("reopen failed; overlay: %s", f.overlay())
	}
}

func TestCreateRefusesMissingFields(t *testing.T) {
	f := newFixture(t)
	sv := f.shell.startView
	test.Type(sv.name, "Sans éditeur")
	test.Tap(sv.createBtn)
	if f.shell.main != nil {
		t.Fatal("dossier created without vendor")
	}
	msg := f.overlay()
	for _, want := range []string{"Informations manquantes", "éditeur", "produit", "version"} {
		if !strings.Contains(msg, want) {
			t.Errorf("dialog lacks %q: %s", want, msg)
		}
	}
	if f.opener.Exists(filepath.Join(f.dir, "Sans-éditeur.segur")) {
		t.Error("a file was created")
	}
}

func TestCreateRefusesMissingFolder(t *testing.T) {
	f := newFixture(t)
	sv := f.shell.startView
	test.Type(sv.name, "N")
	test.Type(sv.vendor, "V")
	test.Type(sv.product, "P")
	test.Type(sv.version, "1")
	sv.folder.SetText(filepath.Join(f.dir, "absent"))
	test.Tap(sv.createBtn)
	if f.shell.main != nil || !strings.Contains(f.overlay(), "n&#39;existe pas") && !strings.Contains(f.overlay(), "n'existe pas") {
		t.Errorf("missing folder not reported: %s", f.overlay())
	}
}

func TestCreateRefusesExistingFile(t *testing.T) {
	f := newFixture(t)
	f.create()
	f.shell.showStart()
	f.shell.onCreate(filepath.Join(f.dir, "essai.segur"), dossier.Info{Name: "x", Vendor: "v", Product: "p", ProductVersion: "1"})
	if f.shell.main != nil || !strings.Contains(f.overlay(), "existe déjà") {
		t.Errorf("existing file not reported: %s", f.overlay())
	}
}

func TestOpenLockedAndInvalidDossiers(t *testing.T) {
	f := newFixture(t)
	f.create()
	path := f.shell.main.svc.Path()
	f.shell.showStart()

	held, err := dossier.Open(f.opener, path)
	if err != nil {
		t.Fatal(err)
	}
	f.shell.onOpenPath(path)
	if f.shell.main != nil || !strings.Contains(f.overlay(), "déjà ouvert") {
		t.Errorf("locked dossier not reported: %s", f.overlay())
	}
	held.Close()
	f.dismissOverlays()

	f.shell.onOpenPath(filepath.Join(f.dir, "autre.segur"))
	if f.shell.main != nil || !strings.Contains(f.overlay(), "n'est pas un dossier Ségur") {
		t.Errorf("invalid dossier not reported: %s", f.overlay())
	}
}

func TestRecentDossiersMissingAreGreyed(t *testing.T) {
	f := newFixture(t)
	real := filepath.Join(f.dir, "réel.segur")
	if err := os.WriteFile(real, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.shell.recent.add(filepath.Join(f.dir, "parti.segur"))
	f.shell.recent.add(real)
	f.shell.showStart()
	markup := test.RenderObjectToMarkup(f.shell.startView.recentBox)
	if !strings.Contains(markup, "parti.segur") || !strings.Contains(markup, "(introuvable)") {
		t.Errorf("missing dossier not shown greyed: %s", markup)
	}
	if i, j := strings.Index(markup, "réel.segur"), strings.Index(markup, "parti.segur"); i < 0 || i > j {
		t.Error("most recent dossier not first")
	}
}

package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/capture/capturetest"
	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// evFixture is an open dossier with the evidence panel, a fake screen and
// a clock that does not wait.
type evFixture struct {
	*fixture
	m      *mainView
	p      *evidencePanel
	screen *capturetest.Screen
	// waits records what the UI asked to wait for, in order.
	waits []time.Duration
}

func newEvFixture(t *testing.T) *evFixture {
	t.Helper()
	f := newFixture(t)
	ef := &evFixture{fixture: f, screen: capturetest.OneDisplay(200, 100)}
	f.shell.deps.Screen = ef.screen
	f.shell.after = func(d time.Duration, fn func()) {
		ef.waits = append(ef.waits, d)
		fn()
	}
	// No memory release: its timer is not among the waits these tests
	// count (memory_release_test.go tests it).
	f.shell.release = nil
	f.shell.app.Preferences().SetString(prefOperator, "Alice Martin")
	ef.m = f.create()
	ef.p = ef.m.evidence
	if ef.p == nil || !ef.p.shown {
		t.Fatal("evidence panel not shown with the first requirement")
	}
	return ef
}

// file writes a file in the test folder.
func (f *evFixture) file(name string, content []byte) string {
	f.t.Helper()
	path := filepath.Join(f.dir, name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		f.t.Fatal(err)
	}
	return path
}

func (f *evFixture) status(reqID string) dossier.Status {
	f.t.Helper()
	r, err := f.m.svc.Row(reqID)
	if err != nil {
		f.t.Fatal(err)
	}
	return r.State.Status
}

// pngOf encodes a w×h image of the fake screen's pattern.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, capturetest.Pixel(x, y))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDropFilesListsThemWithMetadataAndStartsTheRequirement(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	if f.status(req) != dossier.AFaire {
		t.Fatalf("fresh requirement is %s", f.status(req))
	}
	logText := []byte("2026-03-01 10:00:01 INFO envoi DMP\n\n2026-03-01 10:00:02 INFO accusé reçu\n")
	logPath := f.file("journal.log", logText)
	pngBytes := pngOf(t, 640, 480)
	pngPath := f.file("écran.png", pngBytes)

	f.p.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(logPath), storage.NewFileURI(pngPath)})

	items, err := f.m.svc.ListEvidence(req)
	if err != nil || len(items) != 2 {
		t.Fatalf("listed %d items (%v); overlay %s", len(items), err, f.overlay())
	}
	sum := sha256.Sum256(logText)
	lg, im := items[0], items[1]
	if lg.Name != "journal.log" || lg.Size != int64(len(logText)) || lg.SHA256 != hex.EncodeToString(sum[:]) ||
		lg.Kind != dossier.KindText || lg.AddedBy != "Alice Martin" {
		t.Errorf("log stored as %+v", lg)
	}
	if im.Kind != dossier.KindImage || im.Size != int64(len(pngBytes)) {
		t.Errorf("image stored as %+v", im)
	}

	// The cards show the metadata, the first lines and the thumbnail.
	c := f.p.card(lg.ID)
	if c == nil {
		t.Fatal("no card for the log")
	}
	for _, want := range []string{"Texte ou journal", fr.Size(lg.Size), "Alice Martin", lg.AddedAt.Local().Format("02/01/2006")} {
		if !strings.Contains(c.meta.Text, want) {
			t.Errorf("log metadata %q lacks %q", c.meta.Text, want)
		}
	}
	if c.sum.Text != "SHA-256 : "+lg.SHA256 || !c.sum.Visible() {
		t.Error("card does not show the SHA-256")
	}
	if got := richLines(c.preview); got != "2026-03-01 10:00:01 INFO envoi DMP\n2026-03-01 10:00:02 INFO accusé reçu" {
		t.Errorf("text preview %q", got)
	}
	thumb := f.p.card(im.ID).thumb.Image
	if thumb == nil {
		t.Fatal("no thumbnail for the image")
	}
	// 640×480 fitted into the card's thumbW by thumbH at the test
	// canvas's scale of 1 (the disk cache keeps 200×150: attach_test).
	if b := thumb.Bounds(); b.Dx() != 100 || b.Dy() != 75 {
		t.Errorf("thumbnail %v, want 100×75", b)
	}
	if !strings.Contains(f.p.heading.Text, "2 fichiers") || !strings.Contains(f.p.notice.Text, "2 fichiers ajoutés") {
		t.Errorf("heading %q, notice %q", f.p.heading.Text, f.p.notice.Text)
	}

	// The first proof moved the requirement to En cours, in the detail and
	// in the list.
	if f.status(req) != dossier.EnCours {
		t.Errorf("status %s after the first proof", f.status(req))
	}
	if f.m.detail.status.Selected != dossier.EnCours.Label() {
		t.Errorf("detail shows %q", f.m.detail.status.Selected)
	}
	if i := f.m.list.index(req); i < 0 || f.m.list.rows[i].State.Status != dossier.EnCours || f.m.list.rows[i].Evidence != 2 {
		t.Errorf("list row %+v", f.m.list.rows[i])
	}
}

func TestAttachRefusesBadFilesInFrench(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	empty := f.file("vide.txt", nil)
	sub := filepath.Join(f.dir, "répertoire")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, want string }{
		{empty, "vide (0 octet)"},
		{sub, "désigne un répertoire"},
		{filepath.Join(f.dir, "parti.log"), "introuvable"},
	} {
		f.dismissOverlays()
		f.p.attachPaths([]string{c.path})
		if msg := f.overlay(); !strings.Contains(msg, c.want) || !strings.Contains(msg, "Fichier non ajouté") {
			t.Errorf("%s: dialog %s", filepath.Base(c.path), msg)
		}
	}
	if items, _ := f.m.svc.ListEvidence(req); len(items) != 0 {
		t.Errorf("%d items stored", len(items))
	}
	if f.status(req) != dossier.AFaire || f.p.attach != nil {
		t.Errorf("status %s, attach running %v", f.status(req), f.p.attach != nil)
	}
}

func TestAttachCancelKeepsNothing(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	big := f.file("gros.bin", bytes.Repeat([]byte("0123456789abcdef"), progressFrom/16+1))
	run := f.p.d.do
	f.p.d.do = func(fn func()) {
		run(fn)
		// The user presses "Annuler" as soon as the progress shows.
		if j := f.p.attach; j != nil && j.dlg != nil && !j.dlg.Cancelled() {
			test.Tap(j.dlg.Cancel)
		}
	}
	f.p.attachPaths([]string{big})
	if items, _ := f.m.svc.ListEvidence(req); len(items) != 0 {
		t.Errorf("%d items stored after cancel", len(items))
	}
	if !strings.Contains(f.p.notice.Text, "Ajout annulé") || f.p.attach != nil {
		t.Errorf("notice %q, attach %v", f.p.notice.Text, f.p.attach)
	}
	if f.status(req) != dossier.AFaire {
		t.Errorf("status %s after a cancelled attach", f.status(req))
	}
}

func TestDeleteAsksFirst(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	f.p.attachPaths([]string{f.file("a.txt", []byte("preuve"))})
	items, _ := f.m.svc.ListEvidence(req)
	if len(items) != 1 {
		t.Fatalf("%d items", len(items))
	}
	test.Tap(f.p.card(items[0].ID).remove)
	if !strings.Contains(f.overlay(), "Supprimer la preuve") || !strings.Contains(f.overlay(), "a.txt") {
		t.Fatalf("no confirmation: %s", f.overlay())
	}
	f.p.deleteDlg.Dismiss()
	if got, _ := f.m.svc.ListEvidence(req); len(got) != 1 {
		t.Fatal("deleted without confirmation")
	}
	test.Tap(f.p.card(items[0].ID).remove)
	f.p.deleteDlg.Confirm()
	if got, _ := f.m.svc.ListEvidence(req); len(got) != 0 {
		t.Fatalf("%d items after confirmed delete", len(got))
	}
	if f.p.notice.Text != "«\u00a0a.txt\u00a0» supprimé de "+req+"." {
		t.Errorf("notice %q", f.p.notice.Text)
	}
	if f.p.card(items[0].ID) != nil || !strings.Contains(f.p.heading.Text, "aucune") {
		t.Errorf("card still shown; heading %q", f.p.heading.Text)
	}
	if i := f.m.list.index(req); f.m.list.rows[i].Evidence != 0 {
		t.Errorf("list still counts %d", f.m.list.rows[i].Evidence)
	}
}

func TestCaptionEditIsStored(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	f.p.attachPaths([]string{f.file("a.txt", []byte("preuve"))})
	items, _ := f.m.svc.ListEvidence(req)
	test.Tap(f.p.card(items[0].ID).captionBtn)
	d := f.p.captionDl
	d.entry.SetText("  Écran de paramétrage DMP  ")
	d.dlg.Confirm()
	ev, err := f.m.svc.Evidence(items[0].ID)
	if err != nil || ev.Caption != "Écran de paramétrage DMP" {
		t.Fatalf("caption %q (%v)", ev.Caption, err)
	}
	if got := f.p.card(ev.ID).caption.Text; got != "Légende : Écran de paramétrage DMP" {
		t.Errorf("card caption %q", got)
	}
}

func TestMoveToAnotherRequirement(t *testing.T) {
	f := newEvFixture(t)
	from := f.m.current
	f.p.attachPaths([]string{f.file("a.txt", []byte("preuve"))})
	items, _ := f.m.svc.ListEvidence(from)
	target := f.m.list.rows[3].Req
	test.Tap(f.p.card(items[0].ID).move)
	d := f.p.moveDlg
	test.Type(d.search, target.ID)
	if len(d.shown) == 0 || d.shown[0].ID != target.ID {
		t.Fatalf("search %q shows %d requirements", target.ID, len(d.shown))
	}
	if !d.confirm.Disabled() {
		t.Error("Déplacer enabled before a choice")
	}
	d.list.Select(0)
	test.Tap(d.confirm)
	ev, _ := f.m.svc.Evidence(items[0].ID)
	if ev.ReqID != target.ID {
		t.Fatalf("evidence on %s, want %s", ev.ReqID, target.ID)
	}
	if f.p.card(ev.ID) != nil {
		t.Error("moved item still listed under the source")
	}
	if f.status(target.ID) != dossier.EnCours {
		t.Errorf("target status %s", f.status(target.ID))
	}
}

func TestOperatorNameFromPreferences(t *testing.T) {
	f := newEvFixture(t)
	f.menuAction("Opérateur…")()
	d := f.p.operatorDlg
	if d.entry.Text != "Alice Martin" {
		t.Errorf("dialog shows %q", d.entry.Text)
	}
	d.entry.SetText("Bob Durand")
	d.dlg.Confirm()
	f.p.attachPaths([]string{f.file("a.txt", []byte("preuve"))})
	items, _ := f.m.svc.ListEvidence(f.m.current)
	if len(items) != 1 || items[0].AddedBy != "Bob Durand" {
		t.Errorf("added by %+v", items)
	}
	f.menuAction("Opérateur…")()
	f.p.operatorDlg.entry.SetText(" ")
	f.p.operatorDlg.dlg.Confirm()
	if got := operatorName(f.shell.app.Preferences()); got != system.UserName() {
		t.Errorf("empty name gives %q, want the OS user %q", got, system.UserName())
	}
}

func TestCompactAsksFirstThenReportsSizes(t *testing.T) {
	f := newEvFixture(t)
	// The fake keeps no file: put one of 3 MiB where the dossier is, all
	// of it free since the dossier holds no content.
	if err := os.WriteFile(f.m.svc.Path(), make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	f.menuAction("Compacter le dossier…")()
	if f.p.compactDlg == nil || !strings.Contains(f.overlay(), "Compacter le dossier ?") {
		t.Fatalf("no confirmation: %s", f.overlay())
	}
	if !strings.Contains(f.p.compactAsk, "rendre environ 3\u00a0Mo") {
		t.Errorf("confirmation does not tell the space given back: %q", f.p.compactAsk)
	}
	f.p.compactDlg.Dismiss()
	if n := f.opener.Compactions(f.m.svc.Path()); n != 0 {
		t.Fatalf("compacted without confirmation (%d)", n)
	}
	f.menuAction("Compacter le dossier…")()
	f.p.compactDlg.Confirm()
	if !strings.Contains(f.p.compactMsg, "Taille avant") || !strings.Contains(f.p.compactMsg, "Taille après") {
		t.Errorf("message %q", f.p.compactMsg)
	}
	if n := f.opener.Compactions(f.m.svc.Path()); n != 1 {
		t.Errorf("Compact called %d times", n)
	}
}

// TestThumbCacheFitEmptiesOnScaleChange: pictures fitted to one pixel size
// are not shown at another (the window moved to a HiDPI screen).
func TestThumbCacheFitEmptiesOnScaleChange(t *testing.T) {
	c := newThumbCache(4)
	c.fit(120, 75)
	c.put("a", preview{Text: "a"})
	c.fit(120, 75)
	if _, ok := c.get("a"); !ok {
		t.Fatal("same size: entry lost")
	}
	c.fit(240, 150)
	if _, ok := c.get("a"); ok || len(c.order) != 0 {
		t.Fatal("entry fitted to another size kept")
	}
}

// TestFitPreviewScalesDownToTheCard: the memory cache holds a picture at
// the size the card shows it, never enlarged, texts untouched.
func TestFitPreviewScalesDownToTheCard(t *testing.T) {
	big := image.NewRGBA(image.Rect(0, 0, 240, 135))
	if b := fitPreview(preview{Image: big}, 120, 75).Image.Bounds(); b.Dx() != 120 || b.Dy() != 67 {
		t.Errorf("240×135 fitted to %v, want 120×67", b)
	}
	small := image.NewRGBA(image.Rect(0, 0, 10, 10))
	if got := fitPreview(preview{Image: small}, 120, 75).Image; got != image.Image(small) {
		t.Error("a smaller picture was copied or enlarged")
	}
	if got := fitPreview(preview{Text: "ligne"}, 120, 75); got.Image != nil || got.Text != "ligne" {
		t.Errorf("text preview changed: %+v", got)
	}
}

func TestThumbCacheIsBounded(t *testing.T) {
	c := newThumbCache(2)
	c.put("a", preview{Text: "a"})
	c.put("b", preview{Text: "b"})
	c.get("a") // a is now the most recent
	c.put("c", preview{Text: "c"})
	if _, ok := c.get("b"); ok {
		t.Error("least recently used entry kept")
	}
	for _, k := range []string{"a", "c"} {
		if p, ok := c.get(k); !ok || p.Text != k {
			t.Errorf("entry %q lost", k)
		}
	}
	if len(c.items) != 2 || len(c.order) != 2 {
		t.Errorf("%d items, %d in order", len(c.items), len(c.order))
	}
}

// TestNoteThenDropKeepsThePromotion: a note typed (not yet saved), then a
// file dropped: the attach moves the requirement to "En cours", and
// saving the note afterwards must neither put back the status the detail
// held before nor lose the note.
func TestNoteThenDropKeepsThePromotion(t *testing.T) {
	f := newEvFixture(t)
	req := f.m.current
	test.Type(f.m.detail.note, "journal à joindre")
	f.p.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(f.file("journal.log", []byte("ligne\n")))})
	f.m.detail.flush() // the note field loses focus, or the user moves on
	r, err := f.m.svc.Row(req)
	if err != nil {
		t.Fatal(err)
	}
	if r.State.Status != dossier.EnCours || r.State.Note != "journal à joindre" {
		t.Fatalf("after note, drop and save: %+v", r.State)
	}
	if f.m.detail.status.Selected != dossier.EnCours.Label() {
		t.Fatalf("detail shows %q", f.m.detail.status.Selected)
	}
}

// richLines is the text of a rich text, its paragraphs on lines.
func richLines(rt *widget.RichText) string {
	var b strings.Builder
	for _, seg := range rt.Segments {
		b.WriteString(seg.Textual())
		if !seg.Inline() {
			b.WriteString("\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

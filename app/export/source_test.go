package export_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// fakeSource is an in-memory dossier for export tests.
type fakeSource struct {
	snap    dossier.Snapshot
	content map[string][]byte
}

func (f *fakeSource) Snapshot() (dossier.Snapshot, error) { return f.snap, nil }

func (f *fakeSource) OpenContent(sha string) (io.ReadCloser, error) {
	b, ok := f.content[sha]
	if !ok {
		return nil, fmt.Errorf("%w : contenu %s", dossier.ErrNotFound, sha)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

// add attaches content to a requirement and returns the evidence.
func (f *fakeSource) add(reqID, name, caption string, kind dossier.Kind, data []byte) dossier.Evidence {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	f.content[sha] = data
	ev := dossier.Evidence{
		ID: uint64(len(f.snap.Evidence) + 1), ReqID: reqID, Name: name, Size: int64(len(data)), SHA256: sha, Kind: kind,
		AddedAt: time.Date(2026, 3, 1, 10, 0, len(f.snap.Evidence), 0, time.UTC), AddedBy: "Testeur", Caption: caption,
	}
	f.snap.Evidence = append(f.snap.Evidence, ev)
	return ev
}

// newFake returns an empty dossier on the embedded catalogue (Général).
func newFake(t testing.TB) *fakeSource {
	t.Helper()
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	profiles, _ := cat.NormalizeProfiles(nil)
	return &fakeSource{
		snap: dossier.Snapshot{
			Info: dossier.Info{Name: "Dossier test", Vendor: "Éditeur Été", Product: "RIS Œil", ProductVersion: "2.1", Profiles: profiles,
				CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
			Catalogue: cat,
			States:    map[string]dossier.ReqState{},
		},
		content: map[string][]byte{},
	}
}

func testPNG(t testing.TB, w, h int, seed byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{byte(x) + seed, byte(y), seed, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func randomBytes(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

// completeFake gives every applicable requirement a screenshot, a video
// and a log (so no gap), marks them Prête, and returns the dossier.
func completeFake(t testing.TB) *fakeSource {
	t.Helper()
	f := newFake(t)
	shot := testPNG(t, 320, 200, 7)
	for i, r := range f.snap.Catalogue.Applicable(f.snap.Info.Profiles) {
		f.add(r.ID, "capture.png", "Écran identité", dossier.KindImage, shot)
		f.add(r.ID, "demo.mp4", "", dossier.KindVideo, randomBytes(2000+i, int64(i)))
		f.add(r.ID, "trace INSi.log", "Journal d'appel", dossier.KindText, bytes.Repeat([]byte("GET /insi 200 OK\n"), 50+i))
		f.add(r.ID, "message.eml", "", dossier.KindEmail, []byte("From: a@b\r\n\r\nbody"))
		f.add(r.ID, "cr.pdf", "", dossier.KindPDF, []byte("%PDF-1.4 fake"))
		f.snap.States[r.ID] = dossier.ReqState{ReqID: r.ID, Status: dossier.Prete, Note: "vérifié"}
	}
	if rep := dossier.Check(f.snap); !rep.Complete {
		t.Fatalf("fixture not complete: %+v", rep.Blocking[:1])
	}
	return f
}

// testKey signs the fake's packages.
var testKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

// SigningKey makes fakeSource an export.Journaled: its packages are signed.
func (f *fakeSource) SigningKey() (ed25519.PrivateKey, error) { return testKey, nil }

// Journal streams a short journal chained from the fake dossier's ID.
func (f *fakeSource) Journal(from uint64, fn func(dossier.Event) error) error {
	prev := dossier.GenesisPrev(f.snap.Info.ID)
	for i, kind := range []dossier.EventKind{dossier.EventCreated, dossier.EventState} {
		ev := dossier.Event{Kind: kind, Subject: "RIS.INS.01", Operator: "Alice"}.Chained(uint64(i+1), f.snap.Info.CreatedAt, prev)
		prev = ev.Hash
		if ev.Seq >= from {
			if err := fn(ev); err != nil {
				return err
			}
		}
	}
	return nil
}

package dossier_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestReplaceReaderTakesTheOldProofsPlace(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	const png = "\x89PNG\r\n\x1a\nfake"
	old, err := svc.AttachReader(ctx, "INS.01", "capture.png", strings.NewReader(png+"1"), nil, dossier.AttachOptions{Caption: "Recherche"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	anns := []dossier.Annotation{{Kind: dossier.AnnotStep, X: 1, Y: 2, Number: 1, Text: "champ INS"}}
	ev, err := svc.ReplaceReader(ctx, old.ID, "capture-annotee.png", strings.NewReader(png+"2"), nil, dossier.AttachOptions{Annotations: anns}, false)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := svc.ListEvidence("INS.01")
	if len(items) != 1 || items[0].ID != ev.ID || ev.Caption != "Recherche" || len(items[0].Annotations) != 1 || items[0].Annotations[0].Text != "champ INS" {
		t.Fatalf("after replacing: %+v", items)
	}
	// Kept when asked.
	if _, err := svc.ReplaceReader(ctx, ev.ID, "b.png", strings.NewReader(png+"3"), nil, dossier.AttachOptions{}, true); err != nil {
		t.Fatal(err)
	}
	if items, _ := svc.ListEvidence("INS.01"); len(items) != 2 {
		t.Fatalf("keeping the original: %d items", len(items))
	}
	// An item deleted meanwhile: nothing is stored.
	if err := svc.DeleteEvidence(ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ReplaceReader(ctx, ev.ID, "c.png", strings.NewReader(png+"4"), nil, dossier.AttachOptions{}, false); dossier.FaultOf(err) != dossier.FaultEvidenceNotFound {
		t.Fatalf("replacing a deleted item: %v", err)
	}
	if items, _ := svc.ListEvidence("INS.01"); len(items) != 1 {
		t.Fatalf("%d items after a refused replacement", len(items))
	}
}

func TestReplaceReaderJournalsTheReplacement(t *testing.T) {
	svc, _ := newService(t)
	ctx := context.Background()
	old, err := svc.AttachReader(ctx, "INS.01", "capture.png", strings.NewReader("\x89PNG\r\n\x1a\nold"), nil, dossier.AttachOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	anns := []dossier.Annotation{{Kind: dossier.AnnotStep, Number: 1}, {Kind: dossier.AnnotArrow, X2: 5, Y2: 5}}
	ev, err := svc.ReplaceReader(ctx, old.ID, "capture-annotee.png", strings.NewReader("\x89PNG\r\n\x1a\nnew"), nil, dossier.AttachOptions{Annotations: anns}, false)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []dossier.EventKind
	var deleted, added dossier.Event
	svc.Journal(1, func(e dossier.Event) error {
		kinds = append(kinds, e.Kind)
		switch e.Kind {
		case dossier.EventEvidenceDeleted:
			deleted = e
		case dossier.EventEvidenceAdded:
			added = e
		}
		return nil
	})
	if by, _ := deleted.Field("replaced_by"); by.New != strconv.FormatUint(ev.ID, 10) {
		t.Fatalf("deletion event %+v (journal %v)", deleted, kinds)
	}
	if n, _ := added.Field("annotations"); n.New != "2" {
		t.Fatalf("added event %+v", added)
	}
}

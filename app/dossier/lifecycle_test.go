package dossier_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/dossier/dossiertest"
)

// lifeService is a dossier created on 2026-11-01 whose clock says
// 2026-11-30.
func lifeService(t *testing.T) (*dossier.Service, *dossiertest.MemStore) {
	t.Helper()
	return lifeServiceOn(t, dossiertest.NewMemOpener())
}

// lifeServiceOn is lifeService with the dossier in op, as "x".
func lifeServiceOn(t *testing.T, op *dossiertest.MemOpener) (*dossier.Service, *dossiertest.MemStore) {
	t.Helper()
	svc, err := dossier.Create(op, "x", dossier.Info{Name: "n", Vendor: "v", Product: "p", ProductVersion: "1"}, catalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	l := svc.Store().(*dossiertest.MemStore)
	in := infoOf(l)
	in.CreatedAt = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	l.SetInfo(in)
	svc.Close()
	svc, err = dossier.Open(op, "x")
	if err != nil {
		t.Fatal(err)
	}
	svc.Now = func() time.Time { return time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) }
	return svc, svc.Store().(*dossiertest.MemStore)
}

func attachText(t *testing.T, svc *dossier.Service, req, content string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "preuve.txt")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachFile(context.Background(), req, p, dossier.AttachOptions{}, nil); err != nil {
		t.Fatal(err)
	}
}

func wantFault(t *testing.T, err error, f dossier.Fault) {
	t.Helper()
	if !errors.Is(err, &dossier.Error{Fault: f}) {
		t.Fatalf("want fault %s, got %v", f, err)
	}
}

func TestSIRENLuhn(t *testing.T) {
	for s, want := range map[string]bool{
		"732 829 320": true, "732829321": false, "73282932000074": true, "73282932000075": false,
		"12345": false, "abcdefghi": false, "35600000000048": true, "35600000012346": true, "35600000012345": false,
	} {
		if _, got := dossier.ValidSIREN(s); got != want {
			t.Errorf("ValidSIREN(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSetIdentity(t *testing.T) {
	svc, l := lifeService(t)
	in, err := svc.SetIdentity([][2]string{{"siren", "732 829 320"}, {"contact.1.name", "Anne Martin"},
		{"contact.1.email", "anne@editeur.fr"}, {"charter_date", "2026-11-02"}, {"version", "4.3"}, {"ready_for_sale", "oui"}})
	if err != nil {
		t.Fatal(err)
	}
	c := dossier.CandidatureOf(in)
	if c.SIREN != "732829320" || len(c.Contacts) != 1 || c.Contacts[0].Email != "anne@editeur.fr" || !c.ReadyForSale || in.ProductVersion != "4.3" {
		t.Fatalf("identity not set: %+v %+v", in, c)
	}
	writes := l.Writes()
	for _, bad := range []struct {
		kv    [2]string
		fault dossier.Fault
	}{
		{[2]string{"siren", "732829321"}, dossier.FaultInvalidSIREN},
		{[2]string{"charter_date", "2026-12-25"}, dossier.FaultFutureDate},
		{[2]string{"contact.1.email", "pas une adresse"}, dossier.FaultInvalidIdentity},
		{[2]string{"contact.5.name", "x"}, dossier.FaultInvalidIdentity},
		{[2]string{"couleur", "bleu"}, dossier.FaultInvalidIdentity},
	} {
		_, err := svc.SetIdentity([][2]string{{"address", "1 rue X"}, bad.kv})
		wantFault(t, err, bad.fault)
	}
	if l.Writes() != writes || dossier.CandidatureOf(svc.Info()).Address != "" {
		t.Fatal("a refused identity change was written")
	}
}

func TestGroupNeedsMandate(t *testing.T) {
	svc, _ := lifeService(t)
	if _, err := svc.SetIdentity([][2]string{{"group", "oui"}, {"members", "A SAS; B SARL"}, {"representative", "A SAS"}}); err != nil {
		t.Fatal(err)
	}
	rep, _ := svc.Check()
	if !hasGap(rep.Blocking, "mandat") {
		t.Fatalf("group without mandate not blocking: %+v", rep.Blocking)
	}
	p := filepath.Join(t.TempDir(), "mandat.pdf")
	os.WriteFile(p, []byte("%PDF-1.4 mandat"), 0o600)
	if _, err := svc.AttachMandate(context.Background(), p, "op"); err != nil {
		t.Fatal(err)
	}
	rep, _ = svc.Check()
	if hasGap(rep.Blocking, "mandat") {
		t.Fatalf("mandate attached but still reported: %+v", rep.Blocking)
	}
	if orphans, _ := svc.OffCatalogue(); len(orphans) != 0 {
		t.Fatalf("the mandate shows as off-catalogue: %v", orphans)
	}
}

func hasGap(gaps []dossier.Gap, word string) bool {
	return slices.ContainsFunc(gaps, func(g dossier.Gap) bool { return g.Req == "CANDIDATURE" && strings.Contains(g.Reason, word) })
}

func TestDepositRefusesBadInput(t *testing.T) {
	svc, l := lifeService(t)
	id := svc.Info().ID
	pkg := dossier.FiledPackage{Name: "p.zip", DossierID: id, ManifestSHA256: "m1", Files: map[string][]string{}}
	for _, c := range []struct {
		pkg   dossier.FiledPackage
		date  string
		fault dossier.Fault
	}{
		{dossier.FiledPackage{Name: "autre.zip", DossierID: "ffff", ManifestSHA256: "m2"}, "", dossier.FaultForeignPackage},
		{pkg, "2026-12-01", dossier.FaultFutureDate},
		{pkg, "2026-10-31", dossier.FaultBeforeCreation},
		{pkg, "31-31-2026", dossier.FaultInvalidDate},
		{dossier.FiledPackage{Name: "b.zip", DossierID: id, ManifestSHA256: "m3", Draft: true}, "", dossier.FaultDraftPackage},
	} {
		_, err := svc.RecordDeposit(c.pkg, c.date, "")
		wantFault(t, err, c.fault)
	}
	if l.Writes() != 0 || len(deposits(l)) != 0 {
		t.Fatal("a refused deposit was written")
	}
	if _, err := svc.RecordDeposit(pkg, "2026-11-30", ""); err != nil {
		t.Fatal(err)
	}
	_, err := svc.RecordDeposit(pkg, "", "")
	wantFault(t, err, dossier.FaultAlreadyDeposited)
}

func TestDepositStatusAndDelta(t *testing.T) {
	svc, _ := lifeService(t)
	attachText(t, svc, "INS.01", "capture 1")
	attachText(t, svc, "INS.02", "capture 2")
	snap, _ := svc.Snapshot()
	if got := snap.DeltaRequirements(); len(got) != 2 {
		t.Fatalf("before any deposit the delta holds what has proofs: %v", got)
	}
	files := map[string][]string{}
	for _, ev := range snap.Evidence {
		files[ev.ReqID] = append(files[ev.ReqID], ev.SHA256)
	}
	if _, err := svc.RecordDeposit(dossier.FiledPackage{Name: "p.zip", DossierID: svc.Info().ID, ManifestSHA256: "m1", Files: files}, "2026-11-20", ""); err != nil {
		t.Fatal(err)
	}
	row, _ := svc.Row("INS.01")
	if row.Track.Deposit.Label() != "déposée le 20/11/2026" {
		t.Fatalf("deposit status: %q", row.Track.Deposit.Label())
	}
	attachText(t, svc, "INS.02", "capture 2 bis")
	snap, _ = svc.Snapshot()
	if got := snap.DeltaRequirements(); len(got) != 1 || !got["RIS.INS.02"] {
		t.Fatalf("delta after one change: %v", got)
	}
	row, _ = svc.Row("INS.02")
	if row.Track.Deposit.Status != dossier.ChangedSince {
		t.Fatalf("changed requirement shown as %q", row.Track.Deposit.Label())
	}
	row, _ = svc.Row("INS.03")
	if row.Track.Deposit.Label() != "jamais déposée" {
		t.Fatalf("never deposited shown as %q", row.Track.Deposit.Label())
	}
	c, _ := svc.Tracking()
	if c.Deposited != 1 || c.Changed != 1 || c.Rounds != 1 {
		t.Fatalf("counts: %+v", c)
	}
}

func TestRequestBlocksPreteUntilProofChanges(t *testing.T) {
	svc, l := lifeService(t)
	attachText(t, svc, "INS.01", "capture")
	prete := dossier.Prete
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &prete}); err != nil {
		t.Fatal(err)
	}
	writes := l.Writes()
	_, err := svc.AddRequest([]string{"INS.99"}, "x", "2026-12-10", dossier.Complement)
	wantFault(t, err, dossier.FaultUnknownRequirement)
	_, err = svc.AddRequest([]string{"INS.01"}, "x", "2026-11-29", dossier.Complement)
	wantFault(t, err, dossier.FaultPastDue)
	if l.Writes() != writes {
		t.Fatal("a refused request was written")
	}
	r, err := svc.AddRequest([]string{"INS.01"}, "Capture illisible", "2026-12-10", dossier.Complement)
	if err != nil || r.N != 1 {
		t.Fatalf("request: %+v %v", r, err)
	}
	row, _ := svc.Row("INS.01")
	if row.State.Status != dossier.EnCours || len(row.Track.Open) != 1 || row.Track.Open[0].DaysLeft != 10 {
		t.Fatalf("request not flagged: %+v", row)
	}
	_, err = svc.UpdateState("INS.01", dossier.StateChange{Status: &prete})
	wantFault(t, err, dossier.FaultOpenRequest)
	attachText(t, svc, "INS.01", "capture lisible")
	if _, err := svc.UpdateState("INS.01", dossier.StateChange{Status: &prete}); err != nil {
		t.Fatalf("Prête refused after the proof changed: %v", err)
	}
	rows, _ := svc.Rows(dossier.Filter{OpenRequests: true})
	if len(rows) != 1 || rows[0].Req.ID != "RIS.INS.01" {
		t.Fatalf("open-request filter: %d rows", len(rows))
	}
	if _, err := svc.CloseRequest(1, "répondu"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CloseRequest(7, ""); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNoRequest}) {
		t.Fatalf("closing an unknown request: %v", err)
	}
	if rows, _ := svc.Rows(dossier.Filter{OpenRequests: true}); len(rows) != 0 {
		t.Fatal("a closed request still flags its requirement")
	}
}

func TestDecisionCountdown(t *testing.T) {
	svc, _ := lifeService(t)
	_, err := svc.RecordDecision(dossier.ReservesNonBloquantes, "2026-12-02", "", "")
	wantFault(t, err, dossier.FaultFutureDate)
	d, err := svc.RecordDecision(dossier.ReservesNonBloquantes, "2026-11-25", "", "Réserve sur INS.01")
	if err != nil || d.Deadline != "2026-12-23" {
		t.Fatalf("decision: %+v %v", d, err)
	}
	ds, _ := svc.DecisionState()
	if !ds.Pending || ds.DaysLeft != 23 || !strings.Contains(ds.Line(), "J-23") {
		t.Fatalf("countdown: %+v %q", ds, ds.Line())
	}
	svc.Now = func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC) }
	if _, err := svc.RecordDeposit(dossier.FiledPackage{Name: "c.zip", DossierID: svc.Info().ID, ManifestSHA256: "c"}, "", ""); err != nil {
		t.Fatal(err)
	}
	ds, _ = svc.DecisionState()
	if ds.Pending || ds.FiledOn != "2026-12-01" {
		t.Fatalf("corrections filed but countdown still shown: %+v", ds)
	}
}

func TestExtraProfileCarriesAccepted(t *testing.T) {
	ref, _ := lifeService(t)
	attachText(t, ref, "INS.01", "capture")
	snap, _ := ref.Snapshot()
	if _, err := dossier.PlanExtraProfile(ref, []string{"mailiz"}, nil); !errors.Is(err, &dossier.Error{Fault: dossier.FaultNotReferenced}) {
		t.Fatalf("extra profile on an unreferenced dossier: %v", err)
	}
	files := map[string][]string{"RIS.INS.01": {snap.Evidence[0].SHA256}, "RIS.INS.02": {}}
	ref.RecordDeposit(dossier.FiledPackage{Name: "p.zip", DossierID: ref.Info().ID, ManifestSHA256: "m", Files: files}, "2026-11-10", "")
	ref.RecordDecision(dossier.SansReserve, "2026-11-25", "", "")
	ep, err := dossier.PlanExtraProfile(ref, []string{"mailiz"}, []string{"INS.02"})
	if err != nil {
		t.Fatal(err)
	}
	if ep.Carried != 1 || !ep.Info.IsReferenced("RIS.INS.01") || ep.Info.ID == ref.Info().ID || len(ep.Info.Profiles) != 2 {
		t.Fatalf("extra profile: %+v", ep)
	}
	_, err = dossier.PlanExtraProfile(ref, []string{"mailiz"}, []string{"INS.99"})
	wantFault(t, err, dossier.FaultUnknownRequirement)
	svc, err := dossier.Create(dossiertest.NewMemOpener(), "y", ep.Info, ref.Catalogue())
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := svc.Check()
	if slices.ContainsFunc(rep.Blocking, func(g dossier.Gap) bool { return g.Req == "RIS.INS.01" }) {
		t.Fatal("an already referenced requirement is still to prove")
	}
	if !slices.ContainsFunc(rep.Blocking, func(g dossier.Gap) bool { return g.Req == "RIS.INS.02" }) {
		t.Fatal("a requirement required again is not to prove")
	}
}

func deposits(l *dossiertest.MemStore) []dossier.Deposit {
	d, _ := l.Deposits()
	return d
}

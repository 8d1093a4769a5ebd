package storage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// stripV8 takes away what version 8 added: the summary buckets.
func stripV8(tx *bbolt.Tx) error {
	for _, name := range [][]byte{bucketSummaries, bucketSummaryDirty} {
		if err := tx.DeleteBucket(name); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(7))
}

// writeV7 builds a version 7 dossier (as the previous version wrote it)
// with review on, holding n evidence items over 40 requirements of the
// real catalogue, some sharing their content with other requirements,
// with proof numbers, an item the file policy refuses and a validated
// requirement. It returns what `check` and the dashboard said of it
// before it was taken back to version 7.
func writeV7(t *testing.T, path string, n int) (dossier.Report, dossier.Dashboard) {
	t.Helper()
	cat := testCatalogue(t)
	in := newInfo()
	in.Signoff = &dossier.SignoffSettings{Required: true, AllowSelf: true}
	svc, err := dossier.Create(Opener{}, path, in, cat)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var seeds []dossier.Evidence
	for i, name := range []string{"journal.txt", "capture.png", "outil.exe"} {
		ev, err := svc.AttachReader(ctx, cat.Requirements[i].ID, name, strings.NewReader(name), nil, dossier.AttachOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, ev)
	}
	prete := dossier.Prete
	if _, err := svc.UpdateState(cat.Requirements[0].ID, dossier.StateChange{Status: &prete}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Review(cat.Requirements[0].ID, dossier.Valide, "", "Anne"); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetFilePolicy(&dossier.FilePolicy{AllowedExtensions: []string{".txt", ".png"}}); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	db := openRaw(t, path)
	err = db.Update(func(tx *bbolt.Tx) error {
		for i := len(seeds); i < n; i++ {
			ev := seeds[i%len(seeds)]
			ev.ReqID, ev.Name, ev.ProofID = cat.Requirements[1+i%40].ID, fmt.Sprintf("f%04d%s", i, filepath.Ext(ev.Name)), []string{"", "1"}[i%2]
			if _, err := linkEvidence(tx, ev, false); err != nil {
				return err
			}
		}
		return flushSummaries(tx)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	svc, err = dossier.OpenReadOnly(Opener{}, path)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Check()
	if err != nil {
		t.Fatal(err)
	}
	d, err := svc.Dashboard()
	svc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if db, err = bbolt.Open(path, 0o600, nil); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(stripV8); err != nil {
		t.Fatal(err)
	}
	return rep, d
}

func TestMigrateFromV7WritesSummaries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v7.segur")
	rep, d := writeV7(t, path, 200)
	var reports [][2]int64
	op := &capture{Opener: Opener{Progress: func(done, total int64) { reports = append(reports, [2]int64{done, total}) }}}
	svc, err := dossier.Open(op, path)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	checkStore(t, op.st)
	var v uint64
	op.st.view(func(tx *bbolt.Tx) error { v = fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); return nil })
	var entries [][2]int64 // the reports of the summaries' migration
	for _, r := range reports {
		if r[1] == 200 {
			entries = append(entries, r)
		}
	}
	if v != SchemaVersion || len(entries) < 3 || entries[0] != [2]int64{0, 200} || entries[len(entries)-1] != [2]int64{200, 200} {
		t.Fatalf("version %d after the migration, progress %v", v, reports)
	}
	got, err := svc.Check()
	if err != nil || !reflect.DeepEqual(got, rep) {
		t.Fatalf("check after the migration %+v (%v), before %+v", got, err, rep)
	}
	if gd, err := svc.Dashboard(); err != nil || !reflect.DeepEqual(gd, d) {
		t.Fatalf("dashboard after the migration %+v (%v), before %+v", gd, err, d)
	}
	if d.Signoff.Validated != 1 || d.Evidence != 200 || len(rep.Blocking) == 0 {
		t.Fatalf("the fixture lacks what it should hold: %+v", d.Overview)
	}
	sameAnswers(t, svc)
}

const summaryChildEnv = "DOSSIER_SUMMARY_CHILD"

// TestKillDuringSummaryMigration converts a version 7 dossier of 2,000
// evidence items over 40 requirements in a child process and kills it
// with SIGKILL after a random number of requirements (logged, to replay
// a failure). The file must then be at version 7 without summaries, or
// at version 8 with every summary right; the next opening must finish.
func TestKillDuringSummaryMigration(t *testing.T) {
	if p := os.Getenv(summaryChildEnv); p != "" {
		stepChild(p, &summaryStep)
		return
	}
	template := filepath.Join(t.TempDir(), "v7.segur")
	writeV7(t, template, 2000)
	// 41 requirements, then "fin"
	killRuns(t, "TestKillDuringSummaryMigration", summaryChildEnv, template, 5, 42, func(t *testing.T, path string) {
		var v uint64
		sums := 0
		afterKill(t, path, func(tx *bbolt.Tx, version uint64) {
			v = version
			if b := tx.Bucket(bucketSummaries); b != nil { // created empty by the earlier migrations' first step
				sums = b.Stats().KeyN
			}
		})
		t.Logf("after the kill: version %d, %d summaries", v, sums)
		if !(v == 7 && sums == 0 || v == 8 && sums == 41) {
			t.Fatalf("mixed layout: version %d, %d summaries", v, sums)
		}
		if v == 8 {
			s := &Store{path: path}
			var err error
			if s.db, err = bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true}); err != nil {
				t.Fatal(err)
			}
			checkSummaries(t, s)
			s.Close()
		}
		reopenAfterKill(t, path).Close()
	})
}

package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// notedN creates a dossier with n notes written on alternating
// requirements by two operators in turn (runs of each), closes it and
// returns its path: its journal fills journal/, journal_mid/ and the tail.
func notedN(t *testing.T, n int) string {
	t.Helper()
	path, svc := create(t)
	defer svc.Close()
	for i := range n {
		svc.SetOperator([]string{"Alice Martin", "Bruno Petit"}[i/7%2])
		note := fmt.Sprintf("note %d", i)
		if _, err := svc.UpdateState([]string{"RIS.INS.01", "RIS.INS.02"}[i%2], dossier.StateChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// copyFile copies the dossier at path to a new file and returns its path.
func copyFile(t *testing.T, path string) string {
	t.Helper()
	copied := filepath.Join(t.TempDir(), "c.segur")
	raw, err := os.ReadFile(path)
	if err != nil || os.WriteFile(copied, raw, 0o600) != nil {
		t.Fatal(err)
	}
	return copied
}

// wantBreak opens path and checks that verify names event seq broken for
// reason, and that listing the journal and its head end without a panic.
func wantBreak(t *testing.T, path string, seq uint64, reason string) {
	t.Helper()
	svc, _ := openStore(t, path)
	defer svc.Close()
	_, _, err := svc.VerifyJournal()
	if at, why, ok := dossier.BrokenAt(err); !ok || at != seq || why != reason {
		t.Fatalf("want a break at %d (%s): %v", seq, reason, err)
	}
	svc.Journal(1, func(dossier.Event) error { return nil })
	svc.JournalHead()
}

// TestJournalEditedInEachBucketIsNamed: an event edited where it is
// stored — alone in journal/, in a block of journal_mid/ or of the tail —
// is named by verify, its hash kept or not.
func TestJournalEditedInEachBucketIsNamed(t *testing.T) {
	path := notedN(t, 60)
	where := map[string]uint64{}
	editFile(t, path, func(tx *bbolt.Tx) error {
		for _, name := range []string{"journal", "journal_mid", "journal_tail"} {
			k, v := tx.Bucket([]byte(name)).Cursor().Last()
			if k == nil {
				t.Fatalf("%s is empty", name)
			}
			// The event before the last of each: inside a block.
			seq, _, err := lastLink(k, v)
			if err != nil {
				t.Fatal(err)
			}
			where[name] = seq - 1
		}
		return nil
	})
	for name, seq := range where {
		t.Run(name, func(t *testing.T) {
			copied := copyFile(t, path)
			editFile(t, copied, func(tx *bbolt.Tx) error {
				if journalHolding(tx, seq) != tx.Bucket([]byte(name)) {
					t.Fatalf("event %d is not in %s", seq, name)
				}
				editEvent(t, tx, seq, func(ev *dossier.Event) { ev.Summary += "." })
				return nil
			})
			wantBreak(t, copied, seq, dossier.BreakHash)
		})
	}
}

// TestJournalDamagedBlockIsNamed damages the tail's and journal_mid/'s
// blocks in every way their bytes allow — counts and lengths out of
// range, bytes cut or added — and checks that verify names the event where
// the block stops reading, that the journal's listing and head end with
// an error rather than a panic, and that a change can still be made or is
// refused with the journal's fault.
func TestJournalDamagedBlockIsNamed(t *testing.T) {
	path := notedN(t, 40)
	// Three events at least in the tail.
	svc, st := openStore(t, path)
	for i := 0; ; i++ {
		if seqs, _ := tailState(t, st); len(seqs) >= 3 {
			break
		}
		if _, err := svc.UpdateState("RIS.INS.02", dossier.StateChange{Note: ptr(fmt.Sprint("plus ", i))}); err != nil {
			t.Fatal(err)
		}
	}
	svc.Close()
	for _, name := range []string{"journal_tail", "journal_mid"} {
		var first, n uint64
		editFile(t, path, func(tx *bbolt.Tx) error {
			k, v := tx.Bucket([]byte(name)).Cursor().Last()
			var ok bool
			if n, _, ok = blockHeader(v); !ok || n < 3 {
				t.Fatalf("%s: %d events, %v", name, n, ok)
			}
			first = fromU64(k)
			return nil
		})
		// Offset of the second event's length, in a block whose count
		// takes one byte.
		secondLen := func(v []byte) int {
			size, w := binary.Uvarint(v[2:])
			return 2 + w + int(size)
		}
		for _, c := range []struct {
			name   string
			damage func(v []byte) []byte
			seq    uint64
		}{
			{"count beyond the bytes", func(v []byte) []byte {
				return append(binary.AppendUvarint([]byte{blockMark}, 1<<60), v[2:]...)
			}, first},
			{"count zero", func(v []byte) []byte { v[1] = 0; return v }, first},
			{"count one less", func(v []byte) []byte { v[1]--; return v }, first + n - 1},
			{"count one more", func(v []byte) []byte { v[1]++; return v }, first + n},
			{"length changed", func(v []byte) []byte { v[secondLen(v)] ^= 0x10; return v }, first + 1},
			{"length beyond the bytes", func(v []byte) []byte {
				at := secondLen(v)
				v[at], v[at+1] = 0xff, 0x7f
				return v
			}, first + 1},
			{"length too small", func(v []byte) []byte { v[secondLen(v)] = 3; return v }, first + 1},
			{"cut in the last event", func(v []byte) []byte { return v[:len(v)-40] }, first + n - 1},
			{"bytes added", func(v []byte) []byte { return append(v, 0, 1, 2) }, first + n},
			{"a byte of an event changed", func(v []byte) []byte { v[secondLen(v)+8] ^= 0x20; return v }, first + 1},
		} {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				copied := copyFile(t, path)
				editFile(t, copied, func(tx *bbolt.Tx) error {
					b := tx.Bucket([]byte(name))
					k, v := b.Cursor().Last()
					if v[1] != byte(n) {
						t.Fatalf("count %d", v[1])
					}
					return b.Put(bytes.Clone(k), c.damage(bytes.Clone(v)))
				})
				wantBreak(t, copied, c.seq, dossier.BreakHash)
				svc, _ := openStore(t, copied)
				defer svc.Close()
				_, err := svc.UpdateState("RIS.INS.01", dossier.StateChange{Note: ptr("après")})
				if err != nil && dossier.FaultOf(err) != dossier.FaultJournalBroken {
					t.Fatalf("a change after the damage: %v", err)
				}
			})
		}
	}
}

// v8Layout rewrites tx's journal as version 8 wrote it: every event
// packed alone under its number, the last inTail of them in the tail
// (each leaving its operator out when the event before, in the tail,
// has the same), no journal_mid/, version 8.
func v8Layout(t *testing.T, tx *bbolt.Tx, inTail int) {
	t.Helper()
	var evs []dossier.Event
	r := eventReader{btx: tx}
	bs := journalBuckets(tx)
	for i := range bs {
		bs[len(bs)-1-i].ForEach(func(k, v []byte) error {
			return r.entry(k, v, func(ev dossier.Event) error { evs = append(evs, ev); return nil })
		})
	}
	if err := tx.DeleteBucket(bucketJournalMid); err != nil {
		t.Fatal(err)
	}
	for _, name := range [][]byte{bucketJournal, bucketJournalTail} {
		if err := tx.DeleteBucket(name); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.CreateBucket(name); err != nil {
			t.Fatal(err)
		}
	}
	j, tail := tx.Bucket(bucketJournal), tx.Bucket(bucketJournalTail)
	for i, ev := range evs {
		b, same := j, false
		if i >= len(evs)-inTail {
			b = tail
			same = i > len(evs)-inTail && evs[i-1].Operator == ev.Operator
		}
		packed, err := ev.AppendPacked(nil, same)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Put(u64(ev.Seq), packed); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(8)); err != nil {
		t.Fatal(err)
	}
}

// allEvents is the journal of svc, read whole.
func allEvents(t *testing.T, svc *dossier.Service) []dossier.Event {
	t.Helper()
	var all []dossier.Event
	if err := svc.Journal(1, func(ev dossier.Event) error { all = append(all, ev); return nil }); err != nil {
		t.Fatal(err)
	}
	return all
}

// TestJournalOfVersion8GoesOn: a dossier as version 8 left it (events
// packed one per key, the newest in the tail) is migrated at its first
// opening — the tail's events into journal/ as they are, journal_mid/
// added, version 9 — reads and verifies as before, goes on in blocks,
// and reads the same from any event and at its head.
func TestJournalOfVersion8GoesOn(t *testing.T) {
	path := notedN(t, 30)
	svc, _ := openStore(t, path)
	before := allEvents(t, svc)
	svc.Close()
	editFile(t, path, func(tx *bbolt.Tx) error { v8Layout(t, tx, 6); return nil })
	svc, st := openStore(t, path)
	defer svc.Close()
	st.view(func(tx *bbolt.Tx) error {
		if v := fromU64(tx.Bucket(bucketMeta).Get(keySchemaVersion)); v != SchemaVersion || tx.Bucket(bucketJournalMid) == nil {
			t.Fatalf("version %d, journal_mid %v", v, tx.Bucket(bucketJournalMid) != nil)
		}
		if k, _ := tx.Bucket(bucketJournalTail).Cursor().First(); k != nil {
			t.Fatalf("event %d left in the tail", fromU64(k))
		}
		return nil
	})
	if got := allEvents(t, svc); !reflect.DeepEqual(got, before) {
		t.Fatalf("the migrated journal reads otherwise")
	}
	for i := range 45 {
		svc.SetOperator([]string{"Chloé", "Denis"}[i/5%2])
		note := fmt.Sprintf("suite %d", i)
		if _, err := svc.UpdateState("RIS.INS.03", dossier.StateChange{Note: &note}); err != nil {
			t.Fatal(err)
		}
	}
	all := allEvents(t, svc)
	if n, _, err := svc.VerifyJournal(); err != nil || n != uint64(len(all)) || len(all) != len(before)+45 {
		t.Fatalf("after 45 more: %d events of %d, %v", n, len(all), err)
	}
	sameFromAnyEvent(t, svc, all)
}

// sameFromAnyEvent checks that svc's journal, read from any of its
// events, gives the events of all from that one on, and its head the
// last.
func sameFromAnyEvent(t *testing.T, svc *dossier.Service, all []dossier.Event) {
	t.Helper()
	for from := uint64(1); from <= uint64(len(all)); from++ {
		want := from
		svc.Journal(from, func(ev dossier.Event) error {
			if !reflect.DeepEqual(ev, all[want-1]) {
				t.Fatalf("from %d: event %+v, want %+v", from, ev, all[want-1])
			}
			want++
			return nil
		})
		if want != uint64(len(all))+1 {
			t.Fatalf("from %d: stopped before %d", from, want)
		}
	}
	if head, err := svc.JournalHead(); err != nil || !reflect.DeepEqual(head, all[len(all)-1]) {
		t.Fatalf("head %+v, %v", head, err)
	}
}

// TestMergeAcrossJournalForms merges a copy whose journal is in blocks
// into a dossier whose older events are in version 8's form, and back:
// the events are known by their hashes whatever their form, both merges
// join the journals, and both verify.
func TestMergeAcrossJournalForms(t *testing.T) {
	ctx := context.Background()
	path := notedN(t, 20)
	other := copyFile(t, path)
	editFile(t, path, func(tx *bbolt.Tx) error { v8Layout(t, tx, 5); return nil })
	change := func(p, operator, req string, n int) {
		svc, _ := openStore(t, p)
		defer svc.Close()
		svc.SetOperator(operator)
		for i := range n {
			note := fmt.Sprintf("%s %d", operator, i)
			if _, err := svc.UpdateState(req, dossier.StateChange{Note: &note}); err != nil {
				t.Fatal(err)
			}
		}
	}
	change(path, "Alice Martin", "RIS.INS.03", 12)
	change(other, "Bruno Petit", "RIS.INS.04", 25)
	for _, c := range [][2]string{{path, other}, {other, path}} {
		svc, _ := openStore(t, c[0])
		o, err := dossier.OpenCopy(Opener{}, c[1])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Merge(ctx, o, dossier.MergeOptions{Apply: true}, nil); err != nil {
			t.Fatal(err)
		}
		o.Close()
		n, _, err := svc.VerifyJournal()
		all := allEvents(t, svc)
		svc.Close()
		// 21 in common, 12 and 25 of each side, and the merge's (the
		// second merge also takes the first one's).
		if err != nil || n < 21+12+25+1 || uint64(len(all)) != n || c[0] == path && n != 21+12+25+1 {
			t.Fatalf("merged into %s: %d events, %v", filepath.Base(c[0]), n, err)
		}
	}
}

const tailChildEnv = "DOSSIER_TAIL_CHILD"

// TestKillDuringJournalMigration converts a version 8 dossier whose tail
// holds 8 events in a child process and kills it with SIGKILL after a
// random number of them moved (logged, to replay a failure). The file
// must then be at version 8 with its tail whole, or at version 9 with
// the tail emptied into journal/; the next opening must finish, and the
// journal read and verify whole.
func TestKillDuringJournalMigration(t *testing.T) {
	if p := os.Getenv(tailChildEnv); p != "" {
		stepChild(p, &tailStep)
		return
	}
	template := notedN(t, 30)
	svc, _ := openStore(t, template)
	want := allEvents(t, svc)
	svc.Close()
	editFile(t, template, func(tx *bbolt.Tx) error { v8Layout(t, tx, 8); return nil })
	killRuns(t, "TestKillDuringJournalMigration", tailChildEnv, template, 5, 9, func(t *testing.T, path string) {
		var v uint64
		inTail, inMid, mid := 0, 0, false
		afterKill(t, path, func(tx *bbolt.Tx, version uint64) {
			v, inTail = version, tx.Bucket(bucketJournalTail).Stats().KeyN
			// (An opening's first step creates the buckets a file lacks.)
			if b := tx.Bucket(bucketJournalMid); b != nil {
				mid, inMid = true, b.Stats().KeyN
			}
		})
		t.Logf("after the kill: version %d, %d events in the tail, journal_mid %v", v, inTail, mid)
		if !(v == 8 && inTail == 8 && inMid == 0 || v == 9 && inTail == 0 && inMid == 0 && mid) {
			t.Fatalf("mixed layout: version %d, %d events in the tail, journal_mid %v", v, inTail, mid)
		}
		reopenAfterKill(t, path).Close()
		svc, _ := openStore(t, path)
		defer svc.Close()
		if got := allEvents(t, svc); !reflect.DeepEqual(got, want) {
			t.Fatalf("journal after the kill: %d events, want %d", len(got), len(want))
		}
		if n, _, err := svc.VerifyJournal(); err != nil || n != uint64(len(want)) {
			t.Fatalf("verify after the kill: %d, %v", n, err)
		}
	})
}

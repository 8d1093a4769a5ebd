package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"
)

// editBolt changes a dossier file directly, as a damaged or foreign copy
// would be.
func editBolt(t *testing.T, path string, fn func(tx *bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestCLIMergeBadInput: every bad copy is refused with one French
// sentence, and neither the dossier nor the copy changes.
func TestCLIMergeBadInput(t *testing.T) {
	dir := t.TempDir()
	path := newDossier(t, dir)
	proof := filepath.Join(dir, "preuve.log")
	os.WriteFile(proof, bytes.Repeat([]byte("ligne de journal\n"), 5000), 0o600)
	if _, stderr, code := runCLI(t, dir, "attach", path, "--req", "INS.01", proof); code != 0 {
		t.Fatal(stderr)
	}
	copyOf := func(name string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if _, stderr, code := runCLI(t, dir, "new", p, "--from", path); code != 0 {
			t.Fatal(stderr)
		}
		return p
	}
	other := newDossier(t, t.TempDir())
	link := filepath.Join(dir, "lien.segur")
	if err := os.Link(path, link); err != nil {
		t.Fatal(err)
	}
	// Cut at half of the pages in use: bbolt grows a file ahead of its
	// data, so half of the file's size may cut only unused room.
	truncated := copyOf("tronquee.segur")
	var used int64
	editBolt(t, truncated, func(tx *bbolt.Tx) error { used = tx.Size(); return nil })
	if err := os.Truncate(truncated, used/2); err != nil {
		t.Fatal(err)
	}
	altered := copyOf("alteree.segur")
	os.WriteFile(proof, []byte("preuve de la copie\n"), 0o600)
	if _, stderr, code := runCLI(t, dir, "attach", altered, "--req", "INS.03", proof); code != 0 {
		t.Fatal(stderr)
	}
	// One byte of each stored chunk flipped, its digest kept.
	editBolt(t, altered, func(tx *bbolt.Tx) error {
		chunks := tx.Bucket([]byte("chunks"))
		return chunks.ForEachBucket(func(k []byte) error {
			b := chunks.Bucket(k)
			return b.ForEach(func(n, v []byte) error {
				w := bytes.Clone(v)
				w[len(w)/2] ^= 1
				return b.Put(bytes.Clone(n), w)
			})
		})
	})
	tampered := copyOf("journal-altere.segur")
	os.WriteFile(proof, []byte("preuve de la copie au journal altéré\n"), 0o600)
	if _, stderr, code := runCLI(t, dir, "attach", tampered, "--req", "INS.04", proof); code != 0 {
		t.Fatal(stderr)
	}
	// The first event's summary edited in the file, its hash kept.
	editBolt(t, tampered, func(tx *bbolt.Tx) error {
		// The oldest events are in journal/, the newest in journal_tail/.
		j := tx.Bucket([]byte("journal"))
		k, v := j.Cursor().First()
		if k == nil {
			j = tx.Bucket([]byte("journal_tail"))
			k, v = j.Cursor().First()
		}
		w := bytes.Replace(v, []byte("Dossier cr"), []byte("Dossier Cr"), 1)
		if bytes.Equal(v, w) {
			t.Fatalf("first event: %s", v)
		}
		return j.Put(bytes.Clone(k), w)
	})
	newer := copyOf("recente.segur")
	editBolt(t, newer, func(tx *bbolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	// The copy must differ from the dossier for a damage to matter.
	os.WriteFile(proof, []byte("autre preuve\n"), 0o600)
	if _, stderr, code := runCLI(t, dir, "attach", path, "--req", "INS.02", proof); code != 0 {
		t.Fatal(stderr)
	}
	junk := filepath.Join(dir, "junk.segur")
	os.WriteFile(junk, []byte(strings.Repeat("pas un dossier ", 400)), 0o600)

	cases := []struct {
		name  string
		args  []string
		code  int
		want  string
		other string // the copy, checked unchanged
	}{
		{"another dossier", []string{"merge", path, other, "--apply"}, 1, "autre dossier", other},
		{"the dossier itself", []string{"merge", path, path, "--apply"}, 1, "lui-même", ""},
		{"itself through a hard link", []string{"merge", path, link}, 1, "lui-même", ""},
		{"a truncated copy", []string{"merge", path, truncated, "--apply"}, 1, "endommagé", truncated},
		{"a copy with an altered chunk", []string{"merge", path, altered, "--apply", "--prefer", "mine"}, 1, "endommagée ou tronquée", altered},
		{"a copy whose journal was altered", []string{"merge", path, tampered, "--apply", "--prefer", "theirs"}, 1, "journal de la copie", tampered},
		{"a newer-schema copy", []string{"merge", path, newer, "--apply"}, 1, "version plus récente", newer},
		{"not a dossier", []string{"merge", path, junk, "--apply"}, 1, "n'est pas un dossier Ségur", junk},
		{"a missing copy", []string{"merge", path, filepath.Join(dir, "absent.segur")}, 1, "introuvable", ""},
		{"a bad --prefer", []string{"merge", path, altered, "--prefer", "lui"}, 2, "theirs", ""},
		{"a working copy of an unknown section", []string{"new", filepath.Join(dir, "x.segur"), "--from", path, "--sections", "ZZZ"}, 1, "section", ""},
		{"a working copy over a file", []string{"new", other, "--from", path}, 1, "existe déjà", other},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			was, _ := os.ReadFile(path)
			var otherWas []byte
			if tc.other != "" {
				otherWas, _ = os.ReadFile(tc.other)
			}
			out, stderr, code := runCLI(t, dir, tc.args...)
			if now, _ := os.ReadFile(path); !bytes.Equal(was, now) {
				t.Error("the refused merge changed the dossier")
			}
			if tc.other != "" {
				if now, _ := os.ReadFile(tc.other); !bytes.Equal(otherWas, now) {
					t.Error("the refused merge changed the copy")
				}
			}
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.want)
			}
			checkSentence(t, stderr, code)
			if out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.segur")); err == nil {
		t.Error("a refused working copy was created")
	}
}

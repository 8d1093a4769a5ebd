package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

const benchContent = 64 << 20

// benchData is 64 MiB of random bytes; each iteration changes its first
// bytes so that no ingest is deduplicated.
func benchData(b *testing.B) []byte {
	b.Helper()
	data := make([]byte, benchContent)
	if _, err := io.ReadFull(randomStream(5, benchContent), data); err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkAddEvidence measures ingest throughput: hash, chunk and commit
// 64 MiB into a dossier (fsync included), from memory.
func BenchmarkAddEvidence(b *testing.B) {
	data := benchData(b)
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	st, err := Opener{}.Create(filepath.Join(b.TempDir(), "b.segur"), newInfo(), cat, dossier.Event{Kind: dossier.EventCreated})
	if err != nil {
		b.Fatal(err)
	}
	s := st.(*Store)
	defer s.Close()
	b.SetBytes(benchContent)
	for i := 0; b.Loop(); i++ {
		binary.BigEndian.PutUint64(data, uint64(i))
		if _, err := s.AddEvidence(context.Background(), bytes.NewReader(data), dossier.Evidence{ReqID: "RIS.INS.01", Name: "b"}, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineHashWriteSync is the same work without the store:
// SHA-256 of the content, written to a file, fsync.
func BenchmarkBaselineHashWriteSync(b *testing.B) {
	data := benchData(b)
	dir := b.TempDir()
	b.SetBytes(benchContent)
	for i := 0; b.Loop(); i++ {
		binary.BigEndian.PutUint64(data, uint64(i))
		sha256.Sum256(data)
		f, err := os.Create(filepath.Join(dir, "copy"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkAttachSmallFiles attaches 2,000 files of 16 KiB in one call
// (files on disk, the service's checks included), into a new dossier.
func BenchmarkAttachSmallFiles(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	for i := range 2000 {
		p := filepath.Join(dir, fmt.Sprintf("log-%04d.txt", i))
		data := make([]byte, 16<<10)
		io.ReadFull(randomStream(uint64(i), int64(len(data))), data)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		svc, err := dossier.Create(Opener{}, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.segur", i)), newInfo(), cat)
		if err != nil {
			b.Fatal(err)
		}
		res, err := svc.AttachFiles(context.Background(), "RIS.INS.01", paths, dossier.AttachOptions{}, nil)
		if err != nil || res[len(res)-1].Err != nil {
			b.Fatal(err, res[len(res)-1].Err)
		}
		svc.Close()
	}
	b.ReportMetric(float64(len(paths))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

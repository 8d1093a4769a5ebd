package storage

import (
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The floor of attaching a file is, among others, one SHA-256 pass as
// fast as openssl's. These two benchmarks hash the same 64 MiB, Go's
// crypto/sha256 in 1 MiB chunks (as an ingest does) and `openssl dgst
// -sha256` on a file holding them (page cache; its process start is
// included, about 2 ms), so that their MB/s compare in one run:
//
//	go test -tags ci -run '^$' -bench 'SHA256' ./storage

// BenchmarkSHA256Go hashes 64 MiB with crypto/sha256, chunk by chunk.
func BenchmarkSHA256Go(b *testing.B) {
	data := benchData(b)
	b.SetBytes(benchContent)
	for b.Loop() {
		h := sha256.New()
		for off := 0; off < len(data); off += chunkSize {
			chunk := data[off:min(off+chunkSize, len(data))]
			h.Write(chunk)
		}
		h.Sum(nil)
	}
}

// BenchmarkSHA256OpenSSL hashes the same 64 MiB with `openssl dgst
// -sha256`, from the page cache.
func BenchmarkSHA256OpenSSL(b *testing.B) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		b.Skip("openssl absent")
	}
	path := filepath.Join(b.TempDir(), "data")
	if err := os.WriteFile(path, benchData(b), 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchContent)
	for b.Loop() {
		if out, err := exec.Command(openssl, "dgst", "-sha256", path).CombinedOutput(); err != nil {
			b.Fatal(err, string(out))
		}
	}
}

package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// bbolt's on-disk layout, as far as precheck reads it (bbolt's
// internal/common: page.go and meta.go). Integers are in the machine's
// byte order; every platform we build for is little-endian.
const (
	pageHeaderSize = 16         // page id, flags, count, overflow
	metaSize       = 64         // magic … txid, then the checksum
	metaSumOffset  = 56         // the checksum covers the bytes before it
	boltMagic      = 0xED0CDAED // first field of a meta page
	boltVersion    = 2
	noFreelist     = ^uint64(0) // freelist not synced
	metaPageFlag   = 0x04
)

// meta is what precheck needs of a bbolt meta page.
type meta struct {
	pageSize             uint32
	root, freelist, pgid uint64 // pgid: the high-water mark, in pages
	txid                 uint64
}

// precheck refuses what bbolt would otherwise misread or crash on, before
// anything is mapped: a missing file, a folder, an empty file (bbolt would
// initialise it), a file without the bbolt magic number, and a damaged
// one — no valid meta page, or shorter than the pages its meta page says
// are in use (bbolt maps them all, and reading one past the end of the
// file is a fatal fault, not an error). The file is only read.
func precheck(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fsError(path, err, false)
	}
	if fi.IsDir() {
		return dossier.E(dossier.FaultNotDossier, path, errors.New("a folder"))
	}
	f, err := os.Open(path)
	if err != nil {
		return fsError(path, err, false)
	}
	defer f.Close()
	head := make([]byte, pageHeaderSize+4)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0:
		return dossier.E(dossier.FaultNotDossier, path, errors.New("empty file"))
	case err != nil && bytes.Equal(head[:n], fileStart()[:n]):
		// The start of a bbolt file, cut short.
		return damaged(path, fmt.Errorf("truncated to %d bytes", n))
	case err != nil || binary.LittleEndian.Uint32(head[pageHeaderSize:]) != boltMagic:
		return dossier.E(dossier.FaultNotDossier, path, errors.New("no bbolt magic"))
	}
	m, err := currentMeta(f, fi.Size())
	if err != nil {
		return damaged(path, err)
	}
	if need := int64(m.pgid) * int64(m.pageSize); need > fi.Size() {
		return damaged(path, fmt.Errorf("truncated: %d bytes, the pages in use need %d", fi.Size(), need))
	}
	return nil
}

// damaged is the error for a dossier file that fails its checks.
func damaged(path string, cause error) error {
	return dossier.E(dossier.FaultDamaged, path, cause)
}

// fileStart is the first bytes of every bbolt file: page 0, a meta page,
// then the magic number.
func fileStart() []byte {
	b := make([]byte, pageHeaderSize+4)
	binary.LittleEndian.PutUint16(b[8:], metaPageFlag)
	binary.LittleEndian.PutUint32(b[pageHeaderSize:], boltMagic)
	return b
}

// currentMeta reads both meta pages and returns the one bbolt would use:
// the valid one with the highest transaction ID.
func currentMeta(f *os.File, size int64) (meta, error) {
	m0, err0 := readMeta(f, 0)
	pageSize := int64(os.Getpagesize())
	if err0 == nil {
		pageSize = int64(m0.pageSize)
	}
	m1, err1 := readMeta(f, pageSize)
	switch {
	case err0 != nil && err1 != nil:
		return meta{}, fmt.Errorf("no valid meta page: %w; %w", err0, err1)
	case err0 != nil:
		return m1, nil
	case err1 != nil || m0.txid >= m1.txid:
		return m0, nil
	}
	return m1, nil
}

// readMeta reads and checks the meta page at off.
func readMeta(f *os.File, off int64) (meta, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(buf, off); err != nil {
		return meta{}, fmt.Errorf("meta page at %d: %w", off, err)
	}
	b := buf[pageHeaderSize:]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[:metaSumOffset])
	m := meta{pageSize: le.Uint32(b[8:]), root: le.Uint64(b[16:]), freelist: le.Uint64(b[32:]), pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	switch {
	case le.Uint32(b) != boltMagic || le.Uint32(b[4:]) != boltVersion:
		return meta{}, fmt.Errorf("meta page at %d: bad magic or version", off)
	case h.Sum64() != le.Uint64(b[metaSumOffset:]):
		return meta{}, fmt.Errorf("meta page at %d: bad checksum", off)
	case m.pageSize < 512 || m.pageSize > 1<<24 || m.pageSize&(m.pageSize-1) != 0:
		return meta{}, fmt.Errorf("meta page at %d: page size %d", off, m.pageSize)
	case m.pgid < 4 || m.root >= m.pgid || (m.freelist >= m.pgid && m.freelist != noFreelist):
		return meta{}, errors.New("meta page points past its high-water mark")
	}
	return m, nil
}

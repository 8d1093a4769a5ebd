package export

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"sort"
)

// Stray is a run of bytes of a package that belongs to no entry: data
// before the first entry, between two entries or after the archive, or a
// ZIP comment. A package we write has none; Go's ZIP reader skips them
// silently, so Verify accounts for every byte itself.
type Stray struct {
	// Where is "start", "between", "comment" or "end".
	Where  string `json:"where"`
	Offset int64  `json:"offset"`
	Size   int64  `json:"size"`
}

// Label says, in French, where the stray bytes are.
func (s Stray) Label() string {
	switch s.Where {
	case "start":
		return "avant la première entrée"
	case "comment":
		return "commentaire de l'archive"
	case "between":
		return "entre deux entrées"
	}
	return "après la fin de l'archive"
}

// ZIP record signatures and lengths (PKWARE APPNOTE, section 4.3).
var (
	sigLocal    = []byte("PK\x03\x04")
	sigEnd      = []byte("PK\x05\x06")
	sigEnd64Loc = []byte("PK\x06\x07")
	sigDescr    = []byte("PK\x07\x08")
)

const (
	localHeaderLen = 30
	endLen         = 22
	end64LocLen    = 20
	maxHeaderTail  = 2 * 0xFFFF // name and extra field of a local header
)

// strays accounts for every byte of the archive r (size bytes), read as
// zr: each entry's local header, data and data descriptor in turn from
// the start of the file, then the central directory, its end records and
// nothing after. It returns the bytes left over.
func strays(r io.ReaderAt, size int64, zr *zip.Reader) []Stray {
	var out []Stray
	endAt, ok := findEnd(r, size)
	if !ok {
		return []Stray{{Where: "end", Offset: size}}
	}
	if rest := endAt + endLen + int64(len(zr.Comment)); rest < size {
		out = append(out, Stray{Where: "end", Offset: rest, Size: size - rest})
	}
	if zr.Comment != "" {
		out = append(out, Stray{Where: "comment", Offset: endAt + endLen, Size: int64(len(zr.Comment))})
	}
	dirStart, ok := directoryStart(r, endAt)
	if !ok {
		return append(out, Stray{Where: "end", Offset: endAt})
	}
	files := append([]*zip.File(nil), zr.File...)
	offs := map[*zip.File]int64{}
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return append(out, Stray{Where: "between"})
		}
		offs[f] = off
	}
	sort.Slice(files, func(i, j int) bool { return offs[files[i]] < offs[files[j]] })
	pos := int64(0)
	for i, f := range files {
		hdr := headerOf(r, pos, offs[f])
		if hdr != pos {
			where := "between"
			if i == 0 {
				where = "start"
			}
			out = append(out, Stray{Where: where, Offset: pos, Size: hdr - pos})
		}
		pos = offs[f] + int64(f.CompressedSize64)
		pos += descriptorLen(r, pos, f)
	}
	if pos != dirStart {
		where := "between"
		if len(files) == 0 {
			where = "start"
		}
		out = append(out, Stray{Where: where, Offset: pos, Size: dirStart - pos})
	}
	return out
}

// headerOf finds the local header whose data starts at data: at pos when
// the entries follow each other, else somewhere before data.
func headerOf(r io.ReaderAt, pos, data int64) int64 {
	if localDataAt(r, pos) == data {
		return pos
	}
	from := max(pos, data-localHeaderLen-maxHeaderTail)
	buf := make([]byte, data-from)
	if _, err := r.ReadAt(buf, from); err != nil {
		return pos
	}
	for i := bytes.LastIndex(buf, sigLocal); i >= 0; i = bytes.LastIndex(buf[:i], sigLocal) {
		if localDataAt(r, from+int64(i)) == data {
			return from + int64(i)
		}
	}
	return pos
}

// localDataAt reads a local header at pos and returns where its data
// starts, or -1.
func localDataAt(r io.ReaderAt, pos int64) int64 {
	h := make([]byte, localHeaderLen)
	if _, err := r.ReadAt(h, pos); err != nil || !bytes.Equal(h[:4], sigLocal) {
		return -1
	}
	return pos + localHeaderLen + int64(binary.LittleEndian.Uint16(h[26:])) + int64(binary.LittleEndian.Uint16(h[28:]))
}

// descriptorLen is the length of f's data descriptor at pos (none when
// its flags say so); the signature is optional, the sizes are 8 bytes
// each for a ZIP64 entry.
func descriptorLen(r io.ReaderAt, pos int64, f *zip.File) int64 {
	if f.Flags&0x8 == 0 {
		return 0
	}
	n := int64(12)
	if f.CompressedSize64 >= 0xFFFFFFFF || f.UncompressedSize64 >= 0xFFFFFFFF {
		n = 20
	}
	sig := make([]byte, 4)
	if _, err := r.ReadAt(sig, pos); err == nil && bytes.Equal(sig, sigDescr) {
		n += 4
	}
	return n
}

// findEnd finds the end-of-central-directory record the way ZIP readers
// do: the last one, in the final 64 KiB, whose comment fits in the file.
func findEnd(r io.ReaderAt, size int64) (int64, bool) {
	from := max(0, size-endLen-0xFFFF)
	buf := make([]byte, size-from)
	if _, err := r.ReadAt(buf, from); err != nil {
		return 0, false
	}
	for i := bytes.LastIndex(buf, sigEnd); i >= 0; i = bytes.LastIndex(buf[:i], sigEnd) {
		if i+endLen <= len(buf) && i+endLen+int(binary.LittleEndian.Uint16(buf[i+20:])) <= len(buf) {
			return from + int64(i), true
		}
	}
	return 0, false
}

// directoryStart returns where the central directory begins in the file:
// it ends where the ZIP64 end record or the end record begins.
func directoryStart(r io.ReaderAt, endAt int64) (int64, bool) {
	rec := make([]byte, endLen)
	if _, err := r.ReadAt(rec, endAt); err != nil {
		return 0, false
	}
	dirSize := int64(binary.LittleEndian.Uint32(rec[12:]))
	dirEnd := endAt
	loc := make([]byte, end64LocLen)
	if endAt >= end64LocLen {
		if _, err := r.ReadAt(loc, endAt-end64LocLen); err == nil && bytes.Equal(loc[:4], sigEnd64Loc) {
			// ZIP64: the record before the locator holds the real figures.
			rec64 := make([]byte, 56)
			recAt := endAt - end64LocLen - 56
			if recAt < 0 {
				return 0, false
			}
			if _, err := r.ReadAt(rec64, recAt); err != nil {
				return 0, false
			}
			dirSize = int64(binary.LittleEndian.Uint64(rec64[40:]))
			dirEnd = recAt
		}
	}
	if dirSize > dirEnd {
		return 0, false
	}
	return dirEnd - dirSize, true
}

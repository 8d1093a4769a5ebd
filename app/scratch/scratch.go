// Package scratch makes the application's temporary files and removes the
// ones that dead processes left behind (an export or a compaction killed
// midway, a disk that filled up). A temporary file is in use while a live
// process holds it open: on Unix that process holds an exclusive flock on
// it (bbolt does so for the files it opens, Create for the others); on
// Windows the open handle itself forbids deleting it. Sweep removes only
// the files no one holds, so it never touches the work of a live process.
package scratch

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Suffixes ending the names of our temporary files: an export or an
// extraction being written (".name.*.partiel"), a compaction's copy
// ("d.segur.compactage"), a dossier being created ("n.segur.creation-PID").
const (
	PartSuffix    = ".partiel"
	CompactSuffix = ".compactage"
	createInfix   = ".creation-"
)

// CreatingName is the temporary name under which the dossier at path is
// built by this process.
func CreatingName(path string) string {
	return fmt.Sprintf("%s%s%d", path, createInfix, os.Getpid())
}

// IndexSuffix ends the name of the frame index that the Motion-JPEG
// writer (github.com/icza/mjpeg) keeps beside a recording being written:
// ".name.*.partiel.idx_". It is swept with the recording.
const IndexSuffix = ".idx_"

var (
	partName     = regexp.MustCompile(`^\..+\.[0-9]+\` + PartSuffix + `(\` + IndexSuffix + `)?$`)
	creatingName = regexp.MustCompile(`.\` + createInfix + `[0-9]+$`)
)

// ours tells whether a file name is one of our temporary files, and
// whether it is a dossier file (compaction copy, dossier being created).
func ours(name string) (ok, dossierFile bool) {
	switch {
	case partName.MatchString(name):
		return true, false
	case len(name) > len(CompactSuffix) && strings.HasSuffix(name, CompactSuffix), creatingName.MatchString(name):
		return true, true
	}
	return false, false
}

// boltFile tells whether path starts like a bbolt file (a dossier): its
// first page is a meta page holding bbolt's magic number.
func boltFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 20)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return binary.LittleEndian.Uint32(head[16:]) == 0xED0CDAED
}

// Create makes a new temporary file in dir named "."+base+".*"+PartSuffix,
// held (locked) for as long as it stays open, so that Sweep leaves it
// alone.
func Create(dir, base string) (*os.File, error) {
	for range 3 {
		f, err := os.CreateTemp(dir, "."+base+".*"+PartSuffix)
		if err != nil {
			return nil, err
		}
		if err := hold(f); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		// A sweep may have removed the file between its creation and
		// the lock: then make another.
		if Still(f.Name(), f) {
			return f, nil
		}
		f.Close()
	}
	return nil, errors.New("scratch: temporary file removed as soon as created")
}

// Hold opens the existing file path and holds it as Create's files are
// held (a file a library created beside one of ours), so that Sweep leaves
// it alone while it stays open.
func Hold(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := hold(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Still tells whether path still names the open file f (a sweep removes a
// file only when no one holds it, which f's opener may not yet have done).
func Still(path string, f *os.File) bool {
	a, err1 := os.Stat(path)
	b, err2 := f.Stat()
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// Sweep removes from dir our temporary files that no live process holds,
// and returns how many it removed. Errors (a folder that cannot be read, a
// file that cannot be removed) are skipped: sweeping is a courtesy.
func Sweep(dir string) int {
	d, err := os.Open(dir)
	if err != nil {
		return 0
	}
	// Names only, unsorted: a folder of thousands of files costs little.
	names, _ := d.Readdirnames(-1)
	d.Close()
	n := 0
	for _, name := range names {
		ok, dossierFile := ours(name)
		if !ok {
			continue
		}
		path := filepath.Join(dir, name)
		if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		// A name alone could be the user's: a dossier copy must also
		// look like one.
		if dossierFile && !boltFile(path) {
			continue
		}
		if removeUnheld(path) {
			n++
		}
	}
	return n
}

package dossiertest

import (
	"sync"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// MemOpener is an in-memory dossier.Opener. Files survive Close; like the
// real storage, a file open for writing cannot be opened again (ErrLocked),
// and read-only opens share it with each other but not with a writer.
type MemOpener struct {
	mu    sync.Mutex
	files map[string]*file
}

// NewMemOpener has no files.
func NewMemOpener() *MemOpener {
	return &MemOpener{files: map[string]*file{}}
}

// Create implements dossier.Opener.
func (o *MemOpener) Create(path string, info dossier.Info, cat *dossier.Catalogue, first dossier.Event) (dossier.Store, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, ok := o.files[path]; ok {
		return nil, dossier.E(dossier.FaultExists, path, nil)
	}
	f := newFile(info, cat)
	(&memTx{d: &f.d, now: info.CreatedAt}).Record(first)
	o.files[path] = f
	return &MemStore{f: f, o: o, path: path}, nil
}

// Open implements dossier.Opener.
func (o *MemOpener) Open(path string) (dossier.Store, error) { return o.open(path, false) }

// OpenReadOnly implements dossier.Opener.
func (o *MemOpener) OpenReadOnly(path string) (dossier.Store, error) { return o.open(path, true) }

func (o *MemOpener) open(path string, readOnly bool) (dossier.Store, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f, ok := o.files[path]
	if !ok {
		return nil, dossier.E(dossier.FaultNotDossier, path, nil)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.writers > 0 || (!readOnly && f.readers > 0) {
		return nil, dossier.E(dossier.FaultLocked, path, nil)
	}
	if readOnly {
		f.readers++
	} else {
		f.writers++
	}
	return &MemStore{f: f, o: o, path: path, readOnly: readOnly}, nil
}

// Exists tells whether a dossier was created at path.
func (o *MemOpener) Exists(path string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.files[path]
	return ok
}

// Compactions counts the Compact calls on the dossier at path.
func (o *MemOpener) Compactions(path string) int {
	o.mu.Lock()
	f := o.files[path]
	o.mu.Unlock()
	if f == nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.compact
}

// StoreOpener opens the store it holds, whatever the path: a second
// service on a store already open, as another window of the application
// has. Create returns it too.
type StoreOpener struct{ Store dossier.Store }

// Create implements dossier.Opener.
func (o StoreOpener) Create(string, dossier.Info, *dossier.Catalogue, dossier.Event) (dossier.Store, error) {
	return o.Store, nil
}

// Open implements dossier.Opener.
func (o StoreOpener) Open(string) (dossier.Store, error) { return o.Store, nil }

// OpenReadOnly implements dossier.Opener.
func (o StoreOpener) OpenReadOnly(string) (dossier.Store, error) { return o.Store, nil }

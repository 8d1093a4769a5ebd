package dossier

// Store persists one open dossier. Every method that writes is one
// transaction, committed before it returns: there is no "save" step.
type Store interface {
	// Path is the dossier file.
	Path() string
	Info() (Info, error)
	SaveInfo(Info) error
	// Catalogue is the catalogue the dossier currently uses.
	Catalogue() (*Catalogue, error)
	// States holds the recorded state of requirements, by requirement ID.
	States() (map[string]ReqState, error)
	SaveState(ReqState) error
	// EvidenceCounts is the number of evidence items per requirement ID.
	EvidenceCounts() (map[string]int, error)
	EvidenceStore
	Close() error
}

// Opener creates and opens dossier files.
type Opener interface {
	// Create makes a new dossier file; it refuses an existing path.
	Create(path string, info Info, cat *Catalogue) (Store, error)
	// Open opens an existing dossier; ErrLocked when another instance
	// holds it, ErrNotDossier or ErrNewerVersion when it cannot be read.
	Open(path string) (Store, error)
}

package cli

import (
	"io"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// MigrationProgress is the progress line, on a terminal w, of the
// conversion of a dossier written by an older version (which runs when it
// is opened): main hands it to the storage opener.
func MigrationProgress(w io.Writer) dossier.Progress {
	bar := newProgressLine(w, "Conversion du dossier au format de cette version")
	return func(done, total int64) {
		bar.report(done, total)
		if done == total {
			bar.end()
		}
	}
}

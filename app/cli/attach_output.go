package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// listedNames is how many file names a grouped failure line shows.
const listedNames = 10

// printNotAdded lists the files an attach did not add, one line per
// reason: a cancellation or a full disk that stopped a thousand files is
// one line naming the first few, not a thousand lines.
func printNotAdded(w io.Writer, failed []dossier.AttachResult) {
	var reasons []string
	names := map[string][]string{}
	first := map[string]error{}
	for _, r := range failed {
		text := fr.Error(r.Err)
		if _, ok := names[text]; !ok {
			reasons = append(reasons, text)
			first[text] = r.Err
		}
		names[text] = append(names[text], filepath.Base(r.Path))
	}
	for _, text := range reasons {
		files := names[text]
		switch {
		case len(files) == 1: // the sentence names the file
			fmt.Fprintf(w, "erreur : %s\n", text)
		default:
			shown := files[:min(len(files), listedNames)]
			more := ""
			if len(files) > len(shown) {
				more = fmt.Sprintf(" et %s", fr.Plural(len(files)-len(shown), "autre", "autres"))
			}
			fmt.Fprintf(w, "erreur : %s non ajoutés : %s%s — %s\n", fr.Plural(len(files), "fichier", "fichiers"), strings.Join(shown, ", "), more, text)
		}
	}
}

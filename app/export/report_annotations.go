package export

import (
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// annotations lists, under a requirement's thumbnails, the marks drawn
// into its annotated captures ("Étape 1 : champ INS"), so that a reader
// of the report knows what each capture points at.
func (r *reportWriter) annotations(entries []*entry) {
	for _, e := range entries {
		if len(e.ev.Annotations) == 0 {
			continue
		}
		name := e.path[strings.LastIndexByte(e.path, '/')+1:]
		r.line("", 8, name+" — "+strings.Join(dossier.DescribeAll(e.ev.Annotations), " · "))
	}
}

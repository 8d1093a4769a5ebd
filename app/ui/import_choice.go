package ui

import (
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

// A workbook that holds several REMs, or whose headings are not
// recognised, is not a dead end: the user chooses the REM, or says which
// column holds what (remembered for that layout), and the file is read
// again with that choice.

// remChoice is an open choice dialog (for tests).
type remChoice struct {
	dialog    dialog.Dialog
	perimeter *widget.RadioGroup
	columns   map[string]*widget.Select
	confirm   func()
}

// askPerimeter asks which REM of the workbook to import.
func askPerimeter(win fyne.Window, r rem.Report, onChoose func(code string)) *remChoice {
	codes := slices.Sorted(maps.Keys(r.Perimetres))
	labels := make([]string, len(codes))
	byLabel := map[string]string{}
	for i, c := range codes {
		labels[i] = fmt.Sprintf("%s — %s", c, fr.Plural(r.Perimetres[c], "exigence", "exigences"))
		byLabel[labels[i]] = c
	}
	ch := &remChoice{perimeter: widget.NewRadioGroup(labels, nil)}
	ch.perimeter.Required = true
	intro := wrapped(fmt.Sprintf("%s contient %d REM (feuille %s). Choisissez celui à importer : les autres sont ignorés.",
		fr.Quote(r.Source), len(codes), fr.Quote(r.Sheet)))
	ch.confirm = func() {
		if code, ok := byLabel[ch.perimeter.Selected]; ok {
			onChoose(code)
		}
	}
	ch.dialog = dialog.NewCustomConfirm("Choisir le REM à importer", "Lire ce REM", "Annuler",
		container.NewVBox(intro, ch.perimeter), func(ok bool) {
			if ok {
				ch.confirm()
			}
		}, win)
	ch.dialog.Resize(fyne.NewSize(560, 0))
	ch.dialog.Show()
	return ch
}

// noColumn is the choice "this role is not in the file".
const noColumn = "(aucune)"

// askColumns asks which column holds the ID, the statement and the other
// roles, starting from the mapping remembered for these headings.
func askColumns(win fyne.Window, prefs fyne.Preferences, r rem.Report, onMap func(rem.Columns)) *remChoice {
	options := append([]string{noColumn}, r.Headings...)
	key := columnsKey(r.Headings)
	remembered, err := rem.ParseColumns(prefs.String(key))
	if err != nil {
		remembered = rem.SuggestColumns(r.Headings)
	}
	ch := &remChoice{columns: map[string]*widget.Select{}}
	form := widget.NewForm()
	for _, role := range rem.ColumnRoles {
		sel := widget.NewSelect(options, nil)
		sel.SetSelected(noColumn)
		if i, ok := remembered[role.Key]; ok {
			for _, h := range r.Headings {
				if strings.HasPrefix(h, rem.ColumnName(i)+" : ") {
					sel.SetSelected(h)
				}
			}
		}
		ch.columns[role.Key] = sel
		form.Append(role.Label, sel)
	}
	status := wrapped("")
	status.Importance = widget.DangerImportance
	ch.confirm = func() {
		var parts []string
		for _, role := range rem.ColumnRoles {
			if h := ch.columns[role.Key].Selected; h != noColumn && h != "" {
				letter, _, _ := strings.Cut(h, " : ")
				parts = append(parts, role.Key+"="+letter)
			}
		}
		cols, err := rem.ParseColumns(strings.Join(parts, ","))
		if err != nil {
			status.SetText("Indiquez au moins la colonne de l'identifiant et celle de l'énoncé.")
			return
		}
		prefs.SetString(key, cols.String())
		ch.dialog.Hide()
		onMap(cols)
	}
	intro := wrapped(fmt.Sprintf("Les en-têtes de %s ne sont pas ceux d'un REM connu. Indiquez quelle colonne contient quoi "+
		"(l'identifiant et l'énoncé sont nécessaires) ; ce choix est retenu pour les fichiers de même présentation.", fr.Quote(r.Source)))
	read := widget.NewButton("Lire avec ces colonnes", func() { ch.confirm() })
	read.Importance = widget.HighImportance
	cancel := widget.NewButton("Annuler", func() { ch.dialog.Hide() })
	content := container.NewBorder(intro, container.NewVBox(status, container.NewHBox(cancel, read)), nil, nil, container.NewVScroll(form))
	ch.dialog = dialog.NewCustomWithoutButtons("Indiquer les colonnes du REM", content, win)
	s := win.Canvas().Size()
	ch.dialog.Resize(fyne.NewSize(min(s.Width*0.8, 760), s.Height*0.8))
	ch.dialog.Show()
	return ch
}

// columnsKey is the preference key of a layout: its headings.
func columnsKey(headings []string) string {
	h := fnv.New64a()
	for _, s := range headings {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("rem.columns.%x", h.Sum64())
}

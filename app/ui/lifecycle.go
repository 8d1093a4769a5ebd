package ui

import (
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/export"
	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/ui/widgets"
)

// lifecycleView is the "Dépôts et demandes ANS" panel: the deposit rounds,
// the ANS requests (open ones with their countdown, closable), and the
// college's decision; each action is one dossier write.
type lifecycleView struct {
	win fyne.Window
	svc *dossier.Service
	bg  background
	// onChanged refreshes the main window after a write.
	onChanged func()

	summary  *widget.Label
	deposits *fyne.Container
	requests *fyne.Container
	dialog   dialog.Dialog
}

func newLifecycleView(win fyne.Window, svc *dossier.Service, bg background, onChanged func()) *lifecycleView {
	v := &lifecycleView{win: win, svc: svc, bg: bg, onChanged: onChanged}
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.deposits = container.NewVBox()
	v.requests = container.NewVBox()
	buttons := container.NewHBox(
		widget.NewButton("Enregistrer un dépôt…", v.onDeposit),
		widget.NewButton("Nouvelle demande de l'ANS…", v.onRequest),
		widget.NewButton("Décision du collège…", v.onDecision),
	)
	body := container.NewVBox(v.summary, buttons, widget.NewSeparator(),
		bold("Dépôts"), v.deposits, widget.NewSeparator(), bold("Demandes de l'ANS"), v.requests)
	v.dialog = dialog.NewCustom("Dépôts et demandes de l'ANS", "Fermer", container.NewVScroll(body), win)
	v.dialog.Resize(fyne.NewSize(980, 640))
	v.reload()
	return v
}

func (v *lifecycleView) show() { v.dialog.Show() }

// reload fills the panel from the dossier.
func (v *lifecycleView) reload() {
	c, err := v.svc.Tracking()
	if err != nil {
		log.Printf("tracking %s: %v", v.svc.Path(), err)
	}
	ds, err := v.svc.DecisionState()
	if err != nil {
		log.Printf("decision %s: %v", v.svc.Path(), err)
	}
	v.summary.SetText(lifeSummary(c, ds))
	v.deposits.RemoveAll()
	deps, err := v.svc.Deposits()
	if err != nil {
		log.Printf("deposits %s: %v", v.svc.Path(), err)
	}
	if len(deps) == 0 {
		v.deposits.Add(widget.NewLabel("Aucun dépôt enregistré : après le dépôt d'un paquet sur la plateforme, enregistrez-le ici."))
	}
	for _, d := range deps {
		kind := "complet"
		if d.Delta {
			kind = "complémentaire"
		}
		v.deposits.Add(widget.NewLabel(fmt.Sprintf("N° %d · %s · paquet %s %s · %d exigence(s) %s", d.Round, dossier.FrenchDayOf(d.Date), kind, d.Package, len(d.Files), d.Note)))
	}
	v.requests.RemoveAll()
	reqs, err := v.svc.Requests()
	if err != nil {
		log.Printf("requests %s: %v", v.svc.Path(), err)
	}
	if len(reqs) == 0 {
		v.requests.Add(widget.NewLabel("Aucune demande enregistrée."))
	}
	for _, r := range reqs {
		v.requests.Add(v.requestRow(r))
	}
}

// requestRow is one request: its countdown (red when overdue) and, while
// open, a "Clore" button.
func (v *lifecycleView) requestRow(r dossier.Request) fyne.CanvasObject {
	days := r.DaysLeft(v.svc.Now())
	state := dossier.Countdown(days)
	if r.Closed {
		state = "close"
	}
	l := widget.NewLabel(fmt.Sprintf("N° %d · %s · %s · échéance le %s (%s) · %s", r.N, r.Kind.Label(), strings.Join(r.Reqs, ", "), dossier.FrenchDayOf(r.Due), state, r.Text))
	l.Wrapping = fyne.TextWrapWord
	if !r.Closed && days < 0 {
		l.Importance = widget.DangerImportance
	}
	if r.Closed {
		l.Importance = widget.LowImportance
		return l
	}
	n := r.N
	return container.NewBorder(nil, nil, nil, widget.NewButton("Clore", func() { v.closeRequest(n) }), l)
}

func (v *lifecycleView) changed() {
	v.reload()
	if v.onChanged != nil {
		v.onChanged()
	}
}

func (v *lifecycleView) closeRequest(n int) {
	if _, err := v.svc.CloseRequest(n, ""); err != nil {
		showError(v.win, "Demande non close", err)
		return
	}
	v.changed()
}

// onDeposit asks for the package filed and the day; the package is
// verified off the UI goroutine.
func (v *lifecycleView) onDeposit() {
	pkg, date, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	pkg.SetPlaceHolder("chemin du paquet .zip déposé")
	date.SetText(dossier.Today(v.svc.Now()).Format(dossier.DayLayout))
	choose := widget.NewButton("Choisir…", func() {
		widgets.PickFile(v.win, widgets.FileChoice{Title: "Paquet déposé (.zip)", Confirm: "Choisir",
			Folder: filepath.Dir(v.svc.Path()), Exts: []string{zipExt}}, pkg.SetText)
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Paquet", container.NewBorder(nil, nil, nil, choose, pkg)),
		widget.NewFormItem("Déposé le", date), widget.NewFormItem("Note", note),
	}
	d := dialog.NewForm("Enregistrer un dépôt", "Enregistrer", "Annuler", items, func(ok bool) {
		if ok {
			v.recordDeposit(pkg.Text, date.Text, note.Text)
		}
	}, v.win)
	d.Resize(fyne.NewSize(720, 0))
	d.Show()
}

func (v *lifecycleView) recordDeposit(path, date, note string) {
	var err error
	v.bg(func() {
		var fp dossier.FiledPackage
		if fp, err = export.ReadFiled(v.svc.Context(), strings.TrimSpace(path)); err == nil {
			_, err = v.svc.RecordDeposit(fp, date, note)
		}
	}, func() {
		if err != nil {
			showError(v.win, "Dépôt non enregistré", err)
			return
		}
		v.changed()
	})
}

// onRequest records a request of the ANS.
func (v *lifecycleView) onRequest() {
	reqs, text, due := widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewEntry()
	reqs.SetPlaceHolder("INS.01, INS.03")
	due.SetText(dossier.Today(v.svc.Now()).AddDate(0, 0, 14).Format(dossier.DayLayout))
	kinds := []dossier.RequestKind{dossier.Complement, dossier.ReserveNonBloquante, dossier.ReserveBloquante}
	var labels []string
	for _, k := range kinds {
		labels = append(labels, k.Label())
	}
	kind := widget.NewSelect(labels, nil)
	kind.SetSelectedIndex(0)
	items := []*widget.FormItem{
		widget.NewFormItem("Exigences", reqs), widget.NewFormItem("Demande", text),
		widget.NewFormItem("Échéance (AAAA-MM-JJ)", due), widget.NewFormItem("Type", kind),
	}
	d := dialog.NewForm("Nouvelle demande de l'ANS", "Enregistrer", "Annuler", items, func(ok bool) {
		if !ok {
			return
		}
		if _, err := v.svc.AddRequest(strings.Split(reqs.Text, ","), text.Text, due.Text, kinds[kind.SelectedIndex()]); err != nil {
			showError(v.win, "Demande non enregistrée", err)
			return
		}
		v.changed()
	}, v.win)
	d.Resize(fyne.NewSize(720, 0))
	d.Show()
}

// onDecision records the college's decision.
func (v *lifecycleView) onDecision() {
	outcomes := []dossier.Outcome{dossier.SansReserve, dossier.ReservesNonBloquantes, dossier.ReservesBloquantes}
	var labels []string
	for _, o := range outcomes {
		labels = append(labels, o.Label())
	}
	outcome := widget.NewSelect(labels, nil)
	outcome.SetSelectedIndex(1)
	date, deadline, reserves := widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	date.SetText(dossier.Today(v.svc.Now()).Format(dossier.DayLayout))
	deadline.SetPlaceHolder(fmt.Sprintf("par défaut %d semaines après la notification", dossier.ReserveWeeks))
	items := []*widget.FormItem{
		widget.NewFormItem("Décision", outcome), widget.NewFormItem("Notifiée le", date),
		widget.NewFormItem("Corrections avant le", deadline), widget.NewFormItem("Réserves", reserves),
	}
	d := dialog.NewForm("Décision du collège de référencement", "Enregistrer", "Annuler", items, func(ok bool) {
		if !ok {
			return
		}
		if _, err := v.svc.RecordDecision(outcomes[outcome.SelectedIndex()], date.Text, deadline.Text, reserves.Text); err != nil {
			showError(v.win, "Décision non enregistrée", err)
			return
		}
		v.changed()
	}, v.win)
	d.Resize(fyne.NewSize(720, 0))
	d.Show()
}

// lifeSummary is the one-line state of deposits, requests and decision
// (the header and the panel show it).
func lifeSummary(c dossier.TrackingCounts, ds dossier.DecisionState) string {
	var parts []string
	// The most urgent first: the line is cut when the window is narrow.
	if ds.Pending {
		parts = append(parts, fmt.Sprintf("Réserves non bloquantes : corrections à déposer avant le %s (%s)",
			dossier.FrenchDayOf(ds.Decision.Deadline), dossier.Countdown(ds.DaysLeft)))
	} else if line := ds.Line(); line != "" {
		parts = append(parts, line)
	}
	if c.OpenRequests > 0 {
		parts = append(parts, fmt.Sprintf("demandes ANS ouvertes : %d (%d en retard)", c.OpenRequests, c.Overdue))
	}
	switch {
	case c.Rounds > 0:
		parts = append(parts, fmt.Sprintf("%s : %d déposées, %d modifiées depuis, %d jamais déposées",
			fr.Plural(c.Rounds, "dépôt", "dépôts"), c.Deposited, c.Changed, c.Never))
	case len(parts) > 0:
		// Worth saying only beside something else: a new dossier is
		// naturally never filed, and the header keeps its room.
		parts = append(parts, "jamais déposé")
	}
	if c.Referenced > 0 {
		parts = append(parts, fmt.Sprintf("déjà référencées : %d", c.Referenced))
	}
	return strings.Join(parts, " · ")
}

// trackMarker is a row's deposit status and open requests, for the list.
func trackMarker(r dossier.Row) []string {
	t := r.Track
	var parts []string
	switch {
	case t.Referenced:
		parts = append(parts, "déjà référencée")
	case t.Deposit.Status != "" && (t.Deposit.Status != dossier.NeverDeposited || r.Applicable):
		parts = append(parts, t.Deposit.Label())
	}
	for _, o := range t.Open {
		s := fmt.Sprintf("demande n° %d : %s", o.N, dossier.Countdown(o.DaysLeft))
		if o.Answered {
			s += " (preuve modifiée)"
		}
		parts = append(parts, s)
	}
	return parts
}

// onIdentity opens the "Fiche candidature".
func (v *mainView) onIdentity() {
	v.identity = newIdentityView(v.win, v.svc, v.background(), func() {
		v.showInfo()
		v.refresh()
	})
	v.identity.show()
}

// onLifecycle opens the deposits and requests panel.
func (v *mainView) onLifecycle() {
	v.lifecycle = newLifecycleView(v.win, v.svc, v.background(), v.refresh)
	v.lifecycle.show()
}

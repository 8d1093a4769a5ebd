package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// historyLimit is how many events a history shows (the most recent): a
// journal of 100,000 events is not held in the window.
const historyLimit = 5000

// historyPanel is a "Historique" tab: the journal of one requirement (the
// detail's tab) or of the whole dossier (the home view's tab), newest
// first, the event chosen in full below, and "Vérifier", which recomputes
// the journal's chain.
//
// It is lazy: the journal is read (off the UI goroutine) only while the
// tab is shown, when it is first shown, when its requirement changes and
// after a change to the dossier; hidden, a change only marks it stale.
// The list is virtualised with rows of one height, so thousands of events
// scroll as fast as ten.
type historyPanel struct {
	svc *dossier.Service
	bg  background
	win fyne.Window

	// reqID is the requirement whose events are shown, "" for all.
	reqID   string
	visible bool
	// stale: the events shown are not reqID's; head is the journal's last
	// hash when they were read (another head: there are new events).
	stale bool
	head  string
	// loads counts the reads started: a read's result is shown only if
	// no later one started meanwhile.
	loads int

	events []dossier.Event // newest first
	total  int
	// limit is how many events are kept (historyLimit).
	limit int

	count    *widget.Label
	list     *widget.List
	selected *widget.Label
	status   *widget.Label
	verify   *widget.Button

	content fyne.CanvasObject
}

func newHistoryPanel(win fyne.Window, svc *dossier.Service, bg background) *historyPanel {
	h := &historyPanel{win: win, svc: svc, bg: bg, stale: true, limit: historyLimit}
	h.count = widget.NewLabel("")
	h.count.Truncation = fyne.TextTruncateEllipsis
	h.count.Importance = widget.LowImportance
	h.list = widget.NewList(func() int { return len(h.events) }, newEventRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(h.events) {
			setEventRow(o, h.events[i])
		}
	})
	h.list.OnSelected = func(i widget.ListItemID) {
		if i < len(h.events) {
			h.selected.SetText(eventDetail(h.events[i]))
		}
	}
	h.selected = wrapped("")
	h.selected.Selectable = true
	h.status = wrapped("")
	h.status.Hide()
	h.verify = widget.NewButton("Vérifier", h.onVerify)
	selected := container.NewVScroll(h.selected)
	selected.SetMinSize(fyne.NewSize(0, 86))
	h.content = container.NewBorder(container.NewBorder(nil, nil, nil, h.verify, h.count),
		container.NewVBox(widget.NewSeparator(), selected, h.status), nil, nil, h.list)
	return h
}

// newEventRow is a row of the list: number, date and operator above the
// summary, each on one line (the whole event shows below when chosen).
func newEventRow() fyne.CanvasObject {
	head := widget.NewLabel("n° 0 · 00/00/0000 00:00 · opérateur")
	head.Importance = widget.LowImportance
	head.SizeName = theme.SizeNameCaptionText
	head.Truncation = fyne.TextTruncateEllipsis
	summary := widget.NewLabel("résumé")
	summary.Truncation = fyne.TextTruncateEllipsis
	return container.New(&tightRows{}, head, summary)
}

func setEventRow(o fyne.CanvasObject, ev dossier.Event) {
	c := o.(*fyne.Container)
	c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("n° %d · %s · %s", ev.Seq, ev.Time.Local().Format("02/01/2006 15:04"), eventOperator(ev)))
	c.Objects[1].(*widget.Label).SetText(ev.Summary)
}

func eventOperator(ev dossier.Event) string {
	if ev.Operator == "" {
		return "application"
	}
	return ev.Operator
}

// eventLine is one event as one text: number, date, operator and summary.
func eventLine(ev dossier.Event) string {
	return fmt.Sprintf("n° %d · %s · %s\n%s", ev.Seq, ev.Time.Local().Format("02/01/2006 15:04:05"), eventOperator(ev), ev.Summary)
}

// eventDetail is the whole event: its line, what changed, the content's
// digest and the event's own hash.
func eventDetail(ev dossier.Event) string {
	lines := []string{eventLine(ev)}
	for _, f := range ev.Fields {
		lines = append(lines, fmt.Sprintf("%s : %s → %s", f.Field, orNone(f.Old), orNone(f.New)))
	}
	if ev.SHA256 != "" {
		lines = append(lines, "SHA-256 du contenu : "+ev.SHA256)
	}
	return strings.Join(append(lines, "Empreinte de l'événement : "+ev.Hash), "\n")
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return shorten(s, 120)
}

// show sets the requirement whose events the panel lists ("" for all);
// another requirement than before is read again when the tab is shown.
func (h *historyPanel) show(reqID string) {
	if reqID == h.reqID && !h.stale {
		return
	}
	if reqID != h.reqID {
		h.reqID, h.events, h.total = reqID, nil, 0
		h.list.UnselectAll()
		h.selected.SetText("")
		h.status.Hide()
		h.list.Refresh()
	}
	h.stale = true
	h.reload()
}

// changed is called after the dossier may have changed: shown, the tab
// is read again if the journal has new events; hidden, when it is shown.
func (h *historyPanel) changed() { h.reload() }

// setVisible tells whether the tab is shown; shown and stale, it is read.
func (h *historyPanel) setVisible(on bool) {
	h.visible = on
	h.reload()
}

// reload reads the journal when the tab is shown and its events are not
// the journal's (another requirement, or new events): the most recent
// events (at most historyLimit) of the requirement or the dossier.
func (h *historyPanel) reload() {
	if !h.visible {
		return
	}
	// The head is one key read: a tab left open costs nothing when the
	// dossier did not change.
	head, err := h.svc.JournalHead()
	if err == nil && !h.stale && head.Hash == h.head {
		return
	}
	if head.Hash != h.head {
		// New events: an earlier verification no longer covers them.
		h.status.Hide()
	}
	h.stale, h.head = false, head.Hash
	h.loads++
	load, reqID, limit := h.loads, h.reqID, h.limit
	if h.total == 0 {
		h.count.SetText("Lecture du journal…")
	}
	var events []dossier.Event
	var total int
	h.bg(func() {
		// A ring of the last limit events: the journal is read once,
		// never held whole.
		ring := make([]dossier.Event, 0, 64)
		err = h.svc.Journal(1, func(ev dossier.Event) error {
			if reqID != "" && !ev.Concerns(reqID) {
				return nil
			}
			if len(ring) < limit {
				ring = append(ring, ev)
			} else {
				ring[total%limit] = ev
			}
			total++
			return nil
		})
		// Newest first.
		events = make([]dossier.Event, len(ring))
		for i := range ring {
			events[i] = ring[(total-1-i)%len(ring)]
		}
	}, func() {
		if load != h.loads {
			return
		}
		if err != nil {
			h.stale = true
			h.count.SetText("Lecture du journal impossible.")
			showError(h.win, "Lecture du journal impossible", err)
			return
		}
		h.set(events, total)
	})
}

// set shows events (newest first) out of total.
func (h *historyPanel) set(events []dossier.Event, total int) {
	h.events, h.total = events, total
	switch {
	case total == 0 && h.reqID != "":
		h.count.SetText("Aucun événement pour " + h.reqID + ".")
	case total == 0:
		h.count.SetText("Aucun événement.")
	case total > len(events):
		h.count.SetText(fmt.Sprintf("%s, les %s plus récents affichés.", fr.Plural(total, "événement", "événements"), fr.Int(len(events))))
	default:
		h.count.SetText(fr.Plural(total, "événement", "événements") + ".")
	}
	h.list.UnselectAll()
	h.selected.SetText("")
	h.list.Refresh()
}

// onVerify recomputes the whole journal's chain off the UI goroutine and
// says the result.
func (h *historyPanel) onVerify() {
	h.verify.Disable()
	h.status.Importance = widget.MediumImportance
	h.status.SetText("Vérification du journal…")
	h.status.Show()
	var n uint64
	var err error
	h.bg(func() { n, _, err = h.svc.VerifyJournal() }, func() {
		h.verify.Enable()
		if err != nil {
			h.status.Importance = widget.DangerImportance
			h.status.SetText(fr.Error(err))
			return
		}
		h.status.Importance = widget.SuccessImportance
		h.status.SetText(fmt.Sprintf("Journal intact : %s, chaîne recalculée depuis l'identifiant du dossier.", fr.Plural(int(n), "événement", "événements")))
	})
}

// tightRows lays its objects one under the other without padding: a
// two-line list row as tall as two labels.
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

// newHistoryTabs is a bar of two tabs: first, a view's own content, then
// its "Historique". It goes in the view's title row, so that it takes no
// height of its own; onSelected tells whether Historique is chosen.
func newHistoryTabs(first string, onSelected func(history bool)) *container.AppTabs {
	tabs := container.NewAppTabs(container.NewTabItem(first, layout.NewSpacer()), container.NewTabItem("Historique", layout.NewSpacer()))
	tabs.OnSelected = func(it *container.TabItem) { onSelected(it == tabs.Items[1]) }
	return tabs
}

// tabsWide is tabs at least as wide as all its tabs side by side: where
// a layout gives it only its minimum width (beside a title), AppTabs
// would fold the second tab into a "…" menu.
func tabsWide(tabs *container.AppTabs) fyne.CanvasObject {
	w := float32(0)
	for _, it := range tabs.Items {
		w += fyne.MeasureText(it.Text, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 4*theme.Padding()
	}
	return fixedWidth(tabs, w+theme.Padding())
}

// newHistories makes the Historique tabs of the detail (the requirement
// shown) and of the home view (the dossier, shown instead of dashboard,
// list and detail, at the window's width).
func (v *mainView) newHistories() {
	v.reqHistory = newHistoryPanel(v.win, v.svc, v.background())
	v.detail.setHistory(v.reqHistory.content, v.reqHistory.setVisible)
	v.detail.onShown = append(v.detail.onShown, func(r dossier.Row) { v.reqHistory.show(r.Req.ID) })
	v.history = newHistoryPanel(v.win, v.svc, v.background())
	v.history.content.Hide()
}

// onHomeTab shows the requirements or the dossier's history.
func (v *mainView) onHomeTab(history bool) {
	if history {
		v.detail.flush()
	}
	if history {
		v.split.Hide()
		v.history.content.Show()
	} else {
		v.history.content.Hide()
		v.split.Show()
	}
	v.history.setVisible(history)
}

// onHistory (Ctrl+H) shows the Historique tab of the requirement shown,
// or of the dossier when none is.
func (v *mainView) onHistory() {
	if v.current != "" && v.detail.shown {
		v.tabs.SelectIndex(0)
		v.detail.tabs.SelectIndex(1)
		return
	}
	v.onDossierHistory()
}

// onDossierHistory (Ctrl+Maj+H) shows the Historique tab of the home
// view: the dossier's events.
func (v *mainView) onDossierHistory() { v.tabs.SelectIndex(1) }

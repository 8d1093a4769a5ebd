package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/fr"
)

// historyLimit is how many events a tab of the history shows (the most
// recent): a journal of 100,000 events is not held in the window.
const historyLimit = 5000

// historyView is the "Historique" dialog: the journal of the requirement
// shown (first tab) and of the whole dossier (second tab), newest first,
// and a button that recomputes the journal's chain.
type historyView struct {
	win    fyne.Window
	svc    *dossier.Service
	bg     background
	tabs   *container.AppTabs
	req    *historyTab
	all    *historyTab
	status *widget.Label
	verify *widget.Button
	dlg    dialog.Dialog
}

// historyTab is one tab's list of events.
type historyTab struct {
	events []dossier.Event // newest first
	total  int
	list   *widget.List
	count  *widget.Label
}

func newHistoryTab() *historyTab {
	t := &historyTab{count: widget.NewLabel("Lecture du journal…")}
	t.count.Importance = widget.LowImportance
	t.list = widget.NewList(func() int { return len(t.events) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(eventLine(t.events[i]))
			t.list.SetItemHeight(i, o.MinSize().Height)
		})
	return t
}

// eventLine is one event as the history shows it.
func eventLine(ev dossier.Event) string {
	who := ev.Operator
	if who == "" {
		who = "application"
	}
	return fmt.Sprintf("n° %d · %s · %s\n%s", ev.Seq, ev.Time.Local().Format("02/01/2006 15:04:05"), who, ev.Summary)
}

// content is the tab's count above its list.
func (t *historyTab) content() fyne.CanvasObject {
	return container.NewBorder(t.count, nil, nil, nil, t.list)
}

// set shows events (oldest first, at most historyLimit kept) out of total.
func (t *historyTab) set(events []dossier.Event, total int) {
	t.events = t.events[:0]
	for i := len(events) - 1; i >= 0; i-- {
		t.events = append(t.events, events[i])
	}
	t.total = total
	switch {
	case total == 0:
		t.count.SetText("Aucun événement.")
	case total > len(events):
		t.count.SetText(fmt.Sprintf("%s, les %d plus récents affichés.", fr.Plural(total, "événement", "événements"), len(events)))
	default:
		t.count.SetText(fr.Plural(total, "événement", "événements") + ".")
	}
	t.list.Refresh()
}

// onHistory opens the history of the requirement shown and of the dossier.
func (v *mainView) onHistory() {
	h := &historyView{win: v.win, svc: v.svc, bg: v.background(), req: newHistoryTab(), all: newHistoryTab()}
	reqLabel := "Exigence"
	if v.current != "" {
		reqLabel = "Exigence " + v.current
	}
	h.tabs = container.NewAppTabs(container.NewTabItem(reqLabel, h.req.content()), container.NewTabItem("Dossier", h.all.content()))
	if v.current == "" {
		h.tabs.SelectIndex(1)
	}
	h.status = wrapped("")
	h.verify = widget.NewButton("Vérifier le journal", h.onVerify)
	body := container.NewBorder(nil, container.NewBorder(nil, nil, nil, h.verify, h.status), nil, nil, h.tabs)
	h.dlg = dialog.NewCustom("Historique", "Fermer", body, v.win)
	h.dlg.Resize(fyne.NewSize(820, 600))
	h.dlg.Show()
	v.history = h
	h.load(v.current)
}

// load reads the journal off the UI goroutine: the most recent events of
// the dossier and of requirement reqID.
func (h *historyView) load(reqID string) {
	var all, mine []dossier.Event
	var nAll, nMine int
	var err error
	keep := func(s []dossier.Event, ev dossier.Event) []dossier.Event {
		if len(s) == historyLimit {
			s = append(s[:0], s[1:]...)
		}
		return append(s, ev)
	}
	h.bg(func() {
		err = h.svc.Journal(1, func(ev dossier.Event) error {
			nAll++
			all = keep(all, ev)
			if reqID != "" && ev.Concerns(reqID) {
				nMine++
				mine = keep(mine, ev)
			}
			return nil
		})
	}, func() {
		if err != nil {
			showError(h.win, "Lecture du journal impossible", err)
			return
		}
		h.all.set(all, nAll)
		h.req.set(mine, nMine)
	})
}

// onVerify recomputes the chain off the UI goroutine and says the result.
func (h *historyView) onVerify() {
	h.verify.Disable()
	h.status.SetText("Vérification du journal…")
	var n uint64
	var err error
	h.bg(func() { n, _, err = h.svc.VerifyJournal() }, func() {
		h.verify.Enable()
		if err != nil {
			h.status.SetText(fr.Error(err))
			h.status.Importance = widget.DangerImportance
			h.status.Refresh()
			return
		}
		h.status.Importance = widget.SuccessImportance
		h.status.SetText(fmt.Sprintf("Journal intact : %s, chaîne recalculée depuis l'identifiant du dossier.", fr.Plural(int(n), "événement", "événements")))
	})
}

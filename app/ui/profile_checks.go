package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// profileChecks is one checkbox per catalogue profile; mandatory profiles
// are checked and disabled. Profile names can be long, so each name is a
// wrapping label beside its box, and tapping the label toggles the box.
type profileChecks struct {
	checks  map[string]*widget.Check
	order   []string
	content *fyne.Container
}

func newProfileChecks(profiles []dossier.Profile, chosen []string) *profileChecks {
	pc := &profileChecks{checks: map[string]*widget.Check{}, content: container.NewVBox()}
	on := map[string]bool{}
	for _, p := range chosen {
		on[p] = true
	}
	for _, p := range profiles {
		c := widget.NewCheck("", nil)
		text := p.Name
		if p.Mandatory {
			c.SetChecked(true)
			c.Disable()
			text += " (obligatoire)"
		} else {
			c.SetChecked(on[p.Name])
		}
		l := newTapLabel(text, func() {
			if !c.Disabled() {
				c.SetChecked(!c.Checked)
			}
		})
		pc.checks[p.Name] = c
		pc.order = append(pc.order, p.Name)
		pc.content.Add(container.NewBorder(nil, nil, c, nil, l))
	}
	return pc
}

// chosen lists the checked profiles in catalogue order.
func (pc *profileChecks) chosen() []string {
	var out []string
	for _, name := range pc.order {
		if pc.checks[name].Checked {
			out = append(out, name)
		}
	}
	return out
}

// check returns the box of a profile, or nil.
func (pc *profileChecks) check(name string) *widget.Check {
	return pc.checks[name]
}

// tapLabel is a wrapping label that reports taps, so a long checkbox
// caption can toggle its box.
type tapLabel struct {
	widget.Label
	onTapped func()
}

func newTapLabel(text string, onTapped func()) *tapLabel {
	l := &tapLabel{onTapped: onTapped}
	l.Text = text
	l.Wrapping = fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// Tapped implements fyne.Tappable.
func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTapped != nil {
		l.onTapped()
	}
}

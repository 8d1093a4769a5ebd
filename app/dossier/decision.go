package dossier

import (
	"strings"
	"time"
)

// Outcome is the referencing college's decision.
type Outcome string

// The college's outcomes.
const (
	SansReserve           Outcome = "sans_reserve"
	ReservesNonBloquantes Outcome = "reserves_non_bloquantes"
	ReservesBloquantes    Outcome = "reserves_bloquantes"
)

// ReserveWeeks is the default time to correct non-blocking reservations
// (4 weeks from the notification, per the procedure's public FAQ; the
// dossier may set another deadline).
const ReserveWeeks = 4

// Label is the French outcome.
func (o Outcome) Label() string {
	switch o {
	case SansReserve:
		return "Référencé sans réserve"
	case ReservesNonBloquantes:
		return "Non référencé, réserves non bloquantes"
	case ReservesBloquantes:
		return "Non référencé, réserves bloquantes (nouvelle candidature)"
	}
	return string(o)
}

// ParseOutcome reads an outcome key.
func ParseOutcome(s string) (Outcome, error) {
	switch o := Outcome(strings.ReplaceAll(Fold(s), "-", "_")); o {
	case SansReserve, ReservesNonBloquantes, ReservesBloquantes:
		return o, nil
	}
	return "", ED(FaultBadValue, "--outcome", "sans_reserve, reserves_non_bloquantes ou reserves_bloquantes", nil)
}

// Decision is the college's decision as notified to the vendor.
type Decision struct {
	Outcome Outcome `json:"outcome"`
	Date    string  `json:"date"` // YYYY-MM-DD, the notification
	// Deadline (YYYY-MM-DD) is when corrections of non-blocking
	// reservations are due.
	Deadline   string    `json:"deadline,omitempty"`
	Reserves   string    `json:"reserves,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
}

// RecordDecision records the college's decision notified on day date.
// With non-blocking reservations the corrections are due deadline, or
// ReserveWeeks after the notification when deadline is empty.
func (s *Service) RecordDecision(outcome Outcome, date, deadline, reserves string) (Decision, error) {
	day, err := s.pastDay("date", date)
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Outcome: outcome, Date: day.Format(DayLayout), Reserves: strings.TrimSpace(reserves), RecordedAt: s.Now()}
	if outcome == ReservesNonBloquantes {
		due := day.AddDate(0, 0, 7*ReserveWeeks)
		if strings.TrimSpace(deadline) != "" {
			if due, err = ParseDay("deadline", deadline); err != nil {
				return Decision{}, err
			}
			if due.Before(day) {
				return Decision{}, ED(FaultBadValue, "--deadline", "une date postérieure à la notification", nil)
			}
		}
		d.Deadline = due.Format(DayLayout)
	}
	err = s.modifyInfo(func(in *Info) error {
		in.Decision = &d
		return nil
	}, func(Info, Info) Event {
		f := []FieldChange{{Field: "outcome", New: string(d.Outcome)}, {Field: "date", New: d.Date}}
		return Event{Kind: EventDecision, Fields: Changed(f, "deadline", "", d.Deadline)}
	})
	return d, err
}

// DecisionState is where the dossier stands against the college's
// decision.
type DecisionState struct {
	Decision *Decision `json:"decision,omitempty"`
	// DaysLeft counts to the corrections' deadline (non-blocking
	// reservations not yet answered by a deposit).
	DaysLeft int `json:"days_left"`
	// Pending is true while non-blocking reservations wait for a deposit
	// made on or after the notification.
	Pending bool `json:"pending"`
	// FiledOn is the day of the first deposit after the notification.
	FiledOn string `json:"filed_on,omitempty"`
}

// DecisionStateOf computes the decision's state at now.
func DecisionStateOf(in Info, deps []Deposit, now time.Time) DecisionState {
	ds := DecisionState{Decision: in.Decision}
	d := in.Decision
	if d == nil || d.Outcome != ReservesNonBloquantes {
		return ds
	}
	for _, dep := range deps {
		if dep.Date >= d.Date && dep.RecordedAt.After(d.RecordedAt) {
			ds.FiledOn = dep.Date
			return ds
		}
	}
	due, _ := time.Parse(DayLayout, d.Deadline)
	ds.Pending, ds.DaysLeft = true, DaysBetween(now, due)
	return ds
}

// Line is the decision in one French line, with the countdown while
// corrections are due; "" without a decision.
func (ds DecisionState) Line() string {
	d := ds.Decision
	if d == nil {
		return ""
	}
	s := d.Outcome.Label() + " (décision du " + FrenchDayOf(d.Date) + ")"
	if ds.Pending {
		s += " : corrections à déposer avant le " + FrenchDayOf(d.Deadline) + " — " + Countdown(ds.DaysLeft)
	} else if ds.FiledOn != "" {
		s += " : corrections déposées le " + FrenchDayOf(ds.FiledOn)
	}
	return s
}

// DecisionState is the open dossier's decision state now.
func (s *Service) DecisionState() (DecisionState, error) {
	deps, err := s.Deposits()
	if err != nil {
		return DecisionState{}, err
	}
	return DecisionStateOf(s.Info(), deps, s.Now()), nil
}

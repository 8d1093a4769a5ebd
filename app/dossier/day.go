package dossier

import (
	"strings"
	"time"
)

// DayLayout is how the application writes a calendar day (ISO 8601).
const DayLayout = "2006-01-02"

// ParseDay reads a calendar day written YYYY-MM-DD (or DD/MM/YYYY, as
// French users write it); field names the value in the error.
func ParseDay(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{DayLayout, "02/01/2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, nil
		}
	}
	return time.Time{}, ED(FaultInvalidDate, field, s, nil)
}

// Today is the calendar day of t (UTC), at midnight.
func Today(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween counts calendar days from a to b (negative when b is
// before a).
func DaysBetween(a, b time.Time) int {
	return int(Today(b).Sub(Today(a)).Hours() / 24)
}

// FrenchDay writes a day the French way: 30/11/2026.
func FrenchDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// pastDay reads a day that must lie between the dossier's creation and
// today (a deposit, a decision, the charter's acceptance).
func (s *Service) pastDay(field, v string) (time.Time, error) {
	d, err := ParseDay(field, v)
	if err != nil {
		return d, err
	}
	if d.After(Today(s.Now())) {
		return d, ED(FaultFutureDate, field, FrenchDay(d), nil)
	}
	if created := s.Info().CreatedAt; !created.IsZero() && d.Before(Today(created)) && field != "charter_date" {
		return d, ED(FaultBeforeCreation, field, FrenchDay(created), nil)
	}
	return d, nil
}

// futureDay reads a day that must not be before today (a due date).
func (s *Service) futureDay(field, v string) (time.Time, error) {
	d, err := ParseDay(field, v)
	if err != nil {
		return d, err
	}
	if d.Before(Today(s.Now())) {
		return d, ED(FaultPastDue, field, FrenchDay(d), nil)
	}
	return d, nil
}

// FrenchDayOf writes a day stored YYYY-MM-DD the French way (30/11/2026);
// another text is returned as it is.
func FrenchDayOf(s string) string {
	d, err := time.Parse(DayLayout, s)
	if err != nil {
		return s
	}
	return FrenchDay(d)
}

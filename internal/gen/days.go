package gen

import (
	"fmt"
	"math/rand/v2"

	"github.com/jiandu/jiandu/internal/calendar"
)

// day is an index into the official calendar's dates (0 = 1 January of the first covered year). The
// generator works in days and writes YYYY-MM-DD only when it renders a record, and it computes every
// deadline exactly as policies/lib does (roll forward to the next official working day; working days
// count 调休 make-up days and skip holiday rest days).
type day int

type days struct {
	dates    []string // day → "YYYY-MM-DD"
	work     []bool   // day → official working day
	cum      []int    // day → working days on or before it
	workdays []day    // k → the (k+1)th working day
	index    map[string]day
}

func loadDays() (*days, error) {
	o, err := calendar.LoadOfficial()
	if err != nil {
		return nil, err
	}
	data, err := calendar.Derive(o)
	if err != nil {
		return nil, err
	}
	d := &days{dates: data.Dates, index: make(map[string]day, len(data.Dates))}
	d.work = make([]bool, len(data.Dates))
	d.cum = make([]int, len(data.Dates))
	for i, s := range data.Dates {
		row := data.Days[s]
		d.work[i] = row.W
		d.cum[i] = row.C
		d.index[s] = day(i)
		if row.W {
			d.workdays = append(d.workdays, day(i))
		}
	}
	return d, nil
}

// at is the day of a date; ok is false outside the calendar.
func (d *days) at(y, m, dd int) (day, bool) {
	x, ok := d.index[fmt.Sprintf("%04d-%02d-%02d", y, m, dd)]
	return x, ok
}

func (d *days) str(x day) string { return d.dates[x] }

func (d *days) isWork(x day) bool { return d.work[x] }

// rolled is x, or the next official working day when x is a rest day (lib.roll_forward).
func (d *days) rolled(x day) day {
	if d.work[x] {
		return x
	}
	return d.workdays[d.cum[x]]
}

// addRolled is "n days after x", rolled forward (lib.add_days_rolled).
func (d *days) addRolled(x day, n int) day { return d.rolled(x + day(n)) }

// addWorking is the nth working day after x, x itself not counted (lib.add_working_days).
func (d *days) addWorking(x day, n int) day { return d.workdays[d.cum[x]+n-1] }

// prevWork is x, or the last working day before it.
func (d *days) prevWork(x day) day {
	for x > 0 && !d.work[x] {
		x--
	}
	return x
}

// nextWork is x, or the first working day after it.
func (d *days) nextWork(x day) day { return d.rolled(x) }

// between picks a day in [lo, hi] uniformly; with work it moves to a working day inside the range
// when there is one.
func (d *days) between(r *rand.Rand, lo, hi day, work bool) day {
	if hi < lo {
		hi = lo
	}
	x := lo + day(r.IntN(int(hi-lo)+1))
	if !work || d.work[x] {
		return x
	}
	if y := d.rolled(x); y <= hi {
		return y
	}
	if y := d.prevWork(x); y >= lo {
		return y
	}
	return x
}

// quarterOf is 0..3 for a day of the year starting at jan1.
func (d *days) quarterOf(x day) int {
	s := d.dates[x]
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	return (m - 1) / 3
}

// prevWorkFrom is x, or the last working day before it, but never before lo (then x itself).
func (d *days) prevWorkFrom(x, lo day) day {
	y := d.prevWork(x)
	if y < lo {
		return x
	}
	return y
}

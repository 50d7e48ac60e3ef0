package calendar

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

func derived(t *testing.T) *Data {
	t.Helper()
	o, err := LoadOfficial()
	if err != nil {
		t.Fatal(err)
	}
	d, err := Derive(o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCoversEveryYear2016To2026WithANotice(t *testing.T) {
	d := derived(t)
	if d.First != "2016-01-01" || d.Last != "2026-12-31" {
		t.Fatalf("covered %s..%s, want 2016-01-01..2026-12-31", d.First, d.Last)
	}
	for y := 2016; y <= 2026; y++ {
		n := d.Years[strconv.Itoa(y)]
		if n.Number == "" || n.Issued == "" || len(n.Holidays) < 6 {
			t.Errorf("year %d: notice %q issued %q with %d holidays", y, n.Number, n.Issued, len(n.Holidays))
		}
	}
}

func TestWorkingDays(t *testing.T) {
	d := derived(t)
	cases := map[string]bool{
		"2023-04-23": true,  // Sunday, 调休 for 劳动节
		"2023-05-06": true,  // Saturday, 调休
		"2024-10-07": false, // Monday, 国庆 rest day
		"2024-02-18": true,  // Sunday, 调休 after 春节
		"2024-02-17": false, // Saturday inside 春节
		"2023-10-07": true,  // Saturday, 调休
		"2023-10-01": false,
		"2024-03-04": true, // ordinary Monday
		"2024-03-02": false,
	}
	for day, want := range cases {
		if got := d.Days[day].W; got != want {
			t.Errorf("%s working = %v, want %v", day, got, want)
		}
	}
}

func TestCumulativeCountFindsNextWorkingDay(t *testing.T) {
	d := derived(t)
	// next working day on or after a rest day is Workdays[C]
	if got := d.Workdays[d.Days["2024-02-17"].C]; got != "2024-02-18" {
		t.Errorf("roll 2024-02-17 = %s, want 2024-02-18", got)
	}
	if got := d.Workdays[d.Days["2023-10-01"].C]; got != "2023-10-07" {
		t.Errorf("roll 2023-10-01 = %s, want 2023-10-07", got)
	}
	// 3 working days after 2023-01-19 is 2023-01-29; 7 after 2024-02-06 is 2024-02-21
	if got := d.Workdays[d.Days["2023-01-19"].C+3-1]; got != "2023-01-29" {
		t.Errorf("2023-01-19 + 3 working days = %s", got)
	}
	if got := d.Workdays[d.Days["2024-02-06"].C+7-1]; got != "2024-02-21" {
		t.Errorf("2024-02-06 + 7 working days = %s", got)
	}
	for i, s := range d.Dates {
		if d.Days[s].I != i {
			t.Fatalf("index of %s = %d, want %d", s, d.Days[s].I, i)
		}
	}
}

func TestShippedDataIsUpToDate(t *testing.T) {
	want, err := Generated()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../policies/calendar/data.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("policies/calendar/data.json is stale: run `go run ./internal/calendar/gen` from the repository root")
	}
}

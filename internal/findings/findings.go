// Package findings holds what a scan reports: the finding, its stable id, severities and the order
// every output prints them in.
package findings

import (
	"sort"

	"github.com/jiandu/jiandu/internal/records"
)

// Finding is one broken requirement on one record.
type Finding struct {
	ID        string            `json:"id"`
	Rule      string            `json:"rule"`
	Severity  string            `json:"severity"`
	Kind      string            `json:"kind"`
	Record    string            `json:"record"`
	Unit      string            `json:"unit,omitempty"`
	Key       string            `json:"key,omitempty"`
	Message   string            `json:"message"`
	MessageEn string            `json:"message_en,omitempty"`
	Sources   []string          `json:"sources,omitempty"`
	Detail    map[string]any    `json:"detail,omitempty"`
	Location  *records.Location `json:"location,omitempty"`
	Status    string            `json:"status,omitempty"` // --baseline: new, unchanged (resolved ones in Result.Resolved)
	Waived    *Waived           `json:"waived,omitempty"` // --waivers: never counted toward --fail-on
}

// Waived is the waiver that covers a finding (expiry compared with the as-of date).
type Waived struct {
	Reason  string `json:"reason"`
	By      string `json:"by"`
	Expires string `json:"expires"`
}

// Counts says whether a finding counts toward --fail-on: a waived one never does; with "new" (and a
// baseline) only new findings at or above error do.
func (f Finding) Counts(failOn string) bool {
	if f.Waived != nil || failOn == "never" || f.Severity == "" {
		return false
	}
	if failOn == "new" {
		return f.Status == "new" && Rank(f.Severity) >= Rank("error")
	}
	return Rank(f.Severity) >= Rank(failOn)
}

// MakeID is a finding's stable id: rule, kind, record and key (CLI.md).
func MakeID(rule, kind, record, key string) string {
	return rule + ":" + kind + ":" + record + ":" + key
}

// Severities from the most to the least serious.
var Severities = []string{"error", "warning", "info"}

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func Rank(sev string) int {
	switch sev {
	case "error":
		return 3
	case "warning":
		return 2
	case "info":
		return 1
	}
	return 0
}

// Sort orders findings by unit, kind, record, rule, key (CLI.md), so two runs print the same bytes.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.Unit != b.Unit:
			return a.Unit < b.Unit
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		case a.Record != b.Record:
			return a.Record < b.Record
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Key < b.Key
	})
}

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts a result.
type Summary struct {
	Records  int            `json:"records"`
	Findings int            `json:"findings"`
	ByRule   map[string]int `json:"by_rule"`
	ByUnit   map[string]int `json:"by_unit"`
	KPIs     []KPI          `json:"kpis"`
	Waived   int            `json:"waived,omitempty"`   // findings covered by a waiver
	New      int            `json:"new,omitempty"`      // --baseline: findings not in the previous run
	Resolved int            `json:"resolved,omitempty"` // --baseline: previous findings gone now
	Units    []Unit         `json:"units,omitempty"`    // the export's units, for reports that name them
	Rules    []string       `json:"rules,omitempty"`    // the rules the profile turns on (catalogue order)
}

// KPI is one rate of policies/kpi for a unit or the jurisdiction: numerator ÷ denominator against the
// profile's minimum where the plan sets one (Min and Met null otherwise).
type KPI struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	TitleEn     string   `json:"title_en"`
	Rules       []string `json:"rules"`
	Scope       string   `json:"scope"` // "jurisdiction" or "unit"
	Unit        string   `json:"unit,omitempty"`
	UnitType    string   `json:"unit_type,omitempty"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Rate        float64  `json:"rate"`
	Min         *float64 `json:"min"`
	MinSource   string   `json:"min_source,omitempty"`
	Met         *bool    `json:"met"`
}

// Unit is one unit of the export as reports name it.
type Unit struct {
	ID      string `json:"id"`
	Name    string `json:"name,omitempty"`
	Type    string `json:"type,omitempty"`
	Records int    `json:"records"`
}

// WaiverReport is one entry of a waivers file and what it did in this run: applied (it waives the
// findings listed), expired (past its expiry on the as-of date: the findings listed are reported as
// usual) or unmatched (it names nothing this run found).
type WaiverReport struct {
	Rule     string   `json:"rule"`
	Record   string   `json:"record,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	Reason   string   `json:"reason"`
	By       string   `json:"by"`
	Expires  string   `json:"expires"`
	Status   string   `json:"status"`
	Findings []string `json:"findings"`
	Source   string   `json:"source"` // file and entry number, e.g. waivers.yaml#3
}

// Result is one scan: what every output format prints (CLI.md, --format json).
type Result struct {
	Tool     Tool                `json:"tool"`
	Profile  string              `json:"profile"`
	AsOf     string              `json:"as_of"`
	Findings []Finding           `json:"findings"`
	Errors   []records.FileError `json:"errors"`
	Summary  Summary             `json:"summary"`
	Resolved []Finding           `json:"resolved,omitempty"` // --baseline: previous findings gone now
	Waivers  []WaiverReport      `json:"waivers,omitempty"`  // --waivers: what each entry did
}

// Summarize counts the findings by rule and by unit.
func (r *Result) Summarize(recordCount int) {
	r.Summary = Summary{Records: recordCount, Findings: len(r.Findings), ByRule: map[string]int{}, ByUnit: map[string]int{}, KPIs: []KPI{}}
	for _, f := range r.Findings {
		r.Summary.ByRule[f.Rule]++
		if f.Unit != "" {
			r.Summary.ByUnit[f.Unit]++
		}
	}
}

// Fails says whether any finding counts toward --fail-on (error, warning, info, never or new).
func (r *Result) Fails(failOn string) bool {
	for _, f := range r.Findings {
		if f.Counts(failOn) {
			return true
		}
	}
	return false
}

// Worst is the most serious severity among the findings ("" when none).
func (r *Result) Worst() string {
	worst := ""
	for _, f := range r.Findings {
		if Rank(f.Severity) > Rank(worst) {
			worst = f.Severity
		}
	}
	return worst
}

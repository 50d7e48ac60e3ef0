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
	KPIs     []any          `json:"kpis"`
}

// Result is one scan: what every output format prints (CLI.md, --format json).
type Result struct {
	Tool     Tool                `json:"tool"`
	Profile  string              `json:"profile"`
	AsOf     string              `json:"as_of"`
	Findings []Finding           `json:"findings"`
	Errors   []records.FileError `json:"errors"`
	Summary  Summary             `json:"summary"`
}

// Summarize counts the findings by rule and by unit.
func (r *Result) Summarize(recordCount int) {
	r.Summary = Summary{Records: recordCount, Findings: len(r.Findings), ByRule: map[string]int{}, ByUnit: map[string]int{}, KPIs: []any{}}
	for _, f := range r.Findings {
		r.Summary.ByRule[f.Rule]++
		if f.Unit != "" {
			r.Summary.ByUnit[f.Unit]++
		}
	}
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

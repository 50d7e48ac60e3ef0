// Package waiver reads a waivers file (--waivers, YAML or JSON) and applies it to a scan's findings: a
// waived finding is still reported, marked with its waiver, and never counts toward --fail-on; a waiver
// past its expiry stops applying and is reported as expired; a waiver that matches nothing is reported
// as unmatched (Result.Waivers lists every entry with what it did).
package waiver

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jiandu/jiandu/internal/findings"
)

// Waiver is one entry of a waivers file.
type Waiver struct {
	Rule       string `yaml:"rule" json:"rule"`
	Record     string `yaml:"record" json:"record,omitempty"` // a record id, a finding id, or * (every record)
	Unit       string `yaml:"unit" json:"unit,omitempty"`     // a unit id, or * (every unit)
	Reason     string `yaml:"reason" json:"reason"`
	ApprovedBy string `yaml:"approved_by" json:"approved_by"`
	By         string `yaml:"by" json:"by,omitempty"` // accepted for approved_by
	Expires    string `yaml:"expires" json:"expires"` // YYYY-MM-DD, the last day the waiver applies
	Source     string `yaml:"-" json:"-"`             // file#entry
}

// Statuses of a waiver in one run.
const (
	Applied   = "applied"
	Expired   = "expired"
	Unmatched = "unmatched"
)

// Load reads a waivers file: a list of entries, or an object whose `waivers` key holds the list (JSON
// is YAML, so one reader serves both). known says whether a rule id exists; an entry naming an unknown
// rule, or missing its rule, target, reason, approver or expiry, is an error naming the entry.
func Load(path string, known func(rule string) bool) ([]Waiver, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--waivers: %w", err)
	}
	return Parse(filepath.Base(path), b, known)
}

// Parse reads the bytes of a waivers file named name.
func Parse(name string, b []byte, known func(rule string) bool) ([]Waiver, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("waivers %s: not YAML or JSON: %w", name, err)
	}
	var list []Waiver
	if len(doc.Content) > 0 {
		root := doc.Content[0]
		if root.Kind == yaml.MappingNode {
			var wrapped struct {
				Waivers *[]Waiver `yaml:"waivers"`
			}
			if err := root.Decode(&wrapped); err != nil {
				return nil, fmt.Errorf("waivers %s: %w", name, err)
			}
			if wrapped.Waivers == nil {
				return nil, fmt.Errorf("waivers %s: give a list of entries, or an object with a `waivers` list", name)
			}
			list = *wrapped.Waivers
		} else if err := root.Decode(&list); err != nil {
			return nil, fmt.Errorf("waivers %s: give a list of entries {rule, record|unit, reason, approved_by, expires}: %w", name, err)
		}
	}
	for i := range list {
		w := &list[i]
		w.Source = fmt.Sprintf("%s#%d", name, i+1)
		if err := w.check(known); err != nil {
			return nil, fmt.Errorf("waivers %s: %w", w.Source, err)
		}
	}
	return list, nil
}

func (w *Waiver) check(known func(string) bool) error {
	w.Rule, w.Record, w.Unit = strings.TrimSpace(w.Rule), strings.TrimSpace(w.Record), strings.TrimSpace(w.Unit)
	if w.ApprovedBy == "" {
		w.ApprovedBy = w.By
	}
	w.By = ""
	switch {
	case w.Rule == "":
		return fmt.Errorf("entry without `rule`: name the rule it waives (`jiandu rules` lists them)")
	case known != nil && !known(w.Rule):
		return fmt.Errorf("unknown rule %q (`jiandu rules` lists them)", w.Rule)
	case w.Record == "" && w.Unit == "":
		return fmt.Errorf("%s: name a `record` (a record or finding id), a `unit`, or `record: \"*\"` for every record", w.Rule)
	case strings.TrimSpace(w.Reason) == "":
		return fmt.Errorf("%s: give the `reason` for the waiver", w.Rule)
	case strings.TrimSpace(w.ApprovedBy) == "":
		return fmt.Errorf("%s: give who approved the waiver (`approved_by`)", w.Rule)
	}
	w.Expires = strings.TrimSpace(w.Expires)
	if _, err := time.Parse("2006-01-02", w.Expires); err != nil {
		return fmt.Errorf("%s: `expires` %q: give the last day the waiver applies as YYYY-MM-DD", w.Rule, w.Expires)
	}
	return nil
}

// Matches says whether the waiver names a finding: same rule, and record (record id, finding id or *)
// and unit (unit id or *) where given.
func (w Waiver) Matches(f findings.Finding) bool {
	if w.Rule != f.Rule {
		return false
	}
	if w.Record != "" && w.Record != "*" && w.Record != f.Record && w.Record != f.ID {
		return false
	}
	if w.Unit != "" && w.Unit != "*" && w.Unit != f.Unit {
		return false
	}
	return true
}

// ExpiredOn says whether the waiver no longer applies on date (YYYY-MM-DD): it applies up to and
// including its expiry date.
func (w Waiver) ExpiredOn(date string) bool { return date > w.Expires }

// Apply marks the findings the waivers cover (the first applying waiver in file order wins), reports
// every waiver in r.Waivers and counts the waived findings in r.Summary.Waived. The as-of date is the
// result's, in +08:00.
func Apply(r *findings.Result, ws []Waiver) {
	date := asOfDate(r.AsOf)
	r.Waivers = make([]findings.WaiverReport, 0, len(ws))
	for _, w := range ws {
		rep := findings.WaiverReport{Rule: w.Rule, Record: w.Record, Unit: w.Unit, Reason: w.Reason, By: w.ApprovedBy,
			Expires: w.Expires, Source: w.Source, Findings: []string{}}
		expired := w.ExpiredOn(date)
		for i := range r.Findings {
			f := &r.Findings[i]
			if !w.Matches(*f) {
				continue
			}
			if !contains(rep.Findings, f.ID) {
				rep.Findings = append(rep.Findings, f.ID)
			}
			if !expired && f.Waived == nil {
				f.Waived = &findings.Waived{Reason: w.Reason, By: w.ApprovedBy, Expires: w.Expires}
			}
		}
		switch {
		case expired:
			rep.Status = Expired
		case len(rep.Findings) == 0:
			rep.Status = Unmatched
		default:
			rep.Status = Applied
		}
		r.Waivers = append(r.Waivers, rep)
	}
	r.Summary.Waived = 0
	for _, f := range r.Findings {
		if f.Waived != nil {
			r.Summary.Waived++
		}
	}
}

// asOfDate is the calendar date of an RFC 3339 as-of in China Standard Time.
func asOfDate(asOf string) string {
	t, err := time.Parse(time.RFC3339, asOf)
	if err != nil {
		if len(asOf) >= 10 {
			return asOf[:10]
		}
		return asOf
	}
	return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

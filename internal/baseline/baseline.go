// Package baseline compares a scan with a previous one (--baseline PREVIOUS.json, a `--format json`
// document): each finding is new or unchanged by its stable id (CLI.md), and the previous findings
// that are gone are listed as resolved, so a department can adopt jiandu without fixing the past first
// (--fail-on new).
package baseline

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/jiandu/jiandu/internal/findings"
)

// Statuses of a finding against the baseline.
const (
	New       = "new"
	Unchanged = "unchanged"
	Resolved  = "resolved"
)

// Baseline is the previous run.
type Baseline struct {
	File     string
	Profile  string
	AsOf     string
	Findings []findings.Finding
}

// Load reads a previous `jiandu scan --format json` document.
func Load(path string) (*Baseline, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	return Parse(path, b)
}

// Parse reads the bytes of a previous findings document.
func Parse(name string, b []byte) (*Baseline, error) {
	var doc struct {
		Tool     *findings.Tool     `json:"tool"`
		Profile  string             `json:"profile"`
		AsOf     string             `json:"as_of"`
		Findings []findings.Finding `json:"findings"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("--baseline %s: not a jiandu findings document (write one with --format json): %w", name, err)
	}
	if doc.Tool == nil || doc.Tool.Name != "jiandu" || doc.Findings == nil {
		return nil, fmt.Errorf("--baseline %s: not a jiandu findings document (write one with `jiandu scan --format json=%s`)", name, name)
	}
	return &Baseline{File: name, Profile: doc.Profile, AsOf: doc.AsOf, Findings: doc.Findings}, nil
}

// Apply marks each finding new or unchanged, lists in r.Resolved the previous findings (status
// resolved) no finding of this run has the id of, and counts both in r.Summary. keep limits the
// resolved ones to the units this run reports (--unit); nil keeps all.
func (b *Baseline) Apply(r *findings.Result, keep func(unit string) bool) {
	before := map[string]bool{}
	for _, f := range b.Findings {
		before[f.ID] = true
	}
	now := map[string]bool{}
	r.Summary.New = 0
	for i := range r.Findings {
		f := &r.Findings[i]
		now[f.ID] = true
		if before[f.ID] {
			f.Status = Unchanged
		} else {
			f.Status = New
			r.Summary.New++
		}
	}
	r.Resolved = []findings.Finding{}
	seen := map[string]bool{}
	for _, f := range b.Findings {
		if now[f.ID] || seen[f.ID] || (keep != nil && !keep(f.Unit)) {
			continue
		}
		seen[f.ID] = true
		f.Status = Resolved
		f.Waived = nil
		r.Resolved = append(r.Resolved, f)
	}
	findings.Sort(r.Resolved)
	r.Summary.Resolved = len(r.Resolved)
}

// Package scan joins the pieces of one run: load the export, choose the profile and the as-of date,
// evaluate, and complete each finding from the catalogue and the record locations.
package scan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jiandu/jiandu/internal/baseline"
	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/engine"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/version"
	"github.com/jiandu/jiandu/internal/waiver"
)

// Options are the flags of `jiandu scan` as the library takes them.
type Options struct {
	Profile string    // --profile; "" = the jurisdiction every header names
	AsOf    string    // --as-of: a date (end of that day, +08:00) or an RFC 3339 instant; "" = latest generated_at, else now
	Units   []string  // --unit: keep only these units' findings
	Paths   []string  // files, folders, "-"
	Stdin   io.Reader // for "-"
	Now     func() time.Time
	// Waivers (--waivers, waiver.Load) mark the findings they cover; Baseline (--baseline,
	// baseline.Load) marks each finding new or unchanged and lists the resolved ones.
	Waivers  []waiver.Waiver
	Baseline *baseline.Baseline
	// Partitions sizes the spill of large exports (zero values: the defaults).
	Partitions engine.PartitionOptions
	// Progress hears how a long scan advances (a terminal progress bar); nil hears nothing.
	Progress Progress
}

// Setup is what a run needs from the policy tree, loaded once (a server reuses it across scans).
type Setup struct {
	Tree      *policy.Tree
	Catalogue *catalogue.Catalogue
	Profiles  *profile.Set
	Validator *records.Validator
}

// Load reads and compiles a policy tree.
func Load(policies fs.FS) (*Setup, error) {
	tree, err := policy.Load(policies, policy.Options{})
	if err != nil {
		return nil, err
	}
	cat, err := catalogue.FromCompiler(tree.Compiler)
	if err != nil {
		return nil, err
	}
	profs, err := profile.Load(policies)
	if err != nil {
		return nil, err
	}
	v, err := records.NewValidator(policies)
	if err != nil {
		return nil, err
	}
	return &Setup{Tree: tree, Catalogue: cat, Profiles: profs, Validator: v}, nil
}

// Progress hears how a scan advances: records read (while loading), then partitions evaluated.
type Progress interface {
	Read(files, records int)
	Evaluated(done, total int)
}

// UsageError is a run that cannot start (bad flag, unknown profile): exit status 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Run scans one export.
func (s *Setup) Run(ctx context.Context, o Options) (*findings.Result, error) {
	started := time.Now()
	parts := engine.NewPartitions(o.Partitions)
	defer parts.Close()
	units := newUnitIndex()
	ld := records.NewLoader(s.Validator, units.add(parts.Add))
	if o.Progress != nil {
		ld.OnRead = o.Progress.Read
	}
	ld.LoadPaths(o.Paths, o.Stdin)
	ld.Finish()
	if o.Progress != nil {
		o.Progress.Read(len(ld.Files), ld.Records)
	}

	profID, err := chooseProfile(o.Profile, ld.Headers)
	if err != nil {
		return nil, &UsageError{err}
	}
	prof, err := s.Profiles.Resolve(profID)
	if err != nil {
		return nil, &UsageError{err}
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	asOf, err := chooseAsOf(o.AsOf, ld.Headers, now)
	if err != nil {
		return nil, &UsageError{err}
	}
	run := engine.Run{AsOf: asOf}
	header := map[string]any{}
	if len(ld.Headers) > 0 {
		h := ld.Headers[0]
		run.PeriodFrom, run.PeriodTo = h.PeriodFrom, h.PeriodTo
		header = map[string]any{"jurisdiction": h.Jurisdiction, "generated_at": h.GeneratedAt, "source": h.Source}
	}
	eng, err := engine.New(ctx, s.Tree, prof, run)
	if err != nil {
		return nil, err
	}
	if o.Progress != nil {
		eng.OnProgress(o.Progress.Evaluated)
	}
	loaded := time.Now()
	out, err := eng.EvaluateAll(ctx, parts, header, &ld.Facts)
	if os.Getenv("JIANDU_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "jiandu: %d records; load %.2fs (spilled %v), evaluate %.2fs\n", ld.Records,
			loaded.Sub(started).Seconds(), parts.Spilled(), time.Since(loaded).Seconds())
	}
	if err != nil {
		return nil, err
	}
	raws := out.Findings
	res := &findings.Result{
		Tool:    findings.Tool{Name: "jiandu", Version: version.Version},
		Profile: prof.ID,
		AsOf:    asOf.In(engine.CST).Format(time.RFC3339),
		Errors:  ld.Errors,
	}
	if res.Errors == nil {
		res.Errors = []records.FileError{}
	}
	keep := map[string]bool{}
	for _, u := range o.Units {
		keep[u] = true
	}
	seen := map[string]bool{}
	for _, r := range raws {
		f := s.complete(r, ld)
		if len(keep) > 0 && !keep[f.Unit] {
			continue
		}
		if seen[f.ID+"\x00"+f.Message] {
			continue // duplicate records (DATA-03) give the same finding twice
		}
		seen[f.ID+"\x00"+f.Message] = true
		res.Findings = append(res.Findings, f)
	}
	if res.Findings == nil {
		res.Findings = []findings.Finding{}
	}
	findings.Sort(res.Findings)
	res.Summarize(ld.Records)
	res.Summary.Rules = s.rulesOn(prof)
	finish(res, out.KPIs, units, o, keep)
	return res, nil
}

// complete turns a rule's raw finding into a finding: severity, sources and location.
func (s *Setup) complete(r engine.Raw, ld *records.Loader) findings.Finding {
	f := findings.Finding{
		Rule:      str(r["rule"]),
		Kind:      str(r["kind"]),
		Record:    str(r["record"]),
		Unit:      str(r["unit"]),
		Key:       str(r["key"]),
		Message:   str(r["message"]),
		MessageEn: str(r["message_en"]),
	}
	if d, ok := r["detail"].(map[string]any); ok && len(d) > 0 {
		f.Detail = d
	}
	rule, _ := s.Catalogue.Get(f.Rule)
	f.Severity = str(r["severity"])
	if f.Severity == "" && rule != nil {
		f.Severity = rule.Severity
	}
	if rule != nil {
		f.Sources = append(f.Sources, rule.Sources...)
	}
	if extra, ok := r["sources"].([]any); ok {
		for _, x := range extra {
			if s := str(x); s != "" && !contains(f.Sources, s) {
				f.Sources = append(f.Sources, s)
			}
		}
	}
	if loc, ok := r["location"].(map[string]any); ok {
		f.Location = locationOf(loc)
	} else if f.Kind != "export" {
		if loc, ok := ld.LocationOf(f.Kind, f.Record); ok {
			f.Location = &loc
		}
	}
	f.ID = findings.MakeID(f.Rule, f.Kind, f.Record, f.Key)
	return f
}

func locationOf(m map[string]any) *records.Location {
	l := &records.Location{File: str(m["file"]), Pointer: str(m["pointer"]), Sheet: str(m["sheet"]),
		Column: str(m["column"]), Cell: str(m["cell"])}
	l.Line = num(m["line"])
	l.Row = num(m["row"])
	return l
}

func chooseProfile(flag string, headers []records.Header) (string, error) {
	if flag != "" {
		return flag, nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, h := range headers {
		if h.Jurisdiction != "" && !seen[h.Jurisdiction] {
			seen[h.Jurisdiction] = true
			ids = append(ids, h.Jurisdiction)
		}
	}
	switch len(ids) {
	case 0:
		return "", errors.New("no profile: the export header names no jurisdiction, so give one with --profile (`jiandu profiles` lists them)")
	case 1:
		return ids[0], nil
	}
	sort.Strings(ids)
	return "", fmt.Errorf("the export headers name different jurisdictions (%s): one run scans one jurisdiction, so choose one with --profile", strings.Join(ids, ", "))
}

// ParseAsOf reads --as-of: a date means the end of that day in China Standard Time.
func ParseAsOf(s string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, engine.CST); err == nil {
		return t.Add(24*time.Hour - time.Second), nil
	}
	if t, err := time.Parse(time.RFC3339, records.NormalizeInstant(s)); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--as-of %q: give a date (2024-01-10) or an RFC 3339 instant (2024-01-10T09:00:00+08:00)", s)
}

func chooseAsOf(flag string, headers []records.Header, now func() time.Time) (time.Time, error) {
	if flag != "" {
		return ParseAsOf(flag)
	}
	var latest time.Time
	for _, h := range headers {
		if t, err := time.Parse(time.RFC3339, h.GeneratedAt); err == nil && t.After(latest) {
			latest = t
		}
	}
	if !latest.IsZero() {
		return latest, nil
	}
	return now(), nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) int {
	switch x := v.(type) {
	case json.Number:
		n, _ := x.Int64()
		return int(n)
	case float64:
		return int(x)
	case int:
		return x
	}
	return 0
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

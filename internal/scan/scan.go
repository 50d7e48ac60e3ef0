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
	"runtime"
	"runtime/pprof"
	"slices"
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
	// ProfileFile (--profile-file) is a draft profile in the profile format, usually extending a built-in
	// one; it is the run's profile unless Profile names another. Overrides (--set) change parameters and
	// rule switches of the resolved profile for this run only (what-if).
	ProfileFile string
	Overrides   []profile.Override
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

// foldFrom is the number of records from which a scan folds the rules' run-constant tables: folding
// costs about 0.2 s, computing the tables' days per unit instead about 50 µs a record.
var foldFrom = 5000

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

	prof, err := s.ResolveProfile(o, ld.Headers)
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
	// below a few thousand records, computing the rules' per-day tables where a unit needs them is
	// cheaper than folding them all once (engine.Run.NoFold)
	run := engine.Run{AsOf: asOf, NoFold: ld.Records < foldFrom}
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
	// each finding is completed as its partition is evaluated, so the rules' raw output is not held
	eng.OnFinding(func(r engine.Raw) {
		f := s.complete(r, ld)
		if len(keep) > 0 && !keep[f.Unit] {
			return
		}
		if seen[f.ID+"\x00"+f.Message] {
			return // duplicate records (DATA-03) give the same finding twice
		}
		seen[f.ID+"\x00"+f.Message] = true
		res.Findings = append(res.Findings, f)
	})
	loaded := time.Now()
	writeHeapProfile("loaded")
	out, err := eng.EvaluateAll(ctx, parts, header, &ld.Facts)
	writeHeapProfile("evaluated")
	if os.Getenv("JIANDU_TIMINGS") != "" {
		fmt.Fprintf(os.Stderr, "jiandu: %d records; load %.2fs (spilled %v), evaluate %.2fs\n", ld.Records,
			loaded.Sub(started).Seconds(), parts.Spilled(), time.Since(loaded).Seconds())
	}
	if err != nil {
		return nil, err
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

// ResolveProfile is the profile a run uses: --profile (else the jurisdiction the headers name, else the
// draft's id), the draft of --profile-file added to the profiles, and the --set overrides applied.
func (s *Setup) ResolveProfile(o Options, headers []records.Header) (*profile.Resolved, error) {
	profs := s.Profiles
	id := o.Profile
	if o.ProfileFile != "" {
		d, err := profile.ReadDraft(o.ProfileFile)
		if err != nil {
			return nil, err
		}
		if profs, err = profs.WithDraft(d, s.KnownRules); err != nil {
			return nil, err
		}
		if id == "" {
			id = d.ID
		}
	}
	if id == "" {
		var err error
		if id, err = chooseProfile("", headers); err != nil {
			return nil, err
		}
	}
	prof, err := profs.Resolve(id)
	if err != nil {
		return nil, err
	}
	if len(o.Overrides) > 0 {
		prof = prof.Clone()
		if err := prof.Apply(o.Overrides, s.KnownRules); err != nil {
			return nil, err
		}
	}
	return prof, nil
}

// KnownRules says whether a rule id exists in the catalogue (or is the calendar's settings) and the
// parameters its METADATA declares.
func (s *Setup) KnownRules(id string) ([]string, bool) {
	if id == "calendar" {
		return []string{"short_period_working_max"}, true
	}
	r, ok := s.Catalogue.Get(id)
	if !ok {
		return nil, false
	}
	return r.Params, true
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
		locateSteps(d, ld)
	}
	rule, _ := s.Catalogue.Get(f.Rule)
	f.Severity = str(r["severity"])
	if f.Severity == "" && rule != nil {
		f.Severity = rule.Severity
	}
	if rule != nil {
		// shared with the catalogue (a large export has many findings of one rule); clipped so that
		// adding a finding's own sources copies it
		f.Sources = slices.Clip(rule.Sources)
	}
	if extra, ok := r["sources"].([]any); ok {
		f.Sources = supersede(f.Sources, extra)
		for _, x := range extra {
			if s := str(x); s != "" && !slices.Contains(f.Sources, s) {
				f.Sources = append(f.Sources, s)
			}
		}
	}
	if loc, ok := r["location"].(map[string]any); ok {
		f.Location = records.LocationFromMap(loc)
	} else if f.Kind != "export" {
		if loc, ok := ld.LocationOf(f.Kind, f.Record); ok {
			f.Location = &loc
		}
	}
	f.ID = findings.MakeID(f.Rule, f.Kind, f.Record, f.Key)
	return f
}

// supersede replaces the rule's citations of a law that the finding cites in a dated text, in place: a
// finding on a case decided 2021-06-30 cites "行政处罚法(2017年修正) 第四十条", the text then in force,
// where the METADATA says "行政处罚法 第六十一条", the 2021 revision's number. A document
// "<law>(<version>)" supersedes "<law>"; other sources (plans, notices) are kept.
func supersede(sources []string, extra []any) []string {
	dated := map[string][]string{}
	for _, x := range extra {
		doc, _, _ := strings.Cut(str(x), " ")
		i := strings.IndexAny(doc, "(（")
		if i > 0 && (strings.HasSuffix(doc, ")") || strings.HasSuffix(doc, "）")) {
			dated[doc[:i]] = append(dated[doc[:i]], str(x))
		}
	}
	if len(dated) == 0 {
		return sources
	}
	var out []string
	for _, s := range sources {
		doc, _, _ := strings.Cut(s, " ")
		cites, ok := dated[doc]
		if !ok {
			out = append(out, s)
			continue
		}
		for _, c := range cites {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// locateSteps adds to each explanation step that names a record (detail.steps[i].record {kind, id}) the
// location of the value it read: the record's location, with the step's path appended to a JSON pointer
// (`export.json#/cases/3/decision/date`) or beside a line or cell.
func locateSteps(detail map[string]any, ld *records.Loader) {
	steps, _ := detail["steps"].([]any)
	for _, s := range steps {
		m, ok := s.(map[string]any)
		if !ok {
			continue
		}
		rec, ok := m["record"].(map[string]any)
		if !ok {
			continue
		}
		loc, ok := ld.LocationOf(str(rec["kind"]), str(rec["id"]))
		if !ok {
			continue
		}
		lm := loc.Map()
		if p := str(m["path"]); p != "" {
			if loc.Pointer != "" {
				lm["pointer"] = loc.Pointer + p
			} else {
				lm["path"] = p
			}
		}
		m["location"] = lm
	}
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

// writeHeapProfile writes a heap profile to $JIANDU_HEAPPROFILE.<stage> when that variable is set, for
// `go tool pprof` (docs/performance.md).
func writeHeapProfile(stage string) {
	path := os.Getenv("JIANDU_HEAPPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path + "." + stage)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jiandu: JIANDU_HEAPPROFILE:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.WriteHeapProfile(f)
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

// Package engine evaluates the compiled policies over an export's partitions: the query is prepared
// once per run against the profile, the run and the calendar, then evaluated per unit and per
// enterprise on all cores, and once more for the export-wide rules over the units' summaries and the
// loader's facts.
package engine

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/records"
)

// CST is China Standard Time, the zone of every date in an export.
var CST = time.FixedZone("CST", 8*3600)

// Run is what is fixed for one scan besides the profile.
type Run struct {
	AsOf       time.Time
	PeriodFrom string
	PeriodTo   string
	// NoFold leaves the rules' run-constant tables (custom.fold) for each evaluation to compute as it
	// needs them: folding them costs about 0.2 s, which a small export (a clerk's check, a fixture)
	// would not earn back. The findings are the same either way.
	NoFold bool
}

// Value is the run as data.jiandu.run.
func (r Run) Value() map[string]any {
	v := map[string]any{
		"as_of":      r.AsOf.In(CST).Format(time.RFC3339),
		"as_of_date": r.AsOf.In(CST).Format("2006-01-02"),
		"period":     nil,
	}
	if r.PeriodFrom != "" || r.PeriodTo != "" {
		v["period"] = map[string]any{"from": r.PeriodFrom, "to": r.PeriodTo}
	}
	return v
}

// Raw is a finding as a rule returned it, before the catalogue and the locations complete it.
type Raw map[string]any

// Engine is a prepared query over one policy tree, profile and run.
type Engine struct {
	progress  func(done, total int)
	onFinding func(Raw)
	query     rego.PreparedEvalQuery
	workers   int
	dump      string    // JIANDU_DUMP_UNIT: a file to write the first unit partition's input to
	dumped    sync.Once // (for tools/rulecost)
}

// New prepares the query once: the policy data, the resolved profile and the run go into the store.
func New(ctx context.Context, tree *policy.Tree, prof *profile.Resolved, run Run) (*Engine, error) {
	q, err := Prepare(ctx, tree, prof, run, "findings := data.jiandu.main.findings; summary := data.jiandu.main.summary; kpis := data.jiandu.main.kpis")
	if err != nil {
		return nil, err
	}
	return &Engine{query: q, workers: runtime.GOMAXPROCS(0), dump: os.Getenv("JIANDU_DUMP_UNIT")}, nil
}

// Prepare prepares any query over the policies with the profile and the run in the store, as New
// does for the findings (tools/rulecost times each rule's findings with it).
func Prepare(ctx context.Context, tree *policy.Tree, prof *profile.Resolved, run Run, query string) (rego.PreparedEvalQuery, error) {
	pv, err := prof.Value()
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	data := map[string]any{}
	for k, v := range tree.Data {
		data[k] = v
	}
	// a fresh data.jiandu for this run: the tree's data is shared by concurrent scans (jiandu serve)
	jd := map[string]any{}
	if shared, ok := data["jiandu"].(map[string]any); ok {
		for k, v := range shared {
			jd[k] = v
		}
	}
	jd["profile"] = pv
	jd["run"] = run.Value()
	data["jiandu"] = jd
	if !run.NoFold {
		folded, err := fold(ctx, tree.Compiler, data)
		if err != nil {
			return rego.PreparedEvalQuery{}, err
		}
		jd[FoldRoot] = folded
	}
	q, err := rego.New(
		rego.Query(query),
		rego.Compiler(tree.Compiler),
		rego.Store(inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true))),
	).PrepareForEval(ctx)
	if err != nil {
		return q, fmt.Errorf("preparing the policies: %w", err)
	}
	return q, nil
}

// OnFinding hands each finding to f as its partition is evaluated (one call at a time) instead of
// collecting them in Output.Findings, so a large export's raw findings need not be held.
func (e *Engine) OnFinding(f func(Raw)) { e.onFinding = f }

// OnProgress calls f after each group of partitions is evaluated, with how many of how many are done.
func (e *Engine) OnProgress(f func(done, total int)) { e.progress = f }

// keep hands findings to OnFinding, or adds them to all.
func (e *Engine) keep(all, fs []Raw) []Raw {
	if e.onFinding == nil {
		return append(all, fs...)
	}
	for _, f := range fs {
		e.onFinding(f)
	}
	return all
}

type result struct {
	findings []Raw
	summary  map[string]any
	kpis     []map[string]any
}

func (e *Engine) eval(ctx context.Context, input ast.Value) (result, error) {
	if e.dump != "" {
		if o, ok := input.(ast.Object); ok && o.Get(ast.StringTerm("scope")).Equal(ast.StringTerm("unit")) {
			e.dumped.Do(func() {
				if err := os.WriteFile(e.dump, []byte(input.String()), 0o644); err != nil {
					fmt.Fprintln(os.Stderr, "jiandu: JIANDU_DUMP_UNIT:", err)
				}
			})
		}
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return result{}, err
	}
	var out result
	if len(rs) == 0 {
		return out, nil
	}
	if fs, ok := rs[0].Bindings["findings"].([]any); ok {
		for _, f := range fs {
			if m, ok := f.(map[string]any); ok {
				out.findings = append(out.findings, m)
			}
		}
	}
	out.summary, _ = rs[0].Bindings["summary"].(map[string]any)
	if ks, ok := rs[0].Bindings["kpis"].([]any); ok {
		for _, k := range ks {
			if m, ok := k.(map[string]any); ok {
				out.kpis = append(out.kpis, m)
			}
		}
	}
	return out, nil
}

// Output is what the policies say about one export: the findings and the KPI rates (policies/kpi, in
// report order: the jurisdiction's, then each unit's).
type Output struct {
	Findings []Raw
	KPIs     []map[string]any
}

// Evaluate runs every partition and returns the findings.
func (e *Engine) Evaluate(ctx context.Context, p *Partitions, header map[string]any, facts *records.Facts) ([]Raw, error) {
	out, err := e.EvaluateAll(ctx, p, header, facts)
	return out.Findings, err
}

// EvaluateAll runs every partition: the unit and enterprise buckets in parallel (a worker decodes one
// bucket at a time and evaluates its partitions), then the export-wide pass.
func (e *Engine) EvaluateAll(ctx context.Context, p *Partitions, header map[string]any, facts *records.Facts) (Output, error) {
	if p.err != nil {
		return Output{}, p.err
	}
	type job struct {
		bucket     int
		enterprise bool
	}
	jobs := make(chan job)
	total, done := 2*p.buckets, 0
	var (
		mu        sync.Mutex
		all       []Raw
		summaries = map[string]map[string]any{}
		firstErr  error
		wg        sync.WaitGroup
	)
	setErr := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for w := 0; w < e.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.enterprise {
					inputs, err := p.readEnterprises(j.bucket)
					if err != nil {
						setErr(fmt.Errorf("reading partitions: %w", err))
						continue
					}
					for _, in := range inputs {
						r, err := e.eval(ctx, in)
						if err != nil {
							setErr(fmt.Errorf("evaluating the policies: %w", err))
							break
						}
						mu.Lock()
						all = e.keep(all, r.findings)
						mu.Unlock()
					}
					if e.progress != nil {
						mu.Lock()
						done++
						e.progress(done, total)
						mu.Unlock()
					}
					continue
				}
				groups, err := p.readUnits(j.bucket)
				if err != nil {
					setErr(fmt.Errorf("reading partitions: %w", err))
					continue
				}
				for _, g := range groups {
					in, err := p.unitInput(g)
					if err != nil {
						setErr(fmt.Errorf("reading partitions: %w", err))
						break
					}
					r, err := e.eval(ctx, in)
					if err != nil {
						setErr(fmt.Errorf("evaluating the policies for unit %s: %w", g.id, err))
						break
					}
					mu.Lock()
					all = e.keep(all, r.findings)
					if len(r.summary) > 0 {
						summaries[g.id] = r.summary
					}
					mu.Unlock()
				}
				if e.progress != nil {
					mu.Lock()
					done++
					e.progress(done, total)
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < p.buckets; i++ {
		jobs <- job{bucket: i}
		jobs <- job{bucket: i, enterprise: true}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return Output{}, firstErr
	}
	r, err := e.eval(ctx, p.exportInput(header, summaries, facts))
	if err != nil {
		return Output{}, fmt.Errorf("evaluating the export-wide rules: %w", err)
	}
	return Output{Findings: e.keep(all, r.findings), KPIs: r.kpis}, nil
}

func (p *Partitions) exportInput(header map[string]any, summaries map[string]map[string]any, facts *records.Facts) ast.Value {
	units := make([]string, 0, len(summaries))
	for u := range summaries {
		units = append(units, u)
	}
	sort.Strings(units)
	var sums []any
	for _, u := range units {
		var typ any
		if t, ok := p.unitTypes[u]; ok {
			typ = t.typ
		}
		sums = append(sums, map[string]any{"unit": u, "type": typ, "rules": summaries[u]})
	}
	in := map[string]any{
		"scope":          "export",
		"unit_summaries": sums,
		"facts": map[string]any{
			"schema_errors": factMaps(facts.SchemaErrors),
			"dangling_refs": factMaps(facts.Dangling),
			"duplicates":    factMaps(facts.Duplicates),
			"unknown_keys":  factMaps(facts.UnknownKeys),
		},
	}
	if header != nil {
		in["export"] = header
	}
	v, err := ast.InterfaceToValue(in)
	if err != nil {
		panic(err) // built from plain values above
	}
	obj := v.(ast.Object)
	obj.Insert(ast.StringTerm("units"), ast.ArrayTerm(terms(sortBySeq(p.unitRecords))...))
	return obj
}

func factMaps(fs []records.Fact) []any {
	out := make([]any, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Map())
	}
	return out
}

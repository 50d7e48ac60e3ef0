package scan

import (
	"encoding/json"
	"sort"
	"sync"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/waiver"
)

// finish completes a result after the findings: the KPI rates (the kept units' and the
// jurisdiction's), the units the reports name, then the baseline and the waivers.
func finish(res *findings.Result, kpis []map[string]any, units *unitIndex, o Options, keep map[string]bool) {
	kept := func(unit string) bool { return len(keep) == 0 || keep[unit] }
	res.Summary.KPIs = []findings.KPI{}
	for _, m := range kpis {
		k := kpiOf(m)
		if k.Scope == "unit" && !kept(k.Unit) {
			continue
		}
		res.Summary.KPIs = append(res.Summary.KPIs, k)
	}
	for _, u := range units.list() {
		if kept(u.ID) {
			res.Summary.Units = append(res.Summary.Units, u)
		}
	}
	if o.Baseline != nil {
		var keepFn func(string) bool
		if len(keep) > 0 {
			keepFn = kept
		}
		o.Baseline.Apply(res, keepFn)
	}
	if o.Waivers != nil {
		waiver.Apply(res, o.Waivers)
	}
}

// rulesOn lists the rules a profile turns on that the catalogue has, in catalogue order.
func (s *Setup) rulesOn(p *profile.Resolved) []string {
	ids := []string{}
	for _, id := range s.Catalogue.IDs() {
		if p.Rules[id].On {
			ids = append(ids, id)
		}
	}
	return ids
}

// kpiOf reads one KPI object of policies/kpi; the rate is recomputed in float64 from the counts.
func kpiOf(m map[string]any) findings.KPI {
	k := findings.KPI{
		ID: str(m["id"]), Title: str(m["title"]), TitleEn: str(m["title_en"]), Scope: str(m["scope"]),
		Unit: str(m["unit"]), UnitType: str(m["unit_type"]), Numerator: num(m["numerator"]),
		Denominator: num(m["denominator"]), MinSource: str(m["min_source"]), Rules: []string{},
	}
	if rs, ok := m["rules"].([]any); ok {
		for _, r := range rs {
			k.Rules = append(k.Rules, str(r))
		}
	}
	if k.Denominator > 0 {
		k.Rate = float64(k.Numerator) / float64(k.Denominator)
	}
	if v, ok := m["min"].(json.Number); ok {
		if x, err := v.Float64(); err == nil {
			k.Min = &x
		}
	} else if x, ok := m["min"].(float64); ok {
		k.Min = &x
	}
	if b, ok := m["met"].(bool); ok {
		k.Met = &b
	}
	return k
}

// unitIndex collects the export's valid unit records (first copy of each id) and counts each unit's
// records as the loader hands them on.
type unitIndex struct {
	mu      sync.Mutex
	units   map[string]*findings.Unit
	records map[string]int
}

func newUnitIndex() *unitIndex {
	return &unitIndex{units: map[string]*findings.Unit{}, records: map[string]int{}}
}

func (x *unitIndex) add(next func(*records.Record)) func(*records.Record) {
	return func(rec *records.Record) {
		x.mu.Lock()
		if rec.Unit != "" {
			x.records[rec.Unit]++
		}
		if rec.Kind == "unit" && rec.ID != "" && x.units[rec.ID] == nil {
			x.units[rec.ID] = &findings.Unit{ID: rec.ID, Name: str(rec.Value["name"]), Type: str(rec.Value["type"])}
		}
		x.mu.Unlock()
		next(rec)
	}
}

// list is every unit with a record or a unit record, sorted by id.
func (x *unitIndex) list() []findings.Unit {
	x.mu.Lock()
	defer x.mu.Unlock()
	ids := map[string]bool{}
	for id := range x.units {
		ids[id] = true
	}
	for id := range x.records {
		ids[id] = true
	}
	out := make([]findings.Unit, 0, len(ids))
	for id := range ids {
		u := findings.Unit{ID: id}
		if x.units[id] != nil {
			u = *x.units[id]
		}
		u.Records = x.records[id]
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

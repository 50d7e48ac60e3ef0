package engine

import (
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/jiandu/jiandu/internal/records"
)

// Partitions groups an export's valid records the way the rules are evaluated: per unit (its records
// and the officers its cases name), per enterprise (every inspection of one credit code), plus the
// unit records for the export-wide pass. Each record is converted to an OPA value once, here.
type Partitions struct {
	units       map[string]*unitPart
	officers    map[string]*ast.Term // first valid officer of each id
	enterprises map[string][]*ast.Term
	unitRecords []*ast.Term
	unitTypes   map[string]string
}

type unitPart struct {
	byKind   map[string][]*ast.Term
	handlers map[string]bool
}

// NewPartitions makes an empty grouping.
func NewPartitions() *Partitions {
	return &Partitions{
		units:       map[string]*unitPart{},
		officers:    map[string]*ast.Term{},
		enterprises: map[string][]*ast.Term{},
		unitTypes:   map[string]string{},
	}
}

// Add files one valid record under its partitions.
func (p *Partitions) Add(rec *records.Record) {
	v, err := ast.InterfaceToValue(rec.Value)
	if err != nil {
		return // a validated record always converts
	}
	t := ast.NewTerm(v)
	u := p.units[rec.Unit]
	if u == nil {
		u = &unitPart{byKind: map[string][]*ast.Term{}, handlers: map[string]bool{}}
		p.units[rec.Unit] = u
	}
	u.byKind[rec.Kind] = append(u.byKind[rec.Kind], t)
	switch rec.Kind {
	case "unit":
		p.unitRecords = append(p.unitRecords, t)
		if typ, ok := rec.Value["type"].(string); ok {
			if _, seen := p.unitTypes[rec.ID]; !seen {
				p.unitTypes[rec.ID] = typ
			}
		}
	case "officer":
		if _, seen := p.officers[rec.ID]; !seen {
			p.officers[rec.ID] = t
		}
	case "case":
		if hs, ok := rec.Value["handlers"].([]any); ok {
			for _, h := range hs {
				if s, ok := h.(string); ok {
					u.handlers[s] = true
				}
			}
		}
	case "inspection":
		if e, ok := rec.Value["enterprise"].(map[string]any); ok {
			if cc, ok := e["credit_code"].(string); ok {
				p.enterprises[cc] = append(p.enterprises[cc], t)
			}
		}
	}
}

// UnitIDs lists the units that have records, sorted.
func (p *Partitions) UnitIDs() []string {
	ids := make([]string, 0, len(p.units))
	for id := range p.units {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (p *Partitions) unitInput(id string) ast.Value {
	u := p.units[id]
	obj := ast.NewObject(
		ast.Item(ast.StringTerm("scope"), ast.StringTerm("unit")),
		ast.Item(ast.StringTerm("unit_id"), ast.StringTerm(id)),
	)
	for _, kind := range records.Kinds {
		obj.Insert(ast.StringTerm(records.Plural[kind]), ast.ArrayTerm(u.byKind[kind]...))
	}
	handlers := ast.NewObject()
	for h := range u.handlers {
		if t, ok := p.officers[h]; ok {
			handlers.Insert(ast.StringTerm(h), t)
		}
	}
	obj.Insert(ast.StringTerm("handlers"), ast.NewTerm(handlers))
	return obj
}

func (p *Partitions) enterpriseInput(code string) ast.Value {
	return ast.NewObject(
		ast.Item(ast.StringTerm("scope"), ast.StringTerm("enterprise")),
		ast.Item(ast.StringTerm("enterprise"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("credit_code"), ast.StringTerm(code)),
			ast.Item(ast.StringTerm("inspections"), ast.ArrayTerm(p.enterprises[code]...)),
		)),
	)
}

func (p *Partitions) enterpriseCodes() []string {
	codes := make([]string, 0, len(p.enterprises))
	for c := range p.enterprises {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

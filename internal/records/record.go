// Package records holds the export model of RECORDS.md and its readers: JSON container and NDJSON
// (streamed record by record), schema validation (DATA-01 facts), the id index (DATA-02/03 facts) and
// unknown keys (DATA-04 facts). Every record keeps the location it came from.
package records

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Kinds are the record kinds of RECORDS.md, in the order exports list them.
var Kinds = []string{"unit", "officer", "case", "inspection", "submission", "incident", "clue"}

// Plural maps a kind to its array name in a JSON container ("case" → "cases").
var Plural = map[string]string{
	"unit": "units", "officer": "officers", "case": "cases", "inspection": "inspections",
	"submission": "submissions", "incident": "incidents", "clue": "clues",
}

// KindOfArray maps an array name (plural) to its kind.
var KindOfArray = func() map[string]string {
	m := map[string]string{}
	for k, p := range Plural {
		m[p] = k
	}
	return m
}()

// Location says where a record or a value came from: file and JSON pointer (JSON), file and line
// (NDJSON), or file, sheet, row, column and cell (spreadsheets).
type Location struct {
	File    string `json:"file"`
	Pointer string `json:"pointer,omitempty"`
	Line    int    `json:"line,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Cell    string `json:"cell,omitempty"`
}

// String renders a location for messages: exports/sj.json#/cases/41, x.ndjson:17, 案件!D17.
func (l Location) String() string {
	switch {
	case l.Cell != "":
		return l.File + " " + l.Cell
	case l.Line > 0:
		return l.File + ":" + strconv.Itoa(l.Line)
	case l.Pointer != "":
		return l.File + "#" + l.Pointer
	}
	return l.File
}

// LocationFromMap reads a location back from its plain value (Map's inverse: what a rule hands back in a
// finding or a step). Numbers may be json.Number, float64 or int.
func LocationFromMap(m map[string]any) *Location {
	s := func(k string) string { v, _ := m[k].(string); return v }
	n := func(k string) int {
		switch x := m[k].(type) {
		case json.Number:
			i, _ := x.Int64()
			return int(i)
		case float64:
			return int(x)
		case int:
			return x
		}
		return 0
	}
	return &Location{File: s("file"), Pointer: s("pointer"), Line: n("line"), Sheet: s("sheet"), Row: n("row"),
		Column: s("column"), Cell: s("cell")}
}

// Map is the location as a plain value (for Rego facts and JSON).
func (l Location) Map() map[string]any {
	m := map[string]any{"file": l.File}
	if l.Pointer != "" {
		m["pointer"] = l.Pointer
	}
	if l.Line > 0 {
		m["line"] = l.Line
	}
	if l.Sheet != "" {
		m["sheet"] = l.Sheet
		m["row"] = l.Row
		m["column"] = l.Column
		m["cell"] = l.Cell
	}
	return m
}

// Record is one record of an export after validation.
type Record struct {
	Kind  string
	ID    string // "" when the record has no string id
	Unit  string // the unit the record belongs to (a unit's own id for units)
	Value map[string]any
	Loc   Location
	Valid bool   // passed the kind's schema; an invalid record is kept only as a reference target
	Seq   uint64 // the record's place in the export, in reading order
}

// Label names a record for a message when it has no id.
func (r *Record) Label() string {
	if r.ID != "" {
		return r.ID
	}
	if r.Loc.Pointer != "" {
		return r.Loc.Pointer
	}
	if r.Loc.Cell != "" {
		return r.Loc.Cell
	}
	return fmt.Sprintf("%s:%d", r.Loc.File, r.Loc.Line)
}

// Header is an export's `export` object.
type Header struct {
	Jurisdiction string
	GeneratedAt  string
	Source       string
	PeriodFrom   string
	PeriodTo     string
	Loc          Location
}

// Fact is something the loader found that a DATA rule turns into a finding.
type Fact struct {
	Kind    string    `json:"kind"`
	ID      string    `json:"id"`
	Unit    string    `json:"unit"`
	Loc     Location  `json:"-"`
	Path    string    `json:"path,omitempty"`
	Reason  string    `json:"reason,omitempty"`
	Value   string    `json:"value,omitempty"`
	Field   string    `json:"field,omitempty"`
	RefKind string    `json:"ref_kind,omitempty"`
	Ref     string    `json:"ref,omitempty"`
	Key     string    `json:"key,omitempty"`
	First   *Location `json:"-"`
}

// Map is the fact as the Rego input sees it (input.facts.*).
func (f Fact) Map() map[string]any {
	m := map[string]any{"kind": f.Kind, "id": f.ID, "unit": f.Unit, "location": f.Loc.Map()}
	for k, v := range map[string]string{"path": f.Path, "reason": f.Reason, "value": f.Value, "field": f.Field,
		"ref_kind": f.RefKind, "ref": f.Ref, "key": f.Key} {
		if v != "" {
			m[k] = v
		}
	}
	if f.First != nil {
		m["first"] = f.First.Map()
	}
	return m
}

// Facts are the loader's findings for the DATA rules.
type Facts struct {
	SchemaErrors []Fact // DATA-01
	Dangling     []Fact // DATA-02
	Duplicates   []Fact // DATA-03
	UnknownKeys  []Fact // DATA-04
}

// FileError is a file that yielded no records: the run exits 2 and names it with what to fix.
type FileError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

func (e *FileError) Error() string { return e.File + ": " + e.Message }

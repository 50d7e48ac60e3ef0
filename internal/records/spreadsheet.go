package records

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
)

// This file is what CSV and XLSX share (RECORDS.md, Spreadsheet layout): which sheet holds which kind,
// which column holds which key (headers.json), how a row becomes a record, and how sub-record sheets
// (officers.training, cases.documents, …) join their parents.

//go:embed headers.json
var headersJSON []byte

func init() {
	Extensions[".csv"] = csvFormat{}
	Extensions[".tsv"] = csvFormat{}
	Extensions[".xlsx"] = xlsxFormat{}
	Extensions[".xlsm"] = xlsxFormat{}
	// .xls is often an .xlsx, or HTML, under an old name: it is read, or named for what it really is
	Extensions[".xls"] = xlsxFormat{}
}

// HeaderFile is headers.json: the shipped header mapping.
type HeaderFile struct {
	About  []string     `json:"about"`
	Parent []string     `json:"parent"`
	Kinds  []HeaderKind `json:"kinds"`
}

// HeaderKind maps one kind: its sheet names, its columns, its sub-record sheets.
type HeaderKind struct {
	Kind       string          `json:"kind"`
	Sheets     []string        `json:"sheets"`
	Variants   []HeaderVariant `json:"variants,omitempty"`
	Subrecords []HeaderSub     `json:"subrecords,omitempty"`
	Columns    []HeaderColumn  `json:"columns"`
}

// HeaderVariant is a sheet of a kind laid out by someone else (信用中国 双公示): defaults for keys it
// lacks, and the key its id comes from when it has no id column.
type HeaderVariant struct {
	About    string            `json:"about"`
	Sheets   []string          `json:"sheets"`
	Defaults map[string]string `json:"defaults"`
	IDFrom   string            `json:"id_from"`
}

// HeaderSub is an array of objects that comes as its own sheet, keyed by the parent's id.
type HeaderSub struct {
	Key    string   `json:"key"`
	Sheets []string `json:"sheets"`
	Parent []string `json:"parent"`
}

// HeaderColumn is one key with the headers that name it.
type HeaderColumn struct {
	Key     string              `json:"key"`
	Zh      []string            `json:"zh"`
	En      []string            `json:"en,omitempty"`
	Example string              `json:"example"`
	Values  map[string][]string `json:"values,omitempty"`
}

// Headers is the shipped header mapping.
func Headers() (*HeaderFile, error) {
	var h HeaderFile
	if err := json.Unmarshal(headersJSON, &h); err != nil {
		return nil, fmt.Errorf("internal/records/headers.json: %w", err)
	}
	return &h, nil
}

// valueType is what a cell converts to.
type valueType int

const (
	tString valueType = iota
	tNumber
	tInteger
	tBool
	tDate
	tInstant
	tList // array of strings (handlers, joint_with, publication.elements)
)

// Column is one key of a scope with everything a cell of it needs.
type Column struct {
	Key     string   // dotted key of the kind (training.date)
	Path    []string // path inside the record, or inside the element in a sub-record sheet
	Header  string   // the header `jiandu template` writes
	Example string
	typ     valueType
	enum    []string          // allowed values (list items for tList)
	labels  map[string]string // folded label → enum value
	Labels  []string          // drop-down labels in enum order (first label of each value, else the value)
}

// Enum lists the values a column takes (nil for free text).
func (c *Column) Enum() []string { return c.enum }

// Type is what the column holds: string, number, integer, boolean, date, instant or list.
func (c *Column) Type() string {
	return [...]string{"string", "number", "integer", "boolean", "date", "instant", "list"}[c.typ]
}

// Scope is the columns one sheet may have: a kind's main sheet or one of its sub-record sheets.
type Scope struct {
	Kind, Sub string
	Name      string    // the sheet name `jiandu template` writes
	Columns   []*Column // in headers.json order
	Parent    string    // the parent column's header (sub-record sheets)
	byName    map[string]*Column
	parent    map[string]bool
	variant   *HeaderVariant
}

// Layout is the header mapping joined with the schema's types.
type Layout struct {
	Scopes []*Scope // export, then each kind's main sheet followed by its sub-record sheets
	scopes map[string]*Scope
	names  map[string]sheetTarget
}

type sheetTarget struct {
	scope   *Scope
	variant *HeaderVariant
}

var layouts sync.Map // *Validator → *Layout

// SheetLayout is the spreadsheet layout for the record schema v validates with.
func (v *Validator) SheetLayout() (*Layout, error) {
	if x, ok := layouts.Load(v); ok {
		return x.(*Layout), nil
	}
	lay, err := buildLayout(v)
	if err != nil {
		return nil, err
	}
	layouts.Store(v, lay)
	return lay, nil
}

func scopeKey(kind, sub string) string { return kind + "." + sub }

func buildLayout(v *Validator) (*Layout, error) {
	hf, err := Headers()
	if err != nil {
		return nil, err
	}
	lay := &Layout{scopes: map[string]*Scope{}, names: map[string]sheetTarget{}}
	for i := range hf.Kinds {
		hk := &hf.Kinds[i]
		s, ok := v.schemas[hk.Kind]
		if !ok {
			return nil, fmt.Errorf("headers.json: kind %q is not in the record schema", hk.Kind)
		}
		types := map[string]*Column{}
		subs := map[string]bool{}
		schemaColumns(s, "", types, subs)
		byKey := map[string]*HeaderColumn{}
		for j := range hk.Columns {
			byKey[hk.Columns[j].Key] = &hk.Columns[j]
		}
		main := &Scope{Kind: hk.Kind, Name: chinese(hk.Sheets, hk.Kind), byName: map[string]*Column{}}
		lay.add(main)
		subScopes := map[string]*Scope{}
		for _, sub := range hk.Subrecords {
			sc := &Scope{Kind: hk.Kind, Sub: sub.Key, Name: chinese(sub.Sheets, sub.Key), byName: map[string]*Column{}, parent: map[string]bool{}}
			sc.Parent = first(hf.Parent[1:], "parent")
			for _, p := range append(append([]string{}, hf.Parent...), sub.Parent...) {
				sc.parent[foldHeader(p)] = true
			}
			subScopes[sub.Key] = sc
			lay.add(sc)
		}
		// every key of the schema, in headers.json order first, then any the mapping does not list
		keys := v.Keys(hk.Kind)
		sort.SliceStable(keys, func(a, b int) bool { return indexOf(hk.Columns, keys[a]) < indexOf(hk.Columns, keys[b]) })
		for _, key := range keys {
			col := types[key]
			if col == nil {
				continue
			}
			sc := main
			col.Path = strings.Split(key, ".")
			if head, _, ok := strings.Cut(key, "."); ok && subs[head] {
				sc = subScopes[head]
				if sc == nil {
					return nil, fmt.Errorf("headers.json: kind %s has no subrecords entry for %s", hk.Kind, head)
				}
				col.Path = col.Path[1:]
			}
			col.Header = key
			names := []string{key}
			if sc.Sub != "" {
				names = append(names, strings.Join(col.Path, "."))
			}
			if hc := byKey[key]; hc != nil {
				if len(hc.Zh) > 0 {
					col.Header = hc.Zh[0]
				}
				col.Example = hc.Example
				names = append(append(names, hc.Zh...), hc.En...)
				col.labels = map[string]string{}
				for _, val := range col.enum {
					col.labels[foldHeader(val)] = val
					label := val
					if ls := hc.Values[val]; len(ls) > 0 {
						label = ls[0]
					}
					col.Labels = append(col.Labels, label)
					for _, l := range hc.Values[val] {
						col.labels[foldHeader(l)] = val
					}
				}
			}
			for _, n := range names {
				f := foldHeader(n)
				if prev := sc.byName[f]; prev != nil && prev != col {
					return nil, fmt.Errorf("headers.json: %q names both %s and %s in the %s sheet", n, prev.Key, col.Key, sc.Name)
				}
				sc.byName[f] = col
			}
			sc.Columns = append(sc.Columns, col)
		}
		// sheet names: the kind's, its variants', its sub-records' and <kind>.<sub> in every spelling
		for _, n := range hk.Sheets {
			lay.name(n, sheetTarget{scope: main})
		}
		for j := range hk.Variants {
			for _, n := range hk.Variants[j].Sheets {
				lay.name(n, sheetTarget{scope: main, variant: &hk.Variants[j]})
			}
		}
		for _, sub := range hk.Subrecords {
			sc := subScopes[sub.Key]
			for _, n := range append([]string{sub.Key}, sub.Sheets...) {
				lay.name(n, sheetTarget{scope: sc})
				for _, k := range hk.Sheets {
					lay.name(k+"."+n, sheetTarget{scope: sc})
				}
			}
		}
	}
	for _, sc := range lay.Scopes {
		if sc.Kind != "export" && len(sc.Columns) == 0 {
			return nil, fmt.Errorf("headers.json: the %s sheet has no columns", sc.Name)
		}
	}
	return lay, nil
}

// chinese is the first name written in Chinese (the template's sheet name), else the first.
func chinese(xs []string, def string) string {
	for _, x := range xs {
		for _, r := range x {
			if unicode.Is(unicode.Han, r) {
				return x
			}
		}
	}
	return first(xs, def)
}

func first(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

func indexOf(cols []HeaderColumn, key string) int {
	for i, c := range cols {
		if c.Key == key {
			return i
		}
	}
	return len(cols)
}

func (lay *Layout) add(sc *Scope) {
	lay.Scopes = append(lay.Scopes, sc)
	lay.scopes[scopeKey(sc.Kind, sc.Sub)] = sc
}

func (lay *Layout) name(n string, t sheetTarget) {
	f := foldName(n)
	if _, dup := lay.names[f]; !dup {
		lay.names[f] = t
	}
}

// Scope is the sheet of a kind ("" for its main sheet) or of one of its sub-records.
func (lay *Layout) Scope(kind, sub string) *Scope { return lay.scopes[scopeKey(kind, sub)] }

// schemaColumns walks a compiled schema and notes each leaf key's type; arrays of objects are the
// sub-records (subs).
func schemaColumns(s *jsonschema.Schema, prefix string, out map[string]*Column, subs map[string]bool) {
	for s.Ref != nil {
		s = s.Ref
	}
	for name, p := range s.Properties {
		for p.Ref != nil {
			p = p.Ref
		}
		key := prefix + name
		switch {
		case hasType(p, "object") && len(p.Properties) > 0:
			schemaColumns(p, key+".", out, subs)
		case hasType(p, "array"):
			item := itemsOf(p)
			if item != nil && len(item.Properties) > 0 {
				if prefix == "" {
					subs[key] = true
				}
				schemaColumns(item, key+".", out, subs)
				continue
			}
			c := &Column{Key: key, typ: tList}
			if item != nil {
				c.enum = enumOf(item)
			}
			out[key] = c
		default:
			out[key] = &Column{Key: key, typ: scalarType(p), enum: enumOf(p)}
		}
	}
}

func hasType(s *jsonschema.Schema, t string) bool {
	for _, x := range s.Types {
		if x == t {
			return true
		}
	}
	return false
}

func itemsOf(s *jsonschema.Schema) *jsonschema.Schema {
	it := s.Items2020
	if it == nil {
		it, _ = s.Items.(*jsonschema.Schema)
	}
	for it != nil && it.Ref != nil {
		it = it.Ref
	}
	return it
}

func scalarType(s *jsonschema.Schema) valueType {
	switch {
	case hasType(s, "boolean"):
		return tBool
	case hasType(s, "integer"):
		return tInteger
	case hasType(s, "number"):
		return tNumber
	case s.Format == "date":
		return tDate
	case s.Format == "date-time":
		return tInstant
	}
	return tString
}

func enumOf(s *jsonschema.Schema) []string {
	var out []string
	for _, e := range s.Enum {
		if str, ok := e.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// foldHeader is how headers and labels are compared: NFKC (full-width → ASCII), lower case, no spaces,
// no * marks.
func foldHeader(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	return s
}

// foldName is how sheet and file names are compared: as headers, with - and _ as .
func foldName(s string) string {
	return strings.NewReplacer("_", ".", "-", ".").Replace(foldHeader(s))
}

// target finds the sheet a name means: exactly, else the longest known name inside it (2023年启东市执法案件
// → cases; a sub-record sheet wins a tie over its own kind).
func (lay *Layout) target(name string) (sheetTarget, bool) {
	f := foldName(name)
	if t, ok := lay.names[f]; ok {
		return t, true
	}
	var best sheetTarget
	bestLen, tie := 0, false
	for n, t := range lay.names {
		if utf8.RuneCountInString(n) < 2 || !strings.Contains(f, n) {
			continue
		}
		if isASCII(n) && !wordIn(f, n) {
			continue
		}
		switch l := utf8.RuneCountInString(n); {
		case l > bestLen:
			best, bestLen, tie = t, l, false
		case l == bestLen && t.scope != best.scope:
			switch {
			case t.scope.Sub != "" && best.scope.Sub == "" && t.scope.Kind == best.scope.Kind:
				best, tie = t, false
			case best.scope.Sub != "" && t.scope.Sub == "" && t.scope.Kind == best.scope.Kind:
			default:
				tie = true
			}
		}
	}
	if bestLen == 0 || tie {
		return sheetTarget{}, false
	}
	return best, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordIn says whether n occurs in f not glued to other letters (cases in cases.2023, not in showcases).
func wordIn(f, n string) bool {
	for i := 0; ; {
		j := strings.Index(f[i:], n)
		if j < 0 {
			return false
		}
		j += i
		before, after := j == 0 || !isLetter(f[j-1]), j+len(n) == len(f) || !isLetter(f[j+len(n)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' }

// resolve finds the column a header names and the factor its values are multiplied by (万元).
func (sc *Scope) resolve(h string) (*Column, int64) {
	f := foldHeader(h)
	if f == "" {
		return nil, 1
	}
	scale := int64(1)
	if strings.Contains(f, "万元") {
		scale = 10000
	}
	try := []string{f}
	if i := strings.LastIndex(f, "("); i > 0 && strings.HasSuffix(f, ")") {
		try = append(try, f[:i])
	}
	for _, u := range []string{"(万元)", "(元)", "万元", "元"} {
		if strings.HasSuffix(f, u) && len(f) > len(u) {
			try = append(try, strings.TrimSuffix(f, u))
		}
	}
	for _, t := range try {
		if c := sc.byName[t]; c != nil {
			if c.typ != tNumber && c.typ != tInteger {
				scale = 1
			}
			return c, scale
		}
	}
	return nil, 1
}

// ColumnName is a column's letters: 0 → A, 25 → Z, 26 → AA.
func ColumnName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

// rowSource yields a sheet's rows: the row number as a spreadsheet program shows it, and the cells;
// io.EOF after the last.
type rowSource interface {
	next() (row int, cells []string, err error)
}

// maxCell bounds one cell's text; a longer cell is a DATA-01 finding, not a value.
const maxCell = 1 << 20

// sheetProblem is a sheet that cannot be read at all (no header row, no id column): with other sheets
// of the file it is a DATA-01 finding on the file, alone it is the file's error.
type sheetProblem struct {
	loc Location
	msg string
}

func (p *sheetProblem) Error() string { return p.msg }

// errEmptySheet is a sheet without a single non-empty cell.
var errEmptySheet = errors.New("the sheet is empty")

type plannedColumn struct {
	col    *Column
	scale  int64
	header string
}

// sheetReader turns one sheet's rows into records for the loader.
type sheetReader struct {
	l         *Loader
	file      string
	sheet     string
	sc        *Scope
	variant   *HeaderVariant
	plan      []*plannedColumn
	idCol     int
	parentCol int
	idFrom    int    // column of the variant's id source, -1 none
	named     []bool // columns with a header
	blankSeen map[int]bool
}

func (r *sheetReader) loc(row, col int) Location {
	c := ColumnName(col)
	return Location{File: r.file, Sheet: r.sheet, Row: row, Column: c, Cell: r.sheet + "!" + c + strconv.Itoa(row)}
}

// readSheet reads one sheet of the scope.
func (l *Loader) readSheet(file, sheet string, t sheetTarget, src rowSource) error {
	r := &sheetReader{l: l, file: file, sheet: sheet, sc: t.scope, variant: t.variant, idCol: -1, parentCol: -1, idFrom: -1,
		blankSeen: map[int]bool{}}
	if t.scope.Kind == "export" {
		return r.readExport(src)
	}
	headerRow, header, pushed, err := r.findHeader(src)
	if err != nil {
		return err
	}
	if err := r.planColumns(headerRow, header); err != nil {
		return err
	}
	if r.sc.Sub != "" {
		defer l.sheetsState().doneSub(file, sheet, r.sc.Kind)
	}
	for _, p := range pushed {
		r.row(p.row, p.cells, nil)
	}
	noter, _ := src.(interface{ rowNote() (int, string) })
	for {
		row, cells, err := src.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var note *Fact
		if noter != nil {
			if col, msg := noter.rowNote(); msg != "" {
				note = &Fact{Loc: r.loc(row, col), Path: "/", Reason: msg}
			}
		}
		r.row(row, cells, note)
	}
}

type bufferedRow struct {
	row   int
	cells []string
}

func empty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func nonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// findHeader finds the header row: the first non-empty row, after up to three title rows (one cell,
// such as a merged 2023年行政处罚案件统计表). Two header rows, a merged group (当事人) over its parts (名称,
// 统一社会信用代码), are read as one. It returns the rows it read past the header.
func (r *sheetReader) findHeader(src rowSource) (int, []string, []bufferedRow, error) {
	var titles int
	for {
		row, cells, err := src.next()
		if err == io.EOF {
			return 0, nil, nil, errEmptySheet
		}
		if err != nil {
			return 0, nil, nil, err
		}
		if empty(cells) {
			continue
		}
		mapped := r.mapped(cells)
		if nonEmpty(cells) == 1 && mapped == 0 && titles < 3 {
			titles++
			continue
		}
		if mapped == 0 {
			return 0, nil, nil, &sheetProblem{loc: r.loc(row, 0), msg: fmt.Sprintf(
				"sheet %s has no header row: row %d (%s) names no column of RECORDS.md; make the first row the column headers (`jiandu template` writes them)",
				r.sheet, row, preview(cells))}
		}
		// a second header row under merged group cells?
		next, ncells, err := src.next()
		for err == nil && empty(ncells) {
			next, ncells, err = src.next()
		}
		if err != nil && err != io.EOF {
			return 0, nil, nil, err
		}
		if err == io.EOF {
			return row, cells, nil, nil
		}
		if combined, ok := r.twoLevel(cells, ncells); ok {
			return next, combined, nil, nil
		}
		return row, cells, []bufferedRow{{next, ncells}}, nil
	}
}

func preview(cells []string) string {
	var parts []string
	for _, c := range cells {
		if c = strings.ToValidUTF8(strings.TrimSpace(c), "\uFFFD"); c != "" {
			if utf8.RuneCountInString(c) > 20 {
				c = string([]rune(c)[:20]) + "…"
			}
			parts = append(parts, c)
		}
		if len(parts) == 4 {
			parts = append(parts, "…")
			break
		}
	}
	return strings.Join(parts, ", ")
}

func (r *sheetReader) mapped(cells []string) int {
	n := 0
	for _, c := range cells {
		if col, _ := r.sc.resolve(c); col != nil || r.sc.parent[foldHeader(c)] {
			n++
		}
	}
	return n
}

// twoLevel combines a header row whose group cells were merged across columns (the cells after a group
// are empty) with the row of parts under it. It applies only when every column the first row names
// is empty in the second (merged down) and the parts name columns (alone or after their group).
func (r *sheetReader) twoLevel(top, sub []string) ([]string, bool) {
	n := max(len(top), len(sub))
	cell := func(xs []string, i int) string {
		if i < len(xs) {
			return strings.TrimSpace(xs[i])
		}
		return ""
	}
	combined := make([]string, n)
	group, grouped, gain := "", false, 0
	named := func(h string) bool {
		col, _ := r.sc.resolve(h)
		return col != nil || r.sc.parent[foldHeader(h)]
	}
	for i := 0; i < n; i++ {
		t, s := cell(top, i), cell(sub, i)
		if t != "" {
			// a group: merged across (the next header cell is empty) with parts under it
			if i+1 < n && cell(top, i+1) == "" && (s != "" || cell(sub, i+1) != "") {
				group, grouped = t, true
			} else if named(t) {
				group = ""
				if s != "" {
					return nil, false // a named column with a value under it: the second row is data
				}
				combined[i] = t
				continue
			} else {
				group = t
			}
		}
		switch {
		case s == "":
			combined[i] = t
		case group != "" && named(group+s):
			combined[i], gain = group+s, gain+1
		case named(s):
			combined[i], gain = s, gain+1
		default:
			combined[i] = s
		}
	}
	return combined, grouped && gain > 0
}

// planColumns maps the header to columns and reports the headers that map to nothing (DATA-04).
func (r *sheetReader) planColumns(row int, header []string) error {
	r.plan = make([]*plannedColumn, len(header))
	r.named = make([]bool, len(header))
	for i, h := range header {
		h = strings.ToValidUTF8(strings.TrimSpace(h), "\uFFFD")
		if h == "" {
			continue
		}
		r.named[i] = true
		if r.sc.Sub != "" && r.sc.parent[foldHeader(h)] && r.parentCol < 0 {
			r.parentCol = i
			continue
		}
		col, scale := r.sc.resolve(h)
		if col == nil {
			r.l.unknownColumn(r.file, r.sc.Kind, h, r.loc(row, i))
			continue
		}
		r.plan[i] = &plannedColumn{col: col, scale: scale, header: h}
		if r.sc.Sub == "" && col.Key == "id" && r.idCol < 0 {
			r.idCol = i
		}
		if r.variant != nil && col.Key == r.variant.IDFrom && r.idFrom < 0 {
			r.idFrom = i
		}
	}
	switch {
	case r.sc.Sub != "" && r.parentCol < 0:
		return &sheetProblem{loc: r.loc(row, 0), msg: fmt.Sprintf(
			"sheet %s has no %s (parent) column: each row of a sub-record sheet must name the %s it belongs to by its id",
			r.sheet, r.sc.Parent, r.sc.Kind)}
	case r.sc.Sub == "" && r.idCol < 0 && r.idFrom < 0:
		return &sheetProblem{loc: r.loc(row, 0), msg: fmt.Sprintf(
			"sheet %s has no id column (%s or id): every %s record needs its id; add the column",
			r.sheet, r.sc.byName["id"].Header, r.sc.Kind)}
	}
	return nil
}

// row turns one data row into a record (or a sub-record for its parent).
func (r *sheetReader) row(row int, cells []string, note *Fact) {
	if empty(cells) {
		return
	}
	obj := map[string]any{}
	from := map[string]int{} // JSON pointer → column
	var problems []Fact
	if note != nil {
		problems = append(problems, *note)
	}
	for i, raw := range cells {
		if i >= len(r.plan) || r.plan[i] == nil {
			if (i >= len(r.named) || !r.named[i]) && !r.blankSeen[i] && strings.TrimSpace(raw) != "" {
				// a value under no header at all: reported once per column (DATA-04)
				r.blankSeen[i] = true
				r.reportBlank(row, i)
			}
			continue
		}
		p := r.plan[i]
		text := strings.TrimSpace(raw)
		if text == "" {
			continue
		}
		ptr := "/" + strings.Join(p.col.Path, "/")
		if _, dup := from[ptr]; dup {
			continue // two columns for one key: the first non-empty one wins
		}
		from[ptr] = i
		var val any
		var err error
		switch {
		case len(raw) > maxCell:
			err = fmt.Errorf("the cell holds %d bytes, more than the %d a cell may hold: shorten it", len(raw), maxCell)
			text = truncate(text, 80)
		case !utf8.ValidString(text):
			err = errors.New("the text is not valid UTF-8 (two encodings mixed in one file?): save the whole file as UTF-8 or GB18030")
			if gb, gerr := simplifiedchinese.GB18030.NewDecoder().String(text); gerr == nil && !strings.ContainsRune(gb, utf8.RuneError) {
				err = fmt.Errorf("the text is not valid UTF-8 but reads as GB18030 %q (two encodings mixed in one file): save the whole file as UTF-8 or GB18030", gb)
			}
			text = strings.ToValidUTF8(text, "\uFFFD")
		default:
			val, err = p.convert(text)
		}
		if err != nil {
			problems = append(problems, Fact{Loc: r.loc(row, i), Path: ptr, Value: truncate(text, 80),
				Reason: fmt.Sprintf("%s %s%d: %v", p.header, ColumnName(i), row, err)})
			val = text
		}
		setPath(obj, p.col.Path, val)
	}
	if len(obj) == 0 && len(problems) == 0 {
		return // values only under no header: reported above, no record
	}
	where := func(ptr string) (Location, bool) {
		for p := ptr; p != ""; {
			if i, ok := from[p]; ok {
				return r.loc(row, i), true
			}
			cut := strings.LastIndexByte(p, '/')
			if cut < 0 {
				break
			}
			p = p[:cut]
		}
		return Location{}, false
	}
	js := r.l.sheetsState()
	if r.sc.Sub != "" {
		parent := ""
		if r.parentCol < len(cells) {
			parent = strings.ToValidUTF8(strings.TrimSpace(cells[r.parentCol]), "\uFFFD")
		}
		js.addChild(r.l, r.sc, parent, &child{elem: obj, loc: r.loc(row, r.parentCol), where: where, problems: problems, row: row})
		return
	}
	if r.variant != nil {
		for k, v := range r.variant.Defaults {
			path := strings.Split(k, ".")
			if getPath(obj, path) == nil {
				setPath(obj, path, v)
			}
		}
		if _, ok := obj["id"]; !ok && r.idFrom >= 0 {
			if v, ok := getPath(obj, strings.Split(r.variant.IDFrom, ".")).(string); ok {
				obj["id"] = v
				from["/id"] = r.idFrom
			}
		}
	}
	col := r.idCol
	if col < 0 {
		col = max(r.idFrom, 0)
	}
	js.addRecord(r.l, r.sc.Kind, obj, r.loc(row, col), &sheetRow{where: where, problems: problems})
}

func (r *sheetReader) reportBlank(row, col int) {
	r.l.unknownColumn(r.file, r.sc.Kind, fmt.Sprintf("(column %s has no header)", ColumnName(col)), r.loc(row, col))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func setPath(obj map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := obj[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[k] = next
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
}

func getPath(obj map[string]any, path []string) any {
	var cur any = obj
	for _, k := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

// convert turns a cell's text into the key's value.
func (p *plannedColumn) convert(text string) (any, error) {
	c := p.col
	switch c.typ {
	case tNumber:
		return ParseAmount(text, p.scale)
	case tInteger:
		return ParseInteger(text)
	case tBool:
		return ParseBool(text)
	case tDate:
		return ParseDate(text)
	case tInstant:
		return ParseInstant(text)
	case tList:
		items := SplitList(text)
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = c.label(it)
		}
		return out, nil
	}
	if len(c.enum) > 0 {
		return c.label(text), nil
	}
	return text, nil
}

// label maps a clerk's label (行政处罚) to the enum value (penalty); anything else stays as written for
// the schema to report.
func (c *Column) label(s string) string {
	if v, ok := c.labels[foldHeader(s)]; ok {
		return v
	}
	return s
}

// readExport reads the 导出信息 sheet: two columns, key and value (or one header row of keys and one row
// of values).
func (r *sheetReader) readExport(src rowSource) error {
	var rows []bufferedRow
	for {
		row, cells, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if !empty(cells) {
			rows = append(rows, bufferedRow{row, cells})
		}
		if len(rows) > 100 {
			break // a header has five keys; a long sheet here is something else
		}
	}
	if len(rows) == 0 {
		return errEmptySheet
	}
	type kv struct {
		key, value string
		row        int
		kcol, vcol int
	}
	var pairs []kv
	if r.mapped(rows[0].cells) >= 2 && len(rows) >= 2 { // wide: keys across, values below
		for i, k := range rows[0].cells {
			v := ""
			if i < len(rows[1].cells) {
				v = rows[1].cells[i]
			}
			pairs = append(pairs, kv{k, v, rows[1].row, i, i})
		}
	} else {
		for j, br := range rows {
			k, v := "", ""
			if len(br.cells) > 0 {
				k = br.cells[0]
			}
			if len(br.cells) > 1 {
				v = br.cells[1]
			}
			if j == 0 && r.mapped([]string{k}) == 0 && isKeyValueHeader(k) {
				continue
			}
			pairs = append(pairs, kv{k, v, br.row, 0, 1})
		}
	}
	obj := map[string]any{}
	first := Location{}
	for _, p := range pairs {
		k, v := strings.ToValidUTF8(strings.TrimSpace(p.key), "\uFFFD"), strings.ToValidUTF8(strings.TrimSpace(p.value), "\uFFFD")
		if k == "" {
			continue
		}
		col, scale := r.sc.resolve(k)
		if col == nil {
			r.l.unknownColumn(r.file, "export", k, r.loc(p.row, p.kcol))
			continue
		}
		if first.File == "" {
			first = r.loc(p.row, p.kcol)
		}
		if v == "" {
			continue
		}
		val, err := (&plannedColumn{col: col, scale: scale, header: k}).convert(v)
		if err != nil {
			r.l.SchemaError(Fact{Kind: "export", ID: "export", Loc: r.loc(p.row, p.vcol),
				Path: "/" + strings.Join(col.Path, "/"), Value: truncate(v, 80),
				Reason: fmt.Sprintf("%s %s%d: %v", k, ColumnName(p.vcol), p.row, err)})
			continue
		}
		setPath(obj, col.Path, val)
	}
	if first.File == "" {
		return &sheetProblem{loc: r.loc(rows[0].row, 0), msg: fmt.Sprintf(
			"sheet %s names no export header key: write two columns, key and value, with rows such as jurisdiction (辖区) and generated_at (导出时间)", r.sheet)}
	}
	r.l.Header(obj, first)
	return nil
}

func isKeyValueHeader(s string) bool {
	switch foldHeader(s) {
	case "key", "键", "项目", "字段", "名称", "参数", "属性", "项":
		return true
	}
	return false
}

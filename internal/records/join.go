package records

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Joining sub-record sheets (officers.training, cases.documents, incidents.officer_measures) to their
// parent rows, across sheets and files, and the spreadsheet side of checking a row's record.

// sheetState joins sub-record sheets (officers.training, cases.documents, incidents.officer_measures)
// to their parent rows across sheets and files.
//
// Memory: sub-record rows are held, grouped by parent id, from when their sheet is read until their
// parent's row arrives (then they leave with the parent): at most the sub-record sheets' own size.
// Workbooks read their sub-record sheets first and LoadPaths reads files of only sub-record sheets
// first, so in the usual export parents stream straight through. A parent row is held (until Finish,
// then checked with its sub-records) only while a sub-record sheet of its kind that the export
// announced (LoadPaths looks at every file's sheet names before reading) is still unread: when one
// kind's sub-record sheets are spread over workbooks that also hold parents (A: cases and documents,
// B: cases and recordings), A's case rows wait for B. A held row costs its converted values plus a few
// map entries, roughly 1 KB for a case row: 0.5 GB for 500,000 cases held.
type sheetState struct {
	announced map[string]bool            // file + sheet of sub-record sheets seen in advance
	done      map[string]bool            // file + sheet of sub-record sheets read
	pending   map[string]int             // kind → sub-record sheets announced and not read yet
	known     map[string]map[string]bool // kind → sub keys some sheet of this export holds
	children  map[string]map[string][]*child
	held      []*heldRecord
	rows      int // sub-record rows read: what a file of them yields
}

type child struct {
	sub      string
	elem     map[string]any
	loc      Location // the parent cell
	where    func(string) (Location, bool)
	problems []Fact
	row      int
	sheet    string
}

type heldRecord struct {
	kind string
	obj  map[string]any
	loc  Location
	row  *sheetRow
}

// sheetRow is what a spreadsheet row adds to a record: where each value came from (so a schema error
// names its cell) and the cells that did not convert.
type sheetRow struct {
	where    func(pointer string) (Location, bool)
	problems []Fact
}

func (l *Loader) sheetsState() *sheetState {
	if l.sheets == nil {
		l.sheets = &sheetState{announced: map[string]bool{}, done: map[string]bool{}, pending: map[string]int{},
			known: map[string]map[string]bool{}, children: map[string]map[string][]*child{}}
	}
	return l.sheets
}

// sheetRows is how many sub-record rows and held parent rows have been read (LoadReader counts them
// as what a file yields).
func (l *Loader) sheetRows() int {
	if l.sheets == nil {
		return 0
	}
	return l.sheets.rows
}

// announce notes a sub-record sheet the export holds before it is read.
func (js *sheetState) announce(file, sheet string, sc *Scope) {
	if sc.Sub == "" {
		return
	}
	k := file + "\x00" + sheet
	if js.announced[k] {
		return
	}
	js.announced[k] = true
	js.pending[sc.Kind]++
	if js.known[sc.Kind] == nil {
		js.known[sc.Kind] = map[string]bool{}
	}
	js.known[sc.Kind][sc.Sub] = true
}

func (js *sheetState) doneSub(file, sheet, kind string) {
	k := file + "\x00" + sheet
	if js.announced[k] && !js.done[k] {
		js.pending[kind]--
	}
	js.done[k] = true
}

func (js *sheetState) addChild(l *Loader, sc *Scope, parent string, c *child) {
	js.rows++
	c.sub, c.sheet = sc.Sub, c.loc.Sheet
	if js.known[sc.Kind] == nil {
		js.known[sc.Kind] = map[string]bool{}
	}
	js.known[sc.Kind][sc.Sub] = true
	if parent == "" {
		l.SchemaError(Fact{Kind: sc.Kind, ID: c.loc.Cell, Loc: c.loc, Path: "/" + sc.Sub,
			Reason: fmt.Sprintf("row %d of sheet %s names no %s (parent): write the id of the %s it belongs to", c.row, c.sheet, sc.Parent, sc.Kind)})
		return
	}
	byParent := js.children[sc.Kind]
	if byParent == nil {
		byParent = map[string][]*child{}
		js.children[sc.Kind] = byParent
	}
	byParent[parent] = append(byParent[parent], c)
}

// addRecord takes a main-sheet row: it is checked now, or held while a sub-record sheet of its kind
// is still to come (then it is indexed when it is checked, at Finish).
func (js *sheetState) addRecord(l *Loader, kind string, obj map[string]any, loc Location, row *sheetRow) {
	if js.pending[kind] > 0 {
		js.rows++
		js.held = append(js.held, &heldRecord{kind: kind, obj: obj, loc: loc, row: row})
		return
	}
	js.attach(kind, obj, row)
	l.submit(job{kind: kind, val: obj, loc: loc, sheet: row})
}

// unknownColumn reports, in export order, a header that maps to no key (DATA-04, once per file and
// column).
func (l *Loader) unknownColumn(file, kind, header string, loc Location) {
	l.inOrder(func() { l.unknownKey(file, kind, header, loc) })
}

// verdict applies what a spreadsheet row adds to the check of its record (on a worker): cells that
// did not convert make the record fail with their reasons at the first such cell; a schema error is
// placed at the cell its value came from.
func (row *sheetRow) verdict(rec *Record, schemaErr **Fact) {
	if len(row.problems) > 0 {
		f := cellFact(rec, row.problems)
		*schemaErr = &f
		return
	}
	if *schemaErr != nil && row.where != nil {
		if cell, ok := row.where((*schemaErr).Path); ok {
			(*schemaErr).Loc = cell
		}
	}
}

// cellFact is one DATA-01 fact for a row's cells that did not convert: the first cell's location,
// path and value, every cell's reason.
func cellFact(rec *Record, problems []Fact) Fact {
	first := problems[0]
	var reasons []string
	for i, p := range problems {
		if i == 5 {
			reasons = append(reasons, fmt.Sprintf("and %d more", len(problems)-5))
			break
		}
		reasons = append(reasons, p.Reason)
	}
	return Fact{Kind: rec.Kind, ID: rec.Label(), Unit: rec.Unit, Loc: first.Loc, Path: first.Path, Value: first.Value,
		Reason: strings.Join(reasons, "; ")}
}

// attach gives a parent its sub-records (in the order they were read) and the cells they came from.
func (js *sheetState) attach(kind string, obj map[string]any, row *sheetRow) {
	id, _ := obj["id"].(string)
	kids := js.children[kind][id]
	if kids != nil {
		delete(js.children[kind], id)
	}
	for sub := range js.known[kind] {
		if _, ok := obj[sub]; !ok {
			obj[sub] = []any{}
		}
	}
	if len(kids) == 0 {
		return
	}
	index := map[string]int{}
	type placed struct {
		c *child
		i int
	}
	var all []placed
	for _, c := range kids {
		arr, _ := obj[c.sub].([]any)
		obj[c.sub] = append(arr, c.elem)
		prefix := "/" + c.sub + "/" + strconv.Itoa(index[c.sub])
		for _, p := range c.problems {
			p.Path = strings.TrimSuffix(prefix+p.Path, "/")
			row.problems = append(row.problems, p)
		}
		all = append(all, placed{c, index[c.sub]})
		index[c.sub]++
	}
	own := row.where
	row.where = func(ptr string) (Location, bool) {
		for _, p := range all {
			prefix := "/" + p.c.sub + "/" + strconv.Itoa(p.i)
			if ptr == prefix || strings.HasPrefix(ptr, prefix+"/") {
				if loc, ok := p.c.where(strings.TrimPrefix(ptr, prefix)); ok {
					return loc, true
				}
				return p.c.loc, true
			}
		}
		return own(ptr)
	}
}

// finishSheets checks the held parents with their sub-records, then (in order, after them) reports
// sub-record rows whose parent never came: DATA-01 on the parent id, at the first such row. It runs
// at Finish, before the pipeline drains.
func (l *Loader) finishSheets() {
	js := l.sheets
	if js == nil {
		return
	}
	held := js.held
	js.held = nil
	for _, h := range held {
		js.attach(h.kind, h.obj, h.row)
		l.submit(job{kind: h.kind, val: h.obj, loc: h.loc, sheet: h.row})
	}
	orphans := js.children
	js.children = map[string]map[string][]*child{}
	if len(orphans) == 0 {
		return
	}
	l.inOrder(func() {
		var kinds []string
		for k := range orphans {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, kind := range kinds {
			var ids []string
			for id := range orphans[kind] {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				kids := orphans[kind][id]
				c := kids[0]
				why := fmt.Sprintf("no %s sheet row has that id", kind)
				if loc, ok := l.LocationOf(kind, id); ok {
					why = fmt.Sprintf("the %s was read from %s, which is not a spreadsheet sheet read with them: give sub-record sheets together with their parents' sheet (same workbook or folder)", kind, loc)
				}
				l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, Fact{Kind: kind, ID: id, Loc: c.loc, Path: "/" + c.sub, Value: id,
					Reason: fmt.Sprintf("%d row(s) of sheet %s (the first at %s) name %s %s as their parent, but %s", len(kids), c.sheet, c.loc.Cell, kind, id, why)})
			}
		}
	})
}

// prescan looks at the spreadsheet files of an export before any is read: which sub-record sheets it
// holds (so parents wait for them only when they must), and reads the files of sub-record sheets first.
func (l *Loader) prescan(files []string) []string {
	lay, err := l.v.SheetLayout()
	if err != nil {
		return files
	}
	js := l.sheetsState()
	rank := map[string]int{}
	for _, f := range files {
		names := sheetNames(f)
		subs, mains := 0, 0
		for _, n := range names {
			t, ok := lay.target(n.sheet)
			if !ok && len(names) == 1 {
				t, ok = lay.target(n.fallback)
			}
			if !ok {
				continue
			}
			if t.scope.Sub != "" {
				js.announce(f, n.sheet, t.scope)
				subs++
			} else {
				mains++
			}
		}
		if subs > 0 && mains == 0 {
			rank[f] = -1
		}
	}
	out := append([]string(nil), files...)
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i]] < rank[out[j]] })
	return out
}

type sheetName struct{ sheet, fallback string }

// sheetNames lists the sheets a spreadsheet file holds without reading its rows (a CSV file is one
// sheet named by the file).
func sheetNames(path string) []sheetName {
	base := fileSheetName(path)
	switch strings.ToLower(extOf(path)) {
	case ".csv", ".tsv":
		return []sheetName{{base, base}}
	case ".xlsx", ".xlsm", ".xls":
		var out []sheetName
		for _, s := range workbookSheets(path) {
			out = append(out, sheetName{s, base})
		}
		return out
	}
	return nil
}

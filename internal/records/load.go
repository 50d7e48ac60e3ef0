package records

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Format reads one file of an export and hands its raw records to a Loader.
type Format interface {
	// Read calls emit for the header and for every record it finds, and returns an error only for
	// what stops the file (syntax broken, wrong container): the records before it are kept.
	Read(name string, r io.Reader, l *Loader) error
}

// Loader reads the files of one export, validates every record and keeps the facts the DATA rules
// report. Valid records go to the sink as they are read; nothing else of the export is kept but the
// id index.
type Loader struct {
	v    *Validator
	sink func(*Record)

	Headers []Header
	Facts   Facts
	Errors  []FileError
	Files   []string
	Records int // records read, valid or not

	index   locIndex        // kind → id → first location
	pending []ref           // references whose target had not been read yet
	unknown map[string]bool // file|kind|key already reported
	pipe    *pipeline
	// OnRead, when set, hears every few thousand records how many files and records were read.
	OnRead    func(files, records int)
	submitted int         // records handed to the pipeline (counted as they are read)
	sheets    *sheetState // spreadsheet sub-record sheets and the parents waiting for them (spreadsheet.go)

	// All, when set, sees every record read, valid or not, in export order (jiandu convert).
	All func(*Record)
}

type ref struct {
	kind, id, unit, field, refKind, ref string
	loc                                 Location
}

// NewLoader makes a loader that validates with v and passes every valid record to sink.
func NewLoader(v *Validator, sink func(*Record)) *Loader {
	return &Loader{v: v, sink: sink, unknown: map[string]bool{}}
}

// Extensions maps a file extension to its format; the loader reads these when it walks a folder.
var Extensions = map[string]Format{
	".json":   jsonFormat{},
	".ndjson": ndjsonFormat{},
	".jsonl":  ndjsonFormat{},
}

// LoadPaths reads files, folders (recursively, every file with a known extension, links followed
// once: walk.go) and "-" (standard input, format sniffed). It lists every file before reading any, so
// that spreadsheet sub-record sheets are known before their parents are read (prescan).
func (l *Loader) LoadPaths(paths []string, stdin io.Reader) {
	var items []string
	for _, p := range paths {
		if p == "-" {
			items = append(items, p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			l.fileError(p, fmt.Sprintf("cannot read it (%v): check the path and its permissions", unwrapPath(err)))
			continue
		}
		if !info.IsDir() {
			items = append(items, p)
			continue
		}
		errs := len(l.Errors)
		files := l.folderFiles(p)
		if len(files) == 0 && len(l.Errors) == errs {
			l.fileError(p, "the folder holds no export file (.json, .ndjson, .csv, .xlsx): point jiandu at the export files")
		}
		items = append(items, files...)
	}
	for _, it := range l.prescan(items) {
		if it == "-" {
			l.LoadReader("-", stdin, nil)
		} else {
			l.loadFile(it)
		}
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (l *Loader) loadFile(path string) {
	f, err := os.Open(path)
	if err != nil {
		l.fileError(path, fmt.Sprintf("cannot open it (%v): check its permissions", unwrapPath(err)))
		return
	}
	defer f.Close()
	format := Extensions[strings.ToLower(filepath.Ext(path))]
	l.LoadReader(path, f, format)
}

// LoadReader reads one file; with a nil format the content decides (JSON container or NDJSON).
func (l *Loader) LoadReader(name string, r io.Reader, format Format) {
	l.Files = append(l.Files, name)
	br := bufio.NewReaderSize(r, 1<<16)
	if format == nil {
		format = sniff(br)
	}
	if _, workbook := format.(xlsxFormat); !workbook {
		if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
			br.Discard(3) // a UTF-8 byte order mark, as Windows editors write
		}
	}
	switch format.(type) {
	case jsonFormat, ndjsonFormat: // a workbook, PDF or web page under a .json name says what it is
		if head, _ := br.Peek(512); len(head) > 0 {
			if err := wrongContent(head, "JSON"); err != nil {
				l.fileError(name, err.Error())
				return
			}
		}
	}
	before := l.submitted + l.sheetRows()
	err := format.Read(name, formatInput(format, br, r), l)
	got := l.submitted + l.sheetRows() - before
	if err != nil {
		if got == 0 {
			l.fileError(name, err.Error())
			return
		}
		// the records before the break are kept and checked; the break itself is a DATA-01 finding
		l.SchemaError(Fact{Kind: "export", ID: name, Loc: Location{File: name}, Path: "/",
			Reason: err.Error() + "; the records after this point were not read"})
		return
	}
	if got == 0 {
		l.fileError(name, "the file holds no records: check that it is the export and not empty")
	}
}

// sniff tells a JSON container from NDJSON by the first line: an object with a string "kind" is NDJSON.
func sniff(br *bufio.Reader) Format {
	peek, _ := br.Peek(1 << 16)
	if bytes.HasPrefix(peek, []byte("PK\x03\x04")) {
		return xlsxFormat{}
	}
	peek = bytes.TrimPrefix(peek, []byte("\xEF\xBB\xBF"))
	line := peek
	if i := bytes.IndexByte(peek, '\n'); i >= 0 {
		line = peek[:i]
	}
	var probe struct {
		Kind any `json:"kind"`
	}
	if json.Unmarshal(bytes.TrimSpace(line), &probe) == nil {
		if _, ok := probe.Kind.(string); ok {
			return ndjsonFormat{}
		}
	}
	return jsonFormat{}
}

func (l *Loader) fileError(name, msg string) {
	l.Errors = append(l.Errors, FileError{File: name, Message: msg})
}

// Header records an export header read at loc.
func (l *Loader) Header(raw any, loc Location) {
	l.submitted++
	l.inOrder(func() { l.header(raw, loc) })
}

func (l *Loader) header(raw any, loc Location) {
	obj, ok := raw.(map[string]any)
	if !ok {
		l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, Fact{Kind: "export", ID: "export", Loc: loc, Path: "/",
			Reason: "the export header must be an object"})
		return
	}
	normalize("export", obj)
	for _, k := range l.v.Prune("export", obj) {
		l.unknownKey(loc.File, "export", k, loc)
	}
	if p := l.v.Validate("export", obj); p != nil {
		l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, Fact{Kind: "export", ID: "export", Loc: loc,
			Path: p.Path, Reason: p.Reason, Value: p.Value})
		return
	}
	h := Header{Loc: loc}
	h.Jurisdiction, _ = obj["jurisdiction"].(string)
	h.GeneratedAt, _ = obj["generated_at"].(string)
	h.Source, _ = obj["source"].(string)
	if p, ok := obj["period"].(map[string]any); ok {
		h.PeriodFrom, _ = p["from"].(string)
		h.PeriodTo, _ = p["to"].(string)
	}
	l.Headers = append(l.Headers, h)
}

// Malformed reports something at loc that is not a record at all.
func (l *Loader) Malformed(loc Location, reason string) {
	l.submitted++
	l.inOrder(func() {
		l.Records++
		l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, Fact{Kind: "export", ID: loc.String(), Loc: loc, Path: "/", Reason: reason})
	})
}

// SchemaError reports, in order, a part of a file that breaks the export contract (a kind that is not
// an array, a break in the file).
func (l *Loader) SchemaError(f Fact) {
	l.inOrder(func() { l.Facts.SchemaErrors = append(l.Facts.SchemaErrors, f) })
}

// UnknownArray reports a top-level key of a JSON container that is no kind of RECORDS.md.
func (l *Loader) UnknownArray(file, key string, loc Location) {
	l.inOrder(func() { l.unknownKey(file, "export", key, loc) })
}

func (l *Loader) unknownKey(file, kind, key string, loc Location) {
	k := file + "|" + kind + "|" + key
	if l.unknown[k] {
		return
	}
	l.unknown[k] = true
	l.Facts.UnknownKeys = append(l.Facts.UnknownKeys, Fact{Kind: kind, ID: file, Key: key, Loc: loc})
}

// Accept validates one decoded record of a kind read at loc (JSON numbers as json.Number). The work
// runs on every core; what depends on the order of the export is applied in order.
func (l *Loader) Accept(kind string, raw any, loc Location) {
	l.submit(job{kind: kind, val: raw, loc: loc})
}

// AcceptJSON is Accept for a record still in JSON bytes (decoded on a worker).
func (l *Loader) AcceptJSON(kind string, raw []byte, loc Location) {
	l.submit(job{kind: kind, raw: raw, loc: loc})
}

// references lists what a valid record points at (RECORDS.md: unit, handlers, reviewer, joint_with,
// officer measures).
func references(rec *Record) []ref {
	v := rec.Value
	var out []ref
	add := func(field, refKind string, x any) {
		if s, ok := x.(string); ok && s != "" {
			out = append(out, ref{kind: rec.Kind, id: rec.ID, unit: rec.Unit, field: field, refKind: refKind, ref: s, loc: rec.Loc})
		}
	}
	if rec.Kind != "unit" {
		add("unit", "unit", v["unit"])
	}
	switch rec.Kind {
	case "case":
		if hs, ok := v["handlers"].([]any); ok {
			for i, h := range hs {
				add("handlers/"+strconv.Itoa(i), "officer", h)
			}
		}
		if lr, ok := v["legal_review"].(map[string]any); ok {
			add("legal_review/reviewer", "officer", lr["reviewer"])
		}
	case "inspection":
		if js, ok := v["joint_with"].([]any); ok {
			for i, j := range js {
				add("joint_with/"+strconv.Itoa(i), "unit", j)
			}
		}
	case "incident":
		if ms, ok := v["officer_measures"].([]any); ok {
			for i, m := range ms {
				if mm, ok := m.(map[string]any); ok {
					add("officer_measures/"+strconv.Itoa(i)+"/officer", "officer", mm["officer"])
				}
			}
		}
	}
	return out
}

// Finish waits for every record to be checked and resolves the references still pending against the
// whole export (DATA-02 facts).
func (l *Loader) Finish() {
	l.finishSheets() // spreadsheet parents held for a sub-record sheet read after them
	l.drain()
	for _, r := range l.pending {
		if _, ok := l.index.get(r.refKind, r.ref); ok {
			continue
		}
		l.Facts.Dangling = append(l.Facts.Dangling, Fact{Kind: r.kind, ID: r.id, Unit: r.unit, Loc: r.loc,
			Field: r.field, RefKind: r.refKind, Ref: r.ref})
	}
	l.pending = nil
}

// LocationOf is where the first record of a kind with an id was read.
func (l *Loader) LocationOf(kind, id string) (Location, bool) {
	p, ok := l.index.get(kind, id)
	if !ok {
		return Location{}, false
	}
	return l.index.location(p), true
}

// locIndex is the id index: every id of every kind with the place its first record was read. It is
// the one thing the loader keeps per record, so a location is packed into 64 bits: a JSON container's
// "/<array>/<n>" as (file, array, n), an NDJSON line as (file, line); any other location (a spreadsheet
// cell, which exports keep small) is kept whole in a side table and packed as its place there.
// location rebuilds exactly the Location that was indexed.
type locIndex struct {
	byKind map[string]map[string]uint64
	files  []string
	fileNo map[string]uint64
	arrays []string // the array names of packed pointers
	whole  []Location
}

// A packed location: the top two bits say which form it is.
const (
	locWhole   = 0 // index into whole
	locPointer = 1 // file | array | ordinal
	locLine    = 2 // file | line
	locTagBits = 2
	locPayload = 64 - locTagBits
	locFile    = 24 // bits of a file number
	locArray   = 4  // bits of an array number
	locOrdinal = locPayload - locFile - locArray
	locLineN   = locPayload - locFile
)

func (x *locIndex) get(kind, id string) (uint64, bool) {
	p, ok := x.byKind[kind][id]
	return p, ok
}

// add indexes id at loc unless the kind has it already; then it returns the first location, packed.
func (x *locIndex) add(kind, id string, loc Location) (first uint64, dup bool) {
	byID := x.byKind[kind]
	if byID == nil {
		if x.byKind == nil {
			x.byKind = map[string]map[string]uint64{}
		}
		byID = map[string]uint64{}
		x.byKind[kind] = byID
	}
	if first, dup := byID[id]; dup {
		return first, true
	}
	byID[id] = x.pack(loc)
	return 0, false
}

func (x *locIndex) pack(loc Location) uint64 {
	switch {
	case loc == Location{File: loc.File, Pointer: loc.Pointer}:
		if f, ok := x.file(loc.File); ok {
			if a, n, ok := x.arrayOrdinal(loc.Pointer); ok {
				return locPointer<<locPayload | f<<(locArray+locOrdinal) | a<<locOrdinal | n
			}
		}
	case loc == Location{File: loc.File, Line: loc.Line} && loc.Line > 0 && uint64(loc.Line) < 1<<locLineN:
		if f, ok := x.file(loc.File); ok {
			return locLine<<locPayload | f<<locLineN | uint64(loc.Line)
		}
	}
	x.whole = append(x.whole, loc)
	return uint64(len(x.whole) - 1)
}

// file numbers a file name; false when there are more files than a packed location can number.
func (x *locIndex) file(name string) (uint64, bool) {
	if f, ok := x.fileNo[name]; ok {
		return f, true
	}
	if len(x.files) >= 1<<locFile {
		return 0, false
	}
	if x.fileNo == nil {
		x.fileNo = map[string]uint64{}
	}
	f := uint64(len(x.files))
	x.files = append(x.files, name)
	x.fileNo[name] = f
	return f, true
}

// arrayOrdinal splits a pointer "/<array>/<n>" whose n is written as strconv writes it.
func (x *locIndex) arrayOrdinal(ptr string) (a, n uint64, ok bool) {
	j := strings.LastIndexByte(ptr, '/')
	if j <= 0 || ptr[0] != '/' {
		return 0, 0, false
	}
	digits := ptr[j+1:]
	if len(digits) == 0 || len(digits) > 1 && digits[0] == '0' {
		return 0, 0, false
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' || n >= 1<<locOrdinal/10 {
			return 0, 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	if n >= 1<<locOrdinal {
		return 0, 0, false
	}
	array := ptr[1:j]
	for i, s := range x.arrays {
		if s == array {
			return uint64(i), n, true
		}
	}
	if len(x.arrays) >= 1<<locArray {
		return 0, 0, false
	}
	x.arrays = append(x.arrays, array)
	return uint64(len(x.arrays) - 1), n, true
}

// location unpacks a packed location.
func (x *locIndex) location(p uint64) Location {
	payload := p & (1<<locPayload - 1)
	switch p >> locPayload {
	case locPointer:
		f := payload >> (locArray + locOrdinal)
		a := payload >> locOrdinal & (1<<locArray - 1)
		n := payload & (1<<locOrdinal - 1)
		return Location{File: x.files[f], Pointer: "/" + x.arrays[a] + "/" + strconv.FormatUint(n, 10)}
	case locLine:
		return Location{File: x.files[payload>>locLineN], Line: int(payload & (1<<locLineN - 1))}
	}
	return x.whole[payload]
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

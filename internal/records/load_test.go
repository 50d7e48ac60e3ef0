package records

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/jiandu/jiandu"
)

// loader collects the valid records a Loader hands its sink (from any worker), in export order.
type loader struct {
	*Loader
	mu  sync.Mutex
	got []*Record
}

func newLoader(t *testing.T) (*loader, *[]*Record) {
	t.Helper()
	v, err := NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	l := &loader{}
	l.Loader = NewLoader(v, func(r *Record) {
		l.mu.Lock()
		l.got = append(l.got, r)
		l.mu.Unlock()
	})
	return l, &l.got
}

// LoadPaths reads and finishes, so the records and facts are complete and ordered.
func (l *loader) LoadPaths(paths []string, stdin io.Reader) {
	l.Loader.LoadPaths(paths, stdin)
	l.Loader.Finish()
	sort.Slice(l.got, func(i, j int) bool { return l.got[i].Seq < l.got[j].Seq })
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const unitJSON = `{"id": "U-1", "type": "department"}`

func TestJSONContainerKeepsPointers(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "e.json", `{"export": {"jurisdiction": "national", "generated_at": "2024-01-10T09:00:00"},
 "units": [`+unitJSON+`],
 "cases": [{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2024-01-02"},
           {"id": "C-2", "unit": "U-1", "category": "penalty", "opened": "2024-01-03"}]}`)
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	l.Finish()
	if len(*got) != 3 {
		t.Fatalf("got %d records, want 3", len(*got))
	}
	if loc := (*got)[2].Loc; loc.File != p || loc.Pointer != "/cases/1" {
		t.Errorf("C-2 location = %+v, want %s#/cases/1", loc, p)
	}
	if len(l.Headers) != 1 || l.Headers[0].GeneratedAt != "2024-01-10T09:00:00+08:00" {
		t.Errorf("header = %+v, want generated_at read as +08:00", l.Headers)
	}
	if len(l.Errors) != 0 || len(l.Facts.SchemaErrors) != 0 {
		t.Errorf("unexpected errors %v %v", l.Errors, l.Facts.SchemaErrors)
	}
}

func TestImpossibleDateIsASchemaErrorAndTheRestIsKept(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "e.json", `{"units": [`+unitJSON+`], "cases": [
 {"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-30"},
 {"id": "C-2", "unit": "U-1", "category": "penalty", "opened": "2023-02-28"}]}`)
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 2 || (*got)[1].ID != "C-2" {
		t.Fatalf("valid records = %d, want the unit and C-2", len(*got))
	}
	if len(l.Facts.SchemaErrors) != 1 {
		t.Fatalf("schema errors = %+v, want 1", l.Facts.SchemaErrors)
	}
	e := l.Facts.SchemaErrors[0]
	if e.ID != "C-1" || e.Path != "/opened" || e.Loc.Pointer != "/cases/0" || e.Value != "2023-02-30" || !strings.Contains(e.Reason, "date") {
		t.Errorf("schema error = %+v", e)
	}
	if _, ok := l.LocationOf("case", "C-1"); !ok {
		t.Error("an invalid record must still resolve as a reference")
	}
}

func TestTruncatedJSONKeepsTheRecordsBefore(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "e.json", `{"units": [`+unitJSON+`], "cases": [{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-01"}, {"id": "C-2", "un`)
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 2 {
		t.Fatalf("records before the break = %d, want 2", len(*got))
	}
	if len(l.Errors) != 0 || len(l.Facts.SchemaErrors) != 1 || l.Facts.SchemaErrors[0].Kind != "export" {
		t.Fatalf("want one export-level DATA-01 fact, got errors %v facts %+v", l.Errors, l.Facts.SchemaErrors)
	}
}

func TestNDJSONBadLineKeepsTheLinesAfter(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "e.ndjson", `{"kind": "export", "jurisdiction": "national"}
{"kind": "unit", "id": "U-1", "type": "department"}
{"kind": "case", "id": "C-1", broken

{"kind": "case", "id": "C-2", "unit": "U-1", "category": "penalty", "opened": "2023-02-01"}
{"kind": "memo", "id": "M-1"}
`)
	l, got := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	if len(*got) != 2 || (*got)[1].ID != "C-2" || (*got)[1].Loc.Line != 5 {
		t.Fatalf("records = %+v, want U-1 and C-2 at line 5", *got)
	}
	if len(l.Facts.SchemaErrors) != 2 || l.Facts.SchemaErrors[0].Loc.Line != 3 || l.Facts.SchemaErrors[1].Loc.Line != 6 {
		t.Fatalf("want DATA-01 facts at lines 3 and 6, got %+v", l.Facts.SchemaErrors)
	}
}

func TestUnreadableEmptyAndWrongFilesAreFileErrors(t *testing.T) {
	dir := t.TempDir()
	empty := write(t, dir, "empty.json", "")
	csvish := write(t, dir, "wrong.json", "id,unit\nC-1,U-1\n")
	arr := write(t, dir, "array.json", `[{"id": "C-1"}]`)
	good := write(t, dir, "good.json", `{"units": [`+unitJSON+`]}`)
	l, got := newLoader(t)
	l.LoadPaths([]string{empty, csvish, arr, filepath.Join(dir, "missing.json"), good}, nil)
	if len(l.Errors) != 4 {
		t.Fatalf("file errors = %+v, want 4", l.Errors)
	}
	for _, e := range l.Errors {
		if e.Message == "" || e.File == "" {
			t.Errorf("file error without a message: %+v", e)
		}
	}
	if len(*got) != 1 {
		t.Errorf("the good file's record must still load, got %d", len(*got))
	}
}

func TestFolderIsReadRecursivelyAndStdinIsSniffed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/units.json", `{"units": [`+unitJSON+`]}`)
	write(t, dir, "a/b/cases.ndjson", `{"kind": "case", "id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-01"}`+"\n")
	write(t, dir, "a/notes.txt", "not an export")
	l, got := newLoader(t)
	l.LoadPaths([]string{dir, "-"}, strings.NewReader(`{"kind": "clue", "id": "K-1", "unit": "U-1", "received": "2023-03-01"}`+"\n"))
	l.Finish()
	if len(*got) != 3 || len(l.Errors) != 0 {
		t.Fatalf("records = %d errors = %v, want 3 and none", len(*got), l.Errors)
	}
	if len(l.Facts.Dangling) != 0 {
		t.Errorf("references across files must resolve: %+v", l.Facts.Dangling)
	}
}

func TestDuplicatesDanglingAndUnknownKeys(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "e.json", `{"units": [`+unitJSON+`, `+unitJSON+`],
 "officers": [{"id": "O-1", "unit": "U-1", "role": "officer", "nickname": "x"}, {"id": "O-2", "unit": "U-1", "role": "officer", "nickname": "y"}],
 "cases": [{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-02-01", "handlers": ["O-1", "O-3"], "decision": {"date": "2023-03-01", "memo": 1}}]}`)
	l, _ := newLoader(t)
	l.LoadPaths([]string{p}, nil)
	l.Finish()
	if len(l.Facts.Duplicates) != 1 || l.Facts.Duplicates[0].Loc.Pointer != "/units/1" || l.Facts.Duplicates[0].First.Pointer != "/units/0" {
		t.Errorf("duplicates = %+v", l.Facts.Duplicates)
	}
	if len(l.Facts.Dangling) != 1 || l.Facts.Dangling[0].Field != "handlers/1" || l.Facts.Dangling[0].Ref != "O-3" {
		t.Errorf("dangling = %+v", l.Facts.Dangling)
	}
	keys := map[string]bool{}
	for _, u := range l.Facts.UnknownKeys {
		keys[u.Kind+"."+u.Key] = true
	}
	if len(l.Facts.UnknownKeys) != 2 || !keys["officer.nickname"] || !keys["case.decision.memo"] {
		t.Errorf("unknown keys = %+v, want officer.nickname once and case.decision.memo", l.Facts.UnknownKeys)
	}
}

func TestNormalizeInstant(t *testing.T) {
	for in, want := range map[string]string{
		"2023-05-01T10:00":          "2023-05-01T10:00:00+08:00",
		"2023-05-01 10:00:30":       "2023-05-01T10:00:30+08:00",
		"2023-05-01T10:00:00Z":      "2023-05-01T10:00:00Z",
		"2023-05-01T10:00:00+08:00": "2023-05-01T10:00:00+08:00",
		"yesterday":                 "yesterday",
	} {
		if got := NormalizeInstant(in); got != want {
			t.Errorf("NormalizeInstant(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLocationFromMapIsMapsInverse(t *testing.T) {
	for _, l := range []Location{
		{File: "e.json", Pointer: "/cases/4"},
		{File: "e.ndjson", Line: 17},
		{File: "b.xlsx", Sheet: "案件", Row: 17, Column: "D", Cell: "案件!D17"},
	} {
		m := l.Map()
		if got := LocationFromMap(m); *got != l {
			t.Errorf("LocationFromMap(%v) = %+v, want %+v", m, *got, l)
		}
	}
	if got := LocationFromMap(map[string]any{"file": "e.ndjson", "line": json.Number("3")}); got.Line != 3 {
		t.Errorf("a json.Number line must be read: %+v", got)
	}
}

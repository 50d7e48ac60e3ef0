package records

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/gen"
)

// The id index packs locations into 64 bits; every location comes back exactly as it was indexed,
// whichever form it has, and the ones that do not pack are kept whole.
func TestIndexGivesBackTheLocationsItWasGiven(t *testing.T) {
	locs := []Location{
		{File: "exports/sj.json", Pointer: "/cases/41"},
		{File: "exports/sj.json", Pointer: "/cases/0"},
		{File: "b.json", Pointer: "/units/4294967296"},
		{File: "b.json", Pointer: "/units/17179869183"},             // the largest ordinal that packs
		{File: "b.json", Pointer: "/units/17179869184"},             // one more: kept whole
		{File: "b.json", Pointer: "/units/99999999999999999999999"}, // overflows uint64
		{File: "b.json", Pointer: "/cases/007"},                     // not as strconv writes it
		{File: "b.json", Pointer: "/cases/-1"},
		{File: "b.json", Pointer: "/cases/"},
		{File: "b.json", Pointer: "/cases"},
		{File: "b.json", Pointer: "cases/1"},
		{File: "b.json", Pointer: "/a~1b/c/3"},
		{File: "b.json", Pointer: "//3"},
		{File: "b.json", Pointer: "/export"},
		{File: "b.json"},
		{File: ""},
		{},
		{File: "x.ndjson", Line: 17},
		{File: "x.ndjson", Line: 1 << 40}, // does not pack
		{File: "x.ndjson", Line: -3},
		{File: "x.ndjson", Line: 5, Pointer: "/cases/1"},
		{File: "t.xlsx", Sheet: "案件", Row: 17, Column: "D", Cell: "案件!D17"},
		{File: "t.csv", Sheet: "cases", Row: 2, Column: "A", Cell: "cases!A2"},
	}
	for i := 0; i < 20; i++ { // more arrays than a packed pointer numbers
		locs = append(locs, Location{File: "c.json", Pointer: "/array" + strconv.Itoa(i) + "/" + strconv.Itoa(i)})
	}
	var x locIndex
	for i, loc := range locs {
		id := "id" + strconv.Itoa(i)
		if _, dup := x.add("case", id, loc); dup {
			t.Fatalf("%s: duplicate", id)
		}
		first, dup := x.add("case", id, Location{File: "later.json", Pointer: "/cases/1"})
		if !dup {
			t.Fatalf("%s: second copy not a duplicate", id)
		}
		if got := x.location(first); got != loc {
			t.Errorf("first location = %#v, want %#v", got, loc)
		}
		p, ok := x.get("case", id)
		if !ok || x.location(p) != loc {
			t.Errorf("location of %s = %#v, want %#v", id, x.location(p), loc)
		}
		if _, ok := x.get("officer", id); ok {
			t.Errorf("officer %s indexed as well", id)
		}
	}
	if len(x.whole) == 0 || len(x.whole) == len(locs) {
		t.Errorf("%d of %d locations kept whole", len(x.whole), len(locs))
	}
}

// Every record's location from the loader matches the one its record was read with, in both streamed
// formats.
func TestLocationOfMatchesTheRecords(t *testing.T) {
	for _, format := range []string{"json", "ndjson"} {
		var buf bytes.Buffer
		if _, err := gen.Generate(&buf, gen.Options{Profile: "qidong-2023", Records: 3000, Seed: 3, Violations: 0.05, Format: format}); err != nil {
			t.Fatal(err)
		}
		v, err := NewValidator(jiandu.Policies())
		if err != nil {
			t.Fatal(err)
		}
		first := map[string]Location{}
		l := NewLoader(v, nil)
		l.All = func(r *Record) {
			if _, ok := first[r.Kind+"|"+r.ID]; !ok && r.ID != "" {
				first[r.Kind+"|"+r.ID] = r.Loc
			}
		}
		l.LoadReader("export."+format, &buf, Extensions["."+format])
		l.Finish()
		if len(first) < 2000 {
			t.Fatalf("%s: %d ids", format, len(first))
		}
		for k, want := range first {
			kind, id, _ := bytes.Cut([]byte(k), []byte("|"))
			got, ok := l.LocationOf(string(kind), string(id))
			if !ok || got != want {
				t.Fatalf("%s: LocationOf(%s) = %#v, %v; want %#v", format, k, got, ok, want)
			}
		}
		if len(l.index.whole) != 0 {
			t.Errorf("%s: %d locations kept whole", format, len(l.index.whole))
		}
	}
}

// BenchmarkIndex is the heap the id index holds per record (B/record) for a generated export.
func BenchmarkIndex(b *testing.B) {
	const n = 200000
	for i := 0; i < b.N; i++ {
		var x locIndex
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for j := 0; j < n; j++ {
			id := fmt.Sprintf("U%05d-C%05d", j/1000, j%1000)
			x.add("case", id, Location{File: "/tmp/perf/g1m.json", Pointer: "/cases/" + strconv.Itoa(j)})
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/record")
		runtime.KeepAlive(&x)
	}
}

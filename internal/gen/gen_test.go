package gen

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/records"
	"github.com/jiandu/jiandu/internal/scan"
)

func generate(t *testing.T, o Options) ([]byte, *Report) {
	t.Helper()
	var b bytes.Buffer
	rep, err := Generate(&b, o)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), rep
}

func writeExport(t *testing.T, b []byte, format string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSameSeedSameBytes(t *testing.T) {
	for _, format := range []string{"json", "ndjson"} {
		o := Options{Profile: "qidong-2023", Records: 2500, Seed: 42, Violations: 0.05, Format: format}
		a, _ := generate(t, o)
		b, _ := generate(t, o)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the same seed gave different bytes", format)
		}
		o.Seed = 43
		c, _ := generate(t, o)
		if bytes.Equal(a, c) {
			t.Errorf("%s: seeds 42 and 43 gave the same bytes", format)
		}
	}
}

// load reads an export with the real loader: every record must pass the schema, resolve its
// references and have an id of its own.
func load(t *testing.T, path string) (*records.Loader, map[string]int) {
	t.Helper()
	v, err := records.NewValidator(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var mu sync.Mutex // the loader may hand records over from several goroutines
	l := records.NewLoader(v, func(r *records.Record) {
		mu.Lock()
		kinds[r.Kind]++
		mu.Unlock()
	})
	l.LoadPaths([]string{path}, nil)
	l.Finish()
	if len(l.Errors) > 0 {
		t.Fatalf("file errors: %+v", l.Errors)
	}
	for _, f := range l.Facts.SchemaErrors[:min(5, len(l.Facts.SchemaErrors))] {
		t.Errorf("schema error: %s %s %s: %s (%s)", f.Kind, f.ID, f.Path, f.Reason, f.Value)
	}
	for _, f := range l.Facts.Dangling[:min(5, len(l.Facts.Dangling))] {
		t.Errorf("dangling reference: %s %s %s → %s %s", f.Kind, f.ID, f.Field, f.RefKind, f.Ref)
	}
	for _, f := range l.Facts.Duplicates[:min(5, len(l.Facts.Duplicates))] {
		t.Errorf("duplicate id: %s %s", f.Kind, f.ID)
	}
	for _, f := range l.Facts.UnknownKeys {
		t.Errorf("unknown key: %s %s", f.Kind, f.Key)
	}
	if n := len(l.Facts.SchemaErrors) + len(l.Facts.Dangling) + len(l.Facts.Duplicates); n > 0 {
		t.Fatalf("%d schema errors, %d dangling references, %d duplicate ids", len(l.Facts.SchemaErrors), len(l.Facts.Dangling), len(l.Facts.Duplicates))
	}
	return l, kinds
}

func TestEveryRecordAskedForIsWrittenAndValid(t *testing.T) {
	for _, tc := range []struct {
		profile string
		n       int
		format  string
	}{
		{"qidong-2023", 1, "json"},
		{"qidong-2023", 7, "ndjson"},
		{"ouhai-2024", 150, "json"},
		{"taishan-2024", 2501, "ndjson"},
		{"qidong-2023", 3000, "json"},
		{"xinzhou-2022", 1999, "json"},
		{"national", 1200, "ndjson"},
	} {
		t.Run(tc.profile+"/"+tc.format, func(t *testing.T) {
			b, rep := generate(t, Options{Profile: tc.profile, Records: tc.n, Seed: 7, Violations: 0.1, Format: tc.format})
			l, kinds := load(t, writeExport(t, b, tc.format))
			if l.Records != tc.n || rep.Records != tc.n {
				t.Errorf("%d records read, %d reported, %d asked", l.Records, rep.Records, tc.n)
			}
			for k, n := range kinds {
				if rep.Kinds[k] != n {
					t.Errorf("%s: %d read, %d reported", k, n, rep.Kinds[k])
				}
			}
			if int64(len(b)) != rep.Bytes {
				t.Errorf("%d bytes written, %d reported", len(b), rep.Bytes)
			}
			if len(l.Headers) != 1 {
				t.Fatalf("headers = %+v, want one", l.Headers)
			}
			h := l.Headers[0]
			y := rep.Year
			if h.Jurisdiction != tc.profile || h.GeneratedAt != strconv.Itoa(y+1)+"-02-01T09:00:00+08:00" ||
				h.PeriodFrom != strconv.Itoa(y)+"-01-01" || h.PeriodTo != strconv.Itoa(y)+"-12-31" {
				t.Errorf("header = %+v", h)
			}
		})
	}
}

func TestKindMix(t *testing.T) {
	_, rep := generate(t, Options{Profile: "qidong-2023", Records: 20000, Seed: 3, Violations: 0.02})
	share := func(kinds ...string) float64 {
		n := 0
		for _, k := range kinds {
			n += rep.Kinds[k]
		}
		return float64(n) / float64(rep.Records)
	}
	for _, c := range []struct {
		what         string
		got, want, d float64
	}{
		{"cases", share("case"), 0.80, 0.03},
		{"officers", share("officer"), 0.10, 0.01},
		{"inspections", share("inspection"), 0.10, 0.015},
		{"the rest", share("unit", "submission", "incident", "clue"), 0.02, 0.02},
	} {
		if c.got < c.want-c.d || c.got > c.want+c.d {
			t.Errorf("%s: %.1f%% of the records, want %.0f%% ± %.1f", c.what, 100*c.got, 100*c.want, 100*c.d)
		}
	}
	if rep.Units != 20 {
		t.Errorf("%d units for 20,000 records, want 20 (about 1,000 records each)", rep.Units)
	}
	if rep.LargestUnit > 5000 {
		t.Errorf("largest unit has %d records, want a few thousand at most", rep.LargestUnit)
	}
	if avg := float64(rep.Bytes) / float64(rep.Records); avg < 700 || avg > 1000 {
		t.Errorf("%.0f bytes a record, want about 800", avg)
	}
}

// TestPlantedViolationsAreFoundAndNothingElse scans generated exports with the real engine: each
// planted rule gives exactly the planted number of findings, and no other rule finds anything (the
// records not chosen for a violation are clean).
func TestPlantedViolationsAreFoundAndNothingElse(t *testing.T) {
	if testing.Short() {
		t.Skip("scans five exports")
	}
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		profile string
		rate    float64
	}{
		{"qidong-2023", DefaultViolations},
		{"qidong-2023", 0.3}, // many plants on one record, and the rare kinds (incidents, units) too
		{"qidong-2023", 0},
		{"ouhai-2024", 0.3},
		{"taishan-2024", 0.1},
	} {
		t.Run(tc.profile+"/"+strconv.FormatFloat(tc.rate, 'g', -1, 64), func(t *testing.T) {
			b, rep := generate(t, Options{Profile: tc.profile, Records: 3000, Seed: 11, Violations: tc.rate})
			res, err := s.Run(context.Background(), scan.Options{Paths: []string{writeExport(t, b, "json")}})
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]int{}
			for _, f := range res.Findings {
				found[f.Rule]++
			}
			var rules []string
			for r := range found {
				rules = append(rules, r)
			}
			for r := range rep.Planted {
				if _, ok := found[r]; !ok {
					rules = append(rules, r)
				}
			}
			sort.Strings(rules)
			total := 0
			for _, r := range rules {
				total += rep.Planted[r]
				if found[r] != rep.Planted[r] {
					t.Errorf("%s: %d findings, %d planted", r, found[r], rep.Planted[r])
				}
			}
			if tc.rate > 0 && total == 0 {
				t.Error("nothing planted")
			}
			if tc.rate == 0 && len(res.Findings) > 0 {
				t.Errorf("a clean export has %d findings, the first %s %s: %s", len(res.Findings), res.Findings[0].Rule, res.Findings[0].Record, res.Findings[0].Message)
			}
		})
	}
}

// heapSampler is a sink that samples the live heap as the export is written: the generator must
// stream, so the heap stays far below the size of the export.
type heapSampler struct {
	n, writes int
	peak      uint64
}

func (h *heapSampler) Write(p []byte) (int, error) {
	h.n += len(p)
	h.writes++
	if h.writes%8 == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	return len(p), nil
}

// TestStreams: the live heap while writing 80,000 records is about what it is while writing 10,000
// (the plan of the units grows by a few hundred bytes a unit; the records are never held).
func TestStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 80 MB")
	}
	peak := func(n int) (uint64, int) {
		h := &heapSampler{}
		if _, err := Generate(h, Options{Profile: "qidong-2023", Records: n, Seed: 5, Violations: 0.02}); err != nil {
			t.Fatal(err)
		}
		return h.peak, h.n
	}
	small, _ := peak(10000)
	big, size := peak(80000)
	if big > small+4<<20 {
		t.Errorf("live heap %d MB writing 10,000 records, %d MB writing 80,000 (%d MB): the generator must stream", small>>20, big>>20, size>>20)
	}
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteErrorStopsTheRun(t *testing.T) {
	_, err := Generate(&failingWriter{after: 1 << 20}, Options{Profile: "qidong-2023", Records: 50000, Seed: 1})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the write error", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{
		{Profile: "qidong-2023", Records: 0},
		{Profile: "nowhere-2023", Records: 10},
		{Profile: "qidong-2023", Records: 10, Violations: 1.5},
		{Profile: "qidong-2023", Records: 10, Format: "xml"},
	} {
		if _, err := Generate(io.Discard, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestCreditCodesCarryTheirCheckCharacter(t *testing.T) {
	seen := map[string]bool{}
	for n := uint64(0); n < 20000; n++ {
		c := creditCode("91", "320681", n*977)
		if len(c) != 18 || seen[c] {
			t.Fatalf("code %q (n=%d): want 18 characters, all distinct", c, n)
		}
		seen[c] = true
		sum := 0
		for i := 0; i < 17; i++ {
			sum += usccWeights[i] * strings.IndexByte(uscc, c[i])
		}
		if want := uscc[(31-sum%31)%31]; c[17] != want {
			t.Fatalf("code %q: check character %c, want %c", c, c[17], want)
		}
	}
	// a published example: 91350100M000100Y43 (GB 32100-2015)
	sum := 0
	ex := "91350100M000100Y43"
	for i := 0; i < 17; i++ {
		sum += usccWeights[i] * strings.IndexByte(uscc, ex[i])
	}
	if uscc[(31-sum%31)%31] != ex[17] {
		t.Error("the check character formula does not reproduce the standard's example")
	}
}

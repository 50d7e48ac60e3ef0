package scan

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/engine"
	"github.com/jiandu/jiandu/internal/records"
)

func setup(t *testing.T) *Setup {
	t.Helper()
	s, err := Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const demo = "../../fixtures/demo/qidong-2023.json"

// TestSpilledPartitionsGiveTheSameFindings: an export spilled to disk bucket by bucket is judged
// exactly as one held in memory, and the spill folder is removed afterwards.
func TestSpilledPartitionsGiveTheSameFindings(t *testing.T) {
	paths := []string{"../../cmd/jiandu/testdata/broken.json"}
	if _, err := os.Stat(demo); err == nil {
		paths = []string{demo}
	}
	s := setup(t)
	ctx := context.Background()
	mem, err := s.Run(ctx, Options{Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	spilled, err := s.Run(ctx, Options{Paths: paths, Partitions: engine.PartitionOptions{Buckets: 7, SpillBytes: 1, TempDir: tmp}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(mem.Findings)
	b, _ := json.Marshal(spilled.Findings)
	if string(a) != string(b) {
		t.Error("spilled and in-memory scans differ")
	}
	if len(mem.Findings) == 0 {
		t.Error("the demo must have findings")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("spill folder left behind: %v", left)
	}
}

func TestParseAsOf(t *testing.T) {
	got, err := ParseAsOf("2025-03-10")
	if err != nil || got.Format(time.RFC3339) != "2025-03-10T23:59:59+08:00" {
		t.Errorf("date as-of = %v %v, want the end of that day in +08:00", got, err)
	}
	got, err = ParseAsOf("2025-03-10T08:00:00Z")
	if err != nil || got.In(engine.CST).Format(time.RFC3339) != "2025-03-10T16:00:00+08:00" {
		t.Errorf("instant as-of = %v %v", got, err)
	}
	if _, err := ParseAsOf("10/03/2025"); err == nil {
		t.Error("a date in another form must be refused")
	}
}

func TestProfileFromHeadersAndDisagreement(t *testing.T) {
	h := func(j string) records.Header { return records.Header{Jurisdiction: j} }
	if id, err := chooseProfile("", []records.Header{h("qidong-2023"), h("qidong-2023")}); err != nil || id != "qidong-2023" {
		t.Errorf("agreeing headers: %q %v", id, err)
	}
	if _, err := chooseProfile("", []records.Header{h("qidong-2023"), h("ouhai-2024")}); err == nil {
		t.Error("headers naming two jurisdictions must fail")
	}
	if _, err := chooseProfile("", nil); err == nil {
		t.Error("no header and no --profile must fail")
	}
	if id, _ := chooseProfile("ouhai-2024", []records.Header{h("qidong-2023")}); id != "ouhai-2024" {
		t.Error("--profile wins over the header")
	}
}

func TestAsOfDefaultsToTheLatestGeneratedAt(t *testing.T) {
	hs := []records.Header{{GeneratedAt: "2024-01-10T09:00:00+08:00"}, {GeneratedAt: "2024-02-01T09:00:00+08:00"}}
	got, err := chooseAsOf("", hs, time.Now)
	if err != nil || got.In(engine.CST).Format(time.RFC3339) != "2024-02-01T09:00:00+08:00" {
		t.Errorf("as-of = %v %v", got, err)
	}
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if got, _ := chooseAsOf("", nil, func() time.Time { return now }); !got.Equal(now) {
		t.Errorf("no header: as-of = %v, want now", got)
	}
}

type recordedProgress struct {
	records, done, total int
}

func (p *recordedProgress) Read(_, records int)       { p.records = records }
func (p *recordedProgress) Evaluated(done, total int) { p.done, p.total = done, total }

func TestProgressHearsRecordsAndEveryPartitionGroup(t *testing.T) {
	s := setup(t)
	p := &recordedProgress{}
	res, err := s.Run(context.Background(), Options{Paths: []string{"../../cmd/jiandu/testdata/broken.json"}, Progress: p,
		Partitions: engine.PartitionOptions{Buckets: 4}})
	if err != nil {
		t.Fatal(err)
	}
	if p.records != res.Summary.Records || p.total != 8 || p.done != 8 {
		t.Errorf("progress = %+v, want %d records and 8 of 8 groups", p, res.Summary.Records)
	}
}

// TestFoldedTablesGiveTheSameFindings: a scan that folds the rules' run-constant tables (large exports)
// and one that lets each unit compute them (small ones) judge alike, under a national and a local
// profile; the demos have late deliveries and publications, so the folded tables are read.
func TestFoldedTablesGiveTheSameFindings(t *testing.T) {
	s := setup(t)
	ctx := context.Background()
	defer func(n int) { foldFrom = n }(foldFrom)
	for _, c := range []struct{ profile, path string }{
		{"qidong-2023", demo},
		{"national", demo},
		{"ouhai-2024", "../../fixtures/demo/ouhai-2024.json"},
	} {
		foldFrom = 1 << 30
		unfolded, err := s.Run(ctx, Options{Profile: c.profile, Paths: []string{c.path}})
		if err != nil {
			t.Fatal(err)
		}
		foldFrom = 0
		folded, err := s.Run(ctx, Options{Profile: c.profile, Paths: []string{c.path}})
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(unfolded)
		b, _ := json.Marshal(folded)
		if string(a) != string(b) {
			t.Errorf("%s: folded and unfolded scans differ", c.profile)
		}
		byRule := map[string]int{}
		for _, f := range folded.Findings {
			byRule[f.Rule]++
		}
		if byRule["CASE-08"]+byRule["CASE-09"]+byRule["CASE-10"] == 0 {
			t.Errorf("%s: no CASE-08/09/10 finding, so the folded tables were not put to the test", c.profile)
		}
	}
}

package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/baseline"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/report"
	"github.com/jiandu/jiandu/internal/scan"
	"github.com/jiandu/jiandu/internal/waiver"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// The demo export (relative to the repository root, where TestMain runs the tests so that locations
// read fixtures/demo/…) and the as-of every test scans it with.
const (
	demoFile = "fixtures/demo/qidong-2023.json"
	demoAsOf = "2024-02-20"
)

// pkgDir is this package's directory, where testdata lives.
var pkgDir string

func TestMain(m *testing.M) {
	flag.Parse()
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	pkgDir = wd
	if err := os.Chdir(filepath.Join(wd, "..", "..")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func testdata(parts ...string) string {
	return filepath.Join(append([]string{pkgDir, "testdata"}, parts...)...)
}

var (
	setupOnce sync.Once
	setup     *scan.Setup
	setupErr  error
)

func loadSetup(t *testing.T) *scan.Setup {
	t.Helper()
	setupOnce.Do(func() { setup, setupErr = scan.Load(jiandu.Policies()) })
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return setup
}

// demo scans the demo export as `jiandu scan --as-of 2024-02-20 fixtures/demo/qidong-2023.json` would,
// with the tool version fixed so that golden files do not change with it.
func demo(t *testing.T, opts ...func(*scan.Options)) *findings.Result {
	t.Helper()
	s := loadSetup(t)
	if _, err := os.Stat(demoFile); err != nil {
		t.Fatalf("the demo export: %v", err)
	}
	o := scan.Options{AsOf: demoAsOf, Paths: []string{demoFile}}
	for _, fn := range opts {
		fn(&o)
	}
	res, err := s.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || len(res.Summary.KPIs) == 0 {
		t.Fatalf("the demo gave %d findings and %d KPI rates: every report test needs both", len(res.Findings), len(res.Summary.KPIs))
	}
	res.Tool.Version = "test"
	return res
}

func ctxOf(t *testing.T, lang string) report.Context {
	s := loadSetup(t)
	c := report.Context{Catalogue: s.Catalogue, Lang: lang}
	if p, err := s.Profiles.Resolve("qidong-2023"); err == nil {
		c.ProfileName, c.ProfileNameEn = p.Name, p.NameEn
	}
	return c
}

func render(t *testing.T, format string, r *findings.Result, c report.Context) []byte {
	t.Helper()
	w, err := report.Get(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, r, c); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

// golden compares output with testdata/golden/name (go test -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := testdata("golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/report -update` to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %s\nwant: %s\n(if the change is intended: go test ./internal/report -update)", name, i+1, g, w)
			}
		}
	}
}

// compared is the demo with a waivers file and a baseline applied: the baseline is the demo's own
// findings minus the first two, plus one that is gone now; the waivers cover a rule × unit, one record,
// one expired entry and one that matches nothing.
func compared(t *testing.T) *findings.Result {
	t.Helper()
	first := demo(t)
	prev := findings.Result{Tool: first.Tool, Profile: first.Profile, AsOf: "2024-01-20T23:59:59+08:00"}
	prev.Findings = append(prev.Findings, first.Findings[2:]...)
	prev.Findings = append(prev.Findings, findings.Finding{ID: "CASE-02:case:C-SJ-2022-999:", Rule: "CASE-02", Severity: "error",
		Kind: "case", Record: "C-SJ-2022-999", Unit: "U-SJ", Message: "案件 C-SJ-2022-999 的重大行政执法决定未在决定作出后15日内备案",
		MessageEn: "Case C-SJ-2022-999: major decision filed late"})
	raw, err := json.Marshal(prev)
	if err != nil {
		t.Fatal(err)
	}
	b, err := baseline.Parse("previous.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := waiver.Parse("waivers.yaml", []byte(`
waivers:
  - rule: TRN-01
    unit: U-HB
    reason: 年度培训计划调整，已报司法局同意
    approved_by: 市司法局 王科长
    expires: 2024-06-30
  - rule: RPT-01
    record: U-ZF
    reason: 平台故障，已书面说明
    approved_by: 市司法局 王科长
    expires: 2024-01-31
  - rule: CASE-09
    record: C-NOPE-1
    reason: 旧案
    approved_by: 李四
    expires: 2024-12-31
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	return demo(t, func(o *scan.Options) { o.Baseline = b; o.Waivers = ws })
}

func TestGoldenTextFormats(t *testing.T) {
	res := demo(t)
	cmp := compared(t)
	for _, tc := range []struct {
		name, format, lang string
		r                  *findings.Result
	}{
		{"demo.table.txt", "table", "zh", res},
		{"demo.en.table.txt", "table", "en", res},
		{"demo.markdown.md", "markdown", "zh", res},
		{"demo.en.markdown.md", "markdown", "en", res},
		{"demo.ndjson", "ndjson", "zh", res},
		{"demo.json", "json", "zh", res},
		{"compared.table.txt", "table", "zh", cmp},
		{"compared.markdown.md", "markdown", "zh", cmp},
		{"compared.json", "json", "zh", cmp},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render(t, tc.format, tc.r, ctxOf(t, tc.lang)))
		})
	}
}

func TestTableColourOnlyWhenAsked(t *testing.T) {
	res := demo(t)
	c := ctxOf(t, "zh")
	if out := render(t, "table", res, c); bytes.Contains(out, []byte("\x1b[")) {
		t.Error("table without Color has ANSI escapes")
	}
	c.Color = true
	if out := render(t, "table", res, c); !bytes.Contains(out, []byte("\x1b[31m")) {
		t.Error("table with Color has no red for errors")
	}
}

func TestNDJSONIsOneFindingALine(t *testing.T) {
	res := demo(t)
	lines := strings.Split(strings.TrimSuffix(string(render(t, "ndjson", res, ctxOf(t, "zh"))), "\n"), "\n")
	if len(lines) != len(res.Findings) {
		t.Fatalf("%d lines for %d findings", len(lines), len(res.Findings))
	}
	for i, l := range lines {
		var f findings.Finding
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if f.ID != res.Findings[i].ID || f.Message != res.Findings[i].Message {
			t.Errorf("line %d is %s, want %s", i+1, f.ID, res.Findings[i].ID)
		}
	}
}

func TestJSONCarriesTheKPIRatesAndRoundTrips(t *testing.T) {
	res := demo(t)
	var back findings.Result
	if err := json.Unmarshal(render(t, "json", res, ctxOf(t, "zh")), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Summary.KPIs) != len(res.Summary.KPIs) || len(back.Findings) != len(res.Findings) {
		t.Fatalf("round trip: %d KPIs, %d findings; want %d, %d", len(back.Summary.KPIs), len(back.Findings), len(res.Summary.KPIs), len(res.Findings))
	}
	for _, k := range back.Summary.KPIs {
		if k.Denominator <= 0 || k.Numerator > k.Denominator || k.Title == "" || k.TitleEn == "" {
			t.Errorf("KPI %+v: want a title in both languages and 0 ≤ numerator ≤ denominator > 0", k)
		}
		if (k.Min == nil) != (k.Met == nil) {
			t.Errorf("KPI %s %s: min and met must be both set or both null", k.ID, k.Unit)
		}
	}
}

func TestEveryFormatIsRegisteredAndWritesTheDemo(t *testing.T) {
	want := []string{"html", "json", "junit", "markdown", "ndjson", "sarif", "table", "xlsx"}
	if got := report.Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("formats %v, want %v", got, want)
	}
	res := compared(t)
	for _, name := range want {
		for _, lang := range []string{"zh", "en"} {
			if out := render(t, name, res, ctxOf(t, lang)); len(out) == 0 {
				t.Errorf("%s (%s) wrote nothing", name, lang)
			}
		}
	}
	if _, err := report.Get("pdf"); err == nil || !strings.Contains(err.Error(), "html, json") {
		t.Errorf("unknown format error %v should list the formats", err)
	}
}

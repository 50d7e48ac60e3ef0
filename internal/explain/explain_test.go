package explain

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/scan"
)

var update = flag.Bool("update", false, "rewrite the golden explanations in testdata from the current output")

// goldens: one finding of each kind of rule, explained in Chinese and English from a fixture export.
var goldens = []struct {
	name, dir, id string
}{
	{"calendar-deadline-roll-forward", "fixtures/CASE-02/fail-late-and-unfiled", "CASE-02:case:C-2023-0011:"},
	{"working-day-deadline-tiaoxiu", "fixtures/CASE-10/fail-served-late-or-not-at-all", "CASE-10:case:C-2024-0011:"},
	{"hours-sum", "fixtures/TRN-01/fail-short-hours", "TRN-01:officer:O-001:"},
	{"rate", "fixtures/QUAL-05/fail-no-legal-reviewer", "QUAL-05:unit:U-ZF:"},
	{"obligation-instance", "fixtures/RPT-01/fail-missing-and-late", "RPT-01:unit:U-BX:discretion_benchmark/2023"},
	{"incident-hour-deadline", "fixtures/INC-01/fail-late-or-missing-reports", "INC-01:incident:INC-2023-11:"},
	{"law-2017-text-before-2021-07-15", "fixtures/CASE-10/fail-2021-revision-boundary", "CASE-10:case:C-2021-0630:"},
	{"threshold-changed-mid-year", "fixtures/CASE-02/fail-filing-days-shortened-mid-year", "CASE-02:case:C-2023-0710:"},
}

// scanFixture scans a fixture case as `jiandu test` does (its expected.json's profile, as-of and draft).
func scanFixture(t *testing.T, s *scan.Setup, dir string) *findings.Result {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Profile     string `json:"profile"`
		ProfileFile string `json:"profile_file"`
		AsOf        string `json:"as_of"`
	}
	if err := json.Unmarshal(raw, &exp); err != nil {
		t.Fatal(err)
	}
	o := scan.Options{Profile: exp.Profile, AsOf: exp.AsOf}
	files, _ := filepath.Glob(filepath.Join(dir, "export.*"))
	o.Paths = files
	if exp.ProfileFile != "" {
		o.Profile, o.ProfileFile = "", filepath.Join(dir, exp.ProfileFile)
	}
	res, err := s.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestGoldenExplanations(t *testing.T) {
	t.Chdir("../..") // locations read fixtures/..., as a user at the top of the repository sees them
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			res := scanFixture(t, s, g.dir)
			sel := Select(res.Findings, Filter{IDs: []string{g.id}})
			if len(sel) != 1 {
				t.Fatalf("%s: no finding %s among %d", g.dir, g.id, len(res.Findings))
			}
			if len(Steps(sel[0], "zh")) == 0 {
				t.Fatalf("%s records no detail.steps", g.id)
			}
			for _, lang := range []string{"zh", "en"} {
				var b bytes.Buffer
				if err := Write(&b, sel, lang, s.Catalogue, Header{Profile: res.Profile, AsOf: res.AsOf}); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("internal/explain/testdata", g.name+"."+lang+".txt"), b.String())
			}
		})
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run `go test ./internal/explain -update` to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range gl {
			if i >= len(wl) || gl[i] != wl[i] {
				w := ""
				if i < len(wl) {
					w = wl[i]
				}
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(if the change is intended: go test ./internal/explain -update)", file, i+1, gl[i], w)
			}
		}
		t.Fatalf("%s: the output is shorter than the golden file (go test ./internal/explain -update)", file)
	}
}

// The finding on a case decided before 2021-07-15 cites the 2017 text's article, the one after it the
// 2021 revision's, in its sources and in its explanation.
func TestFindingsCiteTheTextInForceOnTheActDate(t *testing.T) {
	t.Chdir("../..")
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	res := scanFixture(t, s, "fixtures/CASE-10/fail-2021-revision-boundary")
	sel := Select(res.Findings, Filter{IDs: []string{"CASE-10:case:C-2021-0630:"}})
	if len(sel) != 1 {
		t.Fatalf("findings = %v", res.Findings)
	}
	f := sel[0]
	if !contains(f.Sources, "行政处罚法(2017年修正) 第四十条") {
		t.Errorf("sources = %v, want the 2017 text's 第四十条", f.Sources)
	}
	for _, src := range f.Sources {
		if strings.Contains(src, "2021年修订") {
			t.Errorf("a 2021-06-30 decision cites %q", src)
		}
	}
	res = scanFixture(t, s, "fixtures/CASE-09/fail-2021-revision-boundary")
	sel = Select(res.Findings, Filter{Rules: []string{"CASE-09"}})
	if len(sel) != 1 || !contains(sel[0].Sources, "行政处罚法(2021年修订) 第六十条") {
		t.Errorf("CASE-09 findings = %+v", sel)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, s) {
			return true
		}
	}
	return false
}

func TestSelectAndSections(t *testing.T) {
	fs := []findings.Finding{
		{ID: "A:case:1:", Rule: "A", Record: "1", Message: "m1"},
		{ID: "B:case:2:", Rule: "B", Record: "2", Message: "m2", MessageEn: "e2", Detail: map[string]any{"due": "2024-01-01"}},
	}
	if got := Select(fs, Filter{Rules: []string{"B"}}); len(got) != 1 || got[0].ID != "B:case:2:" {
		t.Errorf("select by rule = %v", got)
	}
	if got := Select(fs, Filter{Records: []string{"1"}, IDs: []string{"A:case:1:"}}); len(got) != 1 {
		t.Errorf("select by record and id = %v", got)
	}
	secs := Sections(fs[1], "en")
	if len(secs) != 2 || secs[0].Steps[0].Text != `detail.due = "2024-01-01"` || secs[1].Steps[0].Text != "e2" {
		t.Errorf("a finding without steps shows its detail and message: %+v", secs)
	}
	f := findings.Finding{Detail: map[string]any{"steps": []any{
		map[string]any{"type": "fact", "zh": "事实", "en": "fact", "location": map[string]any{"file": "a.csv", "line": json.Number("3"), "path": "/decision/date"}},
		map[string]any{"type": "conclusion", "zh": "结论"},
		"plain",
	}}}
	st := Steps(f, "en")
	if len(st) != 3 || st[0].Location != "a.csv:3 /decision/date" || st[1].Text != "结论" || st[2].Type != Calc {
		t.Errorf("steps = %+v", st)
	}
}

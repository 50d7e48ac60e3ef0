package policytest

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/policy"
)

const countyDir = "../../examples/county-policies"

func countySuite() *Suite {
	ov := policy.NewOverlay(jiandu.Policies(), os.DirFS(countyDir))
	return &Suite{Name: "county", Policies: ov, Fixtures: filepath.Join(countyDir, policy.FixturesDir), Owned: ov.FromUser}
}

func TestSuiteReportsPerRule(t *testing.T) {
	t.Parallel()
	s := countySuite()
	s.CoverageMin = 100.5 // above any coverage: the one thing that fails
	rep, err := s.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests, testsFailed, cases, casesFailed := rep.Counts()
	if testsFailed+casesFailed+len(rep.Lint)+len(rep.Problems) > 0 {
		var b bytes.Buffer
		writeTable(&b, rep, false)
		t.Fatalf("the county example must pass:\n%s", b.String())
	}
	if rep.Pass || rep.Coverage.Pass || rep.Coverage.Percent != 100 {
		t.Errorf("coverage %.1f%% below --coverage-min 100.5 must fail the suite (pass %v)", rep.Coverage.Percent, rep.Pass)
	}
	rows := map[string]RuleReport{}
	for _, r := range rep.Rules {
		rows[r.Rule] = r
	}
	q := rows["QDX-01"]
	if q.Tests < 5 || q.Fixtures != 2 || q.Coverage == nil || *q.Coverage != 100 || q.File != "cases/qdx_01.rego" || !q.Pass {
		t.Errorf("QDX-01 row = %+v", q)
	}
	if rows["TRN-01"].Fixtures != 2 {
		t.Errorf("TRN-01 row = %+v: the county's cases of a built-in rule count for it", rows["TRN-01"])
	}
	if _, ok := rows["CASE-02"]; ok {
		t.Error("a built-in rule with nothing of the county's and nothing failing has no row")
	}
	if len(rep.Coverage.Files) != 1 || rep.Coverage.Files[0].File != "cases/qdx_01.rego" {
		t.Errorf("coverage is about the county's own modules: %+v", rep.Coverage.Files)
	}
	if tests < 100 || cases != 4 {
		t.Errorf("%d tests, %d cases: the built-in tests run too, the county's cases only", tests, cases)
	}
}

func TestSuiteRunFilter(t *testing.T) {
	t.Parallel()
	s := countySuite()
	s.Run = regexp.MustCompile(`test_an_absent_flag`)
	rep, err := s.Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tests) != 1 || rep.Tests[0].Name != "test_an_absent_flag_or_online_record_is_a_finding" || len(rep.Fixtures) != 0 || !rep.Pass {
		t.Errorf("--run selected %d tests, %d cases, pass %v", len(rep.Tests), len(rep.Fixtures), rep.Pass)
	}
}

// A broken Rego test and a broken case fail the suite, by name, with the diff.
func TestSuiteNamesWhatFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, countyDir, dir)
	file := filepath.Join(dir, "cases/qdx_01_test.rego")
	src, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(src, []byte(`kase("C-2", "other", null)])) == 0`), []byte(`kase("C-2", "other", null)])) == 1`), 1), 0o644)
	exp := filepath.Join(dir, "fixtures/QDX-01/pass-four-categories-entered-online/expected.json")
	os.WriteFile(exp, []byte(`{"profile": "qidong-2023-local", "as_of": "2024-01-10", "rules": ["QDX-01"],
  "findings": [{"rule": "QDX-01", "kind": "case", "record": "C-2023-0001", "key": ""}]}`), 0o644)
	ov := policy.NewOverlay(jiandu.Policies(), os.DirFS(dir))
	rep, err := (&Suite{Name: "broken", Policies: ov, Fixtures: filepath.Join(dir, "fixtures"), Owned: ov.FromUser}).Execute(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, "table", []*Report{rep}, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"--- FAIL  rego     QDX-01    cases/qdx_01_test.rego:",
		"test_other_categories_are_not_judged",
		"--- FAIL  fixture  QDX-01",
		"- QDX-01 case C-2023-0001 (expected, not found)",
		"[fixtures]", "pass- case QDX-01/pass-four-categories-entered-online expects 1 finding(s) of QDX-01",
		"\nFAIL  ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if rep.Pass {
		t.Error("must fail")
	}
	b.Reset()
	if err := Write(&b, "json", []*Report{rep}, false); err != nil || !json.Valid(b.Bytes()) {
		t.Errorf("json: %v", err)
	}
	b.Reset()
	if err := Write(&b, "junit", []*Report{rep}, false); err != nil {
		t.Fatal(err)
	}
	var ju junitSuites
	if err := xml.Unmarshal(b.Bytes(), &ju); err != nil || ju.Failures < 3 {
		t.Errorf("junit: %v, %d failures\n%s", err, ju.Failures, b.String())
	}
}

// The built-in tree passes the lint: every rule's METADATA, fixtures, profile sources and parameters.
func TestBuiltinLint(t *testing.T) {
	tree, err := policy.Load(jiandu.Policies(), policy.Options{Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range Lint(tree, "../../fixtures", nil) {
		t.Errorf("policies/%s", i)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

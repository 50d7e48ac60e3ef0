package main

import (
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const county = "examples/county-policies"

// runAt runs the built binary in a directory (the repository root for `jiandu test`).
func runAt(t *testing.T, dir string, args ...string) run {
	t.Helper()
	return runIn(t, dir, "", args...)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// copyTree copies the county example into a temp dir.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
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
	return dst
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTestTheCountyExamplePasses(t *testing.T) {
	r := runAt(t, repoRoot(t), "test", county)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"QDX-01                       6/6       2/2      0   100.0%  ok", "TRN-01", "PASS  "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// A deliberately broken copy of the county tree fails, naming the broken test, the broken case and the lint.
func TestTestABrokenCopyFailsNamingWhatBroke(t *testing.T) {
	dir := copyTree(t, filepath.Join(repoRoot(t), county))
	// a Rego test whose expectation is flipped
	edit(t, filepath.Join(dir, "cases/qdx_01_test.rego"), `"field": "online.handled", "value": false}`, `"field": "online.handled", "value": true}`)
	// a fixture that forgets one of the findings
	edit(t, filepath.Join(dir, "fixtures/QDX-01/fail-not-entered-online/expected.json"), `,
    {
      "rule": "QDX-01",
      "kind": "case",
      "record": "C-2023-0012",
      "key": ""
    }`, "")
	// a profile parameter without its source
	edit(t, filepath.Join(dir, "profiles/qidong-2023-local/data.json"), `"source": "启东市县级细则（示例，虚构）第2条`, `"note": "`)
	r := runAt(t, repoRoot(t), "test", dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"--- FAIL  rego     QDX-01",
		"test_a_penalty_case_not_entered_is_a_finding",
		"fixtures/QDX-01/fail-not-entered-online: findings differ from expected.json",
		"+ QDX-01 case C-2023-0012 (found, not expected)",
		"[profile-sources]",
		"profiles/qidong-2023-local/data.json:",
		"parameter TRN-01.annual_min_hours cites no source",
		"FAIL  ",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestTestExit2WhenThePoliciesDoNotCompile(t *testing.T) {
	dir := copyTree(t, filepath.Join(repoRoot(t), county))
	edit(t, filepath.Join(dir, "cases/qdx_01.rego"), "c.category in categories", "c.categroy in categories")
	r := runAt(t, repoRoot(t), "test", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "cases/qdx_01.rego:29") || !strings.Contains(r.stderr, "categroy") {
		t.Fatalf("exit %d, want 2 naming the file, line and field\n%s", r.code, r.stderr)
	}
}

func TestTestBuiltinPoliciesFromTheRepositoryRoot(t *testing.T) {
	r := runAt(t, repoRoot(t), "test", "--format", "json")
	if r.code == 2 {
		t.Fatalf("exit 2: %s", r.stderr)
	}
	var doc struct {
		Pass   bool
		Suites []struct {
			Rules []struct {
				Rule  string
				Tests int
			}
			Coverage struct{ Percent float64 }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	tests := map[string]int{}
	for _, x := range doc.Suites[0].Rules {
		tests[x.Rule] = x.Tests
	}
	for _, id := range []string{"QUAL-01", "CASE-02", "TRN-01", "DATA-01"} {
		if tests[id] == 0 {
			t.Errorf("no Rego tests reported for %s", id)
		}
	}
	t.Logf("built-in policies: pass %v, coverage %.1f%%", doc.Pass, doc.Suites[0].Coverage.Percent)
	if r := runAt(t, t.TempDir(), "test"); r.code != 2 || !strings.Contains(r.stderr, "repository root") {
		t.Errorf("outside the repository: exit %d, want 2 saying where to run it: %s", r.code, r.stderr)
	}
}

func TestTestRunFormatsAndCoverageMin(t *testing.T) {
	root := repoRoot(t)
	r := runAt(t, root, "test", "--run", "QDX-01", "--format", "json", county)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var doc struct {
		Suites []struct {
			Tests    []struct{ Rule string }
			Fixtures []struct{ Rule string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites[0].Tests) == 0 || len(doc.Suites[0].Fixtures) != 2 {
		t.Errorf("--run QDX-01: %d tests, %d cases", len(doc.Suites[0].Tests), len(doc.Suites[0].Fixtures))
	}
	for _, x := range doc.Suites[0].Tests {
		if x.Rule != "QDX-01" {
			t.Errorf("--run QDX-01 kept a test of %s", x.Rule)
		}
	}
	if r := runAt(t, root, "test", "--run", "no-such-thing", county); r.code != 1 || !strings.Contains(r.stdout, "selects no Rego test") {
		t.Errorf("--run matching nothing: exit %d, want 1 saying so\n%s", r.code, r.stdout)
	}
	junit := filepath.Join(t.TempDir(), "report.xml")
	r = runAt(t, root, "test", "--format", "junit="+junit, "--format", "table", county)
	if r.code != 0 || !strings.Contains(r.stdout, "QDX-01") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	raw, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Tests  int `xml:"tests,attr"`
		Suites []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(raw, &suites); err != nil || suites.Tests == 0 || !strings.Contains(string(raw), "QDX-01") {
		t.Errorf("junit: %v\n%s", err, raw)
	}
	if r := runAt(t, root, "test", "--coverage-min", "100.5", county); r.code != 1 || !strings.Contains(r.stdout, "BELOW THE MINIMUM") {
		t.Errorf("--coverage-min above the coverage: exit %d, want 1\n%s", r.code, r.stdout)
	}
	if r := runAt(t, root, "test", "--format", "yaml", county); r.code != 2 {
		t.Errorf("--format yaml: exit %d, want 2", r.code)
	}
}

// jiandu new scaffolds a rule and a profile whose test, cases and lint fail until filled in.
func TestNewRuleAndProfile(t *testing.T) {
	root := repoRoot(t)
	dir := t.TempDir()
	if r := runAt(t, root, "new", "rule", "ZZZ-01", "--area", "local", "--policies", dir, "--profile", "zzz-2024"); r.code != 0 {
		t.Fatalf("new rule: exit %d %s", r.code, r.stderr)
	}
	if r := runAt(t, root, "new", "profile", "zzz-2024", "--extends", "qidong-2023", "--policies", dir); r.code != 0 {
		t.Fatalf("new profile: exit %d %s", r.code, r.stderr)
	}
	for _, f := range []string{"local/zzz_01.rego", "local/zzz_01_test.rego", "fixtures/ZZZ-01/pass-example/export.json",
		"fixtures/ZZZ-01/fail-example/expected.json", "profiles/zzz-2024/data.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("not scaffolded: %s", f)
		}
	}
	r := runAt(t, root, "test", dir)
	if r.code != 1 {
		t.Fatalf("a fresh scaffold must fail: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"test_a_case_breaking_the_rule_is_a_finding", "not filled in yet", "local/zzz_01.rego:2: METADATA still holds the scaffold's TODO", "profiles/zzz-2024/data.json:3"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := runAt(t, root, "new", "rule", "ZZZ-01", "--area", "local", "--policies", dir); r.code != 2 || !strings.Contains(r.stderr, "never overwrites") {
		t.Errorf("second scaffold: exit %d %s", r.code, r.stderr)
	}
	if r := runAt(t, root, "new", "profile", "zzz-2025", "--extends", "qidong-2032", "--policies", dir); r.code != 2 || !strings.Contains(r.stderr, "qidong-2023") {
		t.Errorf("unknown --extends: exit %d %s", r.code, r.stderr)
	}
	if r := runAt(t, root, "new", "rule", "zzz-1", "--area", "local", "--policies", dir); r.code != 2 {
		t.Errorf("a bad id: exit %d", r.code)
	}
}

// scan --policies lays the user's tree over the built-in one: its rule and profile are there, the built-in ones too.
func TestScanWithAUserPolicyTree(t *testing.T) {
	root := repoRoot(t)
	r := runAt(t, root, "scan", "--policies", county, "--format", "json",
		filepath.Join(county, "fixtures/QDX-01/fail-not-entered-online/export.json"))
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	doc := findingsOf(t, r.stdout)
	if doc["profile"] != "qidong-2023-local" {
		t.Errorf("profile %v, want the header's qidong-2023-local", doc["profile"])
	}
	got := map[string]bool{}
	for _, f := range doc["findings"].([]any) {
		got[f.(map[string]any)["id"].(string)] = true
	}
	if !got["QDX-01:case:C-2023-0011:"] || !got["QDX-01:case:C-2023-0012:"] {
		t.Errorf("the user's rule must run: %v", got)
	}
	p := runAt(t, root, "--policies", county, "profiles")
	if p.code != 0 || !strings.Contains(p.stdout, "qidong-2023-local") || !strings.Contains(p.stdout, "ouhai-2024") {
		t.Errorf("profiles with --policies: exit %d\n%s", p.code, p.stdout)
	}
}

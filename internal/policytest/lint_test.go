package policytest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jiandu/jiandu/internal/policy"
)

// A small policy tree that passes every lint check; each test below breaks one thing.
var lintTree = map[string]string{
	"schemas/input.json": `{"type": "object", "properties": {
  "cases": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "unit": {"type": "string"}, "days": {"type": "number"}}}}}}
`,
	"lib/lib.rego": `package jiandu.lib

param(rule, name) := data.jiandu.profile.params[rule][name][0].value

finding(chain, f) := object.union({"rule": chain[0].annotations.custom.id, "key": ""}, f)
`,
	"cases/xyz_01.rego": `# METADATA
# title: 测试规则
# description: 超过 limit_days 天即为问题。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: XYZ-01
#   title_en: Test rule
#   severity: error
#   sources:
#     - 某法 第一条
#   params: [limit_days]
package jiandu.rules.xyz_01

import data.jiandu.lib

findings contains f if {
	limit := lib.param("XYZ-01", "limit_days")
	some c in input.cases
	c.days > limit
	f := lib.finding(rego.metadata.chain(), {"kind": "case", "record": c.id})
}
`,
	"cases/xyz_01_test.rego": `package jiandu.rules.xyz_01_test

import data.jiandu.rules.xyz_01

test_late_is_a_finding if {
	fs := xyz_01.findings with input as {"cases": [{"id": "C-1", "days": 3}]}
		with data.jiandu.profile as {"params": {"XYZ-01": {"limit_days": [{"value": 2}]}}}
	count(fs) == 1
}
`,
	"profiles/national/data.json": `{
  "id": "national",
  "name": "国家法律",
  "year": null,
  "rules": {
    "XYZ-01": {"on": true, "source": "某法 第一条"}
  },
  "params": {
    "XYZ-01": {
      "limit_days": {"value": 2, "source": "某法 第一条 二日内"}
    }
  },
  "obligations": []
}
`,
	"profiles/county-2023/data.json": `{
  "id": "county-2023",
  "name": "某县2023年度计划",
  "year": 2023,
  "extends": "national",
  "rules": {},
  "params": {
    "XYZ-01": {
      "limit_days": {"values": [{"from": "2023-01-01", "value": 1, "source": "某县计划 第三条"}]}
    }
  },
  "obligations": []
}
`,
}

var lintFixtures = map[string]string{
	"XYZ-01/pass-on-time/expected.json": `{"profile": "national", "as_of": "2024-01-10", "rules": ["XYZ-01"], "findings": []}`,
	"XYZ-01/fail-late/expected.json": `{"profile": "national", "as_of": "2024-01-10", "rules": ["XYZ-01"],
  "findings": [{"rule": "XYZ-01", "kind": "case", "record": "C-1", "key": ""}]}`,
}

// lintWith lints the tree with edits applied ("" deletes a file), fixtures likewise.
func lintWith(t *testing.T, edits, fixtureEdits map[string]string) []Issue {
	t.Helper()
	m := fstest.MapFS{}
	for name, src := range lintTree {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for name, src := range edits {
		if src == "" {
			delete(m, name)
		} else {
			m[name] = &fstest.MapFile{Data: []byte(src)}
		}
	}
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range lintFixtures {
		files[k] = v
	}
	for k, v := range fixtureEdits {
		files[k] = v
	}
	for name, src := range files {
		if src == "" {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := policy.Load(m, policy.Options{Tests: true})
	if err != nil {
		t.Fatalf("the test tree must compile: %v", err)
	}
	return Lint(tree, dir, nil)
}

func checks(is []Issue) []string {
	seen := map[string]bool{}
	var out []string
	for _, i := range is {
		if !seen[i.Check] {
			seen[i.Check] = true
			out = append(out, i.Check)
		}
	}
	sort.Strings(out)
	return out
}

func TestTheLintTreeIsClean(t *testing.T) {
	if is := lintWith(t, nil, nil); len(is) > 0 {
		t.Fatalf("issues on the clean tree:\n%v", is)
	}
}

func replace(file, old, new string) map[string]string {
	src := lintTree[file]
	if !strings.Contains(src, old) {
		panic(old + " not in " + file)
	}
	return map[string]string{file: strings.Replace(src, old, new, 1)}
}

// Each lint check, made to fail: which checks fire, and where (file and line) the first of want points.
func TestEachLintCheckFails(t *testing.T) {
	rule := "cases/xyz_01.rego"
	nat := "profiles/national/data.json"
	for _, tc := range []struct {
		name     string
		edits    map[string]string
		fixtures map[string]string
		want     []string // the checks that fire
		file     string   // where the issue of want[0] is
		line     int
		text     string // in its message
	}{
		{name: "strict compile: an unused variable",
			edits: replace(rule, "\tsome c in input.cases\n", "\tunused := 1\n\tsome c in input.cases\n"),
			want:  []string{CheckCompile}, file: rule, line: 20, text: "unused"},
		{name: "opa fmt",
			edits: replace(rule, "\tsome c in input.cases\n", "\tsome c in   input.cases\n"),
			want:  []string{CheckFormat}, file: rule, line: 20},
		{name: "metadata: no English title",
			edits: replace(rule, "#   title_en: Test rule\n", ""),
			want:  []string{CheckMetadata}, file: rule, line: 1, text: "title_en"},
		{name: "metadata: the title is not Chinese",
			edits: replace(rule, "# title: 测试规则", "# title: Test rule"),
			want:  []string{CheckMetadata}, file: rule, line: 2, text: "not Chinese"},
		{name: "metadata: no title",
			edits: replace(rule, "# title: 测试规则\n", ""),
			want:  []string{CheckMetadata}, file: rule, line: 1, text: "no title"},
		{name: "metadata: severity outside error, warning, info",
			edits: replace(rule, "severity: error", "severity: fatal"),
			want:  []string{CheckMetadata}, file: rule, line: 10, text: "fatal"},
		{name: "metadata: no sources",
			edits: replace(rule, "#   sources:\n#     - 某法 第一条\n", ""),
			want:  []string{CheckMetadata}, file: rule, line: 1, text: "sources"},
		{name: "metadata: scaffold placeholders left",
			edits: replace(rule, "某法 第一条", "TODO <文件名> <条款>"),
			want:  []string{CheckMetadata}, file: rule, line: 2, text: "TODO"},
		{name: "metadata: a rule package without METADATA",
			edits: map[string]string{"cases/xyz_02.rego": "package jiandu.rules.xyz_02\n\nfindings := set()\n"},
			want:  []string{CheckMetadata}, file: "cases/xyz_02.rego", line: 1, text: "no `# METADATA`"},
		{name: "id: does not match [A-Z]+-[0-9]{2}",
			edits: replace(rule, "id: XYZ-01", "id: XYZ-1"),
			// the tree's profile, tests and fixtures still name XYZ-01
			want: []string{CheckID, CheckFixtures, CheckProfile}, file: rule, line: 8, text: "does not match"},
		{name: "id: declared twice",
			edits: map[string]string{"cases/xyz_01b.rego": strings.Replace(lintTree[rule], "package jiandu.rules.xyz_01", "package jiandu.rules.xyz_01b", 1)},
			want:  []string{CheckID, CheckPackage}, file: "cases/xyz_01b.rego", line: 8, text: "already declared at cases/xyz_01.rego:1"},
		{name: "package: not data.jiandu.rules.<id>",
			edits: replace(rule, "package jiandu.rules.xyz_01", "package jiandu.rules.xyz_one"),
			want:  []string{CheckPackage, CheckTests}, file: rule, line: 14, text: "must be in package jiandu.rules.xyz_01"},
		{name: "tests: no Rego test for the rule",
			edits: map[string]string{"cases/xyz_01_test.rego": ""},
			want:  []string{CheckTests}, file: rule, line: 1, text: "no Rego unit test"},
		{name: "fixtures: no pass- case",
			fixtures: map[string]string{"XYZ-01/pass-on-time/expected.json": ""},
			want:     []string{CheckFixtures}, file: rule, line: 1, text: "no pass-* fixture"},
		{name: "fixtures: no fail- case",
			fixtures: map[string]string{"XYZ-01/fail-late/expected.json": ""},
			want:     []string{CheckFixtures}, file: rule, line: 1, text: "no fail-* fixture"},
		{name: "fixtures: a fail- case that expects nothing of its rule",
			fixtures: map[string]string{"XYZ-01/fail-late/expected.json": `{"profile": "national", "as_of": "2024-01-10",
  "findings": []}`},
			want: []string{CheckFixtures}, line: 2, text: "expects no finding"},
		{name: "fixtures: a case under a profile that does not turn the rule on",
			edits: map[string]string{"profiles/other/data.json": `{"id": "other", "name": "另一画像", "year": 2023, "rules": {}, "params": {}, "obligations": []}`},
			fixtures: map[string]string{"XYZ-01/pass-on-time/expected.json": `{"profile": "other", "as_of": "2024-01-10",
  "rules": ["XYZ-01"], "findings": []}`},
			want: []string{CheckFixtures}, line: 1, text: "does not turn XYZ-01 on"},
		{name: "fixtures: filed under an id no rule has",
			fixtures: map[string]string{"XYZ-09/fail-x/expected.json": `{"profile": "national", "as_of": "2024-01-10", "findings": []}`},
			want:     []string{CheckFixtures}, line: 1, text: "XYZ-09, which no rule"},
		{name: "profile-sources: a parameter without a source",
			edits: replace(nat, `"limit_days": {"value": 2, "source": "某法 第一条 二日内"}`, `"limit_days": {"value": 2, "source": ""}`),
			want:  []string{CheckProfileSources}, file: nat, line: 10, text: "cites no source"},
		{name: "profile-sources: a dated value without a source",
			edits: replace("profiles/county-2023/data.json", `"source": "某县计划 第三条"`, `"note": "x"`),
			want:  []string{CheckProfileSources}, file: "profiles/county-2023/data.json", line: 9, text: "from 2023-01-01 cites no source"},
		{name: "profile-sources: a rule switched on without a source",
			edits: replace(nat, `{"on": true, "source": "某法 第一条"}`, `{"on": true}`),
			want:  []string{CheckProfileSources}, file: nat, line: 6, text: "without a source"},
		{name: "params: a profile turning the rule on declares no value for a parameter it reads",
			edits: map[string]string{
				nat:                              strings.Replace(lintTree[nat], `"limit_days": {"value": 2, "source": "某法 第一条 二日内"}`, `"other": {"value": 2, "source": "某法"}`, 1),
				"profiles/county-2023/data.json": "",
			},
			want: []string{CheckParams}, file: nat, line: 6, text: "declares no XYZ-01.limit_days, which cases/xyz_01.rego:19 reads"},
		{name: "params: METADATA params names one no profile declares",
			edits: replace(rule, "params: [limit_days]", "params: [limit_days, window]"),
			want:  []string{CheckParams}, file: nat, line: 6, text: "XYZ-01.window"},
		{name: "params: a child profile turns the rule on but neither it nor its parent declares the parameter",
			edits: map[string]string{
				nat: strings.Replace(strings.Replace(lintTree[nat], `"XYZ-01": {"on": true, "source": "某法 第一条"}`, `"XYZ-01": {"on": false, "source": "某法 第一条"}`, 1),
					`"limit_days": {"value": 2, "source": "某法 第一条 二日内"}`, `"other": {"value": 2, "source": "某法"}`, 1),
				"profiles/county-2023/data.json": strings.Replace(strings.Replace(lintTree["profiles/county-2023/data.json"],
					`"rules": {}`, `"rules": {"XYZ-01": {"on": true, "source": "某县计划 第三条"}}`, 1), `"limit_days"`, `"limit_dayz"`, 1),
			},
			fixtures: map[string]string{
				"XYZ-01/pass-on-time/expected.json": strings.Replace(lintFixtures["XYZ-01/pass-on-time/expected.json"], "national", "county-2023", 1),
				"XYZ-01/fail-late/expected.json":    strings.Replace(lintFixtures["XYZ-01/fail-late/expected.json"], "national", "county-2023", 1),
			},
			want: []string{CheckParams}, file: "profiles/county-2023/data.json", line: 6, text: "profile county-2023 declares no XYZ-01.limit_days"},
		{name: "metadata-params: the code reads a parameter METADATA does not list",
			edits: map[string]string{
				rule: strings.Replace(lintTree[rule], "\tsome c in input.cases\n", "\tsome c in input.cases\n\tc.days < lib.param(\"XYZ-01\", \"cap\")\n", 1),
				nat:  strings.Replace(lintTree[nat], `"limit_days": {`, `"cap": {"value": 9, "source": "某法 第二条"}, "limit_days": {`, 1),
			},
			want: []string{CheckMetadataParams}, file: rule, line: 21, text: "XYZ-01.cap"},
		{name: "profile: turns on a rule no policy defines",
			edits: replace(nat, `"XYZ-01": {"on": true, "source": "某法 第一条"}`, `"XYZ-01": {"on": true, "source": "某法 第一条"}, "ABC-01": {"on": true, "source": "某法"}`),
			want:  []string{CheckProfile}, file: nat, line: 6, text: "ABC-01, which no policy"},
		{name: "profile: extends a profile that does not exist",
			edits: replace("profiles/county-2023/data.json", `"extends": "national"`, `"extends": "nation"`),
			want:  []string{CheckProfile}, file: "profiles/county-2023/data.json", line: 5, text: "unknown profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			is := lintWith(t, tc.edits, tc.fixtures)
			if got := checks(is); strings.Join(got, ",") != strings.Join(sorted(tc.want), ",") {
				t.Fatalf("checks %v, want %v:\n%v", got, sorted(tc.want), lines(is))
			}
			var hit *Issue
			for i := range is {
				if is[i].Check == tc.want[0] && strings.Contains(is[i].Message, tc.text) {
					hit = &is[i]
					break
				}
			}
			if hit == nil {
				t.Fatalf("no %s issue saying %q:\n%v", tc.want[0], tc.text, lines(is))
			}
			if tc.file != "" && hit.File != tc.file {
				t.Errorf("file %s, want %s: %s", hit.File, tc.file, hit)
			}
			if tc.file == "" && !strings.HasSuffix(hit.File, ExpectedFile) {
				t.Errorf("file %s, want the case's expected.json: %s", hit.File, hit)
			}
			if hit.Line != tc.line {
				t.Errorf("line %d, want %d: %s", hit.Line, tc.line, hit)
			}
		})
	}
}

// ERRATA #7: national declares CASE-08.required_elements: []; an empty list is a value.
func TestAnEmptyListIsADeclaredValue(t *testing.T) {
	nat := "profiles/national/data.json"
	is := lintWith(t, replace(nat, `"limit_days": {"value": 2, "source": "某法 第一条 二日内"}`, `"limit_days": {"value": [], "source": "某法 第一条"}`), nil)
	if len(is) > 0 {
		t.Fatalf("an empty list must count as declared:\n%v", lines(is))
	}
}

// The parameters are declared after extends: a child that turns the rule on inherits the parent's values.
func TestParametersAreResolvedThroughExtends(t *testing.T) {
	county := "profiles/county-2023/data.json"
	is := lintWith(t, replace(county, `"rules": {}`, `"rules": {"XYZ-01": {"on": true, "source": "某县计划 第三条"}}`), nil)
	if len(is) > 0 {
		t.Fatalf("inherited parameters count:\n%v", lines(is))
	}
}

// Only the owned files are linted: a user's run answers for the user's files, not the built-in ones.
func TestLintKeepsToOwnedFiles(t *testing.T) {
	m := fstest.MapFS{}
	for name, src := range lintTree {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	m["cases/xyz_01.rego"] = &fstest.MapFile{Data: []byte(strings.Replace(lintTree["cases/xyz_01.rego"], "severity: error", "severity: fatal", 1))}
	tree, err := policy.Load(m, policy.Options{Tests: true})
	if err != nil {
		t.Fatal(err)
	}
	is := Lint(tree, "", func(f string) bool { return strings.HasPrefix(f, "profiles/county") })
	if len(is) > 0 {
		t.Fatalf("the rule is not owned, so neither its metadata nor its fixtures are this run's:\n%v", lines(is))
	}
}

func TestJSONLines(t *testing.T) {
	raw := []byte("{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [\n      {\"d\": 2},\n      3\n    ]\n  }\n}\n")
	got := jsonLines(raw)
	for ptr, line := range map[string]int{"/a": 2, "/b": 3, "/b/c": 4, "/b/c/0": 5, "/b/c/0/d": 5, "/b/c/1": 6} {
		if got[ptr] != line {
			t.Errorf("%s: line %d, want %d", ptr, got[ptr], line)
		}
	}
}

func sorted(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

func lines(is []Issue) string {
	var b strings.Builder
	for _, i := range is {
		b.WriteString("  " + i.String() + "\n")
	}
	return b.String()
}

package policytest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/profile"
)

// Scaffold writes the files `jiandu new` creates into a policy tree (Policies, laid out like policies/)
// and its fixture folder (Fixtures). It never overwrites a file.
type Scaffold struct {
	Policies string
	Fixtures string
}

var (
	areaPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	profilePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// NewRule writes <area>/<id>.rego with its METADATA, <area>/<id>_test.rego, and the fixture pair
// <ID>/pass-example and <ID>/fail-example. The test and both cases fail, and the lint names the TODO
// placeholders, until the author fills them in. profileID names the profile the cases run under ("" =
// a placeholder the author must replace).
func (s Scaffold) NewRule(id, area, profileID string) ([]string, error) {
	if !catalogue.IDPattern.MatchString(id) {
		return nil, fmt.Errorf("rule id %q: ids are [A-Z]+-[0-9]{2}, e.g. QDX-01", id)
	}
	if !areaPattern.MatchString(area) {
		return nil, fmt.Errorf("--area %q: a folder name in lower case (qualification, training, cases, inspections, deliverables, review, incidents, data, or your own)", area)
	}
	pkg := strings.TrimPrefix(catalogue.PackageOf(id), "data.")
	base := strings.ToLower(strings.ReplaceAll(id, "-", "_"))
	if profileID == "" {
		profileID = "TODO-a-profile-that-turns-" + id + "-on"
	}
	v := map[string]string{"ID": id, "Pkg": pkg, "Short": base}
	rule, err := regoFile(ruleTemplate, v)
	if err != nil {
		return nil, err
	}
	test, err := regoFile(testTemplate, v)
	if err != nil {
		return nil, err
	}
	export, _ := json.MarshalIndent(map[string]any{
		"export": map[string]any{"jurisdiction": profileID, "generated_at": "2024-01-10T09:00:00+08:00", "source": "TODO"},
		"units":  []any{map[string]any{"id": "U-1", "name": "TODO 单位", "type": "department"}},
		"cases":  []any{map[string]any{"id": "C-1", "unit": "U-1", "category": "penalty", "procedure": "general", "opened": "2023-03-01"}},
	}, "", "  ")
	expected := func(findings []Key, todo string) []byte {
		b, _ := json.MarshalIndent(map[string]any{"profile": profileID, "as_of": "2024-01-10", "rules": []string{id},
			"findings": findings, "todo": todo}, "", "  ")
		return b
	}
	files := []struct {
		path string
		data []byte
	}{
		{filepath.Join(s.Policies, area, base+".rego"), rule},
		{filepath.Join(s.Policies, area, base+"_test.rego"), test},
		{filepath.Join(s.Fixtures, id, "pass-example", "export.json"), append(export, '\n')},
		{filepath.Join(s.Fixtures, id, "pass-example", ExpectedFile), append(expected([]Key{},
			"write an export that complies with "+id+" (as close to the limit as the rule allows), run it under a profile that turns "+id+" on, rename the folder pass-<what it shows>, then delete this \"todo\""), '\n')},
		{filepath.Join(s.Fixtures, id, "fail-example", "export.json"), append(export, '\n')},
		{filepath.Join(s.Fixtures, id, "fail-example", ExpectedFile), append(expected([]Key{{Rule: id, Kind: "case", Record: "C-1"}},
			"make C-1 break "+id+", list every finding the rule must give, rename the folder fail-<what it shows>, then delete this \"todo\""), '\n')},
	}
	var paths []string
	for _, f := range files {
		if _, err := os.Stat(f.path); err == nil {
			return nil, fmt.Errorf("%s exists: jiandu new never overwrites a file", f.path)
		}
		paths = append(paths, f.path)
	}
	for _, f := range files {
		if err := writeNew(f.path, f.data); err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// NewProfile writes profiles/<id>/data.json extending another profile. known lists the profiles the
// tree has (the one extended must be among them).
func (s Scaffold) NewProfile(id, extends string, year *int, known *profile.Set) (string, error) {
	if !profilePattern.MatchString(id) {
		return "", fmt.Errorf("profile id %q: lower case words joined by -, e.g. qidong-2023-local", id)
	}
	base, ok := known.Get(extends)
	if !ok {
		return "", &profile.UnknownError{ID: extends, Known: known.IDs()}
	}
	if _, exists := known.Get(id); exists {
		return "", fmt.Errorf("profile %s exists already; a profile of the same id in your tree replaces it: copy its data.json instead", id)
	}
	if year == nil {
		if m := regexp.MustCompile(`-(\d{4})$`).FindStringSubmatch(id); m != nil {
			y, _ := strconv.Atoi(m[1])
			year = &y
		} else {
			year = base.Year
		}
	}
	doc := []byte(fmt.Sprintf(`{
  "id": %q,
  "name": "TODO 文件标题（如：某某市2023年度行政执法监督工作计划）",
  "name_en": "TODO English name",
  "year": %s,
  "extends": %q,
  "document": "TODO <文件名>",
  "issued": null,
  "binds_from": null,
  "rules": {},
  "params": {},
  "obligations": []
}
`, id, jsonValue(year), extends))
	path := filepath.Join(s.Policies, profile.Dir, id, "data.json")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s exists: jiandu new never overwrites a file", path)
	}
	return path, writeNew(path, doc)
}

func jsonValue(v *int) string {
	if v == nil {
		return "null"
	}
	return strconv.Itoa(*v)
}

func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// regoFile fills a template and formats it as opa fmt would, so the scaffold passes the fmt check.
func regoFile(tmpl string, v map[string]string) ([]byte, error) {
	var b bytes.Buffer
	if err := template.Must(template.New("").Parse(tmpl)).Execute(&b, v); err != nil {
		return nil, err
	}
	out, err := format.SourceWithOpts(v["Short"]+".rego", b.Bytes(), format.Opts{RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, fmt.Errorf("scaffold template: %w", err)
	}
	return out, nil
}

const ruleTemplate = `# METADATA
# title: TODO 规则的中文标题（说明问题是什么）
# description: |
#   TODO 要求是什么、什么算问题、边界怎样判（恰好达到是否合格、缺少日期的记录怎样处理）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: {{.ID}}
#   title_en: TODO the rule's English title
#   severity: error
#   partition: unit
#   sources:
#     - TODO <文件名> <条款>
#   params: [limit_days]
package {{.Pkg}}

import data.jiandu.lib

# Every number, date and list comes from the profile: lib.param("{{.ID}}", name), with its source.
findings contains f if {
	limit := lib.param("{{.ID}}", "limit_days")
	src := lib.param_source("{{.ID}}", "limit_days")
	some c in input.cases
	breaks(c, limit)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("TODO 案件 %s 的问题（依据：%s）", [c.id, src]),
		"message_en": sprintf("TODO case %s: what is wrong (per %s)", [c.id, src]),
		"detail": {"limit_days": limit},
	})
}

# breaks(c, limit): TODO the case breaks the requirement. Until this is written nothing breaks it, so the
# fail- test and the fail-example case fail.
breaks(c, limit) if {
	c.id == "TODO"
	limit >= 0
}
`

const testTemplate = `package {{.Pkg}}_test

import data.jiandu.lib.testing
import data.{{.Pkg}}

profile := testing.profile(2023, ["{{.ID}}"], {"{{.ID}}": {"limit_days": 15}})

findings(cases) := fs if {
	i := {"scope": "unit", "unit_id": "U-1", "cases": cases}
	fs := {{.Short}}.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-01-10")
}

# TODO: make C-1 break the rule; this test fails until the rule flags it.
test_a_case_breaking_the_rule_is_a_finding if {
	fs := findings([{"id": "C-1", "unit": "U-1", "category": "penalty", "opened": "2023-03-01"}])
	testing.keys_of(fs) == {["{{.ID}}", "C-1", ""]}
}

# TODO: a compliant case, as close to the limit as the rule allows.
test_a_compliant_case_is_no_finding if {
	count(findings([{"id": "C-2", "unit": "U-1", "category": "penalty", "opened": "2023-03-01"}])) == 0
}
`

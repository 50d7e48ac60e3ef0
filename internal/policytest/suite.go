package policytest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/cover"

	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/scan"
)

// Suite is one `jiandu test` run over one policy tree: its Rego unit tests with coverage, its fixture
// cases through the real engine, and the metadata lint, in one report.
type Suite struct {
	Name     string // what the report calls the tree: "built-in policies" or the user's directory
	Policies fs.FS  // the tree: the built-in one, or a user's directory laid over it (policy.Overlay)
	Fixtures string // the fixture folder on disk ("" = none)
	// Owned says which policy files this run answers for (nil = all): the lint, the coverage and the
	// fixtures every rule needs are about these. A user's tree owns its own files, not the built-in ones.
	Owned func(file string) bool
	// Label is how the report names a policy file (nil = its path in the tree).
	Label       func(file string) string
	Run         *regexp.Regexp // --run: keep the tests, cases and lint findings whose name or rule matches
	CoverageMin float64        // --coverage-min, percent (0 = no minimum)
}

// Report is the outcome of a suite.
type Report struct {
	Name     string       `json:"name"`
	Pass     bool         `json:"pass"`
	Rules    []RuleReport `json:"rules"`
	Tests    []RegoResult `json:"tests"`
	Fixtures []CaseResult `json:"fixtures"`
	Lint     []Issue      `json:"lint"`
	Coverage Coverage     `json:"coverage"`
	Problems []string     `json:"problems,omitempty"` // why the suite fails besides the above (nothing ran)
}

// RuleReport is one rule's line of the report (or, for tests of no rule, the package they test).
type RuleReport struct {
	Rule           string   `json:"rule"`
	File           string   `json:"file,omitempty"`
	Tests          int      `json:"tests"`
	TestsFailed    int      `json:"tests_failed"`
	Fixtures       int      `json:"fixtures"`
	FixturesFailed int      `json:"fixtures_failed"`
	Lint           int      `json:"lint"`
	Coverage       *float64 `json:"coverage,omitempty"`
	Pass           bool     `json:"pass"`
}

// Coverage is the policy coverage of the owned non-test modules.
type Coverage struct {
	Files      []FileCoverage `json:"files"`
	Covered    int            `json:"covered_lines"`
	NotCovered int            `json:"not_covered_lines"`
	Percent    float64        `json:"percent"`
	Min        float64        `json:"min,omitempty"`
	Pass       bool           `json:"pass"`
}

// FileCoverage is one module's coverage.
type FileCoverage struct {
	File       string   `json:"file"`
	Covered    int      `json:"covered_lines"`
	NotCovered int      `json:"not_covered_lines"`
	Percent    float64  `json:"percent"`
	Uncovered  []string `json:"uncovered,omitempty"` // line ranges no test reaches: "12", "40-44"
}

// Counts sums a report.
func (r *Report) Counts() (tests, testsFailed, cases, casesFailed int) {
	for _, t := range r.Tests {
		if t.Skip {
			continue
		}
		tests++
		if !t.Pass {
			testsFailed++
		}
	}
	for _, c := range r.Fixtures {
		cases++
		if !c.Pass {
			casesFailed++
		}
	}
	return
}

// Execute runs the suite. An error is a run that could not happen (the policies do not compile, the
// profiles do not load): exit status 2. A failing test, case, lint check or coverage is Report.Pass false.
func (s *Suite) Execute(ctx context.Context) (*Report, error) {
	owned := s.Owned
	if owned == nil {
		owned = func(string) bool { return true }
	}
	label := s.Label
	if label == nil {
		label = func(f string) string { return f }
	}
	tree, err := policy.Load(s.Policies, policy.Options{Tests: true})
	if err != nil {
		return nil, err
	}
	rep := &Report{Name: s.Name, Tests: []RegoResult{}, Fixtures: []CaseResult{}, Lint: []Issue{}}

	// (4) lint, first: it also finds the rules and maps the tests to them
	lint := Lint(tree, s.Fixtures, owned)
	byPkg := map[string]string{}
	ruleFiles := map[string]string{}
	for _, ref := range tree.Compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "package" || a.Custom["id"] == nil {
			continue
		}
		id := fmt.Sprint(a.Custom["id"])
		if _, ok := byPkg[ref.Path.String()]; !ok {
			byPkg[ref.Path.String()] = id
		}
		if _, ok := ruleFiles[id]; !ok && a.Location != nil {
			ruleFiles[id] = a.Location.File
		}
	}
	groups := map[string]string{} // test package → rule id or package
	for file, m := range tree.Modules {
		if isTest(file, m) {
			groups[strings.TrimPrefix(m.Package.Path.String(), "data.")] = testGroup(m, byPkg)
		}
	}

	// (1) Rego unit tests, with (3) coverage
	run, err := runRego(ctx, tree, "", true)
	if err != nil {
		return nil, err
	}
	ownGroups := map[string]bool{} // the groups with a test file of the run's own
	for _, t := range run.Results {
		t.Rule = groups[t.Package]
		if t.Rule == "" {
			t.Rule = t.Package
		}
		if owned(t.File) {
			ownGroups[t.Rule] = true
		}
		t.File = label(t.File)
		if s.keep(t.Rule, t.FullName()) {
			rep.Tests = append(rep.Tests, t)
		}
	}
	rep.Coverage = coverage(run.Coverage, tree, owned, label, s.CoverageMin)

	// (2) fixture cases through the real engine
	if s.Fixtures != "" {
		if fi, err := os.Stat(s.Fixtures); err == nil && fi.IsDir() {
			setup, err := scan.Load(s.Policies)
			if err != nil {
				return nil, err
			}
			cases, err := RunFixtures(ctx, setup, s.Fixtures, nil)
			if err != nil {
				return nil, err
			}
			for _, c := range cases {
				if s.keep(c.Rule, c.Name) {
					rep.Fixtures = append(rep.Fixtures, c)
				}
			}
		}
	}
	for _, i := range lint {
		if s.keep(i.Rule, i.Check) || (s.Run != nil && s.Run.MatchString(i.File)) {
			i.File = labelIssue(i.File, tree, label)
			rep.Lint = append(rep.Lint, i)
		}
	}

	rep.Rules = s.perRule(rep, ruleFiles, ownGroups, owned, label)
	tests, _, cases, _ := rep.Counts()
	if tests == 0 && len(rep.Fixtures) == 0 && cases == 0 {
		if s.Run != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("--run %q selects no Rego test and no fixture case", s.Run))
		} else {
			rep.Problems = append(rep.Problems, "the tree has no Rego test and no fixture case: a suite that tests nothing does not pass")
		}
	}
	rep.Pass = len(rep.Lint) == 0 && rep.Coverage.Pass && len(rep.Problems) == 0
	for _, r := range rep.Rules {
		if !r.Pass {
			rep.Pass = false
		}
	}
	for _, t := range rep.Tests {
		if !t.Pass && !t.Skip {
			rep.Pass = false
		}
	}
	for _, c := range rep.Fixtures {
		if !c.Pass {
			rep.Pass = false
		}
	}
	return rep, nil
}

// keep: the --run filter matches the item's name or its rule.
func (s *Suite) keep(rule, name string) bool {
	if s.Run == nil {
		return true
	}
	return s.Run.MatchString(name) || (rule != "" && s.Run.MatchString(rule))
}

// labelIssue labels a policy file; fixture paths (on disk) stay as they are.
func labelIssue(file string, tree *policy.Tree, label func(string) string) string {
	if _, ok := tree.Modules[file]; ok {
		return label(file)
	}
	if _, err := fs.Stat(tree.FS, file); err == nil && !strings.HasPrefix(file, "/") {
		return label(file)
	}
	return file
}

// perRule sums the report per rule: the rules and test groups of the run's own files, and any other group
// with a failure (a user's change that breaks a built-in rule's tests shows up under that rule).
func (s *Suite) perRule(rep *Report, ruleFiles map[string]string, ownGroups map[string]bool, owned func(string) bool, label func(string) string) []RuleReport {
	rows := map[string]*RuleReport{}
	get := func(id string) *RuleReport {
		if rows[id] == nil {
			rows[id] = &RuleReport{Rule: id}
			if f, ok := ruleFiles[id]; ok {
				rows[id].File = label(f)
			}
		}
		return rows[id]
	}
	for id, f := range ruleFiles {
		if owned(f) && s.keep(id, id) {
			get(id)
		}
	}
	for _, t := range rep.Tests {
		if t.Skip {
			continue
		}
		r := get(t.Rule)
		r.Tests++
		if !t.Pass {
			r.TestsFailed++
		}
	}
	for _, c := range rep.Fixtures {
		r := get(c.Rule)
		r.Fixtures++
		if !c.Pass {
			r.FixturesFailed++
		}
	}
	for _, i := range rep.Lint {
		if i.Rule != "" {
			if _, ok := ruleFiles[i.Rule]; ok {
				get(i.Rule).Lint++
			}
		}
	}
	for _, fc := range rep.Coverage.Files {
		for id, f := range ruleFiles {
			if label(f) == fc.File && rows[id] != nil {
				p := fc.Percent
				rows[id].Coverage = &p
			}
		}
	}
	out := []RuleReport{}
	for id, r := range rows {
		r.Pass = r.TestsFailed == 0 && r.FixturesFailed == 0 && r.Lint == 0
		f, isRule := ruleFiles[id]
		if r.Pass && r.Fixtures == 0 && !ownGroups[id] && !(isRule && owned(f)) {
			continue // another tree's rule, all well
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		_, ri := ruleFiles[out[i].Rule]
		_, rj := ruleFiles[out[j].Rule]
		if ri != rj {
			return ri
		}
		if ri {
			return catalogue.Less(out[i].Rule, out[j].Rule)
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// coverage keeps the owned non-test modules of OPA's report.
func coverage(r *cover.Report, tree *policy.Tree, owned func(string) bool, label func(string) string, min float64) Coverage {
	c := Coverage{Min: min, Files: []FileCoverage{}}
	if r == nil {
		c.Pass = min == 0
		return c
	}
	for _, file := range sortedFiles(tree.Modules) {
		if isTest(file, tree.Modules[file]) || !owned(file) {
			continue
		}
		fr := r.Files[file]
		if fr == nil {
			continue
		}
		fc := FileCoverage{File: label(file), Covered: fr.CoveredLines, NotCovered: fr.NotCoveredLines}
		if n := fc.Covered + fc.NotCovered; n > 0 {
			fc.Percent = 100 * float64(fc.Covered) / float64(n)
		} else {
			continue // nothing to cover (declarations only)
		}
		rows := map[int]bool{}
		for _, rg := range fr.NotCovered {
			for row := rg.Start.Row; row <= rg.End.Row; row++ {
				rows[row] = true
			}
		}
		fc.Uncovered = lineRanges(rows)
		c.Covered += fc.Covered
		c.NotCovered += fc.NotCovered
		c.Files = append(c.Files, fc)
	}
	if n := c.Covered + c.NotCovered; n > 0 {
		c.Percent = 100 * float64(c.Covered) / float64(n)
		c.Pass = c.Percent+1e-9 >= min
	} else {
		c.Pass = true // no policy module of its own to cover
	}
	return c
}

// lineRanges renders a set of rows as ascending ranges: "12", "40-44".
func lineRanges(rows map[int]bool) []string {
	var rs []int
	for r := range rows {
		rs = append(rs, r)
	}
	sort.Ints(rs)
	var out []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && rs[j+1] == rs[j]+1 {
			j++
		}
		if i == j {
			out = append(out, fmt.Sprint(rs[i]))
		} else {
			out = append(out, fmt.Sprintf("%d-%d", rs[i], rs[j]))
		}
		i = j + 1
	}
	return out
}

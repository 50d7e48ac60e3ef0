package policytest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/scan"
)

// ExpectedFile names the expectation beside a fixture's export files.
const ExpectedFile = "expected.json"

// Expected is a fixture's expectation: with Rules, only those rules' findings are compared. File
// names inside records and keys are relative to the case folder (export.ndjson:5).
type Expected struct {
	Profile string `json:"profile"`
	// ProfileFile names a draft profile beside expected.json (the profile format, extending Profile):
	// the case runs under the draft, e.g. a threshold that changes mid-year. It is not an export file.
	ProfileFile string   `json:"profile_file,omitempty"`
	AsOf        string   `json:"as_of"`
	Rules       []string `json:"rules,omitempty"`
	Findings    []Key    `json:"findings"`
	// Todo marks a case `jiandu new rule` scaffolded: the case fails, saying this, until the author
	// writes the export and the expectation and removes the field.
	Todo string `json:"todo,omitempty"`
}

// Key identifies a finding in an expectation.
type Key struct {
	Rule   string `json:"rule"`
	Kind   string `json:"kind"`
	Record string `json:"record"`
	Key    string `json:"key"`
}

func (k Key) String() string {
	s := k.Rule + " " + k.Kind + " " + k.Record
	if k.Key != "" {
		s += " [" + k.Key + "]"
	}
	return s
}

// CaseResult is one fixture case.
type CaseResult struct {
	Rule    string   `json:"rule"` // the rule the case is filed under: fixtures/<RULE>/<case>
	Name    string   `json:"name"` // <RULE>/<case>
	Dir     string   `json:"dir"`
	Pass    bool     `json:"pass"`
	Missing []Key    `json:"missing,omitempty"`
	Extra   []Key    `json:"extra,omitempty"`
	Error   string   `json:"error,omitempty"`
	Rules   []string `json:"rules,omitempty"`
}

// Diff renders what differs, one line a finding: - missing, + extra.
func (c CaseResult) Diff() string {
	var b strings.Builder
	for _, k := range c.Missing {
		fmt.Fprintf(&b, "- %s (expected, not found)\n", k)
	}
	for _, k := range c.Extra {
		fmt.Fprintf(&b, "+ %s (found, not expected)\n", k)
	}
	return b.String()
}

// FindCases lists the fixture cases under root: every folder holding an expected.json.
func FindCases(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == ExpectedFile {
			dirs = append(dirs, filepath.Dir(path))
		}
		return nil
	})
	sort.Strings(dirs)
	return dirs, err
}

// RunFixtures scans every case under root whose path matches filter (nil = all) with the real engine.
func RunFixtures(ctx context.Context, s *scan.Setup, root string, filter *regexp.Regexp) ([]CaseResult, error) {
	dirs, err := FindCases(root)
	if err != nil {
		return nil, err
	}
	var out []CaseResult
	for _, dir := range dirs {
		if filter != nil && !filter.MatchString(dir) {
			continue
		}
		r := RunCase(ctx, s, dir)
		r.Name, r.Rule = caseName(root, dir)
		out = append(out, r)
	}
	return out, nil
}

// caseName is a case's path under the fixture root (RULE/case) and the rule it is filed under.
func caseName(root, dir string) (name, rule string) {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		rel = dir
	}
	rel = filepath.ToSlash(rel)
	rule, _, _ = strings.Cut(rel, "/")
	return rel, rule
}

// RunCase scans one fixture case and compares its findings with the expectation.
func RunCase(ctx context.Context, s *scan.Setup, dir string) CaseResult {
	res := CaseResult{Dir: dir}
	raw, err := os.ReadFile(filepath.Join(dir, ExpectedFile))
	if err != nil {
		res.Error = err.Error()
		return res
	}
	var exp Expected
	if err := json.Unmarshal(raw, &exp); err != nil {
		res.Error = fmt.Sprintf("%s: %v", ExpectedFile, err)
		return res
	}
	res.Rules = exp.Rules
	if exp.Todo != "" {
		res.Error = "not filled in yet (expected.json has \"todo\"): " + exp.Todo
		return res
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	var paths []string
	for _, e := range entries {
		if e.Name() != ExpectedFile && e.Name() != exp.ProfileFile && !strings.HasPrefix(e.Name(), ".") && !strings.HasSuffix(e.Name(), ".md") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		res.Error = "no export file beside expected.json"
		return res
	}
	o := scan.Options{Profile: exp.Profile, AsOf: exp.AsOf, Paths: paths}
	if exp.ProfileFile != "" {
		o.Profile, o.ProfileFile = "", filepath.Join(dir, exp.ProfileFile)
		d, err := profile.ReadDraft(o.ProfileFile)
		if err != nil {
			res.Error = err.Error()
			return res
		}
		if d.Extends != exp.Profile {
			res.Error = fmt.Sprintf("%s extends %q: a case's profile_file must extend the profile its expected.json names (%q)", exp.ProfileFile, d.Extends, exp.Profile)
			return res
		}
	}
	r, err := s.Run(ctx, o)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	if len(r.Errors) > 0 {
		res.Error = fmt.Sprintf("file error: %s: %s", r.Errors[0].File, r.Errors[0].Message)
		return res
	}
	// file names in records and keys are compared relative to the case folder
	prefix := filepath.Clean(dir) + string(filepath.Separator)
	for i := range r.Findings {
		r.Findings[i].Record = strings.ReplaceAll(r.Findings[i].Record, prefix, "")
		r.Findings[i].Key = strings.ReplaceAll(r.Findings[i].Key, prefix, "")
	}
	res.Missing, res.Extra = Compare(exp, r.Findings)
	res.Pass = len(res.Missing) == 0 && len(res.Extra) == 0
	return res
}

// Compare returns the expected findings not found and the found ones not expected.
func Compare(exp Expected, got []findings.Finding) (missing, extra []Key) {
	only := map[string]bool{}
	for _, r := range exp.Rules {
		only[r] = true
	}
	want := map[Key]bool{}
	for _, k := range exp.Findings {
		want[k] = true
	}
	have := map[Key]bool{}
	for _, f := range got {
		if len(only) > 0 && !only[f.Rule] {
			continue
		}
		have[Key{Rule: f.Rule, Kind: f.Kind, Record: f.Record, Key: f.Key}] = true
	}
	for k := range want {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	for k := range have {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	less := func(ks []Key) {
		sort.Slice(ks, func(i, j int) bool { return ks[i].String() < ks[j].String() })
	}
	less(missing)
	less(extra)
	return missing, extra
}

package policytest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/scan"
)

// TestBuiltinFixtures scans every fixture case under fixtures/ with the real engine and fails on any
// missing or extra finding.
func TestBuiltinFixtures(t *testing.T) {
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	results, err := RunFixtures(context.Background(), s, "../../fixtures", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no fixture cases found under fixtures/")
	}
	for _, r := range results {
		name, _ := filepath.Rel("../../fixtures", r.Dir)
		t.Run(name, func(t *testing.T) {
			if r.Error != "" {
				t.Fatal(r.Error)
			}
			if !r.Pass {
				t.Errorf("findings differ from expected.json:\n%s", r.Diff())
			}
		})
	}
}

// TestEveryRuleHasPassingAndFailingFixtures: each rule of the catalogue has a pass-* and a fail-* case.
func TestEveryRuleHasPassingAndFailingFixtures(t *testing.T) {
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := FindCases("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]map[string]bool{}
	for _, d := range dirs {
		rule, kind := filepath.Base(filepath.Dir(d)), filepath.Base(d)
		if has[rule] == nil {
			has[rule] = map[string]bool{}
		}
		has[rule][strings.SplitN(kind, "-", 2)[0]] = true
	}
	for _, id := range s.Catalogue.IDs() {
		if !has[id]["pass"] || !has[id]["fail"] {
			t.Errorf("rule %s needs fixtures/%s/pass-*/ and fixtures/%s/fail-*/ cases", id, id, id)
		}
	}
}

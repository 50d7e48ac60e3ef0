package catalogue_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/catalogue"
	"github.com/jiandu/jiandu/internal/policy"
)

// TestRulesPageIsUpToDate: docs/rules.md is what the generator writes from the rules' METADATA and the
// profiles.
func TestRulesPageIsUpToDate(t *testing.T) {
	want, err := catalogue.MarkdownFor(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(catalogue.DocFile)))
	if err != nil {
		t.Fatalf("%v: run `%s` from the repository root", err, catalogue.DocCommand)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is out of date with the rules' METADATA and the profiles (first difference at line %d): run `%s`",
			catalogue.DocFile, firstDiff(got, want), catalogue.DocCommand)
	}
}

// TestRulesPageCoversEveryRuleProfileAndParameter: the page names every rule with its titles and
// severity, every profile, and every parameter a rule's METADATA lists, and says that a zero
// denominator is never a finding.
func TestRulesPageCoversEveryRuleProfileAndParameter(t *testing.T) {
	page, err := catalogue.MarkdownFor(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if !strings.Contains(s, "A rate with a zero denominator is never a finding") || !strings.Contains(s, "分母为零的比率从不构成问题") {
		t.Error("the page must say that a rate with a zero denominator is never a finding")
	}
	tree, err := loadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tree.Rules() {
		if !strings.Contains(s, "### "+r.ID+" ") || !strings.Contains(s, r.TitleEn) || !strings.Contains(s, r.Title) {
			t.Errorf("the page lacks %s with its titles", r.ID)
		}
		for _, p := range r.Params {
			if !strings.Contains(s, "| `"+p+"` |") {
				t.Errorf("the page lacks parameter %s.%s", r.ID, p)
			}
		}
	}
	for _, id := range []string{"national", "ouhai-2024", "ouhai-2022", "taishan-2024", "qidong-2023", "xinzhou-2022"} {
		if !strings.Contains(s, "| `"+id+"` |") {
			t.Errorf("the page lacks profile %s", id)
		}
	}
}

func firstDiff(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range la {
		if i >= len(lb) || la[i] != lb[i] {
			return i + 1
		}
	}
	return len(la) + 1
}

func loadCatalogue() (*catalogue.Catalogue, error) {
	tree, err := policy.Load(jiandu.Policies(), policy.Options{})
	if err != nil {
		return nil, err
	}
	return catalogue.FromCompiler(tree.Compiler)
}

package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/policy"
	"github.com/jiandu/jiandu/internal/profile"
)

func resolved(t *testing.T, id string) *profile.Resolved {
	t.Helper()
	set, err := profile.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	r, err := set.Resolve(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The runner's folded copy of a table is the value stock OPA computes from the same rule, and a rule
// reading it sees the same answer either way.
func TestFoldedTableIsTheRulesValue(t *testing.T) {
	tree, err := policy.Load(jiandu.Policies(), policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	run := Run{AsOf: time.Date(2024, 3, 1, 0, 0, 0, 0, CST)}
	q, err := Prepare(ctx, tree, resolved(t, "qidong-2023"), run,
		"folded := data.jiandu.folded.rules.case_10.due_by_date; own := data.jiandu.rules.case_10.due_by_date; at := data.jiandu.rules.case_10.due_at(\"2023-09-27\")")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := q.Eval(ctx)
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v, %d results", err, len(rs))
	}
	folded, own := rs[0].Bindings["folded"].(map[string]any), rs[0].Bindings["own"].(map[string]any)
	if len(folded) < 365 || len(folded) != len(own) {
		t.Fatalf("folded table has %d days, the rule %d", len(folded), len(own))
	}
	for d, v := range own {
		if folded[d] != v {
			t.Fatalf("%s: folded %v, rule %v", d, folded[d], v)
		}
	}
	// 2023-09-27 + 7 working days: 09-28, then the Mid-Autumn/National Day holiday (09-29..10-06) is
	// skipped and the 调休 weekend 10-07, 10-08 counts, then 10-09..10-12.
	if at := rs[0].Bindings["at"]; at != "2023-10-12" {
		t.Fatalf("due_at(2023-09-27) = %v, want 2023-10-12", at)
	}
}

// A rule marked fold that reads input is refused with the place to fix, never folded without it.
func TestFoldRefusesARuleThatReadsInput(t *testing.T) {
	mod := `package jiandu.rules.bad

# METADATA
# custom:
#   fold: true
table := {c.id: true | some c in input.cases}
`
	c := ast.NewCompiler().WithEnablePrintStatements(false)
	parsed, err := ast.ParseModuleWithOpts("bad.rego", mod, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	if c.Compile(map[string]*ast.Module{"bad.rego": parsed}); c.Failed() {
		t.Fatal(c.Errors)
	}
	_, err = fold(context.Background(), c, map[string]any{})
	if err == nil || !strings.Contains(err.Error(), "bad.rego:6") || !strings.Contains(err.Error(), "reads input") {
		t.Fatalf("want a refusal naming bad.rego:6, got %v", err)
	}
}

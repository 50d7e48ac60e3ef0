package engine

import (
	"context"
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/dependencies"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// FoldRoot is where folded tables go in the data document: the value of the rule
// data.jiandu.rules.case_10.due_by_date is stored at data.jiandu.folded.rules.case_10.due_by_date.
const FoldRoot = "folded"

// fold evaluates, once for the run, every rule whose METADATA says `custom: {fold: true}`: tables
// that read only the profile, the run and the calendar (a deadline for every day a rule judges), so
// that each partition looks a value up instead of computing it again for every unit. The rule stays
// the one definition: stock OPA (opa eval, opa test) computes it in each evaluation, and the rules
// read the folded copy at data.jiandu.folded when the runner has put it there (policies/lib/lib.rego,
// Folded tables). A folded rule must not read input — it is evaluated without one — and is refused if
// it does.
func fold(ctx context.Context, compiler *ast.Compiler, data map[string]any) (map[string]any, error) {
	folded := map[string]any{}
	store := inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true))
	for _, ref := range compiler.GetAnnotationSet().Flatten() {
		a := ref.Annotations
		if a == nil || a.Scope != "rule" || a.Custom["fold"] != true {
			continue
		}
		rule := ref.GetRule()
		if rule == nil {
			continue
		}
		path := ref.Path
		where := fmt.Sprintf("%s:%d", ref.Location.File, ref.Location.Row)
		if !path.IsGround() || len(path) < 3 || !path[0].Equal(ast.DefaultRootDocument) || !path[1].Equal(ast.StringTerm("jiandu")) {
			return nil, fmt.Errorf("%s: only a rule with a fixed name under data.jiandu can be folded (custom.fold), not %s", where, path)
		}
		base, err := dependencies.Base(compiler, rule)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		for _, b := range base {
			if b[0].Equal(ast.InputRootDocument) {
				return nil, fmt.Errorf("%s: %s is folded once per run (custom.fold) but reads %s; remove `fold: true` or the input reference", where, path, b)
			}
		}
		rs, err := rego.New(
			rego.Query("x := "+path.String()),
			rego.Compiler(compiler),
			rego.Store(store),
		).Eval(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: folding %s: %w", where, path, err)
		}
		if len(rs) == 0 {
			continue // undefined for this profile and run: the rule stays undefined
		}
		node := folded
		keys := make([]string, 0, len(path)-2)
		for _, t := range path[2:] {
			s, _ := t.Value.(ast.String)
			keys = append(keys, string(s))
		}
		for _, k := range keys[:len(keys)-1] {
			next, ok := node[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[k] = next
			}
			node = next
		}
		node[keys[len(keys)-1]] = rs[0].Bindings["x"]
	}
	return folded, nil
}

// Package policytest runs a policy tree's tests: the Rego unit tests through OPA's own tester, with
// coverage, the fixture cases (an export and its expected findings) through the real engine, and the
// metadata lint; Suite joins them into one report.
package policytest

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/jiandu/jiandu/internal/policy"
)

// RegoResult is one Rego test.
type RegoResult struct {
	Rule     string `json:"rule"` // the rule the test exercises (its id), else the package it tests
	Package  string `json:"package"`
	Name     string `json:"name"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Pass     bool   `json:"pass"`
	Skip     bool   `json:"skip,omitempty"`
	Error    string `json:"error,omitempty"`
	FailedAt string `json:"failed_at,omitempty"`
	Output   string `json:"output,omitempty"` // what the test printed
}

// FullName is the test as OPA names it: data.<package>.<name>.
func (r RegoResult) FullName() string { return "data." + r.Package + "." + r.Name }

// RegoRun is the outcome of a Rego test run.
type RegoRun struct {
	Results  []RegoResult
	Coverage *cover.Report // nil unless asked for
}

// RunRego runs every test_ rule of the tree (tests included) whose name matches filter ("" = all).
func RunRego(ctx context.Context, fsys fs.FS, filter string, coverage bool) (*RegoRun, error) {
	tree, err := policy.Load(fsys, policy.Options{Tests: true})
	if err != nil {
		return nil, err
	}
	return runRego(ctx, tree, filter, coverage)
}

// runRego runs the tests of a tree loaded with its tests.
func runRego(ctx context.Context, tree *policy.Tree, filter string, coverage bool) (*RegoRun, error) {
	store := inmem.NewFromObject(tree.Data)
	txn, err := store.NewTransaction(ctx, storage.TransactionParams{})
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	var cov *cover.Cover
	runner := tester.NewRunner().
		SetCompiler(ast.NewCompiler().WithSchemas(tree.Schemas).WithUseTypeCheckAnnotations(true).WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(tree.Modules).
		CapturePrintOutput(true).
		SetTimeout(time.Minute). // OPA's 5 s per test is short on a loaded CI machine with coverage tracing
		SetDefaultRegoVersion(ast.RegoV1)
	if filter != "" {
		runner = runner.Filter(filter)
	}
	if coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("running the Rego tests: %w", err)
	}
	run := &RegoRun{}
	for r := range ch {
		rr := RegoResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Pass: r.Pass(), Skip: r.Skip,
			Output: string(r.Output)}
		if r.Location != nil {
			rr.File, rr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			rr.Error = r.Error.Error()
		}
		if r.FailedAt != nil {
			rr.FailedAt = r.FailedAt.String()
		}
		run.Results = append(run.Results, rr)
	}
	sort.SliceStable(run.Results, func(i, j int) bool {
		if run.Results[i].File != run.Results[j].File {
			return run.Results[i].File < run.Results[j].File
		}
		return run.Results[i].Line < run.Results[j].Line
	})
	if cov != nil {
		rep := cov.Report(tree.Modules)
		run.Coverage = &rep
	}
	return run, nil
}

package policytest

import (
	"context"
	"testing"

	"github.com/jiandu/jiandu"
)

// TestBuiltinRegoTests runs every Rego unit test of the built-in policies, so `go test ./...` fails
// when a rule breaks its own tests.
func TestBuiltinRegoTests(t *testing.T) {
	run, err := RunRego(context.Background(), jiandu.Policies(), "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Results) < 50 {
		t.Fatalf("only %d Rego tests ran; the built-in policies must have tests for every rule", len(run.Results))
	}
	t.Logf("%d Rego tests", len(run.Results))
	for _, r := range run.Results {
		if !r.Pass && !r.Skip {
			t.Errorf("%s:%d %s.%s failed %s %s", r.File, r.Line, r.Package, r.Name, r.Error, r.FailedAt)
		}
	}
}

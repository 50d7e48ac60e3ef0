package baseline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu/internal/findings"
)

func finding(rule, record, unit, sev string) findings.Finding {
	return findings.Finding{ID: findings.MakeID(rule, "case", record, ""), Rule: rule, Kind: "case", Record: record, Unit: unit,
		Severity: sev, Message: rule + " " + record}
}

func doc(fs ...findings.Finding) []byte {
	b, _ := json.Marshal(findings.Result{Tool: findings.Tool{Name: "jiandu", Version: "x"}, Profile: "qidong-2023",
		AsOf: "2024-01-10T23:59:59+08:00", Findings: append([]findings.Finding{}, fs...)})
	return b
}

func apply(t *testing.T, before []findings.Finding, now []findings.Finding, keep func(string) bool) *findings.Result {
	t.Helper()
	b, err := Parse("previous.json", doc(before...))
	if err != nil {
		t.Fatal(err)
	}
	r := &findings.Result{Findings: now}
	b.Apply(r, keep)
	return r
}

func TestNewUnchangedAndResolved(t *testing.T) {
	old1, old2 := finding("CASE-02", "C-1", "U-SJ", "error"), finding("CASE-09", "C-2", "U-SJ", "warning")
	gone := finding("CASE-10", "C-3", "U-ZF", "error")
	gone.Waived = &findings.Waived{Reason: "r", By: "b", Expires: "2024-01-31"}
	fresh := finding("CASE-01", "C-4", "U-ZF", "error")
	// The message of an unchanged finding may change (days late grow): the id decides.
	old1now := old1
	old1now.Message = "CASE-02 C-1, 20 days late now"
	r := apply(t, []findings.Finding{old1, old2, gone}, []findings.Finding{old1now, old2, fresh}, nil)

	got := map[string]string{}
	for _, f := range r.Findings {
		got[f.ID] = f.Status
	}
	want := map[string]string{old1.ID: Unchanged, old2.ID: Unchanged, fresh.ID: New}
	for id, s := range want {
		if got[id] != s {
			t.Errorf("%s: status %q, want %q", id, got[id], s)
		}
	}
	if len(r.Resolved) != 1 || r.Resolved[0].ID != gone.ID || r.Resolved[0].Status != Resolved || r.Resolved[0].Waived != nil {
		t.Errorf("resolved %+v, want %s with status resolved and no waiver", r.Resolved, gone.ID)
	}
	if r.Summary.New != 1 || r.Summary.Resolved != 1 {
		t.Errorf("summary new %d resolved %d", r.Summary.New, r.Summary.Resolved)
	}
}

func TestNothingResolvedIsAnEmptyList(t *testing.T) {
	f := finding("CASE-02", "C-1", "U-SJ", "error")
	r := apply(t, []findings.Finding{f}, []findings.Finding{f}, nil)
	if r.Resolved == nil || len(r.Resolved) != 0 || r.Findings[0].Status != Unchanged {
		t.Errorf("resolved %v, status %s", r.Resolved, r.Findings[0].Status)
	}
}

func TestResolvedKeepsToTheUnitsReported(t *testing.T) {
	a, b := finding("CASE-02", "C-1", "U-SJ", "error"), finding("CASE-02", "C-2", "U-ZF", "error")
	r := apply(t, []findings.Finding{a, b}, nil, func(u string) bool { return u == "U-SJ" })
	if len(r.Resolved) != 1 || r.Resolved[0].ID != a.ID {
		t.Errorf("resolved %+v, want only U-SJ's", r.Resolved)
	}
}

func TestFailOnNewCountsOnlyNewErrors(t *testing.T) {
	oldErr := finding("CASE-02", "C-1", "U-SJ", "error")
	newWarn := finding("CASE-09", "C-2", "U-SJ", "warning")
	newErr := finding("CASE-01", "C-3", "U-SJ", "error")

	if r := apply(t, []findings.Finding{oldErr}, []findings.Finding{oldErr, newWarn}, nil); r.Fails("new") {
		t.Error("an unchanged error and a new warning fail --fail-on new")
	} else if !r.Fails("error") {
		t.Error("--fail-on error still counts the unchanged error")
	}
	if r := apply(t, []findings.Finding{oldErr}, []findings.Finding{oldErr, newErr}, nil); !r.Fails("new") {
		t.Error("a new error does not fail --fail-on new")
	}
	r := apply(t, []findings.Finding{oldErr}, []findings.Finding{oldErr, newErr}, nil)
	r.Findings[1].Waived = &findings.Waived{Reason: "r", By: "b", Expires: "2099-01-01"}
	if r.Fails("new") {
		t.Error("a waived new error fails --fail-on new")
	}
}

func TestLoadRejectsWhatIsNotAFindingsDocument(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"sarif.json":  `{"version": "2.1.0", "runs": []}`,
		"broken.json": `{"tool": {"name": "jiandu"`,
		"other.json":  `{"tool": {"name": "trivy"}, "findings": []}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "--format json") {
			t.Errorf("%s: %v, want an error saying to write one with --format json", name, err)
		}
	}
	p := filepath.Join(dir, "good.json")
	if err := os.WriteFile(p, doc(finding("CASE-02", "C-1", "U-SJ", "error")), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(p)
	if err != nil || len(b.Findings) != 1 || b.Profile != "qidong-2023" {
		t.Errorf("%+v %v", b, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing baseline is no error")
	}
}

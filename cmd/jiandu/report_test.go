package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The demo export scanned with a fixed as-of (fixtures/demo/README lists what it plants).
var demoArgs = []string{"--as-of", "2024-02-20", "../../fixtures/demo/qidong-2023.json"}

func scanArgs(extra ...string) []string {
	return append(append([]string{"scan"}, extra...), demoArgs...)
}

type jsonDoc struct {
	Findings []struct {
		ID, Rule, Severity, Status string
		Waived                     *struct{ Reason, By, Expires string }
	}
	Resolved []struct{ ID string }
	Waivers  []struct {
		Rule, Status string
		Findings     []string
	}
	Summary struct {
		ByRule map[string]int `json:"by_rule"`
		KPIs   []struct {
			ID, Scope, Unit        string
			Numerator, Denominator int
		}
	}
}

func decode(t *testing.T, s string) jsonDoc {
	t.Helper()
	var d jsonDoc
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return d
}

func TestEveryFormatToItsOwnFileInOneRun(t *testing.T) {
	dir := t.TempDir()
	var args []string
	files := map[string]string{}
	for _, f := range []string{"json", "ndjson", "sarif", "junit", "markdown", "html", "xlsx", "table"} {
		files[f] = filepath.Join(dir, "out."+f)
		args = append(args, "--format", f+"="+files[f])
	}
	r := runJiandu(t, "", scanArgs(args...)...)
	if r.code != 1 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, want 1 and nothing on stdout\n%s", r.code, r.stdout, r.stderr)
	}
	for f, p := range files {
		if fi, err := os.Stat(p); err != nil || fi.Size() < 200 {
			t.Errorf("%s: %v (%v bytes)", f, err, fi)
		}
	}
	b, _ := os.ReadFile(files["json"])
	if d := decode(t, string(b)); len(d.Summary.KPIs) == 0 || len(d.Findings) == 0 {
		t.Errorf("json: %d findings, %d KPI rates", len(d.Findings), len(d.Summary.KPIs))
	}
	if b, _ := os.ReadFile(files["table"]); strings.Contains(string(b), "\x1b[") {
		t.Error("a table written to a file has colour")
	}
}

func TestLangEnglishAndBadLang(t *testing.T) {
	r := runJiandu(t, "", scanArgs("--lang", "en")...)
	if r.code != 1 || !strings.Contains(r.stdout, "findings (") || !strings.Contains(r.stdout, "KPI rates (jurisdiction)") || strings.Contains(r.stdout, "项问题") {
		t.Errorf("--lang en: exit %d\n%s", r.code, r.stdout)
	}
	if r := runJiandu(t, "", scanArgs("--lang", "fr")...); r.code != 2 || !strings.Contains(r.stderr, "choose zh or en") {
		t.Errorf("--lang fr: exit %d %s", r.code, r.stderr)
	}
	if r := runJiandu(t, "", scanArgs("--format", "pdf")...); r.code != 2 || !strings.Contains(r.stderr, "xlsx") {
		t.Errorf("--format pdf: exit %d %s", r.code, r.stderr)
	}
}

// waiveAll writes a waivers file covering every rule that has a finding, until expires.
func waiveAll(t *testing.T, d jsonDoc, expires string) string {
	t.Helper()
	var rules []string
	for rule := range d.Summary.ByRule {
		rules = append(rules, rule)
	}
	sort.Strings(rules)
	var b strings.Builder
	b.WriteString("waivers:\n")
	for _, rule := range rules {
		fmt.Fprintf(&b, "  - rule: %s\n    record: \"*\"\n    reason: 已列入整改计划\n    approved_by: 市司法局\n    expires: %s\n", rule, expires)
	}
	b.WriteString("  - rule: CASE-02\n    record: C-NOWHERE\n    reason: 旧案\n    approved_by: 市司法局\n    expires: 2099-12-31\n")
	p := filepath.Join(t.TempDir(), "waivers.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWaivedFindingsNeverCountTowardFailOn(t *testing.T) {
	plain := decode(t, runJiandu(t, "", scanArgs("--format", "json")...).stdout)

	w := waiveAll(t, plain, "2024-06-30")
	r := runJiandu(t, "", scanArgs("--format", "json", "--fail-on", "info", "--waivers", w)...)
	if r.code != 0 {
		t.Fatalf("every finding waived, --fail-on info: exit %d, want 0\n%s", r.code, r.stderr)
	}
	d := decode(t, r.stdout)
	for _, f := range d.Findings {
		if f.Waived == nil || f.Waived.By != "市司法局" || f.Waived.Expires != "2024-06-30" {
			t.Errorf("%s is not reported as waived: %+v", f.ID, f.Waived)
		}
	}
	if last := d.Waivers[len(d.Waivers)-1]; last.Status != "unmatched" || len(last.Findings) != 0 {
		t.Errorf("the waiver naming C-NOWHERE: %+v, want unmatched", last)
	}

	// Expired on the as-of date: the findings count again and the waivers say so.
	r = runJiandu(t, "", scanArgs("--format", "json", "--waivers", waiveAll(t, plain, "2024-02-19"))...)
	if r.code != 1 {
		t.Fatalf("expired waivers: exit %d, want 1", r.code)
	}
	d = decode(t, r.stdout)
	for _, x := range d.Waivers[:len(d.Waivers)-1] {
		if x.Status != "expired" || len(x.Findings) == 0 {
			t.Errorf("waiver for %s: %+v, want expired with its findings", x.Rule, x)
		}
	}
	for _, f := range d.Findings {
		if f.Waived != nil {
			t.Errorf("%s is waived by an expired waiver", f.ID)
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("- rule: CASE-99\n  record: C-1\n  reason: r\n  approved_by: a\n  expires: 2024-06-30\n"), 0o644)
	if r := runJiandu(t, "", scanArgs("--waivers", bad)...); r.code != 2 || !strings.Contains(r.stderr, `unknown rule "CASE-99"`) {
		t.Errorf("a waiver naming an unknown rule: exit %d %s", r.code, r.stderr)
	}
}

func TestBaselineAndFailOnNew(t *testing.T) {
	dir := t.TempDir()
	prev := filepath.Join(dir, "previous.json")
	if r := runJiandu(t, "", scanArgs("--format", "json="+prev)...); r.code != 1 {
		t.Fatalf("first run: exit %d", r.code)
	}

	// The same export again: nothing new, so --fail-on new passes although errors remain.
	r := runJiandu(t, "", scanArgs("--format", "json", "--baseline", prev, "--fail-on", "new")...)
	if r.code != 0 {
		t.Fatalf("nothing new: exit %d, want 0\n%s", r.code, r.stderr)
	}
	d := decode(t, r.stdout)
	for _, f := range d.Findings {
		if f.Status != "unchanged" {
			t.Errorf("%s: status %q, want unchanged", f.ID, f.Status)
		}
	}
	if len(d.Resolved) != 0 {
		t.Errorf("resolved %v, want none", d.Resolved)
	}

	// A baseline without one error finding and with one that is gone: new fails, the gone one is resolved.
	var raw map[string]any
	b, _ := os.ReadFile(prev)
	json.Unmarshal(b, &raw)
	fs := raw["findings"].([]any)
	var dropped string
	for i, f := range fs {
		if m := f.(map[string]any); m["severity"] == "error" {
			dropped = m["id"].(string)
			fs = append(fs[:i], fs[i+1:]...)
			break
		}
	}
	fs = append(fs, map[string]any{"id": "CASE-02:case:C-OLD:", "rule": "CASE-02", "severity": "error", "kind": "case",
		"record": "C-OLD", "unit": "U-SJ", "message": "旧问题"})
	raw["findings"] = fs
	b, _ = json.Marshal(raw)
	older := filepath.Join(dir, "older.json")
	os.WriteFile(older, b, 0o644)
	r = runJiandu(t, "", scanArgs("--format", "json", "--baseline", older, "--fail-on", "new")...)
	if r.code != 1 {
		t.Fatalf("a new error: exit %d, want 1", r.code)
	}
	d = decode(t, r.stdout)
	for _, f := range d.Findings {
		if want := map[bool]string{true: "new", false: "unchanged"}[f.ID == dropped]; f.Status != want {
			t.Errorf("%s: status %q, want %q", f.ID, f.Status, want)
		}
	}
	if len(d.Resolved) != 1 || d.Resolved[0].ID != "CASE-02:case:C-OLD:" {
		t.Errorf("resolved %+v, want CASE-02:case:C-OLD:", d.Resolved)
	}

	if r := runJiandu(t, "", scanArgs("--fail-on", "new")...); r.code != 2 || !strings.Contains(r.stderr, "--baseline") {
		t.Errorf("--fail-on new without --baseline: exit %d %s", r.code, r.stderr)
	}
	if r := runJiandu(t, "", scanArgs("--baseline", filepath.Join(dir, "nope.json"))...); r.code != 2 {
		t.Errorf("a missing baseline: exit %d", r.code)
	}
}

package waiver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu/internal/findings"
)

func known(id string) bool {
	return id == "CASE-02" || id == "RPT-01" || id == "QUAL-01" || id == "TRN-01"
}

// result is a scan as-of 2024-03-01 with four findings in two units.
func result() *findings.Result {
	f := func(rule, kind, record, unit, key, sev string) findings.Finding {
		return findings.Finding{ID: findings.MakeID(rule, kind, record, key), Rule: rule, Kind: kind, Record: record, Unit: unit, Key: key, Severity: sev, Message: rule + " " + record}
	}
	return &findings.Result{AsOf: "2024-03-01T09:00:00+08:00", Findings: []findings.Finding{
		f("CASE-02", "case", "C-1", "U-SJ", "", "error"),
		f("CASE-02", "case", "C-2", "U-SJ", "", "error"),
		f("QUAL-01", "case", "C-3", "U-ZF", "O-1", "error"),
		f("QUAL-01", "case", "C-3", "U-ZF", "O-2", "error"),
		f("RPT-01", "unit", "U-ZF", "U-ZF", "plan/2023", "error"),
	}}
}

func parse(t *testing.T, text string) []Waiver {
	t.Helper()
	ws, err := Parse("waivers.yaml", []byte(text), known)
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func waived(r *findings.Result) []string {
	var ids []string
	for _, f := range r.Findings {
		if f.Waived != nil {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

func TestYAMLAndJSONListOrWrapped(t *testing.T) {
	for name, text := range map[string]string{
		"yaml list":    "- rule: CASE-02\n  record: C-1\n  reason: 系统故障\n  approved_by: 张三\n  expires: 2024-06-30\n",
		"yaml wrapped": "waivers:\n  - rule: CASE-02\n    record: C-1\n    reason: 系统故障\n    by: 张三\n    expires: '2024-06-30'\n",
		"json list":    `[{"rule": "CASE-02", "record": "C-1", "reason": "系统故障", "approved_by": "张三", "expires": "2024-06-30"}]`,
		"json wrapped": `{"waivers": [{"rule": "CASE-02", "record": "C-1", "reason": "系统故障", "approved_by": "张三", "expires": "2024-06-30"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			ws := parse(t, text)
			if len(ws) != 1 {
				t.Fatalf("%d waivers", len(ws))
			}
			w := ws[0]
			if w.Rule != "CASE-02" || w.Record != "C-1" || w.Reason != "系统故障" || w.ApprovedBy != "张三" || w.Expires != "2024-06-30" || w.Source != "waivers.yaml#1" {
				t.Errorf("%+v", w)
			}
		})
	}
	if ws := parse(t, "# nothing waived yet\n"); len(ws) != 0 {
		t.Errorf("an empty file gave %d waivers", len(ws))
	}
}

func TestLoadReadsAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.json")
	if err := os.WriteFile(path, []byte(`[{"rule": "RPT-01", "unit": "U-ZF", "reason": "r", "approved_by": "a", "expires": "2024-12-31"}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := Load(path, known)
	if err != nil || len(ws) != 1 || ws[0].Source != "w.json#1" {
		t.Fatalf("%+v %v", ws, err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), known); err == nil || !strings.Contains(err.Error(), "--waivers") {
		t.Errorf("a missing file: %v", err)
	}
}

func TestABrokenEntryIsAnErrorNamingIt(t *testing.T) {
	for text, want := range map[string]string{
		"- record: C-1\n  reason: r\n  approved_by: a\n  expires: 2024-06-30\n":                  "waivers.yaml#1: entry without `rule`",
		"- rule: CASE-2\n  record: C-1\n  reason: r\n  approved_by: a\n  expires: 2024-06-30\n":  `unknown rule "CASE-2"`,
		"- rule: CASE-02\n  reason: r\n  approved_by: a\n  expires: 2024-06-30\n":                "name a `record`",
		"- rule: CASE-02\n  record: C-1\n  approved_by: a\n  expires: 2024-06-30\n":              "give the `reason`",
		"- rule: CASE-02\n  record: C-1\n  reason: r\n  expires: 2024-06-30\n":                   "approved_by",
		"- rule: CASE-02\n  record: C-1\n  reason: r\n  approved_by: a\n":                        "`expires`",
		"- rule: CASE-02\n  record: C-1\n  reason: r\n  approved_by: a\n  expires: 2024/06/30\n": "YYYY-MM-DD",
		"rule: CASE-02\n": "`waivers` list",
		"[1, 2":           "not YAML or JSON",
	} {
		_, err := Parse("waivers.yaml", []byte(text), known)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one saying %q", text, err, want)
		}
	}
}

func TestAWaiverByRecordUnitFindingIDOrStar(t *testing.T) {
	for _, tc := range []struct {
		name, target string
		want         []string
	}{
		{"record", "record: C-1", []string{"CASE-02:case:C-1:"}},
		{"unit", "unit: U-ZF", []string{"QUAL-01:case:C-3:O-1", "QUAL-01:case:C-3:O-2"}},
		{"finding id", "record: 'QUAL-01:case:C-3:O-2'", []string{"QUAL-01:case:C-3:O-2"}},
		{"every record", "record: '*'", []string{"QUAL-01:case:C-3:O-1", "QUAL-01:case:C-3:O-2"}},
		{"every unit", "unit: '*'", []string{"QUAL-01:case:C-3:O-1", "QUAL-01:case:C-3:O-2"}},
		{"record within a unit", "unit: U-SJ\n  record: C-3", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rule := "QUAL-01"
			if tc.name == "record" {
				rule = "CASE-02"
			}
			r := result()
			Apply(r, parse(t, "- rule: "+rule+"\n  "+tc.target+"\n  reason: r\n  approved_by: a\n  expires: 2024-12-31\n"))
			if got := waived(r); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("waived %v, want %v", got, tc.want)
			}
			if r.Summary.Waived != len(tc.want) {
				t.Errorf("summary.waived %d", r.Summary.Waived)
			}
			rep := r.Waivers[0]
			if len(tc.want) > 0 && (rep.Status != Applied || strings.Join(rep.Findings, ",") != strings.Join(tc.want, ",")) {
				t.Errorf("report %+v", rep)
			}
			if len(tc.want) == 0 && rep.Status != Unmatched {
				t.Errorf("report %+v, want unmatched", rep)
			}
		})
	}
}

func TestAWaivedFindingCarriesItsWaiverAndNeverCountsTowardFailOn(t *testing.T) {
	r := result()
	r.Findings = r.Findings[:2]
	Apply(r, parse(t, "- rule: CASE-02\n  record: '*'\n  reason: 平台故障\n  approved_by: 市司法局\n  expires: 2024-06-30\n"))
	for _, f := range r.Findings {
		if f.Waived == nil || *f.Waived != (findings.Waived{Reason: "平台故障", By: "市司法局", Expires: "2024-06-30"}) {
			t.Errorf("%s: waived %+v", f.ID, f.Waived)
		}
	}
	for _, failOn := range []string{"error", "warning", "info"} {
		if r.Fails(failOn) {
			t.Errorf("--fail-on %s: waived findings count", failOn)
		}
	}
}

func TestAnExpiredWaiverStopsApplyingAndIsReported(t *testing.T) {
	text := "- rule: RPT-01\n  unit: U-ZF\n  reason: r\n  approved_by: a\n  expires: %s\n"
	// as-of 2024-03-01: a waiver until 2024-03-01 still applies; one until 2024-02-29 has expired.
	r := result()
	Apply(r, parse(t, strings.Replace(text, "%s", "2024-03-01", 1)))
	if got := waived(r); len(got) != 1 || r.Waivers[0].Status != Applied {
		t.Errorf("on its expiry day: waived %v, status %s", got, r.Waivers[0].Status)
	}
	r = result()
	Apply(r, parse(t, strings.Replace(text, "%s", "2024-02-29", 1)))
	if got := waived(r); len(got) != 0 {
		t.Errorf("after its expiry: waived %v", got)
	}
	rep := r.Waivers[0]
	if rep.Status != Expired || strings.Join(rep.Findings, ",") != "RPT-01:unit:U-ZF:plan/2023" || rep.By != "a" || rep.Source != "waivers.yaml#1" {
		t.Errorf("report %+v, want expired naming the finding it no longer covers", rep)
	}
	if !r.Fails("error") {
		t.Error("the finding an expired waiver covered should count toward --fail-on again")
	}
}

func TestTheAsOfDateIsTakenInChinaStandardTime(t *testing.T) {
	r := result()
	r.AsOf = "2024-02-29T17:00:00Z" // 2024-03-01 01:00 in +08:00
	Apply(r, parse(t, "- rule: RPT-01\n  unit: U-ZF\n  reason: r\n  approved_by: a\n  expires: 2024-02-29\n"))
	if r.Waivers[0].Status != Expired {
		t.Errorf("status %s, want expired on 2024-03-01 (+08:00)", r.Waivers[0].Status)
	}
}

func TestAWaiverMatchingNothingIsReported(t *testing.T) {
	r := result()
	Apply(r, parse(t, "- rule: TRN-01\n  record: O-404\n  reason: r\n  approved_by: a\n  expires: 2024-12-31\n- rule: CASE-02\n  record: C-2\n  reason: r\n  approved_by: a\n  expires: 2024-12-31\n"))
	if r.Waivers[0].Status != Unmatched || len(r.Waivers[0].Findings) != 0 {
		t.Errorf("first %+v, want unmatched", r.Waivers[0])
	}
	if r.Waivers[1].Status != Applied {
		t.Errorf("second %+v, want applied", r.Waivers[1])
	}
}

func TestTheFirstApplyingWaiverWins(t *testing.T) {
	r := result()
	Apply(r, parse(t, "- rule: CASE-02\n  record: C-1\n  reason: first\n  approved_by: a\n  expires: 2024-12-31\n- rule: CASE-02\n  unit: U-SJ\n  reason: second\n  approved_by: b\n  expires: 2024-12-31\n"))
	if r.Findings[0].Waived.Reason != "first" || r.Findings[1].Waived.Reason != "second" {
		t.Errorf("%+v %+v", r.Findings[0].Waived, r.Findings[1].Waived)
	}
	if r.Waivers[1].Status != Applied || len(r.Waivers[1].Findings) != 2 {
		t.Errorf("the second waiver matches both findings: %+v", r.Waivers[1])
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// rules --on shows the article of the text in force on that date: the 2017 text the day before the 2021
// revision, the revision from 2021-07-15; a requirement that did not exist yet has no value.
func TestRulesOnADate(t *testing.T) {
	r := runJiandu(t, "", "rules", "--profile", "national", "--on", "2021-07-14")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"参数 min_handlers = 2（自 2018-01-01 起施行；行政处罚法(2017年修正) 第三十七条第一款",
		"参数 delivery_working_days = 7（自 2018-01-01 起施行；行政处罚法(2017年修正) 第四十条",
		"参数 count_working_days = false",
		"参数 decision_days：2021-07-14 无有效取值",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("rules --on 2021-07-14 lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runJiandu(t, "", "rules", "--profile", "national", "--on", "2021-07-15", "--format", "json")
	var rows []struct {
		ID     string                     `json:"id"`
		Params map[string]json.RawMessage `json:"parameters"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	got := map[string]string{}
	for _, row := range rows {
		for n, v := range row.Params {
			var b bytes.Buffer
			if err := json.Compact(&b, v); err != nil {
				t.Fatal(err)
			}
			got[row.ID+"."+n] = b.String()
		}
	}
	if v := got["CASE-09.decision_days"]; !strings.Contains(v, `"value":90`) || !strings.Contains(v, "第六十条") {
		t.Errorf("CASE-09.decision_days on 2021-07-15 = %s", v)
	}
	if v := got["QUAL-04.min_handlers"]; !strings.Contains(v, "第四十二条") {
		t.Errorf("QUAL-04.min_handlers on 2021-07-15 = %s", v)
	}
	if r := runJiandu(t, "", "rules", "--on", "2021-07-15"); r.code != 2 || !strings.Contains(r.stderr, "--profile") {
		t.Errorf("--on without --profile: exit %d %s", r.code, r.stderr)
	}
	if r := runJiandu(t, "", "rules", "--profile", "national", "--on", "2021-7-15"); r.code != 2 {
		t.Errorf("a bad date: exit %d", r.code)
	}
}

func TestScanSetIsExit2OnAnUnknownParameterOrAWrongType(t *testing.T) {
	for args, want := range map[string]string{
		"TRN-01.annual_min=72":        "TRN-01.annual_min_hours",
		"TRN-01.annual_min_hours=abc": "takes a number like its value 60",
		"NOPE-01.x=1":                 "unknown rule NOPE-01",
	} {
		r := runJiandu(t, "", "scan", "--profile", "qidong-2023", "--set", args, "../../fixtures/demo/qidong-2023.json")
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("--set %s: exit %d, stderr %q, want 2 naming %q", args, r.code, r.stderr, want)
		}
	}
	r := runJiandu(t, "", "scan", "--profile", "qidong-2023", "--set", "TRN-01.annual_min_hours=72", "--format", "json", "../../fixtures/demo/qidong-2023.json")
	doc := findingsOf(t, r.stdout)
	if n := doc["summary"].(map[string]any)["by_rule"].(map[string]any)["TRN-01"]; n.(float64) != 31 {
		t.Errorf("TRN-01 findings at 72 hours = %v, want 31 (4 at 60 + 27)", n)
	}
}

func TestWhatIfCommand(t *testing.T) {
	r := runJiandu(t, "", "whatif", "--lang", "en", "--profile", "qidong-2023", "--set", "TRN-01.annual_min_hours=72", "../../fixtures/demo/qidong-2023.json")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if want := "TRN-01.annual_min_hours = 72 instead of 60 would add 27 TRN-01 findings in 6 units."; !strings.Contains(r.stdout, want) {
		t.Errorf("whatif lacks %q:\n%s", want, r.stdout)
	}
	r = runJiandu(t, "", "whatif", "--profile", "qidong-2023", "../../fixtures/demo/qidong-2023.json")
	if r.code != 2 {
		t.Errorf("whatif without a change: exit %d", r.code)
	}
	r = runJiandu(t, "", "whatif", "--profile-file", "../../fixtures/CASE-02/fail-filing-days-shortened-mid-year/draft-profile.json",
		"--format", "json", "../../fixtures/CASE-02/fail-filing-days-shortened-mid-year/export.json")
	if r.code != 0 {
		t.Fatalf("whatif --profile-file: exit %d\n%s", r.code, r.stderr)
	}
	var rep struct {
		Profile string `json:"profile"`
		Added   []struct {
			ID string `json:"id"`
		} `json:"added"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Profile != "qidong-2023" || len(rep.Added) != 1 || rep.Added[0].ID != "CASE-02:case:C-2023-0710:" {
		t.Errorf("whatif --profile-file = %+v", rep)
	}
}

func TestExplainCommand(t *testing.T) {
	r := runJiandu(t, "", "explain", "--profile", "qidong-2023", "--rule", "CASE-02", "../../fixtures/CASE-02/fail-late-and-unfiled/export.json", "--as-of", "2023-12-31")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"== CASE-02:case:C-2023-0011:", "读取的事实:", "适用的参数:", "推理步骤:", "结论:", "顺延至 2023-10-07（调休上班日）", "#/cases/0/decision/date]"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runJiandu(t, "", "explain", "--profile", "qidong-2023", "--id", "NOPE", "../../fixtures/CASE-02/fail-late-and-unfiled/export.json")
	if r.code != 1 || !strings.Contains(r.stderr, "no finding matches") {
		t.Errorf("explain of no finding: exit %d %s", r.code, r.stderr)
	}
	r = runJiandu(t, "", "explain", "--profile", "qidong-2023", "--format", "json", "--record", "C-2023-0012", "../../fixtures/CASE-02/fail-late-and-unfiled/export.json")
	doc := findingsOf(t, r.stdout)
	fs := doc["findings"].([]any)
	if len(fs) != 1 {
		t.Fatalf("explain --record: %v", fs)
	}
	steps := fs[0].(map[string]any)["detail"].(map[string]any)["steps"].([]any)
	if len(steps) == 0 {
		t.Errorf("--format json carries detail.steps")
	}
}

package whatif

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
	"github.com/jiandu/jiandu/internal/findings"
	"github.com/jiandu/jiandu/internal/profile"
	"github.com/jiandu/jiandu/internal/scan"
)

func ids(fs []findings.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

// Raising TRN-01's minimum to 64 hours and dropping auxiliaries from its roles, on an export of two units
// (O-A1 58 h, O-A2 62 h, auxiliary A-A3 50 h; O-B1 63 h, O-B2 70 h): the draft adds O-A2 and O-B1,
// removes A-A3, and still finds O-A1 (short by 6 hours instead of 2). Nothing else changes.
func TestWhatIfAddsAndRemovesExactly(t *testing.T) {
	s, err := scan.Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	var ovs []profile.Override
	for _, spec := range []string{"TRN-01.annual_min_hours=64", `TRN-01.roles=["officer"]`} {
		o, err := profile.ParseOverride(spec)
		if err != nil {
			t.Fatal(err)
		}
		ovs = append(ovs, o)
	}
	base := scan.Options{Profile: "qidong-2023", Paths: []string{"testdata/export.json"}}
	draft := base
	draft.Overrides = ovs
	before, err := s.Run(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Run(context.Background(), draft)
	if err != nil {
		t.Fatal(err)
	}
	d := Compare(before.Findings, after.Findings)
	if got, want := ids(d.Added), []string{"TRN-01:officer:O-A2:", "TRN-01:officer:O-B1:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("added = %v, want %v", got, want)
	}
	if got, want := ids(d.Removed), []string{"TRN-01:officer:A-A3:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("removed = %v, want %v", got, want)
	}
	if got, want := ids(d.Changed), []string{"TRN-01:officer:O-A1:"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changed = %v, want %v", got, want)
	}
	if want := []Count{{Key: "TRN-01", Added: 2, Removed: 1, UnitsAdded: 2, UnitsRemoved: 1}}; !reflect.DeepEqual(d.ByRule, want) {
		t.Errorf("by rule = %+v", d.ByRule)
	}
	if want := []Count{{Key: "U-A", Added: 1, Removed: 1}, {Key: "U-B", Added: 1}}; !reflect.DeepEqual(d.ByUnit, want) {
		t.Errorf("by unit = %+v", d.ByUnit)
	}
	for _, f := range d.Added {
		if !strings.Contains(f.Message, "--set") {
			t.Errorf("%s cites %q: a finding of a what-if value must say so", f.ID, f.Message)
		}
	}

	bp, err := s.ResolveProfile(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := s.ResolveProfile(draft, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := Report{Profile: "qidong-2023", Changes: Changes(bp, dp), Diff: d}
	if len(rep.Changes) != 2 || rep.Changes[0].Name != "annual_min_hours" || rep.Changes[1].Name != "roles" {
		t.Fatalf("changes = %+v", rep.Changes)
	}
	want := `TRN-01.annual_min_hours = 64 instead of 60, TRN-01.roles = ["officer"] instead of ["officer","auxiliary"] would add 2 TRN-01 findings in 2 units and remove 1 TRN-01 finding in 1 unit.`
	if got := rep.Summary("en"); len(got) != 1 || got[0] != want {
		t.Errorf("summary = %q\nwant      %q", got, want)
	}
	zh := rep.Summary("zh")[0]
	if !strings.Contains(zh, "TRN-01.annual_min_hours 取 64（现为 60）") || !strings.Contains(zh, "新增 2 项 TRN-01 问题，涉及 2 个单位") {
		t.Errorf("zh summary = %q", zh)
	}
	var b bytes.Buffer
	rep.Write(&b, "zh")
	for _, line := range []string{"+ TRN-01:officer:O-A2:", "- TRN-01:officer:A-A3:", "~ TRN-01:officer:O-A1:", "U-B        新增 1  减少 0"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("report lacks %q:\n%s", line, b.String())
		}
	}
}

func TestChangesNamesSwitchesAndDatedValues(t *testing.T) {
	on, off := true, false
	base := &profile.Resolved{Rules: map[string]profile.RuleSwitch{"CASE-03": {On: false}}, Params: map[string]map[string][]profile.Dated{
		"EXAM-02": {"pass_rate_min": {{From: "", To: profile.Forever, Value: 0.8}}}}}
	draft := &profile.Resolved{Rules: map[string]profile.RuleSwitch{"CASE-03": {On: true}}, Params: map[string]map[string][]profile.Dated{
		"EXAM-02": {"pass_rate_min": {{From: "", To: "2024-07-01", Value: 0.8}, {From: "2024-07-01", To: profile.Forever, Value: 0.9}}}}}
	cs := Changes(base, draft)
	if len(cs) != 2 || cs[0].Rule != "CASE-03" || *cs[0].WasOn != off || *cs[0].IsOn != on || cs[1].Name != "pass_rate_min" {
		t.Fatalf("changes = %+v", cs)
	}
	r := Report{Changes: cs, Diff: Diff{}}
	if got := r.Summary("en")[0]; got != "CASE-03 turned on, EXAM-02.pass_rate_min = 0.8, 0.9 from 2024-07-01 instead of 0.8 would add and remove no finding." {
		t.Errorf("summary = %q", got)
	}
	if got := r.Summary("zh")[0]; got != "启用 CASE-03，EXAM-02.pass_rate_min 取 0.8；2024-07-01 起 0.9（现为 0.8），不会新增或减少任何问题。" {
		t.Errorf("summary = %q", got)
	}
}

package profile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiandu/jiandu"
)

func TestParseOverride(t *testing.T) {
	for _, c := range []struct {
		spec, rule, name, from string
		value                  any
	}{
		{"TRN-01.annual_min_hours=72", "TRN-01", "annual_min_hours", "", float64(72)},
		{"EXAM-02.pass_rate_min@2024-07-01=0.9", "EXAM-02", "pass_rate_min", "2024-07-01", 0.9},
		{`TRN-01.roles=["officer"]`, "TRN-01", "roles", "", []any{"officer"}},
		{"INSP-01.window=quarter", "INSP-01", "window", "", "quarter"},
		{"CASE-03.on=false", "CASE-03", "on", "", false},
		{"calendar.short_period_working_max=10", "calendar", "short_period_working_max", "", float64(10)},
	} {
		o, err := ParseOverride(c.spec)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		if o.Rule != c.rule || o.Name != c.name || o.From != c.from || jsonText(o.Value) != jsonText(c.value) {
			t.Errorf("%s = %+v", c.spec, o)
		}
	}
	for _, bad := range []string{"TRN-01.annual_min_hours", "annual_min_hours=72", "TRN-01.x@2024-13-01=1", ".x=1"} {
		if _, err := ParseOverride(bad); err == nil {
			t.Errorf("%s: want an error", bad)
		}
	}
}

func builtin(t *testing.T, id string) (*Set, *Resolved) {
	t.Helper()
	s, err := Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Resolve(id)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// catalogue stands in for the rules' METADATA: TRN-01 and CASE-03 exist with their parameters.
func catalogue(id string) ([]string, bool) {
	switch id {
	case "TRN-01":
		return []string{"annual_min_hours", "roles", "excluded_categories"}, true
	case "CASE-03":
		return []string{"effective", "max_gap_days", "required_documents"}, true
	case "calendar":
		return []string{"short_period_working_max"}, true
	}
	return nil, false
}

func TestSetReplacesOrDatesAValue(t *testing.T) {
	_, r := builtin(t, "qidong-2023")
	c := r.Clone()
	if err := c.Set("TRN-01", "annual_min_hours", float64(72), "", "draft", catalogue); err != nil {
		t.Fatal(err)
	}
	if v := c.Params["TRN-01"]["annual_min_hours"]; len(v) != 1 || v[0].Value != float64(72) || v[0].From != "" || v[0].To != Forever {
		t.Errorf("plain set = %+v", v)
	}
	if v := r.Params["TRN-01"]["annual_min_hours"]; jsonText(v[0].Value) != "60" {
		t.Errorf("Clone must leave the profile as it is: %+v", v)
	}
	// a value from a date keeps the earlier ones, in force until that date
	_, n := builtin(t, "national")
	if err := n.Set("CASE-10", "delivery_working_days", float64(5), "2025-01-01", "draft", nil); err != nil {
		t.Fatal(err)
	}
	v := n.Params["CASE-10"]["delivery_working_days"]
	if len(v) != 4 || v[2].From != "2021-07-15" || v[2].To != "2025-01-01" || v[3].Value != float64(5) || v[3].To != Forever {
		t.Errorf("dated set = %+v", v)
	}
	if got, ok := At(v, "2024-12-31"); !ok || got.From != "2021-07-15" {
		t.Errorf("At(2024-12-31) = %+v", got)
	}
	if _, ok := At(v, "2009-01-01"); ok {
		t.Errorf("no value is in force before the 2009 text")
	}
}

func TestSetRejectsUnknownNamesAndWrongTypes(t *testing.T) {
	_, r := builtin(t, "qidong-2023")
	var oe *OverrideError
	for _, c := range []struct {
		rule, name string
		value      any
		want       []string
	}{
		{"TRN-99", "x", float64(1), []string{"unknown rule TRN-99", "TRN-01", "CASE-02"}},
		{"TRN-01", "annual_min", float64(1), []string{"no parameter annual_min", "TRN-01.annual_min_hours", "TRN-01.roles"}},
		{"TRN-01", "annual_min_hours", "72", []string{"takes a number like its value 60", `not a string "72"`}},
		{"TRN-01", "roles", []any{float64(1)}, []string{"a list of strings", "a list of numbers"}},
		{"CASE-02", "filing_days", true, []string{"takes a number", "a boolean"}},
	} {
		err := r.Clone().Set(c.rule, c.name, c.value, "", "draft", catalogue)
		if !errors.As(err, &oe) {
			t.Fatalf("%s.%s: error = %v, want an OverrideError", c.rule, c.name, err)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s.%s: %q lacks %q", c.rule, c.name, err, w)
			}
		}
	}
	// a rule the profile does not turn on but the catalogue has: its METADATA parameters may be set
	if err := r.Clone().Set("CASE-03", "max_gap_days", float64(1), "", "draft", catalogue); err != nil {
		t.Errorf("CASE-03.max_gap_days: %v", err)
	}
	if err := r.Clone().Set("TRN-01", "roles", []any{}, "", "draft", catalogue); err != nil {
		t.Errorf("an empty list replaces a list: %v", err)
	}
}

func TestApplySwitchesARule(t *testing.T) {
	_, r := builtin(t, "qidong-2023")
	c := r.Clone()
	ovs := []Override{}
	for _, s := range []string{"TRN-01.on=false", "CASE-03.on=true", "TRN-02.business_share_min=0.7"} {
		o, err := ParseOverride(s)
		if err != nil {
			t.Fatal(err)
		}
		ovs = append(ovs, o)
	}
	if err := c.Apply(ovs, func(id string) ([]string, bool) {
		if id == "TRN-02" {
			return []string{"business_share_min"}, true
		}
		return catalogue(id)
	}); err != nil {
		t.Fatal(err)
	}
	if c.Rules["TRN-01"].On || !c.Rules["CASE-03"].On || *c.Rules["CASE-03"].Year != 2023 {
		t.Errorf("switches = %+v %+v", c.Rules["TRN-01"], c.Rules["CASE-03"])
	}
	if v := c.Params["TRN-02"]["business_share_min"][0]; v.Value != 0.7 || !strings.Contains(v.Source, "--set") {
		t.Errorf("TRN-02.business_share_min = %+v: a what-if value cites --set", v)
	}
	bad, _ := ParseOverride("TRN-01.on=1")
	if err := r.Clone().Apply([]Override{bad}, catalogue); err == nil || !strings.Contains(err.Error(), "true or false") {
		t.Errorf("on=1: %v", err)
	}
}

func TestDraftProfileExtendsABuiltInOne(t *testing.T) {
	s, _ := builtin(t, "qidong-2023")
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("draft.json", `{"id": "qidong-2024-draft", "year": 2024, "extends": "qidong-2023",
 "params": {"TRN-01": {"annual_min_hours": {"values": [{"from": "2024-01-01", "value": 60, "source": "old"}, {"from": "2024-07-01", "value": 72, "source": "draft"}]}}}}`)
	d, err := ReadDraft(good)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.WithDraft(d, catalogue)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ds.Resolve("qidong-2024-draft")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := At(r.Params["TRN-01"]["annual_min_hours"], "2024-12-31"); v.Value != float64(72) {
		t.Errorf("draft value on 2024-12-31 = %+v", v)
	}
	if !r.Rules["TRN-01"].On || r.Chain[0] != "qidong-2024-draft" || r.Chain[2] != "national" {
		t.Errorf("the draft inherits qidong-2023's switches: %+v %v", r.Rules["TRN-01"], r.Chain)
	}
	if _, ok := s.Get("qidong-2024-draft"); ok {
		t.Errorf("WithDraft must not change the built-in set")
	}
	for body, want := range map[string]string{
		`{"id": "x", "extends": "qidong-2023", "params": {"TRN-01": {"annual_min_hours": {"value": "72", "source": "s"}}}}`: "takes a number",
		`{"id": "x", "extends": "qidong-2023", "rules": {"TRN-77": {"on": true, "source": "s"}}}`:                           "unknown rule TRN-77",
		`{"id": "x", "extends": "qidong-2099"}`: "unknown profile",
	} {
		d, err := ReadDraft(write("bad.json", body))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.WithDraft(d, catalogue); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", body, err, want)
		}
	}
	if _, err := ReadDraft(write("noid.json", `{"extends": "national"}`)); err == nil || !strings.Contains(err.Error(), `"id"`) {
		t.Errorf("a draft without an id: %v", err)
	}
}

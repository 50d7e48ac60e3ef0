package profile

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jiandu/jiandu"
)

func TestBuiltinProfilesResolve(t *testing.T) {
	s, err := Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"national", "ouhai-2022", "ouhai-2024", "qidong-2023", "taishan-2024", "xinzhou-2022"}
	if got := strings.Join(s.IDs(), ","); got != strings.Join(want, ",") {
		t.Fatalf("profiles = %s, want %s", got, strings.Join(want, ","))
	}
	for _, id := range want {
		r, err := s.Resolve(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if id != "national" && (len(r.Chain) != 2 || r.Chain[1] != "national") {
			t.Errorf("%s chain = %v, want [%s national]", id, r.Chain, id)
		}
		if !r.Rules["QUAL-01"].On || r.Rules["QUAL-01"].Profile != "national" {
			t.Errorf("%s: the national rule QUAL-01 must be on, turned on by national", id)
		}
		for rule, ps := range r.Params {
			for name, vals := range ps {
				for _, v := range vals {
					if strings.TrimSpace(v.Source) == "" {
						t.Errorf("%s: parameter %s.%s has no source", id, rule, name)
					}
				}
			}
		}
	}
}

func TestLocalOverridesNationalAndKeepsItsYear(t *testing.T) {
	fsys := fstest.MapFS{
		"profiles/national/data.json": {Data: []byte(`{"id": "national", "year": null,
 "rules": {"CASE-10": {"on": true, "source": "law"}},
 "params": {"CASE-10": {"delivery_working_days": {"value": 7, "source": "第六十一条"}},
            "calendar": {"short_period_working_max": {"value": 0, "source": "none"}}},
 "obligations": [{"id": "annual_report", "due": {"yearly": {"month": 1, "day": 31}}}]}`)},
		"profiles/county-2023/data.json": {Data: []byte(`{"id": "county-2023", "year": 2023, "extends": "national", "binds_from": "2023-03-14",
 "rules": {"CASE-02": {"on": true, "source": "plan"}},
 "params": {"calendar": {"short_period_working_max": {"values": [{"from": "2023-07-01", "value": 10, "source": "new"}, {"from": "2023-01-01", "value": 0, "source": "old"}]}}},
 "obligations": [{"id": "plan_filing", "due": {"date": "2023-03-31"}}]}`)},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Resolve("county-2023")
	if err != nil {
		t.Fatal(err)
	}
	if sw := r.Rules["CASE-02"]; !sw.On || sw.Profile != "county-2023" || sw.Year == nil || *sw.Year != 2023 {
		t.Errorf("CASE-02 switch = %+v, want on by county-2023 of 2023", sw)
	}
	if sw := r.Rules["CASE-10"]; sw.Profile != "national" || sw.Year != nil {
		t.Errorf("CASE-10 switch = %+v, want national's, no year", sw)
	}
	vals := r.Params["calendar"]["short_period_working_max"]
	if len(vals) != 2 || vals[0].From != "2023-01-01" || vals[0].To != "2023-07-01" || vals[1].Value != float64(10) || vals[1].To != Forever {
		t.Errorf("dated values must be sorted by date: %+v", vals)
	}
	if got := r.Params["CASE-10"]["delivery_working_days"]; len(got) != 1 || got[0].From != "" || got[0].Source != "第六十一条" {
		t.Errorf("a plain value is in force always: %+v", got)
	}
	if len(r.Obligations) != 2 || r.Obligations[1]["profile"] != "county-2023" || r.Obligations[0]["year"] != (*int)(nil) {
		t.Errorf("obligations = %+v", r.Obligations)
	}
}

func TestUnknownProfileNamesTheKnownOnes(t *testing.T) {
	s, err := Load(jiandu.Policies())
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Resolve("qidong-2032")
	var ue *UnknownError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "qidong-2023") || !strings.Contains(err.Error(), "jiandu profiles") {
		t.Fatalf("error = %v, want an UnknownError naming the known profiles", err)
	}
}

func TestExtendsLoopAndUnknownParent(t *testing.T) {
	fsys := fstest.MapFS{
		"profiles/a/data.json": {Data: []byte(`{"id": "a", "extends": "b"}`)},
		"profiles/b/data.json": {Data: []byte(`{"id": "b", "extends": "a"}`)},
		"profiles/c/data.json": {Data: []byte(`{"id": "c", "extends": "zz"}`)},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Resolve("a"); err == nil || !strings.Contains(err.Error(), "loop") {
		t.Errorf("loop: %v", err)
	}
	if _, err := s.Resolve("c"); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Errorf("unknown parent: %v", err)
	}
}

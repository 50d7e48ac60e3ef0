package main

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// The rules RULES.md assigns to each built-in profile, written out from its tables (the last column of
// each rule table, the obligations table and the record-integrity section), not read from the profile
// files: `jiandu rules --profile P` must list exactly these.
var (
	// national: QUAL-01, QUAL-04, QUAL-05, CASE-01, CASE-08..11 name `national` in their profiles column;
	// DATA-01..05 run under every profile; RPT-01..03 read the obligations, and national declares one
	// (annual_report, 国办发〔2018〕118号 (六)).
	nationalRules = []string{
		"QUAL-01", "QUAL-04", "QUAL-05",
		"CASE-01", "CASE-08", "CASE-09", "CASE-10", "CASE-11",
		"RPT-01", "RPT-02", "RPT-03",
		"DATA-01", "DATA-02", "DATA-03", "DATA-04", "DATA-05",
	}
	// Each local profile's own rules, on top of national's (every local profile extends national).
	localRules = map[string][]string{
		// EXAM-01 (1.0), EXAM-02 (qualification, 0.90), CASE-03 (effective 2024-05-01), CASE-07,
		// INSP-01..03, CLUE-01 (item 12); obligations discretion_benchmark, enforcement_items,
		// case_self_review_report, rectification_report.
		"ouhai-2024": {"EXAM-01", "EXAM-02", "CASE-03", "CASE-07", "INSP-01", "INSP-02", "INSP-03", "CLUE-01"},
		// EXAM-01 (1.0), EXAM-02 (qualification, 0.80), CERT-01 (0.90), CASE-04, CLUE-01; obligation
		// case_self_review_report.
		"ouhai-2022": {"EXAM-01", "EXAM-02", "CERT-01", "CASE-04", "CLUE-01"},
		// QUAL-02, QUAL-03, TRN-01 (officer), CASE-05, CASE-07, INSP-01, INSP-03; obligations
		// mid_term_evaluation … problem_rectification_report.
		"taishan-2024": {"QUAL-02", "QUAL-03", "TRN-01", "CASE-05", "CASE-07", "INSP-01", "INSP-03"},
		// QUAL-02, EXAM-02 (annual, 0.99), TRN-01..04, CASE-02, CASE-05, CASE-06, REV-01, REV-02, INC-01,
		// INC-02; obligations annual_supervision_plan … case_sampling.
		"qidong-2023": {"QUAL-02", "EXAM-02", "TRN-01", "TRN-02", "TRN-03", "TRN-04", "CASE-02", "CASE-05",
			"CASE-06", "REV-01", "REV-02", "INC-01", "INC-02"},
		// No rule of its own: only obligations (supervision_duty_list … normative_docs_manual), which
		// RPT-01..03 (already national's) check.
		"xinzhou-2022": {},
	}
)

func expectedRules(profile string) []string {
	set := map[string]bool{}
	for _, id := range nationalRules {
		set[id] = true
	}
	for _, id := range localRules[profile] {
		set[id] = true
	}
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

func TestRulesListsExactlyWhatRULESmdAssignsToEachProfile(t *testing.T) {
	profiles := []string{"national", "ouhai-2024", "ouhai-2022", "taishan-2024", "qidong-2023", "xinzhou-2022"}
	for _, p := range profiles {
		t.Run(p, func(t *testing.T) {
			if _, local := localRules[p]; !local && p != "national" {
				t.Fatalf("no expectation written for %s", p)
			}
			r := runJiandu(t, "", "rules", "--profile", p, "--format", "json")
			if r.code != 0 {
				t.Fatalf("jiandu rules --profile %s: exit %d\n%s", p, r.code, r.stderr)
			}
			var rows []struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, r.stdout)
			}
			got := map[string]int{}
			for _, row := range rows {
				got[row.ID]++
			}
			want := expectedRules(p)
			var missing, extra, twice []string
			for _, id := range want {
				if got[id] == 0 {
					missing = append(missing, id)
				}
			}
			wanted := map[string]bool{}
			for _, id := range want {
				wanted[id] = true
			}
			for id, n := range got {
				if !wanted[id] {
					extra = append(extra, id)
				}
				if n > 1 {
					twice = append(twice, id)
				}
			}
			sort.Strings(extra)
			sort.Strings(twice)
			if len(missing) > 0 {
				t.Errorf("%s does not turn on %s, which RULES.md assigns to it", p, strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				t.Errorf("%s turns on %s, which RULES.md does not assign to it", p, strings.Join(extra, ", "))
			}
			if len(twice) > 0 {
				t.Errorf("%s lists %s more than once", p, strings.Join(twice, ", "))
			}
		})
	}
}

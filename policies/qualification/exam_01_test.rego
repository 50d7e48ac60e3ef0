package jiandu.rules.exam_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.exam_01

params := {"EXAM-01": {"exam_kind": "qualification", "participation_min": 1.0}}

profile := testing.profile(2024, ["EXAM-01"], params)

closed := testing.run("2025-01-10")

exam(date, sat) := {"date": date, "kind": "qualification", "sat": sat, "passed": sat, "score": null}

officer(id, exams) := {"id": id, "unit": "U-JD", "role": "officer", "exams": exams}

# n officers, the first k of whom sat their qualification exam in 2024
officers(n, k) := [officer(sprintf("O-%d", [i]), [exam("2024-07-20", i <= k)]) | some i in numbers.range(1, n)]

unit_input(os) := {"scope": "unit", "unit_id": "U-JD", "officers": os, "units": [{"id": "U-JD", "name": "景山街道", "type": "town"}]}

unit_findings(os, run) := fs if {
	fs := exam_01.findings with input as unit_input(os) with data.jiandu.profile as profile with data.jiandu.run as run
}

summary(os) := s if {
	s := exam_01.summary with input as unit_input(os) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-08-01")
}

export_input(sums) := {
	"scope": "export", "units": [],
	"unit_summaries": [{"unit": u, "type": "department", "rules": r} | some u, r in sums],
}

export_findings(sums, run) := fs if {
	fs := exam_01.findings with input as export_input(sums) with data.jiandu.profile as profile with data.jiandu.run as run
}

# ---- unit

test_full_participation_passes if {
	os := officers(10, 10)
	count(unit_findings(os, closed)) == 0
	summary(os) == {"registered": 10, "sat": 10}
}

test_one_absent_fails if {
	fs := unit_findings(officers(10, 9), closed)
	testing.keys_of(fs) == {["EXAM-01", "U-JD", ""]}
	some f in fs
	f.kind == "unit"
	f.unit == "U-JD"
	f.message == "单位 U-JD（景山街道） 2024 年执法资格考试参考率 90.00%（参考 9 人次 / 报名 10 人次），低于 100.00%，差 1 人次（依据：source of EXAM-01.participation_min）"
	f.message_en == "Unit U-JD (景山街道): 2024 qualification exam participation 90.00% (9 sat of 10 registered), below 100.00%, short by 1 (per source of EXAM-01.participation_min)"
	f.detail.numerator == 9
	f.detail.denominator == 10
	f.detail.min == 1
	f.detail.short == 1
	f.detail.exam_kind == "qualification"
}

test_sat_null_is_not_sat if {
	os := [officer("O-1", [{"date": "2024-07-20", "kind": "qualification"}]), officer("O-2", [exam("2024-07-20", true)])]
	some f in unit_findings(os, closed)
	f.detail.numerator == 1
	f.detail.denominator == 2
}

test_each_entry_is_one_registration if {
	# O-1 registered for both sittings and sat only one
	os := [officer("O-1", [exam("2024-07-20", true), exam("2024-10-20", false)])]
	summary(os) == {"registered": 2, "sat": 1}
	some f in unit_findings(os, closed)
	f.detail.denominator == 2
}

test_other_years_kinds_and_undated_entries_are_not_counted if {
	os := [officer("O-1", [
		exam("2024-07-20", true),
		exam("2023-12-31", false),
		exam("2025-01-01", false),
		{"date": "2024-07-20", "kind": "annual", "sat": false},
		{"date": null, "kind": "qualification", "sat": false},
		{"kind": "qualification", "sat": false},
	])]
	summary(os) == {"registered": 1, "sat": 1}
	count(unit_findings(os, closed)) == 0
}

test_year_not_closed_reports_nothing if {
	count(unit_findings(officers(10, 5), testing.run("2024-12-31"))) == 0
	summary(officers(10, 5)) == {"registered": 10, "sat": 5}
}

test_no_registration_no_finding if {
	count(unit_findings([officer("O-1", [])], closed)) == 0
	count(unit_findings([], closed)) == 0
	summary([]) == {"registered": 0, "sat": 0}
}

test_threshold_below_one_passes_when_met_exactly if {
	p := testing.profile(2024, ["EXAM-01"], {"EXAM-01": {"exam_kind": "qualification", "participation_min": 0.9}})
	ok := exam_01.findings with input as unit_input(officers(10, 9)) with data.jiandu.profile as p with data.jiandu.run as closed
	count(ok) == 0
	fail := exam_01.findings with input as unit_input(officers(20, 17)) with data.jiandu.profile as p with data.jiandu.run as closed
	some f in fail
	f.detail.needed == 18
	f.detail.short == 1
}

test_no_unit_finding_or_summary_in_the_export_partition if {
	count(export_findings({}, closed)) == 0
	not exam_01.summary with input as export_input({}) with data.jiandu.profile as profile with data.jiandu.run as closed
}

# ---- jurisdiction

test_jurisdiction_pools_counts_not_rates if {
	# unit rates 100% and 50% average 75%; pooled 91 of 92 = 98.91% meets 90%
	p := testing.profile(2024, ["EXAM-01"], {"EXAM-01": {"exam_kind": "qualification", "participation_min": 0.9}})
	sums := {"U-A": {"EXAM-01": {"registered": 90, "sat": 90}}, "U-B": {"EXAM-01": {"registered": 2, "sat": 1}}}
	fs := exam_01.findings with input as export_input(sums) with data.jiandu.profile as p with data.jiandu.run as closed
	count(fs) == 0
}

test_jurisdiction_below_the_minimum_fails if {
	sums := {
		"U-A": {"EXAM-01": {"registered": 10, "sat": 10}},
		"U-B": {"EXAM-01": {"registered": 2, "sat": 1}},
		"U-C": {"OTHER-01": {"x": 1}},
	}
	fs := export_findings(sums, closed)
	testing.keys_of(fs) == {["EXAM-01", "export", ""]}
	some f in fs
	f.kind == "export"
	f.unit == ""
	f.message == "全辖区 2024 年执法资格考试参考率 91.67%（参考 11 人次 / 报名 12 人次），低于 100.00%，差 1 人次（依据：source of EXAM-01.participation_min）"
	f.message_en == "The jurisdiction: 2024 qualification exam participation 91.67% (11 sat of 12 registered), below 100.00%, short by 1 (per source of EXAM-01.participation_min)"
	f.detail.numerator == 11
	f.detail.denominator == 12
}

test_jurisdiction_at_the_minimum_passes if {
	sums := {"U-A": {"EXAM-01": {"registered": 10, "sat": 10}}, "U-B": {"EXAM-01": {"registered": 0, "sat": 0}}}
	count(export_findings(sums, closed)) == 0
}

test_jurisdiction_without_registrations_or_summaries_no_finding if {
	count(export_findings({"U-A": {"EXAM-01": {"registered": 0, "sat": 0}}}, closed)) == 0
	count(export_findings({}, closed)) == 0
}

test_jurisdiction_year_not_closed_reports_nothing if {
	sums := {"U-B": {"EXAM-01": {"registered": 2, "sat": 1}}}
	count(export_findings(sums, testing.run("2024-12-31"))) == 0
}

test_unit_without_a_record_is_named_by_its_id if {
	i := {"scope": "unit", "unit_id": "U-X", "officers": officers(2, 1)}
	fs := exam_01.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as closed
	some f in fs
	f.record == "U-X"
	startswith(f.message, "单位 U-X 2024 年执法资格考试参考率 50.00%")
	startswith(f.message_en, "Unit U-X: 2024 qualification exam participation 50.00%")
}

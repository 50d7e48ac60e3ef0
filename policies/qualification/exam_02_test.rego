package jiandu.rules.exam_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.exam_02

params := {"EXAM-02": {"exam_kind": "annual", "pass_rate_min": 0.99}}

profile := testing.profile(2023, ["EXAM-02"], params)

closed := testing.run("2024-01-10")

exam(date, sat, passed) := {"date": date, "kind": "annual", "sat": sat, "passed": passed, "score": 80}

officer(id, exams) := {"id": id, "unit": "U-SJ", "role": "officer", "exams": exams}

# n officers sat the 2023 annual exam, the first k passed
officers(n, k) := [officer(sprintf("O-%03d", [i]), [exam("2023-11-20", true, i <= k)]) | some i in numbers.range(1, n)]

unit_input(os) := {"scope": "unit", "unit_id": "U-SJ", "officers": os, "units": [{"id": "U-SJ", "name": "市司法局", "type": "judicial_bureau"}]}

unit_findings(os, run) := fs if {
	fs := exam_02.findings with input as unit_input(os) with data.jiandu.profile as profile with data.jiandu.run as run
}

summary(os) := s if {
	s := exam_02.summary with input as unit_input(os) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2023-12-01")
}

export_input(sums) := {
	"scope": "export", "units": [],
	"unit_summaries": [{"unit": u, "type": "department", "rules": r} | some u, r in sums],
}

export_findings(sums, run) := fs if {
	fs := exam_02.findings with input as export_input(sums) with data.jiandu.profile as profile with data.jiandu.run as run
}

# ---- unit

test_exactly_the_minimum_passes if {
	os := officers(100, 99)
	count(unit_findings(os, closed)) == 0
	summary(os) == {"sat": 100, "passed": 99}
}

test_below_the_minimum_fails if {
	fs := unit_findings(officers(100, 98), closed)
	testing.keys_of(fs) == {["EXAM-02", "U-SJ", ""]}
	some f in fs
	f.kind == "unit"
	f.unit == "U-SJ"
	f.message == "单位 U-SJ（市司法局） 2023 年年度培训考试合格率 98.00%（通过 98 人次 / 参考 100 人次），低于 99.00%，差 1 人次（依据：source of EXAM-02.pass_rate_min）"
	f.message_en == "Unit U-SJ (市司法局): 2023 annual exam pass rate 98.00% (98 passed of 100 sat), below 99.00%, short by 1 (per source of EXAM-02.pass_rate_min)"
	f.detail.numerator == 98
	f.detail.denominator == 100
	f.detail.needed == 99
	f.detail.min == 0.99
	f.detail.exam_kind == "annual"
	f.detail.year == 2023
}

test_small_unit_one_failure_fails if {
	fs := unit_findings(officers(3, 2), closed)
	some f in fs
	f.detail.needed == 3
	f.detail.short == 1
}

test_entries_not_sat_are_not_counted if {
	# O-2 did not sit (passed true is ignored), O-3's sat is unknown
	os := [
		officer("O-1", [exam("2023-11-20", true, true)]),
		officer("O-2", [exam("2023-11-20", false, true)]),
		officer("O-3", [{"date": "2023-11-20", "kind": "annual", "passed": false}]),
	]
	summary(os) == {"sat": 1, "passed": 1}
	count(unit_findings(os, closed)) == 0
}

test_passed_null_is_not_passed if {
	os := [officer("O-1", [exam("2023-11-20", true, null)])]
	some f in unit_findings(os, closed)
	f.detail.numerator == 0
	f.detail.denominator == 1
}

test_other_kind_and_other_years_are_not_counted if {
	os := [officer("O-1", [
		exam("2023-11-20", true, true),
		{"date": "2023-07-01", "kind": "qualification", "sat": true, "passed": false},
		exam("2022-12-31", true, false),
		exam("2024-01-01", true, false),
		exam(null, true, false),
	])]
	summary(os) == {"sat": 1, "passed": 1}
	count(unit_findings(os, closed)) == 0
}

test_year_not_closed_reports_nothing if {
	count(unit_findings(officers(10, 1), testing.run("2023-12-31"))) == 0
}

test_nobody_sat_no_finding if {
	os := [officer("O-1", [exam("2023-11-20", false, false)])]
	count(unit_findings(os, closed)) == 0
	summary(os) == {"sat": 0, "passed": 0}
}

# ---- jurisdiction

test_jurisdiction_pools_counts_not_rates if {
	# unit rates 100% and 0% average 50%; pooled 99 of 100 = 99% meets 99%
	sums := {"U-A": {"EXAM-02": {"sat": 99, "passed": 99}}, "U-B": {"EXAM-02": {"sat": 1, "passed": 0}}}
	count(export_findings(sums, closed)) == 0
}

test_jurisdiction_below_the_minimum_fails if {
	sums := {"U-A": {"EXAM-02": {"sat": 99, "passed": 98}}, "U-B": {"EXAM-02": {"sat": 1, "passed": 0}}}
	fs := export_findings(sums, closed)
	testing.keys_of(fs) == {["EXAM-02", "export", ""]}
	some f in fs
	f.kind == "export"
	f.unit == ""
	f.message == "全辖区 2023 年年度培训考试合格率 98.00%（通过 98 人次 / 参考 100 人次），低于 99.00%，差 1 人次（依据：source of EXAM-02.pass_rate_min）"
	f.message_en == "The jurisdiction: 2023 annual exam pass rate 98.00% (98 passed of 100 sat), below 99.00%, short by 1 (per source of EXAM-02.pass_rate_min)"
}

test_jurisdiction_zero_sat_or_not_closed_no_finding if {
	count(export_findings({"U-A": {"EXAM-02": {"sat": 0, "passed": 0}}}, closed)) == 0
	count(export_findings({"U-A": {"EXAM-02": {"sat": 2, "passed": 0}}}, testing.run("2023-12-31"))) == 0
	count(export_findings({}, closed)) == 0
}

test_no_unit_finding_in_the_export_partition_and_no_export_finding_in_a_unit if {
	not exam_02.summary with input as export_input({}) with data.jiandu.profile as profile with data.jiandu.run as closed
	fs := unit_findings(officers(2, 0), closed)
	count(fs) == 1
	every f in fs {
		f.kind == "unit"
	}
}

test_unit_without_a_record_is_named_by_its_id if {
	i := {"scope": "unit", "unit_id": "U-X", "officers": officers(2, 1)}
	fs := exam_02.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as closed
	some f in fs
	f.record == "U-X"
	startswith(f.message, "单位 U-X 2023 年年度培训考试合格率 50.00%")
	startswith(f.message_en, "Unit U-X: 2023 annual exam pass rate 50.00%")
}

package jiandu.rules.case_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_01

national := testing.profile(null, ["CASE-01"], {"CASE-01": {"review_required": true, "pass_required": true}})

scan(cases) := fs if {
	fs := case_01.findings with input as {"cases": cases}
		with data.jiandu.profile as national
		with data.jiandu.run as testing.run("2024-06-30")
}

major(id, review) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "opened": "2024-02-01",
	"decision": {"date": "2024-03-04", "major": true}, "legal_review": review,
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_passed_review_on_the_decision_day_passes if {
	count(scan([major("C-1", {"done": true, "passed": true, "date": "2024-03-04"})])) == 0
}

test_passed_review_before_the_decision_passes if {
	count(scan([major("C-1", {"done": true, "passed": true, "date": "2024-02-20"})])) == 0
}

test_non_major_decision_needs_no_review if {
	c := object.union(major("C-1", null), {"decision": {"date": "2024-03-04", "major": false}})
	count(scan([c])) == 0
}

test_major_without_decision_date_is_not_judged if {
	c := object.union(major("C-1", null), {"decision": {"date": null, "major": true}})
	count(scan([c])) == 0
}

test_no_review_record if {
	f := only(scan([major("C-1", null)]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-01", "case", "C-1", "U-SJ", ""]
	object.remove(f.detail, ["steps"]) == {"decision": "2024-03-04", "review_date": null, "problems": ["not_done"]}
	contains(f.message, "案件 C-1")
	contains(f.message, "未经法制审核")
	contains(f.message, "作出决定前须经法制审核（source of）")
}

test_review_not_done if {
	f := only(scan([major("C-1", {"done": false, "passed": null, "date": null})]))
	f.detail.problems == ["not_done"]
}

test_review_not_passed if {
	f := only(scan([major("C-1", {"done": true, "passed": false, "date": "2024-03-01"})]))
	f.detail.problems == ["not_passed"]
	contains(f.message, "法制审核未通过")
}

test_review_passed_missing_is_not_passed if {
	f := only(scan([major("C-1", {"done": true, "date": "2024-03-01"})]))
	f.detail.problems == ["not_passed"]
}

test_review_after_the_decision if {
	f := only(scan([major("C-1", {"done": true, "passed": true, "date": "2024-03-05"})]))
	object.remove(f.detail, ["steps"]) == {"decision": "2024-03-04", "review_date": "2024-03-05", "problems": ["after_decision"]}
	contains(f.message, "法制审核日期 2024-03-05 晚于决定日期")
}

test_review_without_a_date if {
	f := only(scan([major("C-1", {"done": true, "passed": true})]))
	f.detail.problems == ["undated"]
}

test_several_problems_make_one_finding if {
	f := only(scan([major("C-1", {"done": true, "passed": false, "date": "2024-03-10"})]))
	f.detail.problems == ["not_passed", "after_decision"]
}

test_year_profile_judges_only_its_year if {
	p := testing.profile(2023, ["CASE-01"], {})
	fs := case_01.findings with input as {"cases": [major("C-1", null)]}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2024-06-30")
	count(fs) == 0
}

test_one_finding_per_failing_case if {
	fs := scan([
		major("C-1", null),
		major("C-2", {"done": true, "passed": true, "date": "2024-03-01"}),
		major("C-3", {"done": true, "passed": false, "date": "2024-03-01"}),
	])
	testing.keys_of(fs) == {["CASE-01", "C-1", ""], ["CASE-01", "C-3", ""]}
}

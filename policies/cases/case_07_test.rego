package jiandu.rules.case_07_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_07

taishan := testing.profile(2024, ["CASE-07"], {})

kase(id, fine, fine_max) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2024-05-04",
	"decision": {"date": "2024-06-03", "fine": fine, "fine_max": fine_max},
}

scan(cases) := fs if {
	fs := case_07.findings with input as {"cases": cases}
		with data.jiandu.profile as taishan
		with data.jiandu.run as testing.run("2024-12-31")
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_fine_below_the_maximum_passes if {
	count(scan([kase("C-1", 20000, 50000)])) == 0
}

test_fine_above_the_maximum_is_an_error if {
	f := only(scan([kase("C-1", 60000, 50000)]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-07", "case", "C-1", "U-SJ", ""]
	not f.severity
	f.detail == {"decision": "2024-06-03", "fine": 60000, "fine_max": 50000, "excess": 10000}
	contains(f.message, "罚款 60000 元超过法定最高罚款额 50000 元，超出 10000 元")
}

test_fine_at_the_maximum_is_a_warning if {
	f := only(scan([kase("C-1", 50000, 50000)]))
	[f.record, f.key, f.severity] == ["C-1", "", "warning"]
	f.detail == {"decision": "2024-06-03", "fine": 50000, "fine_max": 50000}
	contains(f.message, "顶格罚款")
}

test_fractional_amounts if {
	f := only(scan([kase("C-1", 5000.5, 5000)]))
	f.detail.excess == 0.5
	count(scan([kase("C-2", 4999.99, 5000)])) == 0
}

test_zero_fine_at_zero_maximum_is_no_finding if {
	count(scan([kase("C-1", 0, 0)])) == 0
}

test_missing_amounts_are_not_compared if {
	count(scan([kase("C-1", null, 50000)])) == 0
	count(scan([kase("C-1", 50000, null)])) == 0
}

test_undated_decision_is_not_judged if {
	c := object.union(kase("C-1", 60000, 50000), {"decision": {"date": null}})
	count(scan([c])) == 0
}

test_year_profile_judges_only_its_year if {
	c := object.union(kase("C-1", 60000, 50000), {"decision": {"date": "2023-12-29"}})
	count(scan([c])) == 0
}

test_several_cases if {
	fs := scan([kase("C-1", 100, 200), kase("C-2", 300, 200), kase("C-3", 200, 200)])
	testing.keys_of(fs) == {["CASE-07", "C-2", ""], ["CASE-07", "C-3", ""]}
	{[f.record, object.get(f, "severity", "error")] | some f in fs} == {["C-2", "error"], ["C-3", "warning"]}
}

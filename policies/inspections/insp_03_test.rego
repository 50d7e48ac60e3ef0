package jiandu.rules.insp_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.insp_03

params := {"INSP-03": {"max_per_year": 4, "excluded_types": ["complaint"]}}

insp(id, unit, date, joint, type) := {"id": id, "unit": unit, "date": date, "enterprise": {"credit_code": "E1"}, "joint_with": joint, "type": type}

four := [
	insp("I1", "U1", "2024-01-10", [], "random"),
	insp("I2", "U2", "2024-03-10", [], "random"),
	insp("I3", "U3", "2024-05-10", [], "special"),
	insp("I4", "U1", "2024-07-10", [], "other"),
]

findings(is, ps) := fs if {
	fs := insp_03.findings with input as {"scope": "enterprise", "enterprise": {"credit_code": "E1", "inspections": is}}
		with data.jiandu.profile as testing.profile(2024, ["INSP-03"], ps)
		with data.jiandu.run as testing.run("2024-12-31")
}

test_four_a_year_pass if {
	count(findings(four, params)) == 0
}

test_the_fifth_inspection if {
	fs := findings(array.concat(four, [insp("I5", "U4", "2024-09-10", [], "random")]), params)
	fs == {{
		"rule": "INSP-03", "kind": "inspection", "record": "I5", "unit": "U4", "key": "",
		"message": "检查 I5：单位 U4 于 2024-09-10 检查企业 E1，是 2024 年各单位对该企业的第 5 次检查（投诉举报类检查不计，联合检查计一次），超过每年 4 次的上限（多 1 次）；上限内的检查：I1、I2、I3、I4（source of INSP-03.max_per_year）",
		"message_en": "Inspection I5: unit U4 inspected enterprise E1 on 2024-09-10, the enterprise's inspection no. 5 by all units in 2024, 1 over the limit of 4 a year; within the limit: I1, I2, I3, I4",
		"detail": {"enterprise": "E1", "year": 2024, "ordinal": 5, "max": 4, "within_limit": ["I1", "I2", "I3", "I4"]},
	}}
}

test_each_inspection_past_the_allowed_count_in_date_order if {
	is := array.concat([insp("I6", "U2", "2024-12-01", [], "random"), insp("I5", "U4", "2024-01-01", [], "random")], four)
	{[f.record, f.detail.ordinal] | some f in findings(is, params)} == {["I4", 5], ["I6", 6]}
}

test_a_joint_inspection_listed_by_both_units_counts_once if {
	is := array.concat(four, [
		insp("J1", "U4", "2024-09-10", ["U5"], "random"),
		insp("J2", "U5", "2024-09-10", ["U4"], "random"),
	])
	fs := findings(is, params)
	{[f.record, f.detail.ordinal] | some f in fs} == {["J1", 5]}
	count(findings(array.concat(array.slice(four, 0, 3), [insp("J1", "U4", "2024-09-10", ["U5"], "random"), insp("J2", "U5", "2024-09-10", ["U4"], "random")]), params)) == 0
}

test_three_units_of_one_joint_inspection_count_once if {
	is := array.concat(array.slice(four, 0, 3), [
		insp("J1", "U4", "2024-09-10", ["U5", "U6"], "random"),
		insp("J2", "U5", "2024-09-10", ["U4", "U6"], "random"),
		insp("J3", "U6", "2024-09-10", ["U4", "U5"], "random"),
	])
	count(findings(is, params)) == 0
}

test_one_sided_joint_with_counts_twice if {
	is := array.concat(array.slice(four, 0, 3), [
		insp("J1", "U4", "2024-09-10", ["U5"], "random"),
		insp("J2", "U5", "2024-09-10", [], "random"),
	])
	{[f.record, f.detail.ordinal] | some f in findings(is, params)} == {["J2", 5]}
}

test_joint_records_on_different_dates_count_twice if {
	is := array.concat(array.slice(four, 0, 3), [
		insp("J1", "U4", "2024-09-10", ["U5"], "random"),
		insp("J2", "U5", "2024-09-11", ["U4"], "random"),
	])
	{[f.record, f.detail.ordinal] | some f in findings(is, params)} == {["J2", 5]}
}

test_complaint_inspections_are_not_counted if {
	count(findings(array.concat(four, [insp("I5", "U4", "2024-09-10", [], "complaint")]), params)) == 0
}

test_only_the_profile_year_counts if {
	is := array.concat(four, [insp("I0", "U4", "2023-12-31", [], "random"), insp("I9", "U4", "2025-01-01", [], "random")])
	count(findings(is, params)) == 0
}

test_allowed_count_comes_from_the_parameter if {
	ps := {"INSP-03": {"max_per_year": 3, "excluded_types": []}}
	{f.record | some f in findings(four, ps)} == {"I4"}
}

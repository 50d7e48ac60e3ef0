package jiandu.rules.insp_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.insp_01

params := {"INSP-01": {"max_per_window": 1, "window": "quarter", "excluded_types": ["complaint"]}}

insp(id, date, code, type) := {"id": id, "unit": "U1", "date": date, "enterprise": {"credit_code": code, "name": "甲公司"}, "joint_with": [], "type": type}

findings(is, ps) := fs if {
	fs := insp_01.findings with input as {"scope": "unit", "unit_id": "U1", "inspections": is}
		with data.jiandu.profile as testing.profile(2024, ["INSP-01"], ps)
		with data.jiandu.run as testing.run("2024-12-31")
}

test_second_inspection_in_a_quarter if {
	is := [insp("I2", "2024-05-20", "E1", "special"), insp("I1", "2024-04-01", "E1", "random")]
	findings(is, params) == {{
		"rule": "INSP-01", "kind": "inspection", "record": "I2", "unit": "U1", "key": "",
		"message": "检查 I2：单位 U1 于 2024-05-20 检查企业 甲公司（E1），是 2024-Q2 内对该企业的第 2 次检查（投诉举报类检查不计），超过每季度 1 次的上限（多 1 次）；上限内的检查：I1（source of INSP-01.max_per_window）",
		"message_en": "Inspection I2: unit U1 inspected enterprise E1 on 2024-05-20, its inspection no. 2 of that enterprise in 2024-Q2, 1 over the limit of 1 per quarter; within the limit: I1",
		"detail": {"enterprise": "E1", "window": "2024-Q2", "ordinal": 2, "max": 1, "within_limit": ["I1"]},
	}}
}

test_one_per_quarter_passes if {
	is := [insp("I1", "2024-03-31", "E1", "random"), insp("I2", "2024-04-01", "E1", "random"), insp("I3", "2024-12-31", "E1", "random")]
	count(findings(is, params)) == 0
}

test_complaint_inspections_are_not_counted if {
	is := [insp("I1", "2024-04-01", "E1", "complaint"), insp("I2", "2024-04-02", "E1", "random"), insp("I3", "2024-04-03", "E1", "complaint")]
	count(findings(is, params)) == 0
}

test_each_inspection_past_the_allowed_count if {
	is := [insp("I1", "2024-01-05", "E1", "random"), insp("I2", "2024-02-05", "E1", "other"), insp("I3", "2024-03-05", "E1", "special")]
	fs := findings(is, params)
	{[f.record, f.detail.ordinal, f.detail.within_limit] | some f in fs} == {["I2", 2, ["I1"]], ["I3", 3, ["I1"]]}
}

test_same_day_ties_go_by_id if {
	is := [insp("I-B", "2024-07-01", "E1", "random"), insp("I-A", "2024-07-01", "E1", "random")]
	testing.keys_of(findings(is, params)) == {["INSP-01", "I-B", ""]}
}

test_enterprises_are_counted_apart if {
	is := [insp("I1", "2024-04-01", "E1", "random"), insp("I2", "2024-04-02", "E2", "random")]
	count(findings(is, params)) == 0
}

test_year_profile_judges_its_own_year if {
	is := [insp("I1", "2023-04-01", "E1", "random"), insp("I2", "2023-04-02", "E1", "random")]
	count(findings(is, params)) == 0
}

test_allowed_count_comes_from_the_parameter if {
	ps := {"INSP-01": {"max_per_window": 2, "window": "quarter", "excluded_types": ["complaint"]}}
	is := [insp("I1", "2024-01-05", "E1", "random"), insp("I2", "2024-02-05", "E1", "random"), insp("I3", "2024-03-05", "E1", "random")]
	{[f.record, f.detail.ordinal] | some f in findings(is, ps)} == {["I3", 3]}
}

test_other_windows if {
	ps := {"INSP-01": {"max_per_window": 1, "window": "month", "excluded_types": []}}
	is := [insp("I1", "2024-01-05", "E1", "complaint"), insp("I2", "2024-01-31", "E1", "random"), insp("I3", "2024-02-01", "E1", "random")]
	{[f.record, f.detail.window] | some f in findings(is, ps)} == {["I2", "2024-01"]}
}

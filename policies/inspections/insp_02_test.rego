package jiandu.rules.insp_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.insp_02

params := {"INSP-02": {"joint_window_days": 30, "excluded_types": ["complaint"]}}

insp(id, unit, date, joint, type) := {"id": id, "unit": unit, "date": date, "enterprise": {"credit_code": "E1", "name": "甲公司"}, "joint_with": joint, "type": type}

findings(is, ps) := fs if {
	fs := insp_02.findings with input as {"scope": "enterprise", "enterprise": {"credit_code": "E1", "inspections": is}}
		with data.jiandu.profile as testing.profile(2024, ["INSP-02"], ps)
		with data.jiandu.run as testing.run("2024-12-31")
}

test_two_units_30_days_apart if {
	is := [insp("I2", "U2", "2024-03-31", [], "random"), insp("I1", "U1", "2024-03-01", [], "special")]
	findings(is, params) == {{
		"rule": "INSP-02", "kind": "inspection", "record": "I2", "unit": "U2", "key": "",
		"message": "检查 I2：单位 U2 于 2024-03-31 检查企业 甲公司（E1），与 单位 U1 于 2024-03-01 的检查 I1（相隔 30 天） 相隔不超过 30 天，双方均未在联合检查单位（joint_with）中列明对方，未同步联合检查（source of INSP-02.joint_window_days）",
		"message_en": "Inspection I2: unit U2 inspected enterprise E1 on 2024-03-31, within 30 days of unit U1's inspection I1 of 2024-03-01 (30 days apart), and neither names the other in joint_with",
		"detail": {"enterprise": "E1", "window_days": 30, "partners": [{"inspection": "I1", "unit": "U1", "date": "2024-03-01", "days": 30}]},
	}}
}

test_31_days_apart_passes if {
	count(findings([insp("I1", "U1", "2024-03-01", [], "random"), insp("I2", "U2", "2024-04-01", [], "random")], params)) == 0
}

test_joint_with_on_either_side_passes if {
	count(findings([insp("I1", "U1", "2024-03-01", ["U2"], "random"), insp("I2", "U2", "2024-03-02", [], "random")], params)) == 0
	count(findings([insp("I1", "U1", "2024-03-01", [], "random"), insp("I2", "U2", "2024-03-02", ["U1"], "random")], params)) == 0
	count(findings([insp("I1", "U1", "2024-03-01", ["U2"], "random"), insp("I2", "U2", "2024-03-01", ["U1"], "random")], params)) == 0
}

test_naming_a_third_unit_does_not_help if {
	fs := findings([insp("I1", "U1", "2024-03-01", ["U3"], "random"), insp("I2", "U2", "2024-03-02", ["U3"], "random")], params)
	testing.keys_of(fs) == {["INSP-02", "I2", ""]}
}

test_same_unit_is_insp_01s if {
	count(findings([insp("I1", "U1", "2024-03-01", [], "random"), insp("I2", "U1", "2024-03-02", [], "random")], params)) == 0
}

test_complaint_inspections_are_not_counted if {
	count(findings([insp("I1", "U1", "2024-03-01", [], "complaint"), insp("I2", "U2", "2024-03-02", [], "random")], params)) == 0
	count(findings([insp("I1", "U1", "2024-03-01", [], "random"), insp("I2", "U2", "2024-03-02", [], "complaint")], params)) == 0
}

test_same_day_the_later_id if {
	fs := findings([insp("I-B", "U1", "2024-03-01", [], "random"), insp("I-A", "U2", "2024-03-01", [], "random")], params)
	{[f.record, f.unit, f.detail.partners[0].days] | some f in fs} == {["I-B", "U1", 0]}
}

test_one_finding_with_every_earlier_partner if {
	is := [
		insp("I1", "U1", "2024-03-01", [], "random"),
		insp("I2", "U2", "2024-03-10", [], "random"),
		insp("I3", "U3", "2024-03-20", [], "random"),
	]
	fs := findings(is, params)
	{[f.record, [[p.inspection, p.days] | some p in f.detail.partners]] | some f in fs} == {
		["I2", [["I1", 9]]],
		["I3", [["I1", 19], ["I2", 10]]],
	}
}

test_the_later_inspection_is_judged_by_its_year if {
	testing.keys_of(findings([insp("I1", "U1", "2023-12-20", [], "random"), insp("I2", "U2", "2024-01-05", [], "random")], params)) == {["INSP-02", "I2", ""]}
	count(findings([insp("I1", "U1", "2024-12-20", [], "random"), insp("I2", "U2", "2025-01-05", [], "random")], params)) == 0
}

# Pairs at every offset across the day buckets: found exactly when at most 30 days apart.
test_window_edges_across_buckets if {
	starts := [sprintf("2024-01-%02d", [d]) | some d in numbers.range(1, 31)]
	results := {[s, gap, count(fs)] |
		some s in starts
		some gap in [30, 31]
		later := add(s, gap)
		fs := findings([insp("A", "U1", s, [], "random"), insp("B", "U2", later, [], "random")], params)
	}
	every r in results {
		r[2] == expected(r[1])
	}
	count(results) == 62
}

add(d, n) := time.format([time.add_date(time.parse_ns("2006-01-02", d), 0, 0, n), "UTC", "2006-01-02"])

expected(gap) := 1 if gap <= 30

expected(gap) := 0 if gap > 30

test_window_comes_from_the_parameter if {
	ps := {"INSP-02": {"joint_window_days": 7, "excluded_types": []}}
	count(findings([insp("I1", "U1", "2024-03-01", [], "complaint"), insp("I2", "U2", "2024-03-09", [], "random")], ps)) == 0
	testing.keys_of(findings([insp("I1", "U1", "2024-03-01", [], "complaint"), insp("I2", "U2", "2024-03-08", [], "random")], ps)) == {["INSP-02", "I2", ""]}
}

package jiandu.rules.inc_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.inc_02

params := {"INC-02": {"measure_report_days": 7}}

jiangsu := testing.profile(2023, ["INC-02"], params)

incident(measures) := {"id": "E1", "unit": "U1", "occurred": "2023-05-01T10:00:00+08:00", "officer_measures": measures}

officers := [{"id": "O1", "name": "张三", "unit": "U1", "role": "officer"}]

findings(measures, as_of, p) := fs if {
	fs := inc_02.findings with input as {"scope": "unit", "unit_id": "U1", "incidents": [incident(measures)], "officers": officers}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

late(fs) := {[f.key, f.detail.due, f.detail.days_late] | some f in fs}

test_reported_on_the_seventh_day if {
	count(findings([{"officer": "O1", "taken": "2023-05-10", "reported": "2023-05-17"}], "2023-12-31", jiangsu)) == 0
}

test_reported_a_day_late if {
	fs := findings([{"officer": "O1", "taken": "2023-05-10", "reported": "2023-05-18"}], "2023-12-31", jiangsu)
	fs == {{
		"rule": "INC-02", "kind": "incident", "record": "E1", "unit": "U1", "key": "O1",
		"message": "不良影响执法事件 E1：执法人员 O1（张三） 于 2023-05-10 被采取措施，应于 2023-05-17 前报告，2023-05-18 才报告，迟报 1 天（source of INC-02.measure_report_days）",
		"message_en": "Incident E1: the measure taken against officer O1 on 2023-05-10 was reported on 2023-05-18, 1 days after the deadline 2023-05-17",
		"detail": {"officer": "O1", "taken": "2023-05-10", "due": "2023-05-17", "days": 7, "working_days": false, "reported": "2023-05-18", "days_late": 1},
	}}
}

test_not_reported_only_after_the_deadline if {
	m := [{"officer": "O2", "taken": "2023-05-10", "reported": null}]
	count(findings(m, "2023-05-17", jiangsu)) == 0
	late(findings(m, "2023-05-18", jiangsu)) == {["O2", "2023-05-17", null]}
}

test_deadline_on_a_holiday_rolls_to_the_next_working_day if {
	# 2023-09-24 + 7 = 2023-10-01 (国庆), rolled to Saturday 2023-10-07 (调休).
	count(findings([{"officer": "O1", "taken": "2023-09-24", "reported": "2023-10-07"}], "2023-12-31", jiangsu)) == 0
	late(findings([{"officer": "O1", "taken": "2023-09-24", "reported": "2023-10-08"}], "2023-12-31", jiangsu)) == {["O1", "2023-10-07", 1]}
}

test_working_days_where_the_province_counts_them if {
	zj := object.union(testing.profile(2024, ["INC-02"], params), {"params": {"calendar": {"short_period_working_max": [{"from": "", "to": "9999-12-31", "value": 10, "source": "浙江省行政程序办法 第九十八条"}]}}})
	count(findings([{"officer": "O1", "taken": "2024-02-06", "reported": "2024-02-21"}], "2024-12-31", zj)) == 0
	fs := findings([{"officer": "O1", "taken": "2024-02-06", "reported": "2024-02-22"}], "2024-12-31", zj)
	{[f.detail.due, f.detail.working_days, f.detail.days_late] | some f in fs} == {["2024-02-21", true, 1]}
}

test_one_finding_per_officer if {
	ms := [
		{"officer": "O1", "taken": "2023-05-10", "reported": "2023-05-12"},
		{"officer": "O2", "taken": "2023-05-10", "reported": "2023-05-20"},
		{"officer": "O3", "taken": "2023-05-10"},
	]
	testing.keys_of(findings(ms, "2023-12-31", jiangsu)) == {["INC-02", "E1", "O2"], ["INC-02", "E1", "O3"]}
}

test_measure_without_a_date_is_not_judged if {
	count(findings([{"officer": "O1", "taken": null, "reported": null}], "2023-12-31", jiangsu)) == 0
}

test_year_profile_judges_measures_of_its_year if {
	count(findings([{"officer": "O1", "taken": "2022-12-20", "reported": null}], "2023-12-31", jiangsu)) == 0
}

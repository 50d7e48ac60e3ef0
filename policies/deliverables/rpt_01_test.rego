package jiandu.rules.rpt_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.rpt_01

# ob(id, applies_to, due, period): an obligation of a 2023 plan that binds from 2023-03-14.
ob(id, applies_to, due, period) := {
	"id": id, "title": sprintf("%s 标题", [id]), "title_en": id, "applies_to": applies_to, "due": due,
	"period": period, "published": false, "min_count": 0, "source": sprintf("source of %s", [id]),
	"profile": "plan", "year": 2023, "binds_from": "2023-03-14",
}

annual_report := {
	"id": "annual_report", "title": "行政执法年报", "title_en": "annual report", "applies_to": ["department", "town"],
	"due": {"yearly": {"month": 1, "day": 31}}, "period": null, "published": true, "min_count": 0,
	"source": "国办发〔2018〕118号 (六)", "profile": "national", "year": null, "binds_from": null,
}

benchmark := ob("discretion_benchmark", ["department", "town"], {"by_type": {"department": {"date": "2023-09-20"}, "town": {"date": "2023-09-30"}}}, "2023")

monthly := ob("four_lists_monthly", ["department", "town"], {"monthly": {"day": 6}}, null)

quarterly := ob("four_lists_quarterly", ["department"], {"quarterly": {"months": [1, 4, 7, 10], "day": 10}}, null)

half_year := ob("half_year_report", ["department", "town"], {"dates": [{"date": "2023-06-01", "period": "2023-H1"}, {"date": "2023-12-01", "period": "2023-H2"}]}, null)

bulletin := ob(
	"supervision_bulletin", ["supervision_office"], {"dates": [
		{"date": "2023-03-31", "period": "2023-Q1"}, {"date": "2023-06-30", "period": "2023-Q2"},
		{"date": "2023-09-30", "period": "2023-Q3"}, {"date": "2023-12-31", "period": "2023-Q4"},
	]},
	null,
)

early := ob("early_task", ["department"], {"date": "2023-03-10"}, "2023")

self_review := object.union(ob("case_self_review", ["department", "town"], null, "year"), {"min_count": 2})

profile(obs) := object.union(testing.profile(2023, ["RPT-01"], {}), {"obligations": obs})

dept := {"id": "U1", "name": "市场监管局", "type": "department"}

town := {"id": "U2", "name": "北新镇", "type": "town"}

unit_input(u, subs) := {"scope": "unit", "unit_id": u.id, "units": [u], "submissions": subs}

sub(id, u, obligation, period, date) := {"id": id, "unit": u.id, "obligation": obligation, "period": period, "date": date, "published": true}

findings(inp, obs, as_of) := fs if {
	fs := rpt_01.findings with input as inp with data.jiandu.profile as profile(obs)
		with data.jiandu.run as testing.run(as_of)
}

keys(fs) := {[f.record, f.key, f.detail.status] | some f in fs}

# without_steps(fs): the findings with detail.steps left out (the steps are checked on their own).
without_steps(fs) := {object.union(object.remove(f, ["detail"]), {"detail": object.remove(f.detail, ["steps"])}) | some f in fs}

test_missing_once_the_due_date_has_passed if {
	fs := findings(unit_input(dept, []), [benchmark], "2023-09-21")
	without_steps(fs) == {{
		"rule": "RPT-01", "kind": "unit", "record": "U1", "unit": "U1", "key": "discretion_benchmark/2023",
		"message": "单位 U1（市场监管局） 未报送“discretion_benchmark 标题”（discretion_benchmark，期次 2023）：应于 2023-09-20 前报送，截至 2023-09-21 仍无报送记录（source of discretion_benchmark）",
		"message_en": "Unit U1 has not delivered \"discretion_benchmark\" (discretion_benchmark, period 2023): due 2023-09-20, nothing delivered by 2023-09-21",
		"detail": {"obligation": "discretion_benchmark", "period": "2023", "due": "2023-09-20", "status": "missing", "filed": null, "submission": null, "days_late": null},
		"sources": ["source of discretion_benchmark"],
	}}
	[f] := [f | some f in fs]
	[s.type | some s in f.detail.steps] == ["step", "step", "fact", "conclusion"]
	f.detail.steps[1].zh == "2023 年的期次 2023：截止 2023-09-20（方案规定的固定日期，不顺延）；方案自 2023-03-14 起约束，此后到期的期次计入"
	f.detail.steps[3].zh == "截至检查基准日 2023-09-21 仍无报送，已过期限 2023-09-20 1 日"
}

test_nothing_on_the_due_date_itself if {
	count(findings(unit_input(dept, []), [benchmark], "2023-09-20")) == 0
}

test_by_type_town_is_due_later if {
	count(findings(unit_input(town, []), [benchmark], "2023-09-30")) == 0
	fs := findings(unit_input(town, []), [benchmark], "2023-10-01")
	{[f.key, f.detail.due] | some f in fs} == {["discretion_benchmark/2023", "2023-09-30"]}
}

test_on_time_on_the_due_date if {
	subs := [sub("S1", dept, "discretion_benchmark", "2023", "2023-09-20")]
	count(findings(unit_input(dept, subs), [benchmark], "2023-12-31")) == 0
}

test_late_counts_days_from_the_due_date if {
	subs := [sub("S1", dept, "discretion_benchmark", "2023", "2023-09-25")]
	fs := findings(unit_input(dept, subs), [benchmark], "2023-12-31")
	[f] := [f | some f in fs]
	f.key == "discretion_benchmark/2023"
	object.remove(f.detail, ["steps"]) == {"obligation": "discretion_benchmark", "period": "2023", "due": "2023-09-20", "status": "late", "filed": "2023-09-25", "submission": "S1", "days_late": 5}
	f.detail.steps[2] == {
		"type": "fact", "record": {"kind": "submission", "id": "S1"}, "path": "/date", "value": "2023-09-25",
		"label": {"zh": "报送日期", "en": "delivered on"},
	}
	f.detail.steps[3].zh == "最早一份报送 S1 2023-09-25 晚于期限 2023-09-20，逾期 5 日"
	f.message == "单位 U1（市场监管局） 迟报“discretion_benchmark 标题”（discretion_benchmark，期次 2023）5 天：应于 2023-09-20 前报送，最早报送 S1 于 2023-09-25（source of discretion_benchmark）"
}

test_the_earliest_submission_decides if {
	subs := [
		sub("S1", dept, "discretion_benchmark", "2023", "2023-09-25"),
		sub("S2", dept, "discretion_benchmark", "2023", "2023-09-22"),
	]
	fs := findings(unit_input(dept, subs), [benchmark], "2023-12-31")
	{[f.detail.submission, f.detail.days_late] | some f in fs} == {["S2", 2]}
	subs2 := array.concat(subs, [sub("S3", dept, "discretion_benchmark", "2023", "2023-09-01")])
	count(findings(unit_input(dept, subs2), [benchmark], "2023-12-31")) == 0
}

test_fixed_plan_date_on_a_holiday_does_not_roll if {
	# 2023-09-30 is a 国庆 rest day; the next working day is 2023-10-07, but a plan's date never rolls.
	subs := [sub("S1", town, "discretion_benchmark", "2023", "2023-10-07")]
	fs := findings(unit_input(town, subs), [benchmark], "2023-12-31")
	{[f.key, f.detail.status, f.detail.days_late] | some f in fs} == {["discretion_benchmark/2023", "late", 7]}
}

test_undated_submission_is_missing if {
	subs := [sub("S1", dept, "discretion_benchmark", "2023", null)]
	keys(findings(unit_input(dept, subs), [benchmark], "2023-12-31")) == {["U1", "discretion_benchmark/2023", "missing"]}
}

test_submission_for_another_period_does_not_count if {
	subs := [sub("S1", dept, "discretion_benchmark", "2022", "2023-09-01")]
	keys(findings(unit_input(dept, subs), [benchmark], "2023-12-31")) == {["U1", "discretion_benchmark/2023", "missing"]}
}

test_monthly_instances_from_the_plan_date if {
	subs := [
		sub("S1", dept, "four_lists_monthly", "2023-03", "2023-04-03"),
		sub("S2", dept, "four_lists_monthly", "2023-04", "2023-05-08"),
	]
	fs := findings(unit_input(dept, subs), [monthly], "2023-06-07")
	{[f.key, f.detail.status, f.detail.due, f.detail.days_late] | some f in fs} == {
		["four_lists_monthly/2023-04", "late", "2023-05-06", 2],
		["four_lists_monthly/2023-05", "missing", "2023-06-06", null],
	}
}

test_monthly_whole_year_once_closed if {
	fs := findings(unit_input(town, []), [monthly], "2024-01-10")
	{f.detail.period | some f in fs} == {"2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09", "2023-10", "2023-11"}
}

test_quarterly_instances_for_departments_only if {
	fs := findings(unit_input(dept, []), [quarterly], "2023-10-11")
	{[f.key, f.detail.due] | some f in fs} == {
		["four_lists_quarterly/2023-Q1", "2023-04-10"],
		["four_lists_quarterly/2023-Q2", "2023-07-10"],
		["four_lists_quarterly/2023-Q3", "2023-10-10"],
	}
	count(findings(unit_input(town, []), [quarterly], "2023-10-11")) == 0
}

test_half_year_instances if {
	subs := [sub("S1", town, "half_year_report", "2023-H1", "2023-05-30")]
	count(findings(unit_input(town, subs), [half_year], "2023-12-01")) == 0
	keys(findings(unit_input(town, subs), [half_year], "2023-12-02")) == {["U2", "half_year_report/2023-H2", "missing"]}
}

test_supervision_office_units_only if {
	office := object.union(dept, {"supervision_office": true})
	fs := findings(unit_input(office, []), [bulletin], "2023-10-01")
	{f.key | some f in fs} == {"supervision_bulletin/2023-Q1", "supervision_bulletin/2023-Q2", "supervision_bulletin/2023-Q3"}
	count(findings(unit_input(dept, []), [bulletin], "2023-10-01")) == 0
	count(findings(unit_input(object.union(town, {"supervision_office": false}), []), [bulletin], "2023-10-01")) == 0
}

test_due_before_the_plan_binds_is_no_instance if {
	count(findings(unit_input(dept, []), [early], "2023-12-31")) == 0
}

test_national_obligation_binds_before_the_plan_date if {
	fs := findings(unit_input(dept, []), [annual_report], "2023-02-01")
	{[f.key, f.detail.due] | some f in fs} == {["annual_report/2022", "2023-01-31"]}
	count(findings(unit_input(dept, []), [annual_report], "2023-01-31")) == 0
}

test_unit_type_the_obligation_does_not_name if {
	bureau := {"id": "J1", "type": "judicial_bureau"}
	count(findings(unit_input(bureau, []), [benchmark, monthly, half_year, annual_report], "2024-01-10")) == 0
}

test_obligation_without_due_date_is_not_rpt_01s if {
	count(findings(unit_input(dept, []), [self_review], "2024-01-10")) == 0
}

test_no_unit_record_no_finding if {
	inp := {"scope": "unit", "unit_id": "U1", "units": [], "submissions": []}
	count(findings(inp, [benchmark], "2024-01-10")) == 0
}

test_not_in_another_partition if {
	inp := {"scope": "export", "units": [dept, town]}
	count(findings(inp, [benchmark], "2024-01-10")) == 0
}

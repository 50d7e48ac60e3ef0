package jiandu.rules.inc_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.inc_01

params := {"INC-01": {"full_report_hours": 48}}

at(instant) := {"as_of": instant, "as_of_date": substring(instant, 0, 10), "period": null}

incident(prelim, full) := {
	"id": "E1", "unit": "U1", "occurred": "2023-05-01T10:00:00+08:00",
	"preliminary_report": prelim, "full_report": full, "officer_measures": [],
}

findings(incs, as_of, ps) := fs if {
	fs := inc_01.findings with input as {"scope": "unit", "unit_id": "U1", "incidents": incs}
		with data.jiandu.profile as testing.profile(2023, ["INC-01"], ps)
		with data.jiandu.run as at(as_of)
}

problems(fs) := {[f.record, p] | some f in fs; some p in f.detail.problems}

test_full_report_exactly_48_hours_after_is_on_time if {
	inc := incident("2023-05-01T11:00:00+08:00", "2023-05-03T10:00:00+08:00")
	count(findings([inc], "2023-06-01T00:00:00+08:00", params)) == 0
}

test_full_report_late if {
	inc := incident("2023-05-01T11:00:00+08:00", "2023-05-03T10:30:00+08:00")
	fs := findings([inc], "2023-06-01T00:00:00+08:00", params)
	{object.union(object.remove(f, ["detail"]), {"detail": object.remove(f.detail, ["steps"])}) | some f in fs} == {{
		"rule": "INC-01", "kind": "incident", "record": "E1", "unit": "U1", "key": "",
		"message": "不良影响执法事件 E1（发生于 2023-05-01T10:00:00+08:00）完整调查报告于 2023-05-03T10:30:00+08:00 报送，距事件发生 48.5 小时，超过 48 小时时限 0.5 小时（source of INC-01.full_report_hours）",
		"message_en": "Incident E1 (occurred 2023-05-01T10:00:00+08:00): full report made 2023-05-03T10:30:00+08:00, 48.5 hours after the incident, 0.5 hours past the 48-hour limit",
		"detail": {
			"occurred": "2023-05-01T10:00:00+08:00", "preliminary_report": "2023-05-01T11:00:00+08:00",
			"full_report": "2023-05-03T10:30:00+08:00", "deadline": "2023-05-03T10:00:00+08:00", "max_hours": 48,
			"hours": 48.5, "problems": ["full_report_late"],
		},
	}}
	[f] := [f | some f in fs]
	[[s.path, s.value] | some s in f.detail.steps; s.type == "fact"] == [
		["/occurred", "2023-05-01T10:00:00+08:00"],
		["/preliminary_report", "2023-05-01T11:00:00+08:00"],
		["/full_report", "2023-05-03T10:30:00+08:00"],
	]
	[s.zh | some s in f.detail.steps; s.type in {"step", "conclusion"}] == [
		"2023-05-01T10:00:00+08:00 + 48 小时 = 2023-05-03T10:00:00+08:00（按时刻计算，恰好第 48 小时整仍在期限内）",
		"2023-05-03T10:30:00+08:00 − 2023-05-01T10:00:00+08:00 = 48.5 小时",
		"完整调查报告于 2023-05-03T10:30:00+08:00 报送，距事件发生 48.5 小时，超过 48 小时时限 0.5 小时",
	]
}

test_offsets_are_instants if {
	inc := incident("2023-05-01T11:00:00+08:00", "2023-05-03T02:00:00Z")
	count(findings([inc], "2023-06-01T00:00:00+08:00", params)) == 0
	late := incident("2023-05-01T11:00:00+08:00", "2023-05-03T02:00:01Z")
	problems(findings([late], "2023-06-01T00:00:00+08:00", params)) == {["E1", "full_report_late"]}
}

test_no_preliminary_report if {
	inc := incident(null, "2023-05-02T10:00:00+08:00")
	problems(findings([inc], "2023-06-01T00:00:00+08:00", params)) == {["E1", "no_preliminary"]}
}

test_absent_keys_read_as_null if {
	inc := {"id": "E1", "unit": "U1", "occurred": "2023-05-01T10:00:00+08:00"}
	problems(findings([inc], "2023-06-01T00:00:00+08:00", params)) == {["E1", "no_preliminary"], ["E1", "no_full_report"]}
}

test_missing_full_report_only_after_the_deadline_instant if {
	inc := incident("2023-05-01T11:00:00+08:00", null)
	count(findings([inc], "2023-05-03T10:00:00+08:00", params)) == 0
	fs := findings([inc], "2023-05-03T10:00:01+08:00", params)
	problems(fs) == {["E1", "no_full_report"]}
	{f.detail.deadline | some f in fs} == {"2023-05-03T10:00:00+08:00"}
}

test_problems_of_one_incident_make_one_finding if {
	inc := incident(null, "2023-05-04T10:00:00+08:00")
	fs := findings([inc], "2023-06-01T00:00:00+08:00", params)
	count(fs) == 1
	{f.detail.problems | some f in fs} == {["no_preliminary", "full_report_late"]}
}

test_limit_comes_from_the_parameter if {
	inc := incident("2023-05-01T11:00:00+08:00", "2023-05-02T11:00:00+08:00")
	count(findings([inc], "2023-06-01T00:00:00+08:00", params)) == 0
	problems(findings([inc], "2023-06-01T00:00:00+08:00", {"INC-01": {"full_report_hours": 24}})) == {["E1", "full_report_late"]}
}

test_year_profile_judges_incidents_of_its_year if {
	inc := object.union(incident(null, null), {"occurred": "2022-12-31T23:00:00+08:00"})
	count(findings([inc], "2023-06-01T00:00:00+08:00", params)) == 0
}

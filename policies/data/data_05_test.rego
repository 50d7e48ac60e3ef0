package jiandu.rules.data_05_test

import data.jiandu.lib.testing
import data.jiandu.rules.data_05

prof := testing.profile(null, ["DATA-05"], {"DATA-05": {"margin_days": 30}})

prof09 := testing.profile(null, ["DATA-05", "CASE-09"], {"DATA-05": {"margin_days": 30}})

run := testing.run("2027-03-01")

case(id, opened, decided) := {"id": id, "unit": "U-1", "category": "penalty", "opened": opened, "decision": {"date": decided}}

test_decision_before_the_calendar_is_a_finding if {
	fs := data_05.findings with input as {"scope": "unit", "unit_id": "U-1", "cases": [case("C-1", "2015-10-01", "2015-12-20")]}
		with data.jiandu.profile as prof with data.jiandu.run as run
	{[f.record, f.key] | some f in fs} == {["C-1", "decision.date"]}
	some f in fs
	contains(f.message, "2016–2026")
}

test_decision_whose_deadline_runs_past_the_calendar_is_a_finding if {
	fs := data_05.findings with input as {"scope": "unit", "unit_id": "U-1", "cases": [case("C-2", "2026-11-01", "2026-12-15")]}
		with data.jiandu.profile as prof with data.jiandu.run as run
	{f.key | some f in fs} == {"decision.date"}
}

test_decision_inside_the_calendar_is_fine if {
	count(data_05.findings) == 0 with input as {"scope": "unit", "unit_id": "U-1", "cases": [case("C-3", "2024-01-01", "2024-03-01")]}
		with data.jiandu.profile as prof with data.jiandu.run as run
}

test_opening_date_counts_only_under_case_09 if {
	c := case("C-4", "2015-12-01", "2016-02-01")
	count(data_05.findings) == 0 with input as {"scope": "unit", "unit_id": "U-1", "cases": [c]}
		with data.jiandu.profile as prof with data.jiandu.run as run
	fs := data_05.findings with input as {"scope": "unit", "unit_id": "U-1", "cases": [c]}
		with data.jiandu.profile as prof09 with data.jiandu.run as run
	{f.key | some f in fs} == {"opened"}
}

test_incident_measure_outside_the_calendar if {
	i := {"id": "I-1", "unit": "U-1", "occurred": "2015-12-01T10:00:00+08:00", "officer_measures": [{"officer": "O-1", "taken": "2015-12-02", "reported": null}]}
	fs := data_05.findings with input as {"scope": "unit", "unit_id": "U-1", "incidents": [i]}
		with data.jiandu.profile as prof with data.jiandu.run as run
	{[f.kind, f.key] | some f in fs} == {["incident", "officer_measures/0/taken"]}
}

test_old_certificate_date_is_fine if {
	o := {"id": "O-1", "unit": "U-1", "role": "officer", "certificate": {"issued": "2010-01-01", "expires": "2030-01-01", "status": "valid"}}
	count(data_05.findings) == 0 with input as {"scope": "unit", "unit_id": "U-1", "officers": [o], "cases": []}
		with data.jiandu.profile as prof with data.jiandu.run as run
}

test_open_penalty_case_whose_90_days_need_an_uncovered_year if {
	c := {"id": "C-5", "unit": "U-1", "category": "penalty", "opened": "2015-11-20"}
	fs := data_05.findings with input as {"scope": "unit", "unit_id": "U-1", "cases": [c]}
		with data.jiandu.profile as prof09 with data.jiandu.run as run
	{[f.record, f.key] | some f in fs} == {["C-5", "opened"]}
}

package jiandu.rules.case_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_02

qidong := testing.profile(2023, ["CASE-02"], {"CASE-02": {"filing_days": 15}})

y2024 := testing.profile(2024, ["CASE-02"], {"CASE-02": {"filing_days": 15}})

major(id, decided, filed) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "opened": "2023-01-05",
	"decision": {"date": decided, "major": true},
	"platform_filing": {"date": filed},
}

scan(p, as_of, cases) := fs if {
	fs := case_02.findings with input as {"cases": cases}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_filed_on_the_last_day_passes if {
	count(scan(qidong, "2023-12-31", [major("C-1", "2023-04-03", "2023-04-18")])) == 0
}

test_filed_the_day_after_is_one_day_late if {
	f := only(scan(qidong, "2023-12-31", [major("C-1", "2023-04-03", "2023-04-19")]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-02", "case", "C-1", "U-SJ", ""]
	object.remove(f.detail, ["steps"]) == {"decision": "2023-04-03", "due": "2023-04-18", "filed": "2023-04-19", "days_late": 1, "filing_days": 15}
	contains(f.message, "案件 C-1")
	contains(f.message, "决定 2023-04-03，期限 2023-04-18，备案 2023-04-19，逾期 1 日")
	contains(f.message, "逾期 1 日；source of）")
	contains(f.message_en, "1 days late")
}

test_late_filing_is_a_finding_at_once if {
	f := only(scan(qidong, "2023-04-19", [major("C-1", "2023-04-03", "2023-04-19")]))
	f.detail.days_late == 1
}

test_filed_the_day_of_the_decision_passes if {
	count(scan(qidong, "2023-12-31", [major("C-1", "2023-04-03", "2023-04-03")])) == 0
}

test_national_day_deadline_rolls_to_the_tiaoxiu_saturday if {
	# 2023-09-16 + 15 = 2023-10-01 (国庆), rolled to Saturday 2023-10-07 (调休 working day)
	count(scan(qidong, "2023-12-31", [major("C-1", "2023-09-16", "2023-10-07")])) == 0
	f := only(scan(qidong, "2023-12-31", [major("C-1", "2023-09-16", "2023-10-08")]))
	object.remove(f.detail, ["steps"]) == {"decision": "2023-09-16", "due": "2023-10-07", "filed": "2023-10-08", "days_late": 1, "filing_days": 15}
}

test_spring_festival_deadline_rolls_to_the_tiaoxiu_sunday if {
	# 2024-02-02 + 15 = 2024-02-17 (春节), rolled to Sunday 2024-02-18 (调休 working day)
	count(scan(y2024, "2024-12-31", [major("C-1", "2024-02-02", "2024-02-18")])) == 0
	f := only(scan(y2024, "2024-12-31", [major("C-1", "2024-02-02", "2024-02-19")]))
	object.remove(f.detail, ["steps"]) == {"decision": "2024-02-02", "due": "2024-02-18", "filed": "2024-02-19", "days_late": 1, "filing_days": 15}
}

test_unfiled_not_a_finding_on_the_deadline if {
	count(scan(qidong, "2023-04-18", [major("C-1", "2023-04-03", null)])) == 0
	count(scan(qidong, "2023-04-10", [major("C-1", "2023-04-03", null)])) == 0
}

test_unfiled_a_finding_the_day_after_the_deadline if {
	f := only(scan(qidong, "2023-04-19", [major("C-1", "2023-04-03", null)]))
	[f.record, f.key] == ["C-1", ""]
	object.remove(f.detail, ["steps"]) == {"decision": "2023-04-03", "due": "2023-04-18", "filed": null, "days_late": 1, "filing_days": 15, "as_of": "2023-04-19"}
	contains(f.message, "决定 2023-04-03，期限 2023-04-18，截至 2023-04-19 未备案，已逾期 1 日")
}

test_unfiled_without_platform_filing_record if {
	c := object.remove(major("C-1", "2023-04-03", null), ["platform_filing"])
	f := only(scan(qidong, "2023-05-03", [c]))
	f.detail.days_late == 15
}

test_unfiled_across_national_day if {
	count(scan(qidong, "2023-10-07", [major("C-1", "2023-09-16", null)])) == 0
	f := only(scan(qidong, "2023-10-08", [major("C-1", "2023-09-16", null)]))
	f.detail.due == "2023-10-07"
	f.detail.days_late == 1
}

test_unfiled_across_spring_festival if {
	count(scan(y2024, "2024-02-18", [major("C-1", "2024-02-02", null)])) == 0
	f := only(scan(y2024, "2024-02-19", [major("C-1", "2024-02-02", null)]))
	f.detail.due == "2024-02-18"
}

test_non_major_decision_needs_no_filing if {
	c := object.union(major("C-1", "2023-04-03", null), {"decision": {"major": false}})
	count(scan(qidong, "2023-12-31", [c])) == 0
}

test_year_profile_judges_only_its_year if {
	count(scan(qidong, "2023-12-31", [major("C-1", "2022-12-01", null)])) == 0
	count(scan(qidong, "2024-03-01", [major("C-1", "2024-01-03", null)])) == 0
}

test_filing_days_in_force_on_the_decision_date if {
	p := object.union(qidong, {"params": {"CASE-02": {"filing_days": testing.dated([
		{"from": "", "value": 15, "source": "old"},
		{"from": "2023-07-01", "value": 10, "source": "new"},
	])}}})
	count(scan(p, "2023-12-31", [major("C-1", "2023-06-30", "2023-07-14")])) == 0
	f := only(scan(p, "2023-12-31", [major("C-2", "2023-07-03", "2023-07-14")]))
	object.remove(f.detail, ["steps"]) == {"decision": "2023-07-03", "due": "2023-07-13", "filed": "2023-07-14", "days_late": 1, "filing_days": 10}
	contains(f.message, "new")
}

test_several_cases if {
	fs := scan(qidong, "2023-06-01", [
		major("C-1", "2023-04-03", "2023-04-18"),
		major("C-2", "2023-04-03", "2023-04-20"),
		major("C-3", "2023-04-03", null),
		major("C-4", "2023-05-20", null),
	])
	testing.keys_of(fs) == {["CASE-02", "C-2", ""], ["CASE-02", "C-3", ""]}
}

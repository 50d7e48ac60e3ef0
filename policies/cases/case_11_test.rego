package jiandu.rules.case_11_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_11

national := testing.profile(null, ["CASE-11"], {"CASE-11": {"withdraw_working_days": 3}})

kase(id, published, revoked, withdrawn) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2022-11-01",
	"decision": {"date": "2022-12-20", "revoked": revoked},
	"publication": {"published": published, "withdrawn": withdrawn, "elements": ["number", "party"]},
}

scan(as_of, cases) := fs if {
	fs := case_11.findings with input as {"cases": cases}
		with data.jiandu.profile as national
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_withdrawn_on_the_third_working_day_across_spring_festival_passes if {
	# 2023-01-19 + 3 working days: 01-20, 01-28 (调休 Saturday), 01-29 (调休 Sunday)
	count(scan("2023-12-31", [kase("C-1", "2022-12-22", "2023-01-19", "2023-01-29")])) == 0
	count(scan("2023-12-31", [kase("C-1", "2022-12-22", "2023-01-19", "2023-01-19")])) == 0
}

test_withdrawn_the_day_after if {
	f := only(scan("2023-12-31", [kase("C-1", "2022-12-22", "2023-01-19", "2023-01-30")]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-11", "case", "C-1", "U-SJ", ""]
	f.detail == {"revoked": "2023-01-19", "published": "2022-12-22", "due": "2023-01-29", "withdrawn": "2023-01-30", "days_late": 1, "working_days": 3}
	contains(f.message, "案件 C-1 的行政处罚决定被变更或撤销后未在3个工作日内撤回公开信息（撤销 2023-01-19，期限 2023-01-29，撤回 2023-01-30，逾期 1 日")
}

test_still_up_not_a_finding_on_the_deadline if {
	count(scan("2023-01-29", [kase("C-1", "2022-12-22", "2023-01-19", null)])) == 0
}

test_still_up_a_finding_the_day_after if {
	f := only(scan("2023-01-30", [kase("C-1", "2022-12-22", "2023-01-19", null)]))
	f.detail == {"revoked": "2023-01-19", "published": "2022-12-22", "due": "2023-01-29", "withdrawn": null, "days_late": 1, "working_days": 3, "as_of": "2023-01-30"}
	contains(f.message, "截至 2023-01-30 仍未撤回，已逾期 1 日")
}

test_working_days_across_national_day if {
	# 2023-09-27 + 3 working days: 09-28, 10-07 (Saturday), 10-08 (Sunday)
	count(scan("2023-12-31", [kase("C-1", "2023-09-01", "2023-09-27", "2023-10-08")])) == 0
	only(scan("2023-12-31", [kase("C-1", "2023-09-01", "2023-09-27", "2023-10-09")])).detail.due == "2023-10-08"
}

test_published_after_revocation_counts_from_the_revocation if {
	f := only(scan("2023-12-31", [kase("C-1", "2023-02-01", "2023-01-19", "2023-02-02")]))
	[f.detail.due, f.detail.days_late] == ["2023-01-29", 4]
}

test_never_published_is_not_checked if {
	count(scan("2023-12-31", [kase("C-1", null, "2023-01-19", null)])) == 0
	count(scan("2023-12-31", [object.remove(kase("C-1", null, "2023-01-19", null), ["publication"])])) == 0
}

test_decision_never_revoked_is_not_checked if {
	count(scan("2023-12-31", [kase("C-1", "2022-12-22", null, null)])) == 0
}

test_non_penalty_is_not_checked if {
	c := object.union(kase("C-1", "2022-12-22", "2023-01-19", null), {"category": "license"})
	count(scan("2023-12-31", [c])) == 0
}

test_year_profile_judges_revocations_of_its_year if {
	p := testing.profile(2023, ["CASE-11"], {"CASE-11": {"withdraw_working_days": 3}})
	fs := case_11.findings with input as {"cases": [
		kase("C-1", "2022-12-22", "2023-01-19", null),
		kase("C-2", "2022-12-22", "2022-12-26", null),
	]}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2023-12-31")
	testing.keys_of(fs) == {["CASE-11", "C-1", ""]}
}

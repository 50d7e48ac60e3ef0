package jiandu.rules.case_09_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_09

national := testing.profile(null, ["CASE-09"], {"CASE-09": {"decision_days": 90}})

# 行政处罚法 第六十条 binds from the 2021 revision on.
dated := object.union(national, {"params": {"CASE-09": {"decision_days": testing.dated([{"from": "2021-07-15", "value": 90, "source": "行政处罚法 第六十条"}])}}})

kase(id, opened, decided) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": opened,
	"decision": {"date": decided},
}

scan(p, as_of, cases) := fs if {
	fs := case_09.findings with input as {"cases": cases}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_decided_on_the_ninetieth_day_passes if {
	count(scan(national, "2023-12-31", [kase("C-1", "2023-03-01", "2023-05-30")])) == 0
	count(scan(national, "2023-12-31", [kase("C-1", "2023-03-01", "2023-03-20")])) == 0
}

test_decided_the_day_after if {
	f := only(scan(national, "2023-12-31", [kase("C-1", "2023-03-01", "2023-05-31")]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-09", "case", "C-1", "U-SJ", ""]
	not f.severity
	f.detail == {"opened": "2023-03-01", "due": "2023-05-30", "decision": "2023-05-31", "days_late": 1, "decision_days": 90}
	contains(f.message, "行政处罚案件 C-1 未在立案后90日内作出决定（立案 2023-03-01，期限 2023-05-30，决定 2023-05-31，逾期 1 日")
}

test_deadline_on_national_day_rolls_to_the_tiaoxiu_saturday if {
	# 2023-07-03 + 90 = 2023-10-01, rolled to Saturday 2023-10-07
	count(scan(national, "2023-12-31", [kase("C-1", "2023-07-03", "2023-10-07")])) == 0
	f := only(scan(national, "2023-12-31", [kase("C-1", "2023-07-03", "2023-10-09")]))
	f.detail == {"opened": "2023-07-03", "due": "2023-10-07", "decision": "2023-10-09", "days_late": 2, "decision_days": 90}
}

test_deadline_in_spring_festival_rolls_to_the_tiaoxiu_sunday if {
	# 2023-11-19 + 90 = 2024-02-17, rolled to Sunday 2024-02-18
	count(scan(national, "2024-12-31", [kase("C-1", "2023-11-19", "2024-02-18")])) == 0
	only(scan(national, "2024-12-31", [kase("C-1", "2023-11-19", "2024-02-19")])).detail.days_late == 1
}

test_undecided_not_a_finding_on_the_deadline if {
	count(scan(national, "2024-02-18", [kase("C-1", "2023-11-19", null)])) == 0
}

test_undecided_a_finding_the_day_after if {
	f := only(scan(national, "2024-02-19", [kase("C-1", "2023-11-19", null)]))
	f.detail == {"opened": "2023-11-19", "due": "2024-02-18", "decision": null, "days_late": 1, "decision_days": 90, "as_of": "2024-02-19"}
	contains(f.message, "截至 2024-02-19 未作决定，已逾期 1 日")
}

test_undecided_without_decision_record if {
	c := object.remove(kase("C-1", "2023-03-01", null), ["decision"])
	only(scan(national, "2023-06-30", [c])).detail.days_late == 31
}

test_closed_without_decision_is_no_finding if {
	c := object.union(kase("C-1", "2023-03-01", null), {"closed": "2023-06-20"})
	count(scan(national, "2023-12-31", [c])) == 0
}

test_non_penalty_case_is_not_checked if {
	c := object.union(kase("C-1", "2023-03-01", "2023-08-01"), {"category": "coercion"})
	count(scan(national, "2023-12-31", [c])) == 0
}

test_period_binds_cases_opened_from_the_2021_revision if {
	count(scan(dated, "2022-12-31", [kase("C-1", "2021-07-14", "2022-01-10")])) == 0
	f := only(scan(dated, "2022-12-31", [kase("C-2", "2021-07-15", "2021-10-14")]))
	f.detail.due == "2021-10-13"
	contains(f.message, "行政处罚法 第六十条")
}

# The runner's folded copy of due_by_opened is where the deadline is read from (it equals the rule's own
# table, internal/engine; a different value here only shows that it is read).
test_due_read_from_the_folded_table if {
	c := kase("C-1", "2023-03-01", "2023-05-30")
	count(scan(national, "2023-12-31", [c])) == 0
	fs := scan(national, "2023-12-31", [c]) with data.jiandu.folded.rules.case_09.due_by_opened as {"2023-03-01": "2023-05-29"}
	only(fs).detail.due == "2023-05-29"
	undecided := kase("C-2", "2023-03-01", null)
	only(scan(national, "2023-05-30", [undecided])).detail.due == "2023-05-29" with data.jiandu.folded.rules.case_09.due_by_opened as {"2023-03-01": "2023-05-29"}
}

# due_by_opened, the table jiandu folds, holds due_of of every day of the calendar (here a parameter in
# force for one week only).
test_due_by_opened_holds_every_day if {
	week := object.union(national, {"params": {"CASE-09": {"decision_days": [{"from": "2023-07-01", "to": "2023-07-08", "value": 90, "source": "x"}]}}})
	t := case_09.due_by_opened with data.jiandu.profile as week
	count(t) == 7
	t["2023-07-03"] == "2023-10-07"
}

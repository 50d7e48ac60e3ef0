package jiandu.rules.case_10_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_10

national := testing.profile(null, ["CASE-10"], {"CASE-10": {"delivery_working_days": 7, "count_working_days": true}})

kase(id, decided, served) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2024-01-08",
	"decision": {"date": decided, "number": "瓯综执罚〔2024〕3号"},
	"documents": [{"type": "notice", "delivered": "2024-01-20"}, {"type": "decision", "delivered": served}],
}

scan(as_of, cases) := fs if {
	fs := case_10.findings with input as {"cases": cases}
		with data.jiandu.profile as national
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_served_on_the_seventh_working_day_across_spring_festival_passes if {
	# 2024-02-06 + 7 working days: 02-07, 02-08, 02-09, 02-18 (调休 Sunday), 02-19, 02-20, 02-21
	count(scan("2024-12-31", [kase("C-1", "2024-02-06", "2024-02-21")])) == 0
	count(scan("2024-12-31", [kase("C-1", "2024-02-06", "2024-02-06")])) == 0
}

test_served_the_day_after if {
	f := only(scan("2024-12-31", [kase("C-1", "2024-02-06", "2024-02-22")]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-10", "case", "C-1", "U-SJ", ""]
	object.remove(f.detail, ["steps"]) == {"decision": "2024-02-06", "due": "2024-02-21", "delivered": "2024-02-22", "days_late": 1, "working_days": 7}
	contains(f.message, "案件 C-1 的行政处罚决定书未在7个工作日内送达（决定 2024-02-06，期限 2024-02-21，送达 2024-02-22，逾期 1 日")
}

test_calendar_days_would_be_wrong if {
	# 7 calendar days after 2024-02-06 would end in 春节; served on 02-18 is in time
	count(scan("2024-12-31", [kase("C-1", "2024-02-06", "2024-02-18")])) == 0
}

test_working_days_across_national_day if {
	# 2023-09-27 + 7 working days ends on 2023-10-12
	count(scan("2023-12-31", [kase("C-1", "2023-09-27", "2023-10-12")])) == 0
	only(scan("2023-12-31", [kase("C-1", "2023-09-27", "2023-10-13")])).detail.due == "2023-10-12"
}

test_unserved_not_a_finding_on_the_deadline if {
	count(scan("2024-02-21", [kase("C-1", "2024-02-06", null)])) == 0
}

test_unserved_a_finding_the_day_after if {
	f := only(scan("2024-02-22", [kase("C-1", "2024-02-06", null)]))
	object.remove(f.detail, ["steps"]) == {"decision": "2024-02-06", "due": "2024-02-21", "delivered": null, "days_late": 1, "working_days": 7, "as_of": "2024-02-22"}
	contains(f.message, "截至 2024-02-22 无送达记录，已逾期 1 日")
}

test_no_decision_document_at_all if {
	c := object.remove(kase("C-1", "2024-02-06", null), ["documents"])
	only(scan("2024-03-01", [c])).detail.days_late == 9
}

test_earliest_decision_document_counts if {
	c := kase("C-1", "2024-02-06", "2024-02-26")
	c2 := object.union(c, {"documents": array.concat(c.documents, [{"type": "decision", "delivered": "2024-02-20"}])})
	count(scan("2024-12-31", [c2])) == 0
}

test_other_documents_do_not_count if {
	c := object.union(kase("C-1", "2024-02-06", null), {"documents": [{"type": "notice", "delivered": "2024-02-07"}]})
	only(scan("2024-03-01", [c])).detail.delivered == null
}

test_non_penalty_and_undecided_cases_are_not_checked if {
	c := object.union(kase("C-1", "2024-02-06", null), {"category": "license"})
	count(scan("2024-12-31", [c])) == 0
	count(scan("2024-12-31", [kase("C-2", null, null)])) == 0
}

test_year_profile_judges_only_its_year if {
	p := testing.profile(2023, ["CASE-10"], {"CASE-10": {"delivery_working_days": 7, "count_working_days": true}})
	fs := case_10.findings with input as {"cases": [kase("C-1", "2024-02-06", null)]}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2024-12-31")
	count(fs) == 0
}

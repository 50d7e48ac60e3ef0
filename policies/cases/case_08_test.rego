package jiandu.rules.case_08_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_08

six := ["number", "party", "violation", "penalty", "authority", "date"]

national := testing.profile(null, ["CASE-08"], {"CASE-08": {
	"publish_working_days": 7,
	"required_elements": [],
	"simple_not_published": false,
}})

ouhai := testing.profile(2024, ["CASE-08"], {"CASE-08": {
	"publish_working_days": 7,
	"required_elements": six,
	"simple_not_published": true,
}})

kase(id, procedure, decided, published, elements) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": procedure, "opened": "2023-08-01",
	"decision": {"date": decided, "number": "启市监罚〔2023〕12号", "fine": 3000},
	"publication": {"published": published, "withdrawn": null, "elements": elements},
}

general(id, decided, published) := kase(id, "general", decided, published, six)

scan(p, as_of, cases) := fs if {
	fs := case_08.findings with input as {"cases": cases}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_published_on_the_seventh_working_day_passes if {
	# 2023-09-27 + 7 working days: 09-28, 10-07 (Saturday, 调休), 10-08 (Sunday, 调休), 10-09 .. 10-12
	count(scan(national, "2023-12-31", [general("C-1", "2023-09-27", "2023-10-12")])) == 0
	count(scan(national, "2023-12-31", [general("C-1", "2023-09-27", "2023-09-27")])) == 0
}

test_published_late_across_national_day if {
	f := only(scan(national, "2023-12-31", [general("C-1", "2023-09-27", "2023-10-13")]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-08", "case", "C-1", "U-SJ", "late"]
	f.detail == {"decision": "2023-09-27", "due": "2023-10-12", "published": "2023-10-13", "days_late": 1, "working_days": 7}
	contains(f.message, "案件 C-1 的行政处罚决定未在7个工作日内公开（决定 2023-09-27，期限 2023-10-12，公开 2023-10-13，逾期 1 日")
}

test_publication_deadline_across_spring_festival if {
	# 7 working days after 2024-02-06 end on 2024-02-21 (02-18 is a 调休 Sunday)
	count(scan(national, "2024-12-31", [general("C-1", "2024-02-06", "2024-02-21")])) == 0
	f := only(scan(national, "2024-12-31", [general("C-1", "2024-02-06", "2024-02-26")]))
	f.detail == {"decision": "2024-02-06", "due": "2024-02-21", "published": "2024-02-26", "days_late": 5, "working_days": 7}
}

test_unpublished_not_a_finding_on_the_deadline if {
	count(scan(national, "2024-02-21", [general("C-1", "2024-02-06", null)])) == 0
}

test_unpublished_a_finding_the_day_after if {
	f := only(scan(national, "2024-02-22", [general("C-1", "2024-02-06", null)]))
	[f.record, f.key] == ["C-1", "missing"]
	f.detail == {"decision": "2024-02-06", "due": "2024-02-21", "published": null, "days_late": 1, "working_days": 7, "as_of": "2024-02-22"}
	contains(f.message, "期限 2024-02-21，截至 2024-02-22 未公开，已逾期 1 日")
}

test_unpublished_without_publication_record if {
	c := object.remove(general("C-1", "2024-02-06", null), ["publication"])
	only(scan(national, "2024-03-01", [c])).key == "missing"
}

test_decision_revoked_before_the_deadline_need_not_be_published if {
	c := object.union(general("C-1", "2024-02-06", null), {"decision": {"revoked": "2024-02-21"}})
	count(scan(national, "2024-03-01", [c])) == 0
	c2 := object.union(general("C-2", "2024-02-06", null), {"decision": {"revoked": "2024-02-22"}})
	only(scan(national, "2024-03-01", [c2])).key == "missing"
}

test_simple_procedure_is_not_checked_for_timeliness if {
	count(scan(national, "2024-12-31", [kase("C-1", "simple", "2024-02-06", null, [])])) == 0
	count(scan(national, "2024-12-31", [kase("C-1", "simple", "2024-02-06", "2024-03-30", [])])) == 0
}

test_national_checks_no_elements_and_allows_published_simple_decisions if {
	count(scan(national, "2024-12-31", [kase("C-1", "general", "2024-05-06", "2024-05-07", [])])) == 0
	count(scan(national, "2024-12-31", [kase("C-2", "simple", "2024-05-06", "2024-05-07", ["number"])])) == 0
}

test_every_element_shown_passes if {
	count(scan(ouhai, "2024-12-31", [general("C-1", "2024-05-06", "2024-05-07")])) == 0
	c := kase("C-1", "general", "2024-05-06", "2024-05-07", array.concat(six, ["basis"]))
	count(scan(ouhai, "2024-12-31", [c])) == 0
}

test_missing_elements if {
	c := kase("C-1", "general", "2024-05-06", "2024-05-07", ["date", "number", "party", "penalty"])
	f := only(scan(ouhai, "2024-12-31", [c]))
	[f.record, f.key] == ["C-1", "elements"]
	f.detail == {"decision": "2024-05-06", "published": "2024-05-07", "missing": ["violation", "authority"], "required": six}
	contains(f.message, "公开要素不全：缺少违法行为类型、作出机关")
}

test_publication_without_elements_misses_them_all if {
	c := object.remove(general("C-1", "2024-05-06", "2024-05-07"), ["publication"])
	c2 := object.union(c, {"publication": {"published": "2024-05-07"}})
	only(scan(ouhai, "2024-12-31", [c2])).detail.missing == six
}

test_late_and_incomplete_are_two_findings if {
	c := kase("C-1", "general", "2024-05-06", "2024-05-20", ["number"])
	testing.keys_of(scan(ouhai, "2024-12-31", [c])) == {["CASE-08", "C-1", "late"], ["CASE-08", "C-1", "elements"]}
}

test_published_simple_decision_under_ouhai if {
	c := object.union(kase("C-1", "simple", "2024-05-06", "2024-05-07", six), {"publication": {"withdrawn": "2024-05-09"}})
	f := only(scan(ouhai, "2024-12-31", [c]))
	[f.record, f.key] == ["C-1", "simple"]
	f.detail == {"decision": "2024-05-06", "published": "2024-05-07", "withdrawn": "2024-05-09"}
	contains(f.message, "简易程序行政处罚决定不应公开，却于 2024-05-07 公开")
}

test_unpublished_simple_decision_under_ouhai_passes if {
	count(scan(ouhai, "2024-12-31", [kase("C-1", "simple", "2024-05-06", null, [])])) == 0
}

test_non_penalty_and_undecided_cases_are_not_checked if {
	c := object.union(general("C-1", "2024-02-06", null), {"category": "license"})
	count(scan(national, "2024-12-31", [c])) == 0
	count(scan(national, "2024-12-31", [general("C-2", null, null)])) == 0
}

test_year_profile_judges_only_its_year if {
	count(scan(ouhai, "2024-12-31", [general("C-1", "2023-12-01", null)])) == 0
	count(scan(ouhai, "2024-12-31", [kase("C-2", "simple", "2023-12-01", "2023-12-02", [])])) == 0
}

test_national_judges_every_year if {
	only(scan(national, "2024-12-31", [general("C-1", "2019-03-01", null)])).detail.due == "2019-03-12"
}

# Elements listed in another order than the required ones: none missing, no finding.
test_all_elements_in_another_order_pass if {
	c := kase("C-1", "general", "2024-05-06", "2024-05-07", ["date", "authority", "penalty", "violation", "party", "number", "basis"])
	count(scan(ouhai, "2024-12-31", [c])) == 0
	c2 := kase("C-2", "general", "2024-05-06", "2024-05-07", ["basis", "date", "party", "number"])
	only(scan(ouhai, "2024-12-31", [c2])).detail.missing == ["violation", "penalty", "authority"]
}

# The runner's folded copy of due_by_date is where the deadline is read from (it equals the rule's own
# table, internal/engine; a different value here only shows that it is read).
test_due_read_from_the_folded_table if {
	c := general("C-1", "2023-09-27", "2023-10-12")
	count(scan(national, "2023-12-31", [c])) == 0
	fs := scan(national, "2023-12-31", [c]) with data.jiandu.folded.rules.case_08.due_by_date as {"2023-09-27": "2023-10-11"}
	only(fs).detail.due == "2023-10-11"
	case_08.due_of("2023-09-27") == "2023-10-12" with data.jiandu.profile as national
}

# due_by_date, the table jiandu folds, holds due_of of every day the rule judges.
test_due_by_date_holds_every_judged_day if {
	t := case_08.due_by_date with data.jiandu.profile as ouhai
	count(t) == 366
	t["2024-02-06"] == "2024-02-21"
	not t["2023-12-29"]
}

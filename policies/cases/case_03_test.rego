package jiandu.rules.case_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_03

three := ["decision", "compliance_advice", "credit_repair_notice"]

ouhai := testing.profile(2024, ["CASE-03", "CASE-10"], {
	"CASE-03": {"effective": "2024-05-01", "max_gap_days": 0, "required_documents": three},
	"CASE-10": {"delivery_working_days": 7},
})

# The same profile with an earlier effective date, to test deadlines across 春节 2024.
early := testing.profile(2024, ["CASE-03", "CASE-10"], {
	"CASE-03": {"effective": "2024-01-01", "max_gap_days": 0, "required_documents": three},
	"CASE-10": {"delivery_working_days": 7},
})

# No CASE-10 parameter: the documents are due on the decision day itself.
alone := testing.profile(2024, ["CASE-03"], {"CASE-03": {"effective": "2024-05-01", "max_gap_days": 0, "required_documents": three}})

doc(t, delivered) := {"type": t, "number": sprintf("瓯%s〔2024〕1号", [t]), "delivered": delivered}

penalty(id, decided, docs) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2024-03-01",
	"party": {"type": "enterprise", "name": "温州某某有限公司", "credit_code": "91330304MA2H000001"},
	"decision": {"date": decided, "number": "瓯综执罚〔2024〕1号"},
	"documents": docs,
}

all_on(id, decided, day) := penalty(id, decided, [doc(t, day) | some t in three])

scan(p, as_of, cases) := fs if {
	fs := case_03.findings with input as {"cases": cases}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_three_documents_on_the_same_day_pass if {
	count(scan(ouhai, "2024-12-31", [all_on("C-1", "2024-05-10", "2024-05-10")])) == 0
	count(scan(ouhai, "2024-12-31", [all_on("C-1", "2024-05-10", "2024-05-15")])) == 0
}

test_decision_before_effective_date_is_not_checked if {
	count(scan(ouhai, "2024-12-31", [penalty("C-1", "2024-04-30", [])])) == 0
}

test_decision_on_the_effective_date_is_checked if {
	fs := scan(ouhai, "2024-12-31", [penalty("C-1", "2024-05-01", [])])
	testing.keys_of(fs) == {["CASE-03", "C-1", t] | some t in three}
}

test_individual_party_is_not_checked if {
	c := object.union(penalty("C-1", "2024-05-10", []), {"party": {"type": "individual"}})
	count(scan(ouhai, "2024-12-31", [c])) == 0
}

test_non_penalty_is_not_checked if {
	c := object.union(penalty("C-1", "2024-05-10", []), {"category": "coercion"})
	count(scan(ouhai, "2024-12-31", [c])) == 0
}

test_undecided_case_is_not_checked if {
	c := object.union(penalty("C-1", "2024-05-10", []), {"decision": null})
	count(scan(ouhai, "2024-12-31", [c])) == 0
}

test_missing_document_waits_for_the_case_10_deadline if {
	# 7 working days after 2024-05-10: 05-11 (Saturday, 调休) is the first, 05-20 the seventh
	c := penalty("C-1", "2024-05-10", [doc("decision", "2024-05-10"), doc("credit_repair_notice", "2024-05-10")])
	count(scan(ouhai, "2024-05-20", [c])) == 0
	f := only(scan(ouhai, "2024-05-21", [c]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-03", "case", "C-1", "U-SJ", "compliance_advice"]
	f.detail == {"decision": "2024-05-10", "document": "compliance_advice", "due": "2024-05-20", "days_late": 1, "as_of": "2024-05-21"}
	contains(f.message, "案件 C-1")
	contains(f.message, "未送达《行政合规建议书》")
	contains(f.message, "送达期限 2024-05-20，截至 2024-05-21 仍未送达，已逾期 1 日")
}

test_missing_document_deadline_across_spring_festival if {
	# 7 working days after 2024-02-06 end on 2024-02-21
	c := penalty("C-1", "2024-02-06", [doc("decision", "2024-02-06"), doc("compliance_advice", "2024-02-06")])
	count(scan(early, "2024-02-21", [c])) == 0
	f := only(scan(early, "2024-02-22", [c]))
	f.key == "credit_repair_notice"
	f.detail.due == "2024-02-21"
}

test_recorded_but_undelivered_document_is_missing if {
	c := penalty("C-1", "2024-05-10", [
		doc("decision", "2024-05-10"),
		doc("compliance_advice", null),
		doc("credit_repair_notice", "2024-05-10"),
	])
	testing.keys_of(scan(ouhai, "2024-06-01", [c])) == {["CASE-03", "C-1", "compliance_advice"]}
}

test_every_missing_document_is_its_own_finding if {
	fs := scan(ouhai, "2024-06-01", [penalty("C-1", "2024-05-10", [doc("notice", "2024-05-10")])])
	testing.keys_of(fs) == {
		["CASE-03", "C-1", "decision"],
		["CASE-03", "C-1", "compliance_advice"],
		["CASE-03", "C-1", "credit_repair_notice"],
	}
}

test_documents_days_apart_are_a_gap if {
	c := penalty("C-1", "2024-05-10", [
		doc("decision", "2024-05-10"),
		doc("compliance_advice", "2024-05-10"),
		doc("credit_repair_notice", "2024-05-12"),
	])
	f := only(scan(ouhai, "2024-05-12", [c]))
	f.key == "gap"
	f.detail == {
		"decision": "2024-05-10",
		"delivered": {"decision": "2024-05-10", "compliance_advice": "2024-05-10", "credit_repair_notice": "2024-05-12"},
		"first": "2024-05-10", "last": "2024-05-12", "gap_days": 2, "max_gap_days": 0,
	}
	contains(f.message, "最早 2024-05-10，最晚 2024-05-12，相隔 2 日，允许 0 日")
}

test_gap_within_max_gap_days_passes if {
	p := testing.profile(2024, ["CASE-03", "CASE-10"], {
		"CASE-03": {"effective": "2024-05-01", "max_gap_days": 2, "required_documents": three},
		"CASE-10": {"delivery_working_days": 7},
	})
	c := penalty("C-1", "2024-05-10", [
		doc("decision", "2024-05-10"),
		doc("compliance_advice", "2024-05-11"),
		doc("credit_repair_notice", "2024-05-12"),
	])
	count(scan(p, "2024-12-31", [c])) == 0
	c3 := penalty("C-2", "2024-05-10", [
		doc("decision", "2024-05-10"),
		doc("compliance_advice", "2024-05-11"),
		doc("credit_repair_notice", "2024-05-13"),
	])
	f := only(scan(p, "2024-12-31", [c3]))
	[f.key, f.detail.gap_days] == ["gap", 3]
}

test_gap_is_not_measured_from_the_decision_date if {
	count(scan(ouhai, "2024-12-31", [all_on("C-1", "2024-05-10", "2024-05-16")])) == 0
}

test_gap_and_missing_document_together if {
	c := penalty("C-1", "2024-05-10", [doc("decision", "2024-05-10"), doc("compliance_advice", "2024-05-13")])
	testing.keys_of(scan(ouhai, "2024-05-13", [c])) == {["CASE-03", "C-1", "gap"]}
	fs := scan(ouhai, "2024-05-21", [c])
	testing.keys_of(fs) == {["CASE-03", "C-1", "gap"], ["CASE-03", "C-1", "credit_repair_notice"]}
	some f in fs
	f.key == "gap"
	f.detail.gap_days == 3
}

test_earliest_delivery_of_a_type_counts if {
	c := penalty("C-1", "2024-05-10", [
		doc("decision", "2024-05-10"),
		doc("decision", "2024-05-14"),
		doc("compliance_advice", "2024-05-10"),
		doc("credit_repair_notice", "2024-05-10"),
	])
	count(scan(ouhai, "2024-12-31", [c])) == 0
}

test_without_case_10_parameter_documents_are_due_on_the_decision_day if {
	c := penalty("C-1", "2024-05-10", [doc("decision", "2024-05-10"), doc("compliance_advice", "2024-05-10")])
	count(scan(alone, "2024-05-10", [c])) == 0
	f := only(scan(alone, "2024-05-11", [c]))
	[f.key, f.detail.due] == ["credit_repair_notice", "2024-05-10"]
}

test_year_profile_judges_only_its_year if {
	count(scan(ouhai, "2025-06-30", [penalty("C-1", "2025-03-03", [])])) == 0
}

test_required_documents_come_from_the_profile if {
	p := testing.profile(2024, ["CASE-03", "CASE-10"], {
		"CASE-03": {"effective": "2024-05-01", "max_gap_days": 0, "required_documents": ["decision", "compliance_advice"]},
		"CASE-10": {"delivery_working_days": 7},
	})
	c := penalty("C-1", "2024-05-10", [doc("decision", "2024-05-10")])
	testing.keys_of(scan(p, "2024-06-30", [c])) == {["CASE-03", "C-1", "compliance_advice"]}
}

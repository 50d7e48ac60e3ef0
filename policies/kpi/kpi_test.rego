package jiandu.kpi_test

import data.jiandu.kpi
import data.jiandu.lib.testing
import data.jiandu.main

# ---------------------------------------------------------------------------
# Set-up

base := {"QUAL-01": {"valid_status": "valid"}}

prof(year, rules, params) := testing.profile(year, rules, object.union(base, params))

dept := {"id": "U-1", "name": "市场监管局", "type": "department"}

town := {"id": "U-2", "name": "北新镇", "type": "town"}

unit_input(u, records) := object.union({"scope": "unit", "unit_id": u.id, "units": [u]}, records)

# counts(p, as_of, inp): the unit partition's counts.
counts(p, as_of, inp) := c if {
	c := kpi.counts with input as inp with data.jiandu.profile as p with data.jiandu.run as testing.run(as_of)
}

# rates(p, as_of, sums): the export-wide pass over unit summaries {unit: [type, counts]}.
rates(p, as_of, sums) := ks if {
	inp := {"scope": "export", "units": [], "unit_summaries": [
	{"unit": u, "type": t, "rules": {"KPI": c}} |
		some u, [t, c] in sums
	]}
	ks := kpi.kpis with input as inp with data.jiandu.profile as p with data.jiandu.run as testing.run(as_of)
}

only(ks, id, unit) := k if {
	found := [k | some k in ks; k.id == id; k.unit == unit]
	count(found) == 1
	k := found[0]
}

nd(n, d) := {"numerator": n, "denominator": d}

# ---------------------------------------------------------------------------
# 持证率

cert(status, issued, expires) := {"number": "1", "status": status, "issued": issued, "expires": expires}

officer(id, role, certificate) := {"id": id, "unit": "U-1", "role": role, "certificate": certificate}

certified_officers := [
	officer("O-1", "officer", cert("valid", "2020-01-01", "2030-12-31")),
	officer("O-2", "officer", cert("valid", "2020-01-01", "2023-06-30")), # expired before D
	officer("O-3", "officer", cert("suspended", "2020-01-01", "2030-12-31")),
	officer("O-4", "officer", null),
	officer("O-5", "auxiliary", cert("valid", "2020-01-01", "2030-12-31")), # not counted
	officer("O-6", "officer", cert("valid", "2024-02-01", "2030-12-31")), # issued after D
]

test_certified_counts_officers_with_a_valid_certificate_on_the_last_day_of_the_year if {
	c := counts(prof(2023, [], {}), "2024-03-01", unit_input(dept, {"officers": certified_officers}))
	c == {"certified": nd(1, 5)}
}

test_certified_before_the_year_ends_is_judged_on_the_as_of_date if {
	c := counts(prof(2023, [], {}), "2023-06-01", unit_input(dept, {"officers": certified_officers}))
	c.certified == nd(2, 5)
}

test_certified_town_is_counted_for_towns_when_cert_01_is_on if {
	p := prof(2022, ["CERT-01"], {"CERT-01": {"town_certified_min": 0.9}})

	# a 2022 profile: D = 2022-12-31, when O-2's certificate was still valid
	counts(p, "2023-01-10", unit_input(town, {"officers": certified_officers})) == {
		"certified": nd(2, 5),
		"certified_town": nd(2, 5),
	}
	counts(p, "2023-01-10", unit_input(dept, {"officers": certified_officers})) == {"certified": nd(2, 5)}
}

test_the_town_minimum_binds_town_units_and_the_pooled_town_rate if {
	p := prof(2022, ["CERT-01"], {"CERT-01": {"town_certified_min": 0.9}})
	ks := rates(p, "2023-01-10", {
		"U-1": ["department", {"certified": nd(5, 10)}],
		"U-2": ["town", {"certified": nd(9, 10), "certified_town": nd(9, 10)}],
		"U-3": ["town", {"certified": nd(8, 10), "certified_town": nd(8, 10)}],
	})

	# the jurisdiction: all officers pooled, no minimum; the towns pooled against 90%
	j := only(ks, "certified", "")
	[j.scope, j.numerator, j.denominator, j.min, j.met] == ["jurisdiction", 22, 30, null, null]
	jt := only(ks, "certified_town", "")
	[jt.numerator, jt.denominator, jt.min, jt.met] == [17, 20, 0.9, false]
	jt.min_source == "source of CERT-01.town_certified_min"

	# per unit: the department has no minimum, a town at exactly 90% meets it
	only(ks, "certified", "U-1").min == null
	u2 := only(ks, "certified", "U-2")
	[u2.numerator, u2.denominator, u2.min, u2.met, u2.unit_type] == [9, 10, 0.9, true, "town"]
	only(ks, "certified", "U-3").met == false
	count([k | some k in ks; k.id == "certified_town"; k.scope == "unit"]) == 0
}

# ---------------------------------------------------------------------------
# 培训达标率

trn := {"TRN-01": {"annual_min_hours": 60, "roles": ["officer", "auxiliary"], "excluded_categories": ["central", "practical"]}}

training(id, role, hours) := {"id": id, "unit": "U-1", "role": role, "training": [
{"date": "2023-05-01", "hours": h, "category": "business"} |
	some h in hours
]}

test_training_counts_the_roles_reaching_the_annual_hours if {
	os := [
		training("O-1", "officer", [40, 20]), # 60: met exactly
		training("O-2", "auxiliary", [59]),
		training("O-3", "third_party", [0]), # not a role of TRN-01
		{"id": "O-4", "unit": "U-1", "role": "officer", "training": [
			{"date": "2023-05-01", "hours": 40, "category": "central"}, # pre-certification: not counted
			{"date": "2022-12-31", "hours": 60, "category": "law"}, # another year
			{"date": "2023-06-01", "hours": 30, "category": "law"},
		]},
	]
	c := counts(prof(2023, ["TRN-01"], trn), "2024-01-10", unit_input(dept, {"officers": os}))
	c.training == nd(1, 3)
}

test_training_is_not_computed_when_trn_01_is_off if {
	c := counts(prof(2023, [], trn), "2024-01-10", unit_input(dept, {"officers": [training("O-1", "officer", [60])]}))
	not c.training
}

test_a_profile_sets_a_rate_minimum_with_kpi_params if {
	p := prof(2023, ["TRN-01"], object.union(trn, {"KPI": {"training_min": 1}}))
	k := only(rates(p, "2024-01-10", {"U-1": ["department", {"training": nd(9, 10)}]}), "training", "U-1")
	[k.min, k.met, k.min_source] == [1, false, "source of KPI.training_min"]
}

# ---------------------------------------------------------------------------
# 参考率, 通过率

exam(kind, date, sat, passed) := {"date": date, "kind": kind, "sat": sat, "passed": passed, "score": null}

examinee(id, exams) := {"id": id, "unit": "U-1", "role": "officer", "exams": exams}

ouhai_exams := {
	"EXAM-01": {"exam_kind": "qualification", "participation_min": 1},
	"EXAM-02": {"exam_kind": "qualification", "pass_rate_min": 0.9},
}

examinees := [
	examinee("O-1", [exam("qualification", "2024-07-20", true, true)]),
	examinee("O-2", [exam("qualification", "2024-07-20", true, false), exam("qualification", "2024-10-20", true, true)]),
	examinee("O-3", [exam("qualification", "2024-07-20", false, false)]),
	examinee("O-4", [exam("annual", "2024-07-20", true, true), exam("qualification", "2023-07-20", true, true)]),
]

test_exam_rates_count_registrations_of_the_profile_kind_in_the_year if {
	c := counts(prof(2024, ["EXAM-01", "EXAM-02"], ouhai_exams), "2024-08-01", unit_input(dept, {"officers": examinees}))
	c.exam_participation == nd(3, 4)
	c.exam_pass == nd(2, 3)
}

test_exam_rates_use_the_kind_of_whichever_exam_rule_is_on if {
	p := prof(2023, ["EXAM-02"], {"EXAM-02": {"exam_kind": "annual", "pass_rate_min": 0.99}})
	c := counts(p, "2024-08-01", unit_input(dept, {"officers": [examinee("O-1", [exam("annual", "2023-07-20", true, true)])]}))
	c.exam_participation == nd(1, 1)
	c.exam_pass == nd(1, 1)
}

test_the_pass_rate_uses_exam_01_kind_when_exam_02_is_off if {
	p := prof(2024, ["EXAM-01"], {"EXAM-01": {"exam_kind": "qualification", "participation_min": 1}})
	c := counts(p, "2024-08-01", unit_input(dept, {"officers": examinees}))
	c.exam_pass == nd(2, 3)
	k := only(rates(p, "2025-01-10", {"U-1": ["department", c]}), "exam_pass", "")
	[k.min, k.met] == [null, null]
}

test_exam_minimums_come_from_the_rule_thresholds if {
	ks := rates(prof(2024, ["EXAM-01", "EXAM-02"], ouhai_exams), "2025-01-10", {
		"U-1": ["department", {"exam_participation": nd(10, 10), "exam_pass": nd(9, 10)}],
		"U-2": ["town", {"exam_participation": nd(9, 10), "exam_pass": nd(8, 9)}],
	})
	j := only(ks, "exam_participation", "")
	[j.numerator, j.denominator, j.min, j.met] == [19, 20, 1, false]
	jp := only(ks, "exam_pass", "")
	[jp.numerator, jp.denominator, jp.min, jp.met] == [17, 19, 0.9, false]
	only(ks, "exam_pass", "U-1").met == true # 90% exactly
	only(ks, "exam_pass", "U-2").met == false
}

# ---------------------------------------------------------------------------
# 重大决定法制审核率

major(id, decided, review) := {
	"id": id, "unit": "U-1", "category": "penalty", "procedure": "general", "opened": "2023-01-05",
	"decision": {"date": decided, "major": true}, "legal_review": review,
}

case_01_params := {"CASE-01": {"review_required": true, "pass_required": true}}

test_legal_review_misses_are_the_case_01_findings if {
	cases := [
		major("C-1", "2023-04-03", {"done": true, "passed": true, "date": "2023-04-01"}),
		major("C-2", "2023-04-03", {"done": false}),
		major("C-3", "2023-04-03", {"done": true, "passed": true, "date": "2023-04-05"}), # after the decision
		object.union(major("C-4", "2023-04-03", null), {"decision": {"date": "2023-04-03", "major": false}}),
	]
	c := counts(prof(null, ["CASE-01"], case_01_params), "2023-12-31", unit_input(dept, {"cases": cases}))
	c.legal_review == nd(1, 3)
}

# ---------------------------------------------------------------------------
# 重大决定备案及时率

filed(id, decided, on) := object.union(major(id, decided, null), {"platform_filing": {"date": on}})

test_filing_counts_decisions_filed_or_past_their_deadline if {
	cases := [
		filed("C-1", "2023-04-03", "2023-04-18"), # on the last day
		filed("C-2", "2023-04-03", "2023-04-19"), # a day late
		filed("C-3", "2023-04-03", null), # past the deadline, unfiled
		filed("C-4", "2023-12-20", null), # deadline not reached on the as-of date: not judged yet
	]
	c := counts(prof(2023, ["CASE-02"], {"CASE-02": {"filing_days": 15}}), "2023-12-31", unit_input(dept, {"cases": cases}))
	c.filing == nd(1, 3)
}

# ---------------------------------------------------------------------------
# 三书同达率

three := ["decision", "compliance_advice", "credit_repair_notice"]

ouhai_cases := prof(2024, ["CASE-03", "CASE-10"], {
	"CASE-03": {"effective": "2024-05-01", "max_gap_days": 0, "required_documents": three},
	"CASE-10": {"delivery_working_days": 7, "count_working_days": true},
})

to_enterprise(id, decided, docs) := {
	"id": id, "unit": "U-1", "category": "penalty", "procedure": "general", "opened": "2024-03-01",
	"party": {"type": "enterprise", "name": "某公司", "credit_code": "91330304MA2H000001"},
	"decision": {"date": decided}, "documents": docs,
}

served(ts, day) := [{"type": t, "delivered": day} | some t in ts]

test_three_documents_counts_served_or_overdue_decisions_and_misses_any_case_03_finding if {
	cases := [
		to_enterprise("C-1", "2024-06-03", served(three, "2024-06-04")),
		to_enterprise("C-2", "2024-06-03", array.concat(served(["decision", "compliance_advice"], "2024-06-04"), served(["credit_repair_notice"], "2024-06-05"))),
		to_enterprise("C-3", "2024-06-03", served(["decision"], "2024-06-04")), # two missing, overdue
		to_enterprise("C-4", "2024-12-30", served(["decision"], "2024-12-30")), # not due yet
		to_enterprise("C-5", "2024-04-03", served(["decision"], "2024-04-04")), # before the effective date
	]
	c := counts(ouhai_cases, "2024-12-31", unit_input(dept, {"cases": cases}))
	c.three_documents == nd(1, 3)
}

# ---------------------------------------------------------------------------
# 公示及时率 and 送达及时率

national := prof(null, ["CASE-08", "CASE-10"], {
	"CASE-08": {"publish_working_days": 7, "required_elements": ["number"], "simple_not_published": false},
	"CASE-10": {"delivery_working_days": 7, "count_working_days": true},
})

decided(id, procedure, day, published, delivered) := {
	"id": id, "unit": "U-1", "category": "penalty", "procedure": procedure, "opened": "2023-03-01",
	"decision": {"date": day}, "publication": {"published": published, "elements": []},
	"documents": [{"type": "decision", "delivered": delivered}],
}

test_publication_counts_timeliness_only if {
	# 2023-06-01 + 7 working days = 2023-06-12
	cases := [
		decided("C-1", "general", "2023-06-01", "2023-06-12", "2023-06-02"), # on time (elements missing: not timeliness)
		decided("C-2", "general", "2023-06-01", "2023-06-13", "2023-06-02"), # late
		decided("C-3", "general", "2023-06-01", null, "2023-06-02"), # missing, overdue
		decided("C-4", "general", "2023-12-28", null, null), # not due yet
		decided("C-5", "simple", "2023-06-01", null, "2023-06-01"), # simple: not published at all
		object.union(decided("C-6", "general", "2023-06-01", null, "2023-06-02"), {"decision": {"date": "2023-06-01", "revoked": "2023-06-05"}}),
	]
	c := counts(national, "2023-12-31", unit_input(dept, {"cases": cases}))
	c.publication == nd(1, 3)
}

test_delivery_counts_served_or_overdue_penalty_decisions if {
	cases := [
		decided("C-1", "general", "2023-06-01", "2023-06-02", "2023-06-12"), # on the last working day
		decided("C-2", "general", "2023-06-01", "2023-06-02", "2023-06-13"), # late
		decided("C-3", "general", "2023-06-01", "2023-06-02", null), # never served, overdue
		decided("C-4", "simple", "2023-12-28", null, null), # not due yet
		object.union(decided("C-5", "general", "2023-06-01", null, null), {"category": "license"}),
	]
	c := counts(national, "2023-12-31", unit_input(dept, {"cases": cases}))
	c.delivery == nd(1, 3)
}

# ---------------------------------------------------------------------------
# 线索处置率

clue(id, received, disposed) := {"id": id, "unit": "U-1", "received": received, "disposed": disposed}

clues := [
	clue("L-1", "2024-02-01", "2024-03-01"),
	clue("L-2", "2024-11-01", "2025-01-05"), # disposed after the period
	clue("L-3", "2024-12-01", null),
	clue("L-4", "2023-12-31", null), # another period
]

test_clue_disposal_counts_clues_received_in_the_period if {
	c := counts(prof(2024, ["CLUE-01"], {}), "2025-01-10", unit_input(dept, {"clues": clues}))
	c.clue_disposal == nd(1, 3)
}

test_clue_disposal_shows_progress_before_the_period_ends if {
	c := counts(prof(2024, ["CLUE-01"], {}), "2024-06-30", unit_input(dept, {"clues": [clue("L-1", "2024-02-01", "2024-03-01"), clue("L-2", "2024-05-01", null)]}))
	c.clue_disposal == nd(1, 2)
}

# ---------------------------------------------------------------------------
# 报送按时率

ob(id, due, period) := {
	"id": id, "title": id, "title_en": id, "applies_to": ["department"], "due": due, "period": period,
	"published": false, "min_count": 0, "source": "src", "profile": "test", "year": 2023, "binds_from": "2023-03-14",
}

with_obligations := object.union(prof(2023, ["RPT-01"], {}), {"obligations": [
	ob("plan", {"date": "2023-03-31"}, "2023"),
	ob("half", {"dates": [{"date": "2023-06-01", "period": "2023-H1"}, {"date": "2023-12-01", "period": "2023-H2"}]}, null),
	ob("cleanup", {"date": "2023-07-31"}, "2023"),
	ob("late_in_year", {"date": "2023-11-30"}, "2023"),
]})

sub(id, obligation, period, date) := {"id": id, "unit": "U-1", "obligation": obligation, "period": period, "date": date}

test_submission_counts_instances_past_due_or_submitted if {
	subs := [
		sub("S-1", "plan", "2023", "2023-03-30"), # on time
		sub("S-2", "half", "2023-H1", "2023-06-05"), # late
		sub("S-3", "late_in_year", "2023", "2023-09-01"), # early, not yet due: on time
	]

	# on 2023-09-01: plan, half H1, cleanup (missing) past due; late_in_year submitted
	c := counts(with_obligations, "2023-09-01", unit_input(dept, {"submissions": subs}))
	c.submission == nd(2, 4)
}

# ---------------------------------------------------------------------------
# Gating, zero denominators, order, and the entry point

test_rates_of_rules_the_profile_leaves_off_are_not_computed if {
	c := counts(prof(2023, [], {}), "2024-01-10", unit_input(dept, {"officers": certified_officers}))
	object.keys(c) == {"certified"}
}

test_a_zero_denominator_gives_no_rate if {
	ks := rates(prof(null, ["CASE-01"], case_01_params), "2024-01-10", {
		"U-1": ["department", {"certified": nd(0, 0), "legal_review": nd(0, 0)}],
		"U-2": ["department", {"certified": nd(3, 4)}],
	})
	[[k.id, k.unit] | some k in ks] == [["certified", ""], ["certified", "U-2"]]
}

test_the_jurisdiction_comes_first_then_each_unit_in_the_order_of_defs if {
	ks := rates(prof(null, ["CASE-01", "CASE-10"], case_01_params), "2024-01-10", {
		"U-1": ["department", {"delivery": nd(1, 2), "certified": nd(3, 4), "legal_review": nd(1, 1)}],
		"U-2": ["department", {"certified": nd(1, 1)}],
	})
	[[k.id, k.unit] | some k in ks] == [
		["certified", ""], ["legal_review", ""], ["delivery", ""],
		["certified", "U-1"], ["legal_review", "U-1"], ["delivery", "U-1"],
		["certified", "U-2"],
	]
	k := only(ks, "delivery", "")
	k == {
		"id": "delivery", "title": "送达及时率", "title_en": "Penalty decisions served on time", "rules": ["CASE-10"],
		"scope": "jurisdiction", "unit": "", "unit_type": null, "numerator": 1, "denominator": 2, "rate": 0.5,
		"min": null, "min_source": null, "met": null,
	}
}

test_the_entry_point_carries_counts_in_the_unit_summary_and_rates_from_the_export_pass if {
	p := prof(2023, [], {})
	s := main.summary with input as unit_input(dept, {"officers": certified_officers})
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2024-01-10")
	s.KPI == {"certified": nd(1, 5)}
	ks := main.kpis with input as {"scope": "export", "units": [], "unit_summaries": [{"unit": "U-1", "type": "department", "rules": s}]}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2024-01-10")
	[[k.id, k.unit, k.numerator, k.denominator] | some k in ks] == [["certified", "", 1, 5], ["certified", "U-1", 1, 5]]
	e := main.kpis with input as {"scope": "enterprise", "enterprise": {"credit_code": "X", "inspections": []}}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2024-01-10")
	e == []
}

package jiandu.rules.rev_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.rev_01

tiers := [{"max": 20, "share": 1.0}, {"max": 50, "share": 0.4}, {"max": 100, "share": 0.3}, {"max": 200, "share": 0.2}]

params := {"REV-01": {"tiers": tiers, "cap": 50, "obligation": "case_self_review"}}

self_review := {
	"id": "case_self_review", "title": "案卷自查", "title_en": "case-file self-review", "applies_to": ["department", "town"],
	"due": null, "period": "year", "published": false, "min_count": 2,
	"source": "003 row 8", "profile": "plan", "year": 2023, "binds_from": "2023-03-14",
}

profile(obs) := object.union(testing.profile(2023, ["REV-01"], params), {"obligations": obs})

dept := {"id": "U1", "name": "市场监管局", "type": "department"}

# cases(n, date): n cases of U1 decided on date.
cases(n, date) := [{"id": sprintf("C%d-%s", [i, date]), "unit": "U1", "category": "penalty", "opened": "2023-01-01", "decision": {"date": date}} |
	some i in numbers.range(1, n)
]

reviews(counts) := [{"id": sprintf("S%d", [i]), "unit": "U1", "obligation": "case_self_review", "period": "2023", "date": "2023-12-01", "count": c} |
	some i, c in counts
]

findings(u, cs, subs, obs, as_of) := fs if {
	fs := rev_01.findings with input as {"scope": "unit", "unit_id": u.id, "units": [u], "cases": cs, "submissions": subs}
		with data.jiandu.profile as profile(obs)
		with data.jiandu.run as testing.run(as_of)
}

req(n) := r if {
	r := rev_01.required(n).count with data.jiandu.profile as profile([]) with data.jiandu.run as testing.run("2024-01-01")
}

test_required_follows_the_tiers_and_the_cap if {
	req(0) == 0
	req(1) == 1
	req(20) == 20
	req(21) == 9
	req(25) == 10
	req(50) == 20
	req(51) == 16
	req(100) == 30
	req(101) == 21
	req(200) == 40
	req(201) == 50
	req(5000) == 50
}

test_tiers_and_cap_come_from_the_parameters if {
	p := object.union(testing.profile(2023, ["REV-01"], {"REV-01": {"tiers": [{"max": 10, "share": 0.5}], "cap": 7, "obligation": "x"}}), {"obligations": []})
	rev_01.required(10).count == 5 with data.jiandu.profile as p with data.jiandu.run as testing.run("2024-01-01")
	rev_01.required(11).count == 7 with data.jiandu.profile as p with data.jiandu.run as testing.run("2024-01-01")
}

test_too_few_reviewed_for_the_cases_of_the_year if {
	cs := array.concat(array.concat(cases(25, "2023-05-01"), cases(30, "2022-12-31")), [{"id": "OPEN", "unit": "U1", "category": "penalty", "opened": "2023-02-01", "decision": null}])
	fs := findings(dept, cs, reviews([5, 4]), [self_review], "2024-01-01")
	fs == {{
		"rule": "REV-01", "kind": "unit", "record": "U1", "unit": "U1", "key": "",
		"message": "单位 U1（市场监管局） 2023 年度案卷评查 9 件，少于应评查的 10 件（2023 年决定 25 件案件，50 件以内按 40% 计，⌈0.4 × 25⌉），差 1 件（source of REV-01.tiers）",
		"message_en": "Unit U1 self-reviewed 9 case files in 2023, fewer than the 10 required for 25 cases (40% up to 50 cases, ceil(0.4 × 25)), 1 short",
		"detail": {"cases": 25, "cases_from": "cases", "required": 10, "share": 0.4, "cap": 50, "reviewed": 9, "obligation": "case_self_review", "period": "2023"},
	}}
}

test_enough_reviewed_exactly if {
	count(findings(dept, cases(25, "2023-05-01"), reviews([6, 4]), [self_review], "2024-01-01")) == 0
}

test_all_reviewed_up_to_twenty if {
	fs := findings(dept, cases(20, "2023-05-01"), reviews([19]), [self_review], "2024-01-01")
	{[f.detail.required, f.detail.reviewed] | some f in fs} == {[20, 19]}
	count(findings(dept, cases(20, "2023-05-01"), reviews([20]), [self_review], "2024-01-01")) == 0
}

test_case_total_when_the_partition_has_no_cases if {
	u := object.union(dept, {"case_total": 300})
	fs := findings(u, [], reviews([49]), [self_review], "2024-01-01")
	{[f.detail.cases, f.detail.cases_from, f.detail.required, f.detail.share] | some f in fs} == {[300, "case_total", 50, null]}
	count(findings(u, [], reviews([50]), [self_review], "2024-01-01")) == 0
}

test_case_total_ignored_when_cases_exist if {
	u := object.union(dept, {"case_total": 300})
	count(findings(u, cases(3, "2023-05-01"), reviews([3]), [self_review], "2024-01-01")) == 0
}

test_no_cases_decided_in_the_year_needs_no_review if {
	count(findings(dept, cases(10, "2022-05-01"), [], [self_review], "2024-01-01")) == 0
	count(findings(dept, [], [], [self_review], "2024-01-01")) == 0
}

test_nothing_before_the_year_is_closed if {
	count(findings(dept, cases(25, "2023-05-01"), [], [self_review], "2023-12-31")) == 0
}

test_parts_of_the_year_add_up_and_other_years_do_not if {
	subs := [
		{"id": "S1", "unit": "U1", "obligation": "case_self_review", "period": "2023-H1", "date": "2023-06-01", "count": 6},
		{"id": "S2", "unit": "U1", "obligation": "case_self_review", "period": "2023-H2", "date": "2023-12-01", "count": 3},
		{"id": "S3", "unit": "U1", "obligation": "case_self_review", "period": "2022", "date": "2023-01-01", "count": 10},
		{"id": "S4", "unit": "U1", "obligation": "case_sampling", "period": "2023", "date": "2023-12-01", "count": 10},
		{"id": "S5", "unit": "U1", "obligation": "case_self_review", "period": "2023", "date": "2023-12-01", "count": null},
	]
	fs := findings(dept, cases(25, "2023-05-01"), subs, [self_review], "2024-01-01")
	{f.detail.reviewed | some f in fs} == {9}
}

test_units_the_obligation_does_not_name if {
	bureau := {"id": "U1", "type": "judicial_bureau"}
	count(findings(bureau, cases(25, "2023-05-01"), [], [self_review], "2024-01-01")) == 0
	{f.record | some f in findings(bureau, cases(25, "2023-05-01"), [], [], "2024-01-01")} == {"U1"}
}

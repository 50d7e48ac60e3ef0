package jiandu.rules.rpt_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.rpt_03

self_review := {
	"id": "case_self_review", "title": "案卷自查", "title_en": "case-file self-review", "applies_to": ["department", "town"],
	"due": null, "period": "year", "published": false, "min_count": 2,
	"source": "003 item 7; row 8", "profile": "plan", "year": 2023, "binds_from": "2023-03-14",
}

half_year := object.union(self_review, {
	"id": "half_year_check", "title": "半年检查", "title_en": "half-year check", "min_count": 1,
	"due": {"dates": [{"date": "2023-06-01", "period": "2023-H1"}, {"date": "2023-12-01", "period": "2023-H2"}]},
	"period": null,
})

no_minimum := object.union(self_review, {"id": "plain", "min_count": 0})

dept := {"id": "U1", "name": "市场监管局", "type": "department"}

sub(id, obligation, period) := {"id": id, "unit": "U1", "obligation": obligation, "period": period, "date": "2023-06-01", "count": 10}

findings(u, subs, obs, as_of) := fs if {
	p := object.union(testing.profile(2023, ["RPT-03"], {}), {"obligations": obs})
	fs := rpt_03.findings with input as {"scope": "unit", "unit_id": u.id, "units": [u], "submissions": subs}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run(as_of)
}

test_fewer_than_min_count_once_the_year_is_closed if {
	fs := findings(dept, [sub("S1", "case_self_review", "2023")], [self_review], "2024-01-01")
	fs == {{
		"rule": "RPT-03", "kind": "unit", "record": "U1", "unit": "U1", "key": "case_self_review/2023",
		"message": "单位 U1（市场监管局） 在期次 2023 报送“案卷自查”（case_self_review）1 次，少于应报的 2 次，差 1 次（003 item 7; row 8）",
		"message_en": "Unit U1 delivered \"case-file self-review\" (case_self_review) 1 times in period 2023, fewer than the 2 required (1 short)",
		"detail": {"obligation": "case_self_review", "period": "2023", "count": 1, "min": 2, "submissions": ["S1"]},
		"sources": ["003 item 7; row 8"],
	}}
}

test_nothing_before_the_year_is_closed if {
	count(findings(dept, [], [self_review], "2023-12-31")) == 0
}

test_none_delivered if {
	fs := findings(dept, [], [self_review], "2024-03-01")
	{[f.key, f.detail.count, f.detail.min] | some f in fs} == {["case_self_review/2023", 0, 2]}
}

test_min_count_met_exactly if {
	subs := [sub("S1", "case_self_review", "2023"), sub("S2", "case_self_review", "2023")]
	count(findings(dept, subs, [self_review], "2024-01-01")) == 0
}

test_parts_of_the_year_count if {
	subs := [sub("S1", "case_self_review", "2023-H1"), sub("S2", "case_self_review", "2023-H2")]
	count(findings(dept, subs, [self_review], "2024-01-01")) == 0
}

test_other_years_and_obligations_do_not_count if {
	subs := [sub("S1", "case_self_review", "2023"), sub("S2", "case_self_review", "2022"), sub("S3", "case_sampling", "2023")]
	fs := findings(dept, subs, [self_review], "2024-01-01")
	{[f.key, f.detail.count] | some f in fs} == {["case_self_review/2023", 1]}
}

test_unit_type_not_named if {
	count(findings({"id": "J1", "type": "judicial_bureau"}, [], [self_review], "2024-01-01")) == 0
}

test_obligation_without_min_count if {
	count(findings(dept, [], [no_minimum], "2024-01-01")) == 0
}

test_min_count_per_dated_period if {
	subs := [sub("S1", "half_year_check", "2023-H1")]
	fs := findings(dept, subs, [half_year], "2024-01-01")
	{[f.key, f.detail.count, f.detail.min] | some f in fs} == {["half_year_check/2023-H2", 0, 1]}
}

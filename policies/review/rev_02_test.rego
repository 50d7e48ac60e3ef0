package jiandu.rules.rev_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.rev_02

params := {"REV-02": {"min_sampled": 100, "obligation": "case_sampling"}}

bureau := {"id": "J1", "name": "市司法局", "type": "judicial_bureau"}

sampling(id, period, n) := {"id": id, "unit": "J1", "obligation": "case_sampling", "period": period, "date": "2023-12-01", "count": n}

findings(u, subs, as_of, ps) := fs if {
	fs := rev_02.findings with input as {"scope": "unit", "unit_id": u.id, "units": [u], "submissions": subs}
		with data.jiandu.profile as testing.profile(2023, ["REV-02"], ps)
		with data.jiandu.run as testing.run(as_of)
}

test_too_few_sampled if {
	fs := findings(bureau, [sampling("S1", "2023-H1", 40), sampling("S2", "2023-H2", 59)], "2024-01-01", params)
	fs == {{
		"rule": "REV-02", "kind": "unit", "record": "J1", "unit": "J1", "key": "",
		"message": "司法局 J1（市司法局） 2023 年度抽查行政执法案卷 99 件，少于 100 件，差 1 件（source of REV-02.min_sampled）",
		"message_en": "Judicial bureau J1 sampled 99 case files in 2023, fewer than the 100 required (1 short)",
		"detail": {"sampled": 99, "min": 100, "obligation": "case_sampling", "period": "2023"},
	}}
}

test_exactly_the_minimum if {
	count(findings(bureau, [sampling("S1", "2023", 100)], "2024-01-01", params)) == 0
}

test_none_sampled if {
	{f.detail.sampled | some f in findings(bureau, [], "2024-01-01", params)} == {0}
}

test_other_years_and_null_counts_add_nothing if {
	subs := [sampling("S1", "2022", 100), sampling("S2", "2023", null), sampling("S3", "2023", 70)]
	{f.detail.sampled | some f in findings(bureau, subs, "2024-01-01", params)} == {70}
}

test_nothing_before_the_year_is_closed if {
	count(findings(bureau, [], "2023-12-31", params)) == 0
}

test_only_the_judicial_bureau if {
	count(findings({"id": "J1", "type": "department"}, [], "2024-01-01", params)) == 0
}

test_minimum_comes_from_the_parameter if {
	ps := {"REV-02": {"min_sampled": 50, "obligation": "case_sampling"}}
	count(findings(bureau, [sampling("S1", "2023", 60)], "2024-01-01", ps)) == 0
}

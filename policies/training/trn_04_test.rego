package jiandu.rules.trn_04_test

import data.jiandu.lib.testing
import data.jiandu.rules.trn_04

params := {"TRN-04": {"central_min_hours": 40, "practical_min_hours": 120}}

profile := testing.profile(2023, ["TRN-04"], params)

closed := testing.run("2024-01-10")

t(date, hours, category) := {"date": date, "hours": hours, "category": category}

person(id, first, training) := {"id": id, "name": "孙八", "unit": "U-SJ", "role": "officer", "first_certified": first, "training": training}

findings(officers, run) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "officers": officers}
	fs := trn_04.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_exact_minimums_pass if {
	os := [person("O-1", "2023-06-01", [t("2023-03-01", 40, "central"), t("2023-04-01", 60, "practical"), t("2023-05-01", 60, "practical")])]
	count(findings(os, closed)) == 0
}

test_short_central_hours_fail if {
	os := [person("O-1", "2023-06-01", [t("2023-03-01", 32, "central"), t("2023-04-01", 120, "practical")])]
	fs := findings(os, closed)
	testing.keys_of(fs) == {["TRN-04", "O-1", ""]}
	some f in fs
	f.kind == "officer"
	f.unit == "U-SJ"
	f.message == "执法人员 O-1（孙八） 于 2023-06-01 初次申领执法证件，集中学习 32 学时，少于 40 学时，差 8 学时（依据：source of TRN-04.central_min_hours）"
	f.message_en == "O-1 (孙八), first certified on 2023-06-01: 32 hours of central study, below 40, short by 8 (per source of TRN-04.central_min_hours)"
	f.detail == {"first_certified": "2023-06-01", "central": 32, "central_min": 40, "practical": 120, "practical_min": 120, "short": {"central": 8}}
}

test_both_short_in_one_finding if {
	os := [person("O-1", "2023-06-01", [t("2023-03-01", 40.5, "practical")])]
	fs := findings(os, closed)
	count(fs) == 1
	some f in fs
	f.message == "执法人员 O-1（孙八） 于 2023-06-01 初次申领执法证件，集中学习 0 学时，少于 40 学时，差 40 学时；岗位实训 40.5 学时，少于 120 学时，差 79.5 学时（依据：source of TRN-04.central_min_hours；source of TRN-04.practical_min_hours）"
	f.detail.short == {"central": 40, "practical": 79.5}
}

test_hours_before_the_year_count_after_it_do_not if {
	ok := [person("O-1", "2023-01-10", [t("2022-11-01", 40, "central"), t("2022-12-01", 120, "practical")])]
	count(findings(ok, closed)) == 0
	late := [person("O-2", "2023-12-20", [t("2023-12-01", 40, "central"), t("2023-12-31", 100, "practical"), t("2024-01-05", 20, "practical"), t(null, 20, "practical")])]
	some f in findings(late, closed)
	f.detail.short == {"practical": 20}
}

test_other_categories_do_not_count if {
	os := [person("O-1", "2023-06-01", [t("2023-03-01", 200, "business"), t("2023-03-01", 40, "central")])]
	some f in findings(os, closed)
	f.detail.short == {"practical": 120}
}

test_officers_first_certified_in_other_years_or_never_are_not_judged if {
	os := [
		person("O-1", "2022-12-31", []),
		person("O-2", "2024-01-01", []),
		person("O-3", null, []),
		{"id": "O-4", "unit": "U-SJ", "role": "officer"},
	]
	count(findings(os, closed)) == 0
}

test_any_role_is_judged if {
	os := [{"id": "A-1", "unit": "U-SJ", "role": "auxiliary", "first_certified": "2023-05-01"}]
	testing.keys_of(findings(os, closed)) == {["TRN-04", "A-1", ""]}
}

test_year_not_closed_reports_nothing if {
	count(findings([person("O-1", "2023-06-01", [])], testing.run("2023-12-31"))) == 0
}

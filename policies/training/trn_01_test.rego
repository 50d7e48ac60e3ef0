package jiandu.rules.trn_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.trn_01

params := {"TRN-01": {"annual_min_hours": 60, "roles": ["officer", "auxiliary"], "excluded_categories": ["central", "practical"]}}

profile := testing.profile(2023, ["TRN-01"], params)

closed := testing.run("2024-01-10")

t(date, hours, category) := {"date": date, "hours": hours, "category": category, "course": "课程"}

person(id, role, training) := {"id": id, "name": "赵六", "unit": "U-SJ", "role": role, "training": training}

findings(officers, run) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "officers": officers}
	fs := trn_01.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_exactly_sixty_hours_passes if {
	os := [person("O-1", "officer", [t("2023-03-01", 40, "business"), t("2023-09-01", 20, "law")])]
	count(findings(os, closed)) == 0
}

test_short_hours_fail if {
	os := [person("O-1", "officer", [t("2023-03-01", 40, "business"), t("2023-09-01", 12, "political")])]
	fs := findings(os, closed)
	testing.keys_of(fs) == {["TRN-01", "O-1", ""]}
	some f in fs
	f.kind == "officer"
	f.unit == "U-SJ"
	f.message == "执法人员 O-1（赵六） 2023 年培训 52 学时，少于 60 学时，差 8 学时（依据：source of TRN-01.annual_min_hours）"
	f.message_en == "O-1 (赵六): 52 training hours in 2023, below 60, short by 8 (per source of TRN-01.annual_min_hours)"
	f.detail.hours == 52
	f.detail.short == 8
	f.detail.min == 60
}

test_fractional_hours if {
	os := [person("O-1", "officer", [t("2023-03-01", 39.5, "business"), t("2023-09-01", 20, "skills")])]
	some f in findings(os, closed)
	f.message == "执法人员 O-1（赵六） 2023 年培训 59.5 学时，少于 60 学时，差 0.5 学时（依据：source of TRN-01.annual_min_hours）"
}

test_pre_certification_training_is_not_counted if {
	os := [person("O-1", "officer", [t("2023-03-01", 50, "business"), t("2023-04-01", 40, "central"), t("2023-05-01", 120, "practical")])]
	some f in findings(os, closed)
	f.detail.hours == 50
}

test_uncategorised_training_counts if {
	os := [person("O-1", "officer", [t("2023-03-01", 50, "business"), t("2023-04-01", 10, null), {"date": "2023-05-01", "hours": 1}])]
	count(findings(os, closed)) == 0
}

test_other_years_and_undated_or_unhoured_entries_are_not_counted if {
	os := [person("O-1", "officer", [
		t("2023-12-31", 30, "business"),
		t("2022-12-31", 30, "business"),
		t("2024-01-01", 30, "business"),
		t(null, 30, "business"),
		{"hours": 30, "category": "business"},
		t("2023-06-01", null, "business"),
	])]
	some f in findings(os, closed)
	f.detail.hours == 30
	f.detail.short == 30
}

test_no_training_at_all_fails if {
	some f in findings([{"id": "A-1", "unit": "U-SJ", "role": "auxiliary"}], closed)
	f.record == "A-1"
	f.message == "执法人员 A-1 2023 年培训 0 学时，少于 60 学时，差 60 学时（依据：source of TRN-01.annual_min_hours）"
}

test_roles_outside_the_parameter_are_not_judged if {
	count(findings([person("T-1", "third_party", [])], closed)) == 0
	p := testing.profile(2024, ["TRN-01"], {"TRN-01": object.union(params["TRN-01"], {"roles": ["officer"]})})
	i := {"scope": "unit", "unit_id": "U-SJ", "officers": [person("A-1", "auxiliary", []), person("O-1", "officer", [])]}
	fs := trn_01.findings with input as i with data.jiandu.profile as p with data.jiandu.run as testing.run("2025-01-02")
	testing.keys_of(fs) == {["TRN-01", "O-1", ""]}
}

test_year_not_closed_reports_nothing if {
	count(findings([person("O-1", "officer", [])], testing.run("2023-12-31"))) == 0
}

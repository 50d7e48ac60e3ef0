package jiandu.rules.trn_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.trn_02

params := {
	"TRN-01": {"annual_min_hours": 60, "roles": ["officer", "auxiliary"], "excluded_categories": ["central", "practical"]},
	"TRN-02": {"business_share_min": 0.6, "business_categories": ["business", "skills"]},
}

profile := testing.profile(2023, ["TRN-01", "TRN-02"], params)

closed := testing.run("2024-01-10")

t(date, hours, category) := {"date": date, "hours": hours, "category": category}

person(id, role, training) := {"id": id, "name": "赵六", "unit": "U-SJ", "role": role, "training": training}

findings(officers, run) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "officers": officers}
	fs := trn_02.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_exactly_sixty_percent_passes if {
	os := [person("O-1", "officer", [t("2023-03-01", 20, "business"), t("2023-04-01", 16, "skills"), t("2023-05-01", 24, "law")])]
	count(findings(os, closed)) == 0
}

test_below_sixty_percent_fails if {
	os := [person("O-1", "officer", [t("2023-03-01", 20, "business"), t("2023-04-01", 10, "skills"), t("2023-05-01", 30, "political")])]
	fs := findings(os, closed)
	testing.keys_of(fs) == {["TRN-02", "O-1", ""]}
	some f in fs
	f.kind == "officer"
	f.unit == "U-SJ"
	f.message == "执法人员 O-1（赵六） 2023 年业务知识、执法技能培训 30 学时，占培训总学时 60 学时的 50.00%，低于 60.00%（应不少于 36 学时，差 6 学时；依据：source of TRN-02.business_share_min）"
	f.message_en == "O-1 (赵六): 30 of 60 training hours in 2023 are business/skills (50.00%), below 60.00% (needs 36, short by 6; per source of TRN-02.business_share_min)"
	f.detail.numerator == 30
	f.detail.denominator == 60
	f.detail.needed == 36
	f.detail.short == 6
}

test_pre_certification_hours_are_in_neither_side if {
	# 30 business of 50 counted = 60%; central and practical hours do not dilute the share
	os := [person("O-1", "officer", [t("2023-03-01", 30, "business"), t("2023-05-01", 20, "law"), t("2023-06-01", 40, "central"), t("2023-07-01", 120, "practical")])]
	count(findings(os, closed)) == 0
}

test_other_years_do_not_count if {
	os := [person("O-1", "officer", [t("2023-03-01", 10, "business"), t("2023-05-01", 10, "law"), t("2022-12-31", 100, "business"), t("2024-01-01", 100, "skills")])]
	some f in findings(os, closed)
	f.detail.numerator == 10
	f.detail.denominator == 20
}

test_no_training_no_finding if {
	count(findings([person("O-1", "officer", []), person("O-2", "officer", [t("2023-03-01", 40, "central")])], closed)) == 0
}

test_roles_are_trn_01s if {
	os := [person("T-1", "third_party", [t("2023-03-01", 10, "law")]), person("A-1", "auxiliary", [t("2023-03-01", 10, "law")])]
	testing.keys_of(findings(os, closed)) == {["TRN-02", "A-1", ""]}
}

test_year_not_closed_reports_nothing if {
	os := [person("O-1", "officer", [t("2023-03-01", 10, "law")])]
	count(findings(os, testing.run("2023-12-31"))) == 0
}

test_officer_without_a_name_is_named_by_id if {
	os := [{"id": "O-9", "unit": "U-SJ", "role": "officer", "training": [t("2023-03-01", 10, "law")]}]
	some f in findings(os, closed)
	startswith(f.message, "执法人员 O-9 2023 年业务知识、执法技能培训 0 学时，占培训总学时 10 学时的 0.00%")
	startswith(f.message_en, "O-9: 0 of 10 training hours")
}

# business_hours: only the category looked up when every entry counts (plain), otherwise filtered.
test_business_hours_plain_or_filtered if {
	cats := ["business", "skills"]
	found := {"business": true, "skills": true}
	plain := {"id": "O-1", "training": [t("2023-03-01", 20, "business"), t("2023-04-01", 2.5, "skills"), t("2023-05-01", 24, "law"), {"date": "2023-05-01", "hours": 3}]}
	trn_02.business_hours(plain, true, cats, found, false) == 22.5 with data.jiandu.profile as profile
	mixed := {"id": "O-1", "training": [t("2023-03-01", 20, "business"), t("2022-04-01", 16, "skills"), t("2023-05-01", 40, "central"), t("2023-06-01", null, "skills"), t("2023-07-01", 1, "skills")]}
	trn_02.business_hours(mixed, false, cats, found, false) == 21 with data.jiandu.profile as profile
}

test_business_hours_with_null_among_the_categories if {
	o := {"id": "O-1", "training": [t("2023-03-01", 20, "business"), {"date": "2023-05-01", "hours": 3}, t("2023-05-01", 2, null)]}
	trn_02.business_hours(o, true, ["business", null], {"business": true, null: true}, true) == 25 with data.jiandu.profile as profile
}

package jiandu.rules.trn_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.trn_03

params := {
	"TRN-01": {"annual_min_hours": 60, "roles": ["officer", "auxiliary"], "excluded_categories": ["central", "practical"]},
	"TRN-03": {"prudent_min_hours": 10, "prudent_categories": ["prudent", "discretion", "exempt_list"]},
}

profile := testing.profile(2023, ["TRN-01", "TRN-03"], params)

closed := testing.run("2024-01-10")

t(date, hours, category) := {"date": date, "hours": hours, "category": category}

person(id, role, training) := {"id": id, "name": "钱七", "unit": "U-SJ", "role": role, "training": training}

findings(officers, run) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "officers": officers}
	fs := trn_03.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_exactly_ten_hours_across_the_three_categories_passes if {
	os := [person("O-1", "officer", [t("2023-03-01", 4, "prudent"), t("2023-04-01", 3, "discretion"), t("2023-05-01", 3, "exempt_list"), t("2023-06-01", 50, "business")])]
	count(findings(os, closed)) == 0
}

test_short_hours_fail if {
	os := [person("O-1", "officer", [t("2023-03-01", 4, "prudent"), t("2023-04-01", 2.5, "discretion"), t("2023-06-01", 50, "business")])]
	fs := findings(os, closed)
	testing.keys_of(fs) == {["TRN-03", "O-1", ""]}
	some f in fs
	f.kind == "officer"
	f.unit == "U-SJ"
	f.message == "执法人员 O-1（钱七） 2023 年包容审慎执法、行政裁量权基准运用、免罚轻罚清单实施培训 6.5 学时，少于 10 学时，差 3.5 学时（依据：source of TRN-03.prudent_min_hours）"
	f.message_en == "O-1 (钱七): 6.5 hours of prudent/discretion/exempt_list training in 2023, below 10, short by 3.5 (per source of TRN-03.prudent_min_hours)"
	f.detail.hours == 6.5
	f.detail.short == 3.5
}

test_no_training_is_zero_hours if {
	fs := findings([{"id": "A-1", "unit": "U-SJ", "role": "auxiliary"}], closed)
	some f in fs
	f.record == "A-1"
	f.detail.hours == 0
	f.detail.short == 10
}

test_other_years_and_categories_do_not_count if {
	os := [person("O-1", "officer", [t("2022-12-31", 10, "prudent"), t("2024-01-01", 10, "prudent"), t("2023-05-01", 10, "law"), t(null, 10, "prudent")])]
	some f in findings(os, closed)
	f.detail.hours == 0
}

test_roles_are_trn_01s if {
	os := [person("T-1", "third_party", []), person("O-1", "officer", [t("2023-03-01", 10, "prudent")])]
	count(findings(os, closed)) == 0
}

test_year_not_closed_reports_nothing if {
	count(findings([person("O-1", "officer", [])], testing.run("2023-12-31"))) == 0
}

# prudent_hours: the category looked up first gives the hours of prudent_training, in any case.
test_prudent_hours_match_prudent_training if {
	cats := ["prudent", "discretion", "central"]
	ex := ["central", "practical"]
	counted := {"prudent": true, "discretion": true}
	o := {"id": "O-1", "training": [
		t("2023-03-01", 4, "prudent"), t("2022-03-01", 4, "prudent"), t("2023-03-01", null, "discretion"),
		t("2023-03-01", 40, "central"), t(null, 3, "discretion"), t("2023-05-01", 2.5, "discretion"),
		{"date": "2023-05-01", "hours": 7}, t("2023-05-01", 9, "law"),
	]}
	h := trn_03.prudent_hours(o, cats, ex, counted, false, "2023") with data.jiandu.profile as profile
	h == 6.5
	h == sum([x.hours | some x in trn_03.prudent_training(o, cats, ex)]) with data.jiandu.profile as profile
	trn_03.prudent_hours({"id": "O-2"}, cats, ex, counted, false, "2023") == 0
}

test_prudent_hours_count_entries_without_a_category_when_null_is_a_category if {
	o := {"id": "O-1", "training": [{"date": "2023-05-01", "hours": 7}, t("2023-05-01", 2, null), t("2023-05-01", 1, "prudent")]}
	h := trn_03.prudent_hours(o, ["prudent", null], [], {"prudent": true, null: true}, true, "2023") with data.jiandu.profile as profile
	h == 10
}

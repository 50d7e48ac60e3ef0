package jiandu.rules.qual_05_test

import data.jiandu.lib.testing
import data.jiandu.rules.qual_05

profile := testing.profile(null, ["QUAL-05"], {"QUAL-05": {"reviewer_share_min": 0.05}})

staff(n, role, reviewer) := [{"id": sprintf("%s-%d-%v", [role, i, reviewer]), "unit": "U-SJ", "role": role, "legal_reviewer": reviewer} |
	some i in numbers.range(1, n)
]

inp(officers) := {
	"scope": "unit", "unit_id": "U-SJ", "officers": officers,
	"units": [{"id": "U-SJ", "name": "市场监督管理局", "type": "department"}],
}

# national judges the year of the export's period (else of the as-of date)
run(as_of) := object.union(testing.run(as_of), {"period": {"from": "2023-01-01", "to": "2023-12-31"}})

findings(officers, as_of) := fs if {
	fs := qual_05.findings with input as inp(officers) with data.jiandu.profile as profile with data.jiandu.run as run(as_of)
}

summary(officers) := s if {
	s := qual_05.summary with input as inp(officers) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-01-10")
}

test_exactly_five_percent_passes if {
	officers := array.concat(staff(1, "officer", true), staff(19, "officer", false))
	count(findings(officers, "2024-01-10")) == 0
	summary(officers) == {"reviewers": 1, "officers": 20}
}

test_below_five_percent_fails if {
	# 1 of 21 = 4.76%: needs 2
	officers := array.concat(staff(1, "officer", true), staff(20, "officer", false))
	fs := findings(officers, "2024-01-10")
	testing.keys_of(fs) == {["QUAL-05", "U-SJ", ""]}
	some f in fs
	f.kind == "unit"
	f.unit == "U-SJ"
	f.message == "单位 U-SJ（市场监督管理局） 法制审核人员 1 名，占执法人员 21 名的 4.76%，低于 5.00%（至少需 2 名，差 1 名；依据：source of QUAL-05.reviewer_share_min）"
	f.message_en == "Unit U-SJ (市场监督管理局) has 1 legal reviewer(s) among 21 officers (4.76%), below 5.00% (needs 2, short by 1; per source of QUAL-05.reviewer_share_min)"
	f.detail.numerator == 1
	f.detail.denominator == 21
	f.detail.needed == 2
	f.detail.min == 0.05
}

test_no_reviewer_fails if {
	fs := findings(staff(3, "officer", null), "2024-01-10")
	some f in fs
	f.detail.numerator == 0
	f.detail.needed == 1
	f.message == "单位 U-SJ（市场监督管理局） 法制审核人员 0 名，占执法人员 3 名的 0.00%，低于 5.00%（至少需 1 名，差 1 名；依据：source of QUAL-05.reviewer_share_min）"
}

test_only_role_officer_counts if {
	# an auxiliary reviewer is not counted in the numerator; auxiliaries do not swell the denominator
	fail := array.concat(staff(1, "auxiliary", true), staff(10, "officer", false))
	some f in findings(fail, "2024-01-10")
	f.detail.numerator == 0
	f.detail.denominator == 10
	ok := array.concat(array.concat(staff(1, "officer", true), staff(19, "officer", false)), staff(30, "third_party", false))
	count(findings(ok, "2024-01-10")) == 0
	summary(ok) == {"reviewers": 1, "officers": 20}
}

test_year_not_closed_reports_nothing_but_summary if {
	officers := staff(3, "officer", false)
	count(findings(officers, "2023-12-31")) == 0
	summary(officers) == {"reviewers": 0, "officers": 3}
}

test_no_officers_no_finding if {
	count(findings(staff(2, "auxiliary", false), "2024-01-10")) == 0
	count(findings([], "2024-01-10")) == 0
}

test_unit_without_record_uses_its_id if {
	i := {"scope": "unit", "unit_id": "U-X", "officers": [{"id": "O-1", "unit": "U-X", "role": "officer"}]}
	fs := qual_05.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run("2024-01-10")
	some f in fs
	f.record == "U-X"
	startswith(f.message, "单位 U-X 法制审核人员 0 名")
}

test_no_summary_outside_the_unit_partition if {
	not qual_05.summary with input as {"scope": "export", "units": []} with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-01-10")
}

test_national_without_a_period_judges_the_as_of_year if {
	# no export period: the year judged is the as-of date's, which has not ended yet
	fs := qual_05.findings with input as inp(staff(3, "officer", false)) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-01-10")
	count(fs) == 0
}

test_year_profile_judges_after_its_year if {
	p := testing.profile(2023, ["QUAL-05"], {"QUAL-05": {"reviewer_share_min": 0.05}})
	fs := qual_05.findings with input as inp(staff(3, "officer", false)) with data.jiandu.profile as p with data.jiandu.run as testing.run("2024-01-01")
	testing.keys_of(fs) == {["QUAL-05", "U-SJ", ""]}
}

package jiandu.rules.cert_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.cert_01

profile := testing.profile(2022, ["CERT-01"], {"CERT-01": {"town_certified_min": 0.9}})

closed := testing.run("2023-01-10")

good := {"number": "33-1", "status": "valid", "issued": "2020-01-01", "expires": "2025-12-31"}

officer(id, role, c) := {"id": id, "unit": "U-JS", "role": role, "certificate": c}

# n officers, the first k of whom hold a valid certificate
staff(n, k) := [officer(sprintf("O-%02d", [i]), "officer", cert(i <= k)) | some i in numbers.range(1, n)]

cert(true) := good

cert(false) := null

town := [{"id": "U-JS", "name": "娄桥街道", "type": "town"}]

inp(units, officers) := {"scope": "unit", "unit_id": "U-JS", "units": units, "officers": officers}

findings(units, officers, run) := fs if {
	fs := cert_01.findings with input as inp(units, officers) with data.jiandu.profile as profile with data.jiandu.run as run
}

summary(units, officers) := s if {
	s := cert_01.summary with input as inp(units, officers) with data.jiandu.profile as profile with data.jiandu.run as closed
}

test_exactly_ninety_percent_passes if {
	count(findings(town, staff(10, 9), closed)) == 0
	summary(town, staff(10, 9)) == {"certified": 9, "officers": 10}
}

test_below_ninety_percent_fails if {
	fs := findings(town, staff(10, 8), closed)
	testing.keys_of(fs) == {["CERT-01", "U-JS", ""]}
	some f in fs
	f.kind == "unit"
	f.unit == "U-JS"
	f.message == "镇街单位 U-JS（娄桥街道） 于 2022-12-31 持有效执法证件的执法人员 8 名 / 共 10 名，持证率 80.00%，低于 90.00%，差 1 名（依据：source of CERT-01.town_certified_min）"
	f.message_en == "Town unit U-JS (娄桥街道): 8 of 10 officers hold a valid certificate on 2022-12-31 (80.00%), below 90.00%, short by 1 (per source of CERT-01.town_certified_min)"
	f.detail.numerator == 8
	f.detail.denominator == 10
	f.detail.uncertified == ["O-09", "O-10"]
	f.detail.needed == 9
}

test_invalid_certificates_do_not_count if {
	os := [
		officer("O-1", "officer", good),
		officer("O-2", "officer", object.union(good, {"status": "suspended"})),
		officer("O-3", "officer", object.union(good, {"expires": "2022-12-30"})),
		officer("O-4", "officer", object.union(good, {"issued": "2023-01-01"})),
		officer("O-5", "officer", {"status": "valid"}),
		officer("O-6", "officer", object.union(good, {"expires": "2022-12-31"})),
	]
	summary(town, os) == {"certified": 2, "officers": 6}
	some f in findings(town, os, closed)
	f.detail.uncertified == ["O-2", "O-3", "O-4", "O-5"]
}

test_only_role_officer_counts if {
	os := array.concat(staff(9, 9), [officer("A-1", "auxiliary", null), officer("T-1", "third_party", null)])
	summary(town, os) == {"certified": 9, "officers": 9}
	count(findings(town, os, closed)) == 0
}

test_other_unit_types_are_not_judged if {
	dept := [{"id": "U-JS", "type": "department"}]
	count(findings(dept, staff(10, 0), closed)) == 0
	not cert_01.summary with input as inp(dept, staff(10, 0)) with data.jiandu.profile as profile with data.jiandu.run as closed
	count(findings([], staff(10, 0), closed)) == 0
}

test_year_not_closed_reports_nothing_but_summary if {
	count(findings(town, staff(10, 0), testing.run("2022-12-31"))) == 0
	s := cert_01.summary with input as inp(town, staff(10, 3)) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2022-06-30")
	s == {"certified": 3, "officers": 10}
}

test_before_the_year_ends_the_as_of_date_decides_validity if {
	# expired 2022-06-29: not valid on an as-of of 2022-06-30
	os := [officer("O-1", "officer", object.union(good, {"expires": "2022-06-29"}))]
	s := cert_01.summary with input as inp(town, os) with data.jiandu.profile as profile with data.jiandu.run as testing.run("2022-06-30")
	s == {"certified": 0, "officers": 1}
}

test_no_officers_no_finding if {
	count(findings(town, [], closed)) == 0
	count(findings(town, [officer("A-1", "auxiliary", null)], closed)) == 0
}

test_town_record_without_a_name if {
	fs := findings([{"id": "U-JS", "type": "town"}], staff(2, 1), closed)
	some f in fs
	startswith(f.message, "镇街单位 U-JS 于 2022-12-31 持有效执法证件的执法人员 1 名 / 共 2 名")
	startswith(f.message_en, "Town unit U-JS: 1 of 2 officers")
}

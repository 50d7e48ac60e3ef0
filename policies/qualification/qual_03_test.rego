package jiandu.rules.qual_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.qual_03

profile := testing.profile(2024, ["QUAL-03"], {"QUAL-03": {"enforcement_post": "enforcement"}})

cert(status, issued, expires) := {"number": "44-0001", "status": status, "issued": issued, "expires": expires}

officer(id, role, post, c) := {"id": id, "name": "王五", "unit": "U-TS", "role": role, "post": post, "certificate": c}

good := cert("valid", "2022-01-01", "2027-12-31")

findings(officers, as_of) := fs if {
	i := {"scope": "unit", "unit_id": "U-TS", "officers": officers}
	fs := qual_03.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as testing.run(as_of)
}

test_certified_officer_in_enforcement_post_passes if {
	count(findings([officer("O-1", "officer", "enforcement", good)], "2024-06-30")) == 0
}

test_certified_officer_in_other_post_is_a_warning if {
	fs := findings([officer("O-1", "officer", "other", good)], "2024-06-30")
	testing.keys_of(fs) == {["QUAL-03", "O-1", ""]}
	some f in fs
	f.kind == "officer"
	f.unit == "U-TS"
	f.message == "执法人员 O-1（王五） 于 2024-06-30 持有效执法证件（有效期至 2027-12-31），但岗位为 other，不在执法岗位（依据：source of QUAL-03.enforcement_post）"
	f.message_en == "O-1 (王五) holds a valid enforcement certificate on 2024-06-30 (expires 2027-12-31) but the post is other, not an enforcement post (per source of QUAL-03.enforcement_post)"
	f.detail == {"date": "2024-06-30", "post": "other", "required_post": "enforcement", "certificate": "44-0001", "issued": "2022-01-01", "expires": "2027-12-31", "source": "source of QUAL-03.enforcement_post"}
}

test_absent_or_null_post_is_not_enforcement if {
	absent := {"id": "O-2", "unit": "U-TS", "role": "officer", "certificate": good}
	fs := findings([officer("O-1", "officer", null, good), absent], "2024-06-30")
	testing.keys_of(fs) == {["QUAL-03", "O-1", ""], ["QUAL-03", "O-2", ""]}
	some f in fs
	f.record == "O-2"
	f.message == "执法人员 O-2 于 2024-06-30 持有效执法证件（有效期至 2027-12-31），但未登记岗位，不在执法岗位（依据：source of QUAL-03.enforcement_post）"
	f.detail.post == null
}

test_any_role_is_checked if {
	fs := findings([officer("A-1", "auxiliary", "other", good)], "2024-06-30")
	testing.keys_of(fs) == {["QUAL-03", "A-1", ""]}
}

test_no_or_invalid_certificate_is_not_this_rules if {
	fs := findings(
		[
			officer("O-1", "officer", "other", null),
			officer("O-2", "officer", "other", cert("suspended", "2022-01-01", "2027-12-31")),
			officer("O-3", "officer", "other", cert("revoked", "2022-01-01", "2027-12-31")),
			officer("O-4", "officer", "other", cert("valid", "2022-01-01", "2024-06-29")),
			officer("O-5", "officer", "other", cert("valid", "2024-07-01", "2029-06-30")),
			officer("O-6", "officer", "other", {"status": "valid"}),
			{"id": "O-7", "unit": "U-TS", "role": "officer", "post": "other"},
		],
		"2024-06-30",
	)
	count(fs) == 0
}

test_validity_boundaries_are_inclusive if {
	fs := findings(
		[
			officer("O-1", "officer", "other", cert("valid", "2024-06-30", "2029-06-29")),
			officer("O-2", "officer", "other", cert("valid", "2019-07-01", "2024-06-30")),
		],
		"2024-06-30",
	)
	testing.keys_of(fs) == {["QUAL-03", "O-1", ""], ["QUAL-03", "O-2", ""]}
}

test_after_the_year_the_last_day_of_the_year_decides if {
	# as-of 2025-03-01: D = 2024-12-31
	fs := findings(
		[
			officer("O-1", "officer", "other", cert("valid", "2019-12-31", "2024-12-31")),
			officer("O-2", "officer", "other", cert("valid", "2019-12-30", "2024-12-30")),
			officer("O-3", "officer", "other", cert("valid", "2025-01-02", "2030-01-01")),
		],
		"2025-03-01",
	)
	testing.keys_of(fs) == {["QUAL-03", "O-1", ""]}
	some f in fs
	f.detail.date == "2024-12-31"
}

package jiandu.rules.qual_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.qual_01

profile := testing.profile(null, ["QUAL-01"], {"QUAL-01": {"valid_status": "valid"}})

run := testing.run("2024-01-10")

cert(status, issued, expires) := {"number": "N-1", "status": status, "issued": issued, "expires": expires}

officer(id, unit, c) := {"id": id, "name": "张三", "unit": unit, "role": "officer", "certificate": c}

good := cert("valid", "2020-01-01", "2025-12-31")

case_decided(id, handlers, date) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general",
	"opened": "2023-01-05", "handlers": handlers, "decision": {"date": date},
}

inp(cases, officers) := {
	"scope": "unit", "unit_id": "U-SJ", "cases": cases,
	"handlers": {o.id: o | some o in officers},
}

findings(i) := fs if {
	fs := qual_01.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_valid_certificates_pass if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1", "O-2"], "2023-05-10")],
		[officer("O-1", "U-SJ", good), officer("O-2", "U-SJ", good)],
	))
	count(fs) == 0
}

test_issued_and_expiring_on_the_act_date_pass if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1", "O-2"], "2023-05-10")],
		[
			officer("O-1", "U-SJ", cert("valid", "2023-05-10", "2028-05-09")),
			officer("O-2", "U-SJ", cert("valid", "2018-05-11", "2023-05-10")),
		],
	))
	count(fs) == 0
}

test_expired_certificate_is_a_finding_per_handler if {
	fs := findings(inp(
		[case_decided("C-2023-0001", ["O-1", "O-2"], "2023-05-10")],
		[officer("O-1", "U-SJ", cert("valid", "2018-04-01", "2023-03-31")), officer("O-2", "U-SJ", good)],
	))
	testing.keys_of(fs) == {["QUAL-01", "C-2023-0001", "O-1"]}
	some f in fs
	f.kind == "case"
	f.unit == "U-SJ"
	f.message == "案件 C-2023-0001 的执法人员 O-1（张三） 在决定日 2023-05-10 未持有效执法证件：证件有效期至 2023-03-31，已过期（依据：source of QUAL-01.valid_status）"
	f.message_en == "Case C-2023-0001: handler O-1 (张三) held no valid enforcement certificate on the decision date 2023-05-10: the certificate expired on 2023-03-31 (per source of QUAL-01.valid_status)"
	f.detail.reasons == ["expired"]
	f.detail.act_date == "2023-05-10"
	f.detail.expires == "2023-03-31"
}

test_day_after_expiry_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-11")],
		[officer("O-1", "U-SJ", cert("valid", "2018-05-11", "2023-05-10"))],
	))
	testing.keys_of(fs) == {["QUAL-01", "C-1", "O-1"]}
}

test_certificate_issued_after_the_act_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-10")],
		[officer("O-1", "U-SJ", cert("valid", "2023-05-11", "2028-05-10"))],
	))
	some f in fs
	f.key == "O-1"
	f.detail.reasons == ["not_yet_issued"]
	f.message == "案件 C-1 的执法人员 O-1（张三） 在决定日 2023-05-10 未持有效执法证件：证件 2023-05-11 才签发，晚于该日（依据：source of QUAL-01.valid_status）"
}

test_suspended_certificate_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-10")],
		[officer("O-1", "U-SJ", cert("suspended", "2020-01-01", "2025-12-31"))],
	))
	some f in fs
	f.detail.reasons == ["status"]
	f.detail.status == "suspended"
	f.message == "案件 C-1 的执法人员 O-1（张三） 在决定日 2023-05-10 未持有效执法证件：证件状态为 suspended，应为 valid（依据：source of QUAL-01.valid_status）"
}

test_null_status_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-10")],
		[officer("O-1", "U-SJ", cert(null, "2020-01-01", "2025-12-31"))],
	))
	some f in fs
	f.detail.reasons == ["status"]
}

test_no_certificate_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1", "O-2"], "2023-05-10")],
		[officer("O-1", "U-SJ", null), {"id": "O-2", "unit": "U-SJ", "role": "officer"}],
	))
	testing.keys_of(fs) == {["QUAL-01", "C-1", "O-1"], ["QUAL-01", "C-1", "O-2"]}
	every f in fs {
		f.detail.reasons == ["no_certificate"]
		f.detail.status == null
	}
	some f in fs
	f.key == "O-2"
	f.message == "案件 C-1 的执法人员 O-2 在决定日 2023-05-10 未持有效执法证件：无执法证件（依据：source of QUAL-01.valid_status）"
}

test_certificate_without_dates_fails if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-10")],
		[officer("O-1", "U-SJ", {"status": "valid"})],
	))
	some f in fs
	f.detail.reasons == ["no_issued", "no_expires"]
	f.message == "案件 C-1 的执法人员 O-1（张三） 在决定日 2023-05-10 未持有效执法证件：证件无签发日期；证件无有效期（依据：source of QUAL-01.valid_status）"
}

test_several_reasons_in_order if {
	fs := findings(inp(
		[case_decided("C-1", ["O-1"], "2023-05-10")],
		[officer("O-1", "U-SJ", cert("expired", "2015-01-01", "2020-12-31"))],
	))
	some f in fs
	f.detail.reasons == ["status", "expired"]
}

test_undecided_case_is_judged_on_the_opening_date if {
	c := {"id": "C-1", "unit": "U-SJ", "category": "penalty", "opened": "2023-04-01", "handlers": ["O-1"], "decision": null}
	ok := findings(inp([c], [officer("O-1", "U-SJ", cert("valid", "2018-04-01", "2023-04-01"))]))
	count(ok) == 0
	fs := findings(inp([c], [officer("O-1", "U-SJ", cert("valid", "2018-04-01", "2023-03-31"))]))
	some f in fs
	f.detail.act == "opened"
	f.detail.act_date == "2023-04-01"
	f.message == "案件 C-1 的执法人员 O-1（张三） 在立案日 2023-04-01 未持有效执法证件：证件有效期至 2023-03-31，已过期（依据：source of QUAL-01.valid_status）"
}

test_decision_date_wins_over_opening_date if {
	# valid when opened, expired by the decision
	c := case_decided("C-1", ["O-1"], "2023-06-01")
	fs := findings(inp([c], [officer("O-1", "U-SJ", cert("valid", "2018-01-01", "2023-03-01"))]))
	testing.keys_of(fs) == {["QUAL-01", "C-1", "O-1"]}
}

test_handler_of_another_unit_is_checked_finding_on_the_case_unit if {
	fs := findings(inp(
		[case_decided("C-1", ["O-9"], "2023-05-10")],
		[officer("O-9", "U-OTHER", null)],
	))
	some f in fs
	f.unit == "U-SJ"
	f.key == "O-9"
}

test_unresolved_handler_is_not_this_rules if {
	fs := findings(inp([case_decided("C-1", ["O-404"], "2023-05-10")], []))
	count(fs) == 0
}

test_year_profile_judges_only_its_year if {
	p := testing.profile(2023, ["QUAL-01"], {"QUAL-01": {"valid_status": "valid"}})
	i := inp(
		[case_decided("C-1", ["O-1"], "2023-12-31"), case_decided("C-2", ["O-1"], "2024-01-02")],
		[officer("O-1", "U-SJ", null)],
	)
	fs := qual_01.findings with input as i with data.jiandu.profile as p with data.jiandu.run as run
	testing.keys_of(fs) == {["QUAL-01", "C-1", "O-1"]}
}

test_the_status_parameter_is_read if {
	p := testing.profile(null, ["QUAL-01"], {"QUAL-01": {"valid_status": "active"}})
	i := inp([case_decided("C-1", ["O-1"], "2023-05-10")], [officer("O-1", "U-SJ", good)])
	fs := qual_01.findings with input as i with data.jiandu.profile as p with data.jiandu.run as run
	some f in fs
	f.detail.required_status == "active"
}

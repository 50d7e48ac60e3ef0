package jiandu.rules.qual_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.qual_02

params := {"QUAL-02": {"forbidden_roles": ["auxiliary", "third_party"]}}

profile := testing.profile(2023, ["QUAL-02"], params)

run := testing.run("2024-01-10")

person(id, role) := {"id": id, "name": "李四", "unit": "U-SJ", "role": role}

kase(id, handlers, date) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general",
	"opened": "2023-01-05", "handlers": handlers, "decision": {"date": date},
}

inp(cases, people) := {
	"scope": "unit", "unit_id": "U-SJ", "cases": cases,
	"handlers": {o.id: o | some o in people},
}

findings(i) := fs if {
	fs := qual_02.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as run
}

test_officers_only_pass if {
	fs := findings(inp([kase("C-1", ["O-1", "O-2"], "2023-05-10")], [person("O-1", "officer"), person("O-2", "officer")]))
	count(fs) == 0
}

test_auxiliary_handler_fails if {
	fs := findings(inp([kase("C-2023-0007", ["O-1", "A-1"], "2023-05-10")], [person("O-1", "officer"), person("A-1", "auxiliary")]))
	testing.keys_of(fs) == {["QUAL-02", "C-2023-0007", ""]}
	some f in fs
	f.kind == "case"
	f.unit == "U-SJ"
	f.message == "案件 C-2023-0007 有 1 名非行政执法人员参与办理：A-1（李四，辅助人员）（依据：source of QUAL-02.forbidden_roles）"
	f.message_en == "Case C-2023-0007 is handled by 1 non-officer staff: A-1 (李四, auxiliary staff) (per source of QUAL-02.forbidden_roles)"
	f.detail.handlers == ["A-1"]
	f.detail.roles == {"A-1": "auxiliary"}
}

test_third_party_and_auxiliary_in_one_finding if {
	t := {"id": "T-1", "unit": "U-SJ", "role": "third_party"}
	fs := findings(inp([kase("C-1", ["T-1", "A-1"], "2023-05-10")], [t, person("A-1", "auxiliary")]))
	count(fs) == 1
	some f in fs
	f.detail.handlers == ["A-1", "T-1"]
	f.message == "案件 C-1 有 2 名非行政执法人员参与办理：A-1（李四，辅助人员）、T-1（第三方服务机构人员）（依据：source of QUAL-02.forbidden_roles）"
}

test_unresolved_handler_is_not_this_rules if {
	fs := findings(inp([kase("C-1", ["X-404"], "2023-05-10")], []))
	count(fs) == 0
}

test_cases_of_other_years_are_not_judged if {
	fs := findings(inp(
		[kase("C-1", ["A-1"], "2022-12-31"), kase("C-2", ["A-1"], "2024-01-01"), kase("C-3", ["A-1"], "2023-12-31")],
		[person("A-1", "auxiliary")],
	))
	testing.keys_of(fs) == {["QUAL-02", "C-3", ""]}
}

test_undecided_case_judged_by_opening_date if {
	c := {"id": "C-1", "unit": "U-SJ", "category": "penalty", "opened": "2023-11-01", "handlers": ["A-1"]}
	old := {"id": "C-2", "unit": "U-SJ", "category": "penalty", "opened": "2022-11-01", "handlers": ["A-1"], "decision": null}
	fs := findings(inp([c, old], [person("A-1", "auxiliary")]))
	testing.keys_of(fs) == {["QUAL-02", "C-1", ""]}
}

test_roles_come_from_the_parameter if {
	p := testing.profile(2023, ["QUAL-02"], {"QUAL-02": {"forbidden_roles": ["third_party"]}})
	i := inp([kase("C-1", ["A-1"], "2023-05-10")], [person("A-1", "auxiliary")])
	fs := qual_02.findings with input as i with data.jiandu.profile as p with data.jiandu.run as run
	count(fs) == 0
}

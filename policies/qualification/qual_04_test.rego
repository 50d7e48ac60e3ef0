package jiandu.rules.qual_04_test

import data.jiandu.lib.testing
import data.jiandu.rules.qual_04

params := {"QUAL-04": {"min_handlers": 2, "procedures": ["general"]}}

profile := testing.profile(null, ["QUAL-04"], params)

kase(id, procedure, handlers) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": procedure,
	"opened": "2023-01-05", "handlers": handlers, "decision": {"date": "2023-03-01"},
}

findings(cases) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "cases": cases, "handlers": {}}
	fs := qual_04.findings with input as i with data.jiandu.profile as profile with data.jiandu.run as testing.run("2024-01-10")
}

test_two_handlers_pass if {
	count(findings([kase("C-1", "general", ["O-1", "O-2"]), kase("C-2", "general", ["O-1", "O-2", "O-3"])])) == 0
}

test_unresolved_ids_count if {
	count(findings([kase("C-1", "general", ["O-1", "X-404"])])) == 0
}

test_one_handler_fails if {
	fs := findings([kase("C-2023-0003", "general", ["O-1"])])
	testing.keys_of(fs) == {["QUAL-04", "C-2023-0003", ""]}
	some f in fs
	f.kind == "case"
	f.unit == "U-SJ"
	f.message == "一般程序案件 C-2023-0003 有 1 名执法人员（O-1），少于 2 名，差 1 名（依据：source of QUAL-04.min_handlers）"
	f.message_en == "general-procedure case C-2023-0003 has 1 handler(s) (O-1), fewer than 2 (short by 1; per source of QUAL-04.min_handlers)"
	f.detail == {"procedure": "general", "handlers": ["O-1"], "count": 1, "min": 2, "short": 1, "source": "source of QUAL-04.min_handlers"}
}

test_no_handlers_fails if {
	absent := {"id": "C-2", "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2023-02-01"}
	fs := findings([kase("C-1", "general", []), absent])
	testing.keys_of(fs) == {["QUAL-04", "C-1", ""], ["QUAL-04", "C-2", ""]}
	some f in fs
	f.record == "C-1"
	f.message == "一般程序案件 C-1 有 0 名执法人员，少于 2 名，差 2 名（依据：source of QUAL-04.min_handlers）"
}

test_the_same_id_twice_is_one_handler if {
	fs := findings([kase("C-1", "general", ["O-1", "O-1"])])
	some f in fs
	f.detail.count == 1
}

test_simple_and_absent_procedure_are_not_checked if {
	none := {"id": "C-3", "unit": "U-SJ", "category": "penalty", "opened": "2023-01-05", "handlers": ["O-1"]}
	count(findings([kase("C-1", "simple", ["O-1"]), kase("C-2", null, []), none])) == 0
}

test_undecided_case_is_checked if {
	c := {"id": "C-1", "unit": "U-SJ", "category": "license", "procedure": "general", "opened": "2023-01-05", "handlers": ["O-1"], "decision": null}
	testing.keys_of(findings([c])) == {["QUAL-04", "C-1", ""]}
}

test_minimum_comes_from_the_parameter if {
	p := testing.profile(null, ["QUAL-04"], {"QUAL-04": {"min_handlers": 3, "procedures": ["general", "simple"]}})
	i := {"scope": "unit", "unit_id": "U-SJ", "cases": [kase("C-1", "simple", ["O-1", "O-2"])], "handlers": {}}
	fs := qual_04.findings with input as i with data.jiandu.profile as p with data.jiandu.run as testing.run("2024-01-10")
	some f in fs
	f.message == "简易程序案件 C-1 有 2 名执法人员（O-1、O-2），少于 3 名，差 1 名（依据：source of QUAL-04.min_handlers）"
}

package jiandu.rules.data_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.data_02

prof := testing.profile(null, ["DATA-02"], {})

test_dangling_handler_is_a_finding_keyed_by_field if {
	e := {
		"kind": "case", "id": "C-1", "unit": "U-1", "field": "handlers/1", "ref_kind": "officer", "ref": "O-99",
		"location": {"file": "e.json", "pointer": "/cases/0"},
	}
	fs := data_02.findings with input as {"scope": "export", "facts": {"dangling_refs": [e]}}
		with data.jiandu.profile as prof
	{[f.record, f.key] | some f in fs} == {["C-1", "handlers/1"]}
	some f in fs
	contains(f.message, "O-99")
	f.detail.ref_kind == "officer"
}

test_two_dangling_references_of_one_record_are_two_findings if {
	es := [
		{"kind": "case", "id": "C-1", "unit": "U-1", "field": "unit", "ref_kind": "unit", "ref": "U-X", "location": {"file": "e.json"}},
		{"kind": "case", "id": "C-1", "unit": "U-1", "field": "handlers/0", "ref_kind": "officer", "ref": "O-X", "location": {"file": "e.json"}},
	]
	fs := data_02.findings with input as {"scope": "export", "facts": {"dangling_refs": es}}
		with data.jiandu.profile as prof
	count(fs) == 2
}

test_no_dangling_no_finding if {
	count(data_02.findings) == 0 with input as {"scope": "export", "facts": {"dangling_refs": []}}
		with data.jiandu.profile as prof
}

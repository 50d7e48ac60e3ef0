package jiandu.rules.data_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.data_01

prof := testing.profile(null, ["DATA-01"], {})

fact := {
	"kind": "case", "id": "C-1", "unit": "U-1", "path": "/opened",
	"reason": "/opened: '2023-02-30' is not valid 'date'", "value": "2023-02-30",
	"location": {"file": "e.json", "pointer": "/cases/3"},
}

test_schema_error_is_a_finding_with_its_pointer_and_reason if {
	fs := data_01.findings with input as {"scope": "export", "facts": {"schema_errors": [fact]}}
		with data.jiandu.profile as prof
	count(fs) == 1
	some f in fs
	f.rule == "DATA-01"
	f.kind == "case"
	f.record == "C-1"
	f.unit == "U-1"
	f.location == {"file": "e.json", "pointer": "/cases/3"}
	f.detail.path == "/opened"
	contains(f.message, "2023-02-30")
}

test_broken_file_part_is_an_export_finding if {
	e := {"kind": "export", "id": "e.json", "path": "/", "reason": "broken JSON at byte 10", "location": {"file": "e.json"}}
	fs := data_01.findings with input as {"scope": "export", "facts": {"schema_errors": [e]}}
		with data.jiandu.profile as prof
	{[f.kind, f.record] | some f in fs} == {["export", "e.json"]}
}

test_no_schema_errors_no_finding if {
	count(data_01.findings) == 0 with input as {"scope": "export", "facts": {"schema_errors": []}}
		with data.jiandu.profile as prof
}

test_unit_partition_has_no_facts if {
	count(data_01.findings) == 0 with input as {"scope": "unit", "unit_id": "U-1", "cases": []}
		with data.jiandu.profile as prof
}

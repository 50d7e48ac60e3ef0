package jiandu.rules.data_04_test

import data.jiandu.lib.testing
import data.jiandu.rules.data_04

prof := testing.profile(null, ["DATA-04"], {})

test_unknown_key_once_per_file_and_key if {
	es := [
		{"kind": "case", "id": "a.json", "key": "remark", "location": {"file": "a.json", "pointer": "/cases/0"}},
		{"kind": "export", "id": "a.json", "key": "extra", "location": {"file": "a.json", "pointer": "/extra"}},
	]
	fs := data_04.findings with input as {"scope": "export", "facts": {"unknown_keys": es}}
		with data.jiandu.profile as prof
	{[f.kind, f.record, f.key] | some f in fs} == {["case", "a.json", "remark"], ["export", "a.json", "extra"]}
}

test_no_unknown_keys_no_finding if {
	count(data_04.findings) == 0 with input as {"scope": "export", "facts": {"unknown_keys": []}}
		with data.jiandu.profile as prof
}

package jiandu.rules.data_03_test

import data.jiandu.lib.testing
import data.jiandu.rules.data_03

prof := testing.profile(null, ["DATA-03"], {})

test_each_copy_after_the_first_names_the_first if {
	es := [
		{"kind": "officer", "id": "O-1", "unit": "U-1", "location": {"file": "a.json", "pointer": "/officers/5"}, "first": {"file": "a.json", "pointer": "/officers/0"}},
		{"kind": "officer", "id": "O-1", "unit": "U-1", "location": {"file": "b.ndjson", "line": 7}, "first": {"file": "a.json", "pointer": "/officers/0"}},
	]
	fs := data_03.findings with input as {"scope": "export", "facts": {"duplicates": es}}
		with data.jiandu.profile as prof
	{f.key | some f in fs} == {"a.json#/officers/5", "b.ndjson:7"}
	every f in fs {
		contains(f.message, "a.json#/officers/0")
	}
}

test_no_duplicates_no_finding if {
	count(data_03.findings) == 0 with input as {"scope": "export", "facts": {"duplicates": []}}
		with data.jiandu.profile as prof
}

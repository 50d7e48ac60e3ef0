package jiandu.rules.case_06_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_06

qidong := testing.profile(2023, ["CASE-06"], {})

kase(id, decided, basis) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2023-05-04",
	"decision": {"date": decided, "fine": 2000, "discretion_basis": basis},
}

scan(cases) := fs if {
	fs := case_06.findings with input as {"cases": cases}
		with data.jiandu.profile as qidong
		with data.jiandu.run as testing.run("2023-12-31")
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_stated_benchmark_passes if {
	count(scan([kase("C-1", "2023-06-01", "《江苏省市场监管行政处罚裁量权基准》第十二条")])) == 0
}

test_missing_benchmark if {
	f := only(scan([kase("C-1", "2023-06-01", null)]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-06", "case", "C-1", "U-SJ", ""]
	f.detail == {"decision": "2023-06-01", "discretion_basis": null}
	contains(f.message, "案件 C-1 的行政处罚决定（决定 2023-06-01）未载明行政裁量权基准的适用情况")
}

test_absent_key_is_not_stated if {
	c := object.union(object.remove(kase("C-1", "2023-06-01", null), ["decision"]), {"decision": {"date": "2023-06-01", "fine": 100}})
	f := only(scan([c]))
	f.detail == {"decision": "2023-06-01", "discretion_basis": null}
}

test_blank_benchmark_is_not_stated if {
	f := only(scan([kase("C-1", "2023-06-01", "  ")]))
	f.detail.discretion_basis == "  "
	only(scan([kase("C-2", "2023-06-01", "")])).record == "C-2"
}

test_non_penalty_is_not_checked if {
	c := object.union(kase("C-1", "2023-06-01", null), {"category": "license"})
	count(scan([c])) == 0
}

test_undecided_penalty_is_not_checked if {
	count(scan([kase("C-1", null, null)])) == 0
}

test_year_profile_judges_only_its_year if {
	count(scan([kase("C-1", "2022-06-01", null)])) == 0
}

package jiandu.rules.case_04_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_04

ouhai := testing.profile(2022, ["CASE-04"], {})

kase(id, procedure, online) := {
	"id": id, "unit": "U-ZX", "category": "penalty", "procedure": procedure, "opened": "2022-04-06",
	"decision": {"date": "2022-05-10"}, "online": online,
}

scan(cases) := fs if {
	fs := case_04.findings with input as {"cases": cases}
		with data.jiandu.profile as ouhai
		with data.jiandu.run as testing.run("2022-12-31")
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_general_handled_online_passes if {
	count(scan([kase("C-1", "general", {"handled": true, "archived": false})])) == 0
}

test_simple_archived_online_passes if {
	count(scan([kase("C-1", "simple", {"handled": false, "archived": true})])) == 0
}

test_case_without_procedure_is_not_checked if {
	count(scan([object.remove(kase("C-1", "general", null), ["procedure"])])) == 0
	count(scan([kase("C-1", null, null)])) == 0
}

test_general_not_handled_online if {
	f := only(scan([kase("C-1", "general", {"handled": false, "archived": true})]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-04", "case", "C-1", "U-ZX", ""]
	f.detail == {"procedure": "general", "field": "online.handled", "value": false, "date": "2022-05-10"}
	contains(f.message, "一般程序案件 C-1 未网上办理（网上办理：否")
}

test_general_without_online_flag if {
	f := only(scan([kase("C-1", "general", null)]))
	f.detail.value == null
	contains(f.message, "网上办理：未记录")
	g := only(scan([kase("C-2", "general", {"archived": true})]))
	g.detail.field == "online.handled"
}

test_simple_not_archived_online if {
	f := only(scan([kase("C-1", "simple", {"handled": true, "archived": false})]))
	f.detail == {"procedure": "simple", "field": "online.archived", "value": false, "date": "2022-05-10"}
	contains(f.message, "简易程序案件 C-1 未网上归档")
}

test_simple_without_online_record if {
	c := object.remove(kase("C-1", "simple", null), ["online"])
	f := only(scan([c]))
	f.detail.value == null
}

test_undecided_case_is_checked_by_its_opening_date if {
	c := object.union(kase("C-1", "general", {"handled": false}), {"decision": null})
	f := only(scan([c]))
	f.detail.date == "2022-04-06"
}

test_year_profile_judges_only_its_year if {
	c := object.union(kase("C-1", "general", {"handled": false}), {"decision": {"date": "2023-01-05"}})
	count(scan([c])) == 0
	old := object.union(kase("C-2", "general", {"handled": false}), {"opened": "2021-11-01", "decision": null})
	count(scan([old])) == 0
}

test_several_cases if {
	fs := scan([
		kase("C-1", "general", {"handled": true}),
		kase("C-2", "general", {"handled": false}),
		kase("C-3", "simple", {"archived": true}),
		kase("C-4", "simple", {"archived": null}),
	])
	testing.keys_of(fs) == {["CASE-04", "C-2", ""], ["CASE-04", "C-4", ""]}
}

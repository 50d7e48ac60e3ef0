package jiandu.rules.qdx_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.qdx_01

four := ["license", "penalty", "coercion", "inspection"]

qidong := testing.profile(2023, ["QDX-01"], {"QDX-01": {"categories": four}})

kase(id, category, online) := {"id": id, "unit": "U-SJ", "category": category, "opened": "2023-03-01", "online": online}

findings(cases) := fs if {
	i := {"scope": "unit", "unit_id": "U-SJ", "cases": cases}
	fs := qdx_01.findings with input as i with data.jiandu.profile as qidong with data.jiandu.run as testing.run("2024-01-10")
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_entered_cases_of_every_category_pass if {
	count(findings([kase(sprintf("C-%s", [c]), c, {"handled": true}) | some c in four])) == 0
}

test_a_penalty_case_not_entered_is_a_finding if {
	f := only(findings([kase("C-1", "penalty", {"handled": false, "archived": true})]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["QDX-01", "case", "C-1", "U-SJ", ""]
	f.message == "行政处罚案件 C-1（2023-03-01 立案）未在江苏省行政执法管理和监督综合平台网上录入（网上录入：否；依据：source of QDX-01.categories）"
	f.message_en == "penalty case C-1 (opened 2023-03-01) was not entered on the Jiangsu enforcement supervision platform (online.handled is false; per source of QDX-01.categories)"
	f.detail == {"category": "penalty", "opened": "2023-03-01", "field": "online.handled", "value": false}
}

test_an_absent_flag_or_online_record_is_a_finding if {
	f := only(findings([kase("C-1", "license", null)]))
	contains(f.message, "网上录入：未记录")
	f.detail.value == null
	g := only(findings([object.remove(kase("C-2", "coercion", null), ["online"])]))
	g.record == "C-2"
	h := only(findings([kase("C-3", "inspection", {"archived": true})]))
	h.record == "C-3"
}

test_other_categories_are_not_judged if {
	count(findings([kase("C-1", "levy", {"handled": false}), kase("C-2", "other", null)])) == 0
}

test_the_categories_come_from_the_profile if {
	p := testing.profile(2023, ["QDX-01"], {"QDX-01": {"categories": ["penalty"]}})
	i := {"scope": "unit", "unit_id": "U-SJ", "cases": [kase("C-1", "license", null), kase("C-2", "penalty", null)]}
	fs := qdx_01.findings with input as i with data.jiandu.profile as p with data.jiandu.run as testing.run("2024-01-10")
	testing.keys_of(fs) == {["QDX-01", "C-2", ""]}
}

test_only_cases_opened_in_the_plan_year_are_judged if {
	old := object.union(kase("C-1", "penalty", null), {"opened": "2022-12-31"})
	next := object.union(kase("C-2", "penalty", null), {"opened": "2024-01-01"})
	count(findings([old, next])) == 0
}

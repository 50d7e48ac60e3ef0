package jiandu.rules.case_05_test

import data.jiandu.lib.testing
import data.jiandu.rules.case_05

stages := ["initiation", "investigation", "review", "service"]

qidong := testing.profile(2023, ["CASE-05"], {"CASE-05": {"required_stages": stages}})

rec(stage) := {"stage": stage, "media": "执法记录仪", "date": "2023-05-06"}

kase(id, decided, recorded) := {
	"id": id, "unit": "U-SJ", "category": "penalty", "procedure": "general", "opened": "2023-05-04",
	"decision": {"date": decided}, "recordings": [rec(s) | some s in recorded],
}

scan(cases) := fs if {
	fs := case_05.findings with input as {"cases": cases}
		with data.jiandu.profile as qidong
		with data.jiandu.run as testing.run("2023-12-31")
}

only(fs) := f if {
	count(fs) == 1
	some f in fs
}

test_every_stage_recorded_passes if {
	count(scan([kase("C-1", "2023-06-01", stages)])) == 0
	count(scan([kase("C-1", "2023-06-01", array.concat(stages, ["decision", "execution"]))])) == 0
}

test_undecided_case_is_not_checked if {
	count(scan([kase("C-1", null, [])])) == 0
	count(scan([object.remove(kase("C-1", null, []), ["decision"])])) == 0
}

test_missing_one_stage if {
	f := only(scan([kase("C-1", "2023-06-01", ["initiation", "investigation", "review"])]))
	[f.rule, f.kind, f.record, f.unit, f.key] == ["CASE-05", "case", "C-1", "U-SJ", ""]
	f.detail == {"decision": "2023-06-01", "missing": ["service"], "required": stages}
	contains(f.message, "案件 C-1（决定 2023-06-01）缺少执法全过程记录：送达 环节无记录")
}

test_no_recordings_at_all if {
	f := only(scan([object.remove(kase("C-1", "2023-06-01", []), ["recordings"])]))
	f.detail.missing == stages
	contains(f.message, "启动、调查取证、审核、送达")
}

test_decision_recording_is_not_a_review_recording if {
	f := only(scan([kase("C-1", "2023-06-01", ["initiation", "investigation", "decision", "service"])]))
	f.detail.missing == ["review"]
}

test_recording_without_stage_counts_for_nothing if {
	c := kase("C-1", "2023-06-01", ["initiation", "investigation", "review"])
	c2 := object.union(c, {"recordings": array.concat(c.recordings, [{"stage": null, "media": "录像"}])})
	f := only(scan([c2]))
	f.detail.missing == ["service"]
}

test_any_category_is_checked if {
	c := object.union(kase("C-1", "2023-06-01", ["initiation"]), {"category": "license"})
	f := only(scan([c]))
	f.detail.missing == ["investigation", "review", "service"]
}

test_required_stages_come_from_the_profile if {
	p := testing.profile(2023, ["CASE-05"], {"CASE-05": {"required_stages": ["initiation", "execution"]}})
	fs := case_05.findings with input as {"cases": [kase("C-1", "2023-06-01", stages)]}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2023-12-31")
	f := only(fs)
	f.detail.missing == ["execution"]
}

test_year_profile_judges_only_its_year if {
	count(scan([kase("C-1", "2022-12-30", [])])) == 0
	count(scan([kase("C-1", "2024-01-02", [])])) == 0
}

test_several_cases if {
	fs := scan([
		kase("C-1", "2023-06-01", stages),
		kase("C-2", "2023-06-01", ["initiation"]),
		kase("C-3", null, []),
	])
	testing.keys_of(fs) == {["CASE-05", "C-2", ""]}
}

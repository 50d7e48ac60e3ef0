package jiandu.rules.clue_01_test

import data.jiandu.lib.testing
import data.jiandu.rules.clue_01

clue(id, received, disposed) := {"id": id, "unit": "U1", "received": received, "source": "public", "disposed": disposed}

run(as_of, period) := object.union(testing.run(as_of), {"period": period})

findings(clues, r) := fs if {
	fs := clue_01.findings with input as {"scope": "unit", "unit_id": "U1", "clues": clues}
		with data.jiandu.profile as testing.profile(2022, ["CLUE-01"], {})
		with data.jiandu.run as r
}

test_undisposed_clue_once_the_year_has_ended if {
	fs := findings([clue("L1", "2022-05-01", null)], testing.run("2023-01-01"))
	fs == {{
		"rule": "CLUE-01", "kind": "clue", "record": "L1", "unit": "U1", "key": "",
		"message": "监督线索 L1（2022-05-01 收到）截至 2023-01-01 未处置；期内线索须于期末 2022-12-31 前处置，处置率 100%（001_8cc9de9d925df07c.txt 一(一)4）",
		"message_en": "Clue L1 (received 2022-05-01) is not disposed of by 2023-01-01; clues received in the period 2022-01-01..2022-12-31 must be disposed of by its end",
		"detail": {"received": "2022-05-01", "disposed": null, "period": {"from": "2022-01-01", "to": "2022-12-31"}, "due": "2022-12-31", "days_late": null},
	}}
}

test_nothing_before_the_period_ends if {
	count(findings([clue("L1", "2022-05-01", null)], testing.run("2022-12-31"))) == 0
}

test_disposed_on_the_last_day if {
	count(findings([clue("L1", "2022-05-01", "2022-12-31")], testing.run("2023-03-01"))) == 0
}

test_disposed_after_the_period if {
	fs := findings([clue("L1", "2022-12-20", "2023-01-05")], testing.run("2023-03-01"))
	{[f.record, f.detail.days_late] | some f in fs} == {["L1", 5]}
}

test_clues_received_outside_the_period if {
	count(findings([clue("L1", "2021-12-31", null), clue("L2", "2023-01-01", null)], testing.run("2023-03-01"))) == 0
}

test_export_header_period if {
	p := {"from": "2022-01-01", "to": "2022-06-30"}
	cs := [clue("L1", "2022-06-01", null), clue("L2", "2022-07-01", null), clue("L3", "2022-03-01", "2022-06-30")]
	count(findings(cs, run("2022-06-30", p))) == 0
	fs := findings(cs, run("2022-07-01", p))
	{[f.record, f.detail.due] | some f in fs} == {["L1", "2022-06-30"]}
}

test_header_period_with_one_end if {
	fs := findings([clue("L1", "2022-03-01", null), clue("L2", "2022-01-15", null)], run("2023-01-01", {"from": "2022-02-01", "to": null}))
	{[f.record, f.detail.period] | some f in fs} == {["L1", {"from": "2022-02-01", "to": "2022-12-31"}]}
}

test_year_profile_judges_clues_of_its_year if {
	p := {"from": "2022-07-01", "to": "2023-06-30"}
	fs := findings([clue("L1", "2022-08-01", null), clue("L2", "2023-02-01", null)], run("2023-07-01", p))
	{f.record | some f in fs} == {"L1"}
}

package jiandu.rules.rpt_02_test

import data.jiandu.lib.testing
import data.jiandu.rules.rpt_02

ob(id, published) := {
	"id": id, "title": sprintf("%s 标题", [id]), "title_en": id, "applies_to": ["department", "town"],
	"due": {"date": "2023-06-30"}, "period": "2023", "published": published, "min_count": 0,
	"source": sprintf("source of %s", [id]), "profile": "plan", "year": 2023, "binds_from": "2023-03-14",
}

obs := [ob("four_lists_update", true), ob("delegation_cleanup", false)]

sub(id, obligation, date, published) := {"id": id, "unit": "U1", "obligation": obligation, "period": "2023", "date": date, "published": published}

findings(subs, year) := fs if {
	p := object.union(testing.profile(year, ["RPT-02"], {}), {"obligations": obs})
	fs := rpt_02.findings with input as {"scope": "unit", "unit_id": "U1", "units": [{"id": "U1", "type": "department"}], "submissions": subs}
		with data.jiandu.profile as p
		with data.jiandu.run as testing.run("2023-12-31")
}

test_delivered_but_not_published if {
	fs := findings([sub("S1", "four_lists_update", "2023-06-20", false)], 2023)
	fs == {{
		"rule": "RPT-02", "kind": "submission", "record": "S1", "unit": "U1", "key": "",
		"message": "报送 S1：单位 U1 于 2023-06-20 报送“four_lists_update 标题”（four_lists_update，期次 2023），该事项须公示，但记录为未公示（source of four_lists_update）",
		"message_en": "Submission S1: unit U1 delivered \"four_lists_update\" (four_lists_update, period 2023) on 2023-06-20; it must be published but is recorded as not published",
		"detail": {"obligation": "four_lists_update", "period": "2023", "filed": "2023-06-20", "published": false},
		"sources": ["source of four_lists_update"],
	}}
}

test_published_passes if {
	count(findings([sub("S1", "four_lists_update", "2023-06-20", true)], 2023)) == 0
}

test_absent_published_flag_is_not_judged if {
	count(findings([sub("S1", "four_lists_update", "2023-06-20", null)], 2023)) == 0
	count(findings([{"id": "S1", "unit": "U1", "obligation": "four_lists_update", "period": "2023", "date": "2023-06-20"}], 2023)) == 0
}

test_not_delivered_is_not_rpt_02s if {
	count(findings([sub("S1", "four_lists_update", null, false)], 2023)) == 0
}

test_obligation_not_marked_published if {
	count(findings([sub("S1", "delegation_cleanup", "2023-06-20", false)], 2023)) == 0
}

test_obligation_the_profile_does_not_declare if {
	count(findings([sub("S1", "unknown", "2023-06-20", false)], 2023)) == 0
}

test_year_profile_judges_its_own_year if {
	count(findings([sub("S1", "four_lists_update", "2024-01-05", false)], 2023)) == 0
	{f.record | some f in findings([sub("S1", "four_lists_update", "2024-01-05", false)], null)} == {"S1"}
}

test_one_finding_per_submission if {
	subs := [
		sub("S1", "four_lists_update", "2023-06-20", false),
		sub("S2", "four_lists_update", "2023-06-21", false),
		sub("S3", "four_lists_update", "2023-06-22", true),
	]
	testing.keys_of(findings(subs, 2023)) == {["RPT-02", "S1", ""], ["RPT-02", "S2", ""]}
}

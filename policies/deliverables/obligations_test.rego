package jiandu.lib.obligations_test

import data.jiandu.lib.obligations
import data.jiandu.lib.testing

# ob(id, applies_to, due, period, extra): an obligation of a plan of 2023 issued 2023-03-14.
ob(id, applies_to, due, period, extra) := object.union(
	{
		"id": id, "title": id, "title_en": id, "applies_to": applies_to, "due": due, "period": period,
		"published": false, "min_count": 0, "source": sprintf("source of %s", [id]),
		"profile": "plan", "year": 2023, "binds_from": "2023-03-14",
	},
	extra,
)

national_ob(id, applies_to, due, period) := ob(id, applies_to, due, period, {"profile": "national", "year": null, "binds_from": null})

with_obs(year, obs) := object.union(testing.profile(year, [], {}), {"obligations": obs})

run := testing.run("2024-02-01")

dept := {"id": "U1", "type": "department"}

town := {"id": "U2", "type": "town"}

office := {"id": "U3", "type": "department", "supervision_office": true}

pairs(u, o, p) := ps if {
	is := obligations.unit_instances(o, u) with data.jiandu.profile as p with data.jiandu.run as run
	ps := {[i.period, i.due] | some i in is}
}

test_fixed_date_in_the_year if {
	o := ob("a", ["department"], {"date": "2023-06-30"}, "2023", {})
	pairs(dept, o, with_obs(2023, [o])) == {["2023", "2023-06-30"]}
}

test_fixed_date_outside_the_year_has_no_instance if {
	o := ob("a", ["department"], {"date": "2024-01-15"}, "2023", {})
	pairs(dept, o, with_obs(2023, [o])) == set()
}

test_due_before_the_plan_binds_has_no_instance if {
	o := ob("a", ["department"], {"date": "2023-03-13"}, "2023", {})
	pairs(dept, o, with_obs(2023, [o])) == set()
	o2 := ob("a", ["department"], {"date": "2023-03-14"}, "2023", {})
	pairs(dept, o2, with_obs(2023, [o2])) == {["2023", "2023-03-14"]}
}

test_national_yearly_binds_every_year if {
	o := national_ob("annual_report", ["department", "town"], {"yearly": {"month": 1, "day": 31}}, null)
	pairs(dept, o, with_obs(2023, [o])) == {["2022", "2023-01-31"]}
	pairs(town, o, with_obs(2024, [o])) == {["2023", "2024-01-31"]}
}

test_national_profile_takes_the_as_of_year if {
	o := national_ob("annual_report", ["department", "town"], {"yearly": {"month": 1, "day": 31}}, null)
	pairs(dept, o, with_obs(null, [o])) == {["2023", "2024-01-31"]}
}

test_by_type_picks_the_unit_type if {
	o := ob("discretion_benchmark", ["department", "town"], {"by_type": {"department": {"date": "2023-09-20"}, "town": {"date": "2023-09-30"}}}, "2023", {})
	p := with_obs(2023, [o])
	pairs(dept, o, p) == {["2023", "2023-09-20"]}
	pairs(town, o, p) == {["2023", "2023-09-30"]}
	pairs({"id": "U9", "type": "other"}, o, p) == set()
}

test_dates_half_years if {
	o := ob("half_year_report", ["department", "town"], {"dates": [{"date": "2023-06-01", "period": "2023-H1"}, {"date": "2023-12-01", "period": "2023-H2"}]}, null, {})
	pairs(town, o, with_obs(2023, [o])) == {["2023-H1", "2023-06-01"], ["2023-H2", "2023-12-01"]}
}

test_monthly_from_the_binding_date if {
	o := ob("four_lists_monthly", ["department", "town"], {"monthly": {"day": 6}}, null, {})
	pairs(dept, o, with_obs(2023, [o])) == {
		["2023-03", "2023-04-06"], ["2023-04", "2023-05-06"], ["2023-05", "2023-06-06"],
		["2023-06", "2023-07-06"], ["2023-07", "2023-08-06"], ["2023-08", "2023-09-06"],
		["2023-09", "2023-10-06"], ["2023-10", "2023-11-06"], ["2023-11", "2023-12-06"],
	}
}

test_monthly_whole_year_and_short_months if {
	o := national_ob("m", ["department"], {"monthly": {"day": 31}}, null)
	ps := pairs(dept, o, with_obs(2024, [o]))
	count(ps) == 12
	["2023-12", "2024-01-31"] in ps
	["2024-01", "2024-02-29"] in ps
	["2024-03", "2024-04-30"] in ps
	["2024-11", "2024-12-31"] in ps
}

test_quarterly_the_quarter_before if {
	o := ob("four_lists_quarterly", ["department"], {"quarterly": {"months": [1, 4, 7, 10], "day": 10}}, null, {})
	pairs(dept, o, with_obs(2023, [o])) == {["2023-Q1", "2023-04-10"], ["2023-Q2", "2023-07-10"], ["2023-Q3", "2023-10-10"]}
	n := national_ob("q", ["department"], {"quarterly": {"months": [1, 4, 7, 10], "day": 10}}, null)
	pairs(dept, n, with_obs(2023, [n])) == {["2022-Q4", "2023-01-10"], ["2023-Q1", "2023-04-10"], ["2023-Q2", "2023-07-10"], ["2023-Q3", "2023-10-10"]}
}

test_applies_to_supervision_office if {
	o := ob("supervision_bulletin", ["supervision_office"], {"dates": [{"date": "2023-03-31", "period": "2023-Q1"}, {"date": "2023-06-30", "period": "2023-Q2"}]}, null, {})
	p := with_obs(2023, [o])
	pairs(office, o, p) == {["2023-Q1", "2023-03-31"], ["2023-Q2", "2023-06-30"]}
	pairs(dept, o, p) == set()
	pairs({"id": "U4", "type": "department", "supervision_office": false}, o, p) == set()
}

test_unit_type_not_listed_has_no_instance if {
	o := ob("four_lists_update", ["department"], {"date": "2023-06-30"}, "2023", {})
	pairs(town, o, with_obs(2023, [o])) == set()
}

test_plan_of_another_year_has_no_instance if {
	o := ob("a", ["department"], {"monthly": {"day": 6}}, null, {})
	pairs(dept, o, with_obs(2024, [o])) == set()
}

test_null_due_has_no_instance_and_counts_the_year if {
	o := ob("case_self_review", ["department", "town"], null, "year", {"min_count": 2})
	p := with_obs(2023, [o])
	pairs(dept, o, p) == set()
	obligations.count_periods(o, dept) == {"2023"} with data.jiandu.profile as p with data.jiandu.run as run
	obligations.count_periods(o, {"id": "J", "type": "judicial_bureau"}) == set() with data.jiandu.profile as p
		with data.jiandu.run as run
}

test_count_periods_of_a_dated_obligation if {
	o := ob("h", ["town"], {"dates": [{"date": "2023-06-01", "period": "2023-H1"}, {"date": "2023-12-01", "period": "2023-H2"}]}, null, {"min_count": 1})
	obligations.count_periods(o, town) == {"2023-H1", "2023-H2"} with data.jiandu.profile as with_obs(2023, [o])
		with data.jiandu.run as run
}

test_later_declaration_of_an_id_wins if {
	a := national_ob("x", ["department"], {"date": "2023-05-01"}, "2023")
	b := ob("x", ["town"], {"date": "2023-06-01"}, "2023", {})
	c := ob("y", ["town"], null, "year", {})
	ds := obligations.declared with data.jiandu.profile as with_obs(2023, [a, b, c])
	ds == [b, c]
}

test_all_instances if {
	a := national_ob("annual_report", ["department"], {"yearly": {"month": 1, "day": 31}}, null)
	b := ob("h", ["town"], {"dates": [{"date": "2023-06-01", "period": "2023-H1"}]}, null, {})
	is := obligations.instances with data.jiandu.profile as with_obs(2023, [a, b]) with data.jiandu.run as run
	is == {
		{"obligation": "annual_report", "period": "2022", "due": "2023-01-31", "unit_type": null},
		{"obligation": "h", "period": "2023-H1", "due": "2023-06-01", "unit_type": null},
	}
}

test_within if {
	obligations.within("2023", "2023")
	obligations.within("2023-H1", "2023")
	obligations.within("2023-05", "2023")
	not obligations.within("2024", "2023")
	not obligations.within("2023-H1", "2023-H2")
	not obligations.within("2023", "2023-H1")
}

test_year_count_sums_counts_of_the_year if {
	inp := {"unit_id": "U1", "submissions": [
		{"id": "S1", "unit": "U1", "obligation": "case_sampling", "period": "2023", "count": 40},
		{"id": "S2", "unit": "U1", "obligation": "case_sampling", "period": "2023-H2", "count": 30},
		{"id": "S3", "unit": "U1", "obligation": "case_sampling", "period": "2022", "count": 99},
		{"id": "S4", "unit": "U1", "obligation": "other", "period": "2023", "count": 99},
		{"id": "S5", "unit": "U1", "obligation": "case_sampling", "period": "2023", "count": null},
	]}
	obligations.year_count("case_sampling") == 70 with input as inp with data.jiandu.profile as with_obs(2023, [])
}

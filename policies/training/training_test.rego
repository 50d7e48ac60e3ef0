package jiandu.lib.training_test

import data.jiandu.lib
import data.jiandu.lib.testing
import data.jiandu.lib.training

profile := testing.profile(2023, ["TRN-01"], {"TRN-01": {"annual_min_hours": 60, "roles": ["officer"], "excluded_categories": ["central", "practical"]}})

ex := ["central", "practical"]

t(date, hours, category) := {"date": date, "hours": hours, "category": category, "course": "课程"}

# plain_sum is the sum of every entry's hours when every entry counts, and undefined otherwise.
plain(ts) := h if {
	h := training.plain_sum({"id": "O-1", "training": ts}, ex) with data.jiandu.profile as profile
}

counted_sum(ts) := h if {
	entries := lib.counted_training({"id": "O-1", "training": ts}, ex) with data.jiandu.profile as profile
	h := sum([x.hours | some x in entries])
}

test_plain_sum_when_every_entry_counts if {
	ts := [t("2023-01-01", 8, "business"), t("2023-12-31", 2.5, null), {"date": "2023-06-01", "hours": 4}, t("2023-07-01", 0, "other"), t("2023", 1, "law")]
	plain(ts) == 15.5
	plain(ts) == counted_sum(ts)
}

test_plain_sum_undefined_when_an_entry_does_not_count if {
	every ts in [
		[],
		[t("2023-01-01", 8, "business"), t("2022-12-31", 8, "business")],
		[t("2023-01-01", 8, "business"), t("2024-01-01", 8, "business")],
		[t("2023-01-01", 8, "business"), t("2O23-01-01", 8, "business")],
		[t("2023-01-01", 8, "business"), t("202", 8, "business")],
		[t("2023-01-01", 8, "business"), t(null, 8, "business")],
		[t("2023-01-01", 8, "business"), t(20230101, 8, "business")],
		[t("2023-01-01", 8, "business"), t(["2023-01-01"], 8, "business")],
		[t("2023-01-01", 8, "business"), {"hours": 8, "category": "business"}],
		[t("2023-01-01", 8, "business"), t("2023-01-01", null, "business")],
		[t("2023-01-01", 8, "business"), t("2023-01-01", "8", "business")],
		[t("2023-01-01", 8, "business"), t("2023-01-01", true, "business")],
		[t("2023-01-01", 8, "business"), {"date": "2023-01-01", "category": "business"}],
		[t("2023-01-01", 8, "business"), t("2023-01-01", 40, "central")],
		[t("2023-01-01", 8, "practical")],
	] {
		not plain(ts)
	}
}

test_plain_sum_needs_null_outside_the_excluded if {
	ts := [t("2023-01-01", 8, "business")]
	not training.plain_sum({"id": "O-1", "training": ts}, ["central", null]) with data.jiandu.profile as profile
}

test_plain_sum_needs_an_array if {
	not training.plain_sum({"id": "O-1", "training": {"a": t("2023-01-01", 8, "business")}}, ex) with data.jiandu.profile as profile
	not training.plain_sum({"id": "O-1", "training": null}, ex) with data.jiandu.profile as profile
	not training.plain_sum({"id": "O-1"}, ex) with data.jiandu.profile as profile
}

# officer_hours falls back to lib.counted_training: the same hours either way.
test_officer_hours_filters_when_not_plain if {
	ts := [t("2023-01-01", 8, "business"), t("2022-12-31", 30, "business"), t("2023-05-01", 40, "central"), t("2023-06-01", null, "law"), t("2023-07-01", 1.5, null)]
	training.officer_hours({"id": "O-1", "training": ts}, ex) == [9.5, false] with data.jiandu.profile as profile
	training.officer_hours({"id": "O-1", "training": [t("2023-07-01", 1.5, "law")]}, ex) == [1.5, true] with data.jiandu.profile as profile
	training.officer_hours({"id": "O-1"}, ex) == [0, false] with data.jiandu.profile as profile
}

test_annual_by_index_for_the_roles if {
	i := {"scope": "unit", "unit_id": "U", "officers": [
		{"id": "O-1", "unit": "U", "role": "officer", "training": [t("2023-01-01", 8, "business")]},
		{"id": "O-2", "unit": "U", "role": "third_party", "training": [t("2023-01-01", 8, "business")]},
		{"id": "O-3", "unit": "U", "role": "officer", "training": [t("2023-01-01", 8, "business"), t("2023-01-01", 40, "practical")]},
		{"id": "O-4", "unit": "U", "role": "officer"},
	]}
	training.annual == {0: [8, true], 2: [8, false], 3: [0, false]} with input as i with data.jiandu.profile as profile
}

test_year_end if {
	training.year_end == "2024" with data.jiandu.profile as profile
	training.year_end == "202:" with data.jiandu.profile as testing.profile(2029, [], {})
	training.year_end == "20:" with data.jiandu.profile as testing.profile(209, [], {})
}

test_lookup if {
	training.lookup(["business", "skills"]) == {"business": true, "skills": true}
	training.lookup([]) == {}
}

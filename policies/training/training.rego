# METADATA
# title: training helpers (培训学时的共用计算)
# description: |
#   The annual training hours TRN-01 and TRN-02 read (and the KPI, through trn_01.counted), computed once
#   per evaluation. Most officers' entries all count (dated in the profile's year, hours a number, none in
#   an excluded category); that is checked on whole columns of the entries with a few built-in calls
#   instead of each entry, and only the other officers' entries are filtered one by one.
package jiandu.lib.training

import data.jiandu.lib

# annual: for each officer of TRN-01's roles, by the officer's index in input.officers, [hours, plain]:
# the sum of the hours of lib.counted_training(o, excluded) (in the entries' order), and whether every
# entry counted (plain_sum). Empty when TRN-01's parameters are undefined.
annual := {i: x |
	rs := roles
	ex := excluded
	some i, o in input.officers
	o.role in rs
	x := officer_hours(o, ex)
}

roles := lib.param("TRN-01", "roles")

excluded := lib.param("TRN-01", "excluded_categories")

officer_hours(o, ex) := [h, true] if {
	h := plain_sum(o, ex)
} else := [sum([t.hours | some t in lib.counted_training(o, ex)]), false]

# plain_sum(o, ex): the sum of the hours of o.training when lib.counted_training(o, ex) is all of it;
# undefined otherwise (also when there are no entries), and then the caller filters entry by entry.
# Checked on columns instead of entry by entry: Rego orders any two values (null < booleans < numbers <
# strings < arrays < objects), so the hours are all numbers when their least and greatest are, and the
# dates are all strings starting with the year when the least is at least the year and the greatest
# below year_end (the strings with a prefix are contiguous); the counts make sure no entry lacks either.
# An entry without a category counts as null, so null must not be in ex.
plain_sum(o, ex) := sum(hs) if {
	ts := o.training
	is_array(ts)
	hs := [t.hours | some t in ts]
	ds := [t.date | some t in ts]
	cs := {t.category | some t in ts}
	n := count(ts)
	count(hs) == n
	is_number(min(hs))
	is_number(max(hs))
	count(ds) == n
	lib.year_prefix <= min(ds)
	max(ds) < year_end
	not null in ex
	count(cs & {c | some c in ex}) == 0
}

# year_end: the least string above every string starting with lib.year_prefix (its last digit plus one:
# "2023" gives "2024", "2029" gives "202:").
year_end := concat("", [substring(y, 0, n - 1), next_char[substring(y, n - 1, 1)]]) if {
	y := lib.year_prefix
	n := count(y)
}

next_char := {"0": "1", "1": "2", "2": "3", "3": "4", "4": "5", "5": "6", "6": "7", "7": "8", "8": "9", "9": ":"}

# lookup(cats): {category: true}, for looking an entry's category up (cheaper than `in` on a list).
lookup(cats) := {c: true | some c in cats}

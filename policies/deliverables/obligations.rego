# METADATA
# title: obligation instances (报送义务的期次)
# description: |
#   Turns the profile's obligations (lib.profile.obligations) into dated instances {obligation, period,
#   due, unit_type} inside the profile's year (lib.profile_year), for RPT-01/02/03 and REV-01.
#   `due` forms (docs/design.md): {date}, {by_type: {type: form}}, {dates: [{date, period}]},
#   {monthly: {day}} (period = the month before), {quarterly: {months, day}} (period = the quarter before),
#   {yearly: {month, day}} (period = the year before), null (no instance: counted by RPT-03 or read by REV).
#   An instance counts when its due date lies in the profile's year and, for a plan's own obligations, on or
#   after the plan's binds_from (RULES.md, Deliverables); national obligations (binds_from null) bind every
#   year. A plan obligation whose own year differs from the profile's year has no instance. Fixed plan dates
#   never roll forward; a monthly day past the month's last day is that last day.
package jiandu.lib.obligations

import data.jiandu.lib

# declared: the profile's obligations, one per id (a later declaration of an id, the more local profile's,
# replaces an earlier one).
declared := [ob |
	some n, ob in lib.profile.obligations
	not redeclared(n, ob.id)
]

redeclared(n, id) if {
	some m, o in lib.profile.obligations
	m > n
	o.id == id
}

# year_label: the profile's year as a period label ("2023").
year_label := format_int(lib.profile_year, 10)

# period_label(p): an obligation's period; "year" (the form design.md gives a null due) is the profile's year.
period_label(p) := year_label if p == "year"

period_label(p) := p if {
	is_string(p)
	p != "year"
}

period_label(p) := year_label if not is_string(p)

# applies(ob, u): the obligation binds unit record u (by type, or by the supervision_office flag).
applies(ob, u) if u.type in ob.applies_to

applies(ob, u) if {
	"supervision_office" in ob.applies_to
	u.supervision_office == true
}

# instances_of(ob): the obligation's instances in the profile's year.
instances_of(ob) := {object.union(r, {"obligation": ob.id}) |
	binds_this_year(ob)
	some r in raw(ob)
	lib.in_year(r.due)
	on_or_after_binding(ob, r.due)
}

# instances: every instance of every declared obligation.
instances := {i |
	some ob in declared
	some i in instances_of(ob)
}

# unit_instances(ob, u): the instances that bind unit u: none when the obligation does not apply to it,
# and of a by_type due only those of u's type.
unit_instances(ob, u) := {i |
	applies(ob, u)
	some i in instances_of(ob)
	type_matches(i, u)
}

type_matches(i, _) if i.unit_type == null

type_matches(i, u) if i.unit_type == u.type

binds_this_year(ob) if object.get(ob, "year", null) == null

binds_this_year(ob) if object.get(ob, "year", null) == lib.profile_year

on_or_after_binding(ob, _) if object.get(ob, "binds_from", null) == null

on_or_after_binding(ob, d) if {
	b := object.get(ob, "binds_from", null)
	is_string(b)
	d >= b
}

# raw(ob): {period, due, unit_type} for every due date the form names (before the year filters).
raw(ob) := {object.union(r, {"unit_type": null}) | some r in expand(ob.due, object.get(ob, "period", null))} if {
	not is_object(object.get(ob, ["due", "by_type"], null))
}

raw(ob) := {object.union(r, {"unit_type": t}) |
	some t, form in ob.due.by_type
	some r in expand(form, object.get(ob, "period", null))
} if {
	is_object(ob.due.by_type)
}

# expand(due, period): the {period, due} pairs of one (non-by_type) form.
expand(due, period) := {{"period": period_label(period), "due": due.date}} if is_string(due.date)

expand(due, _) := {{"period": e.period, "due": e.date} | some e in due.dates} if is_array(due.dates)

expand(due, _) := {{"period": month_before(lib.profile_year, m), "due": day_in_month(lib.profile_year, m, due.monthly.day)} |
	some m in numbers.range(1, 12)
} if {
	is_object(due.monthly)
}

expand(due, _) := {{"period": quarter_before(lib.profile_year, m), "due": day_in_month(lib.profile_year, m, due.quarterly.day)} |
	some m in due.quarterly.months
} if {
	is_object(due.quarterly)
}

expand(due, _) := {{"period": format_int(lib.profile_year - 1, 10), "due": day_in_month(lib.profile_year, due.yearly.month, due.yearly.day)}} if {
	is_object(due.yearly)
}

expand(due, _) := set() if due == null

# day_in_month(y, m, d): the date y-m-d, or the month's last day when the month is shorter.
day_in_month(y, m, d) := sprintf("%d-%02d-%02d", [y, m, min([d, to_number(substring(lib.month_end(y, m), 8, 2))])])

# month_before(y, m): the label of the month before month m of year y.
month_before(y, 1) := sprintf("%d-12", [y - 1])

month_before(y, m) := sprintf("%d-%02d", [y, m - 1]) if m > 1

# quarter_before(y, m): the label of the quarter before the quarter month m lies in.
quarter_before(y, m) := sprintf("%d-Q4", [y - 1]) if ceil(m / 3) == 1

quarter_before(y, m) := sprintf("%d-Q%d", [y, ceil(m / 3) - 1]) if ceil(m / 3) > 1

# count_periods(ob, u): the periods RPT-03 counts for unit u: the profile's year for an obligation
# without a due date, else the periods of its instances.
count_periods(ob, u) := {period_label(object.get(ob, "period", null)) | applies(ob, u)} if ob.due == null

count_periods(ob, u) := {i.period | some i in unit_instances(ob, u)} if ob.due != null

# within(sp, p): a submission's period sp lies in period p: the same label, or a part of a year p
# ("2023-H1", "2023-Q2", "2023-05" lie in "2023").
within(sp, p) if sp == p

within(sp, p) if {
	count(p) == 4
	startswith(sp, concat("", [p, "-"]))
}

# unit_record: the unit records of this unit partition (0..n copies).
unit_records := [u | some u in input.units; u.id == input.unit_id]

# year_count(obligation): Σ count of this unit's submissions of an obligation for the profile's year
# (a null count adds nothing).
year_count(obligation) := sum([s.count |
	some s in input.submissions
	s.obligation == obligation
	within(s.period, year_label)
	is_number(s.count)
])

# unit_label(u): "id（name）" for messages, the id alone when the record has no name.
unit_label(u) := sprintf("%s（%s）", [u.id, u.name]) if is_string(u.name)

unit_label(u) := u.id if not is_string(object.get(u, "name", null))

# title(ob) / title_en(ob): an obligation's names, its id when it has none.
title(ob) := ob.title if is_string(ob.title)

title(ob) := ob.id if not is_string(object.get(ob, "title", null))

title_en(ob) := ob.title_en if is_string(ob.title_en)

title_en(ob) := ob.id if not is_string(object.get(ob, "title_en", null))

# sources(ob): the obligation's clause, as a finding's extra sources.
sources(ob) := [ob.source] if is_string(ob.source)

sources(ob) := [] if not is_string(object.get(ob, "source", null))

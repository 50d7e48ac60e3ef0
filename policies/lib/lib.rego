# METADATA
# title: jiandu shared helpers
# description: |
#   The one finding builder, parameter look-up (plain and dated values), and day arithmetic
#   over the official calendar in data.calendar. Every rule uses these; none repeats them.
package jiandu.lib

# The resolved profile of this run (extends and overrides applied by the runner).
profile := data.jiandu.profile

# The run: as_of instant (+08:00) and as_of_date.
run := data.jiandu.run

cal := data.calendar

# ---------------------------------------------------------------------------
# Findings

# rule_id(chain) is the id in the METADATA of the rule's package.
rule_id(chain) := id if {
	ids := [a.annotations.custom.id | some a in chain; a.annotations.custom.id]
	id := ids[0]
}

# finding(chain, f) completes a finding object built by a rule: the rule id from its METADATA,
# an empty key when the rule gives one finding per record, an empty detail when it has none.
finding(chain, f) := object.union(
	{"rule": rule_id(chain), "key": "", "unit": "", "detail": {}},
	f,
)

# ---------------------------------------------------------------------------
# Parameters: profile.params[rule][name] is a list of {from, to, value, source}, ascending by from
# ("" = always in force), each in force from `from` until the day before `to`.

# entry_at(rule, name, d) is the dated entry in force on date d.
entry_at(rule, name, d) := e if {
	some e in profile.params[rule][name]
	e.from <= d
	d < e.to
}

# param_at(rule, name, d) is the parameter's value in force on date d (an act date); entry_at's body
# repeated, one function call fewer on every record's path.
param_at(rule, name, d) := e.value if {
	some e in profile.params[rule][name]
	e.from <= d
	d < e.to
}

# param_source_at(rule, name, d) is the clause the value in force on d comes from.
param_source_at(rule, name, d) := entry_at(rule, name, d).source

# param(rule, name) is the value in force on the last day of the period the profile judges.
param(rule, name) := param_at(rule, name, period_end)

# param_source(rule, name) is the clause of param(rule, name).
param_source(rule, name) := param_source_at(rule, name, period_end)

# ---------------------------------------------------------------------------
# The year a profile judges

# profile_year is the profile's calendar year; national has none and takes the export period's year,
# else the as-of date's (RULES.md, Profiles).
profile_year := profile.year if profile.year != null

profile_year := to_number(substring(run.period.from, 0, 4)) if {
	profile.year == null
	run.period.from
}

profile_year := to_number(substring(run.as_of_date, 0, 4)) if {
	profile.year == null
	not run.period.from
}

year_start := sprintf("%d-01-01", [profile_year])

period_end := sprintf("%d-12-31", [profile_year])

# year_prefix: the profile's year as the prefix of its dates ("2023").
year_prefix := format_int(profile_year, 10)

# in_year(d): the date d lies in the profile's year.
in_year(d) if startswith(d, year_prefix)

# judges(rule, d): the rule judges an act dated d. A rule turned on by a year profile judges the acts
# of its year; a national rule judges every act (RULES.md, Readings).
judges(rule, d) if {
	is_string(d)
	profile.rules[rule].year == null
}

judges(rule, d) if {
	y := profile.rules[rule].year
	y != null
	substring(d, 0, 4) == format_int(y, 10)
}

# judged_prefix(rule): what the dates the rule judges start with: "" (every date) for a rule a national
# profile turns on, the year ("2023") for one a year profile turns on; undefined for a rule the profile
# does not name. For a date string d, judges(rule, d) is startswith(d, judged_prefix(rule)): a rule binds
# the prefix once, before it iterates its records, and tests each record with one comparison.
judged_prefix(rule) := "" if profile.rules[rule].year == null

judged_prefix(rule) := format_int(y, 10) if {
	y := profile.rules[rule].year
	y != null
}

# judged_days(rule): every day of the calendar whose acts the rule judges (the profile's year, or every
# covered day for a rule a national profile turns on): the domain of a rule's per-day tables.
judged_days(rule) := [d | some d in cal.dates; startswith(d, judged_prefix(rule))]

# Folded tables: a rule marked `custom: {fold: true}` (a table that reads only the profile, the run
# and the calendar, such as a deadline for every day a rule judges) is evaluated by jiandu once per run
# and stored at its path under data.jiandu.folded (data.jiandu.rules.case_10.due_by_date →
# data.jiandu.folded.rules.case_10.due_by_date). A rule reads that base document directly, one day at a
# time, and computes the day itself when it is absent (stock OPA, opa test): same Rego, same values.
# (Read it directly: through a rule of its own the whole table would be copied at every look-up.)

# year_closed: annual rules are due on the last day of the profile's year; before it, nothing.
year_closed if run.as_of_date > period_end

# ---------------------------------------------------------------------------
# Days (RULES.md, Day-count semantics). Every helper is undefined for a date the calendar does not
# cover; DATA-05 reports those records.

covered(d) if cal.days[d]

is_working_day(d) if cal.days[d].w

# add_days(d, n): d + n calendar days, no roll-forward (a plain date).
add_days(d, n) := cal.dates[cal.days[d].i + n]

# roll_forward(d): d if it is an official working day, else the next one (a 调休 weekend counts).
roll_forward(d) := d if cal.days[d].w

roll_forward(d) := cal.workdays[cal.days[d].c] if not cal.days[d].w

# add_days_rolled(d, n): "N日内" after d: the day of d not counted, the last day rolled forward
# when it is a 法定休假日 (民法典 第二百零一条、第二百零三条). Written as one look-up: the first working
# day after the day before d + n is d + n itself when that is a working day, else the next one
# (roll_forward(add_days(d, n)), without two function calls and a negation on every deadline).
add_days_rolled(d, n) := cal.workdays[cal.days[cal.dates[(cal.days[d].i + n) - 1]].c]

# add_working_days(d, n): the Nth official working day after d (d itself never counted).
add_working_days(d, n) := cal.workdays[(cal.days[d].c + n) - 1] if n > 0

# period_deadline(d, n): an "N日内" period of a statute: working days where the profile's province
# counts short periods in working days (浙江省行政程序办法 第九十八条), else calendar days rolled.
period_deadline(d, n) := add_working_days(d, n) if {
	n <= param("calendar", "short_period_working_max")
} else := add_days_rolled(d, n)

# period_is_working(n): whether period_deadline counts n in working days.
period_is_working(n) if n <= param("calendar", "short_period_working_max")

# days_between(a, b): calendar days from a to b (positive when b is later).
# Dates outside the shipped calendar (an as-of date in a year not yet covered) are counted by the clock,
# so a finding's days late never goes missing.
days_between(a, b) := cal.days[b].i - cal.days[a].i if {
	cal.days[a]
	cal.days[b]
} else := round((time.parse_ns("2006-01-02", b) - time.parse_ns("2006-01-02", a)) / 86400000000000)

# passed(deadline): a date deadline has passed when the as-of date is later than it.
passed(deadline) if run.as_of_date > deadline

# hours_between(a, b): hours from instant a to instant b (RFC 3339 instants).
hours_between(a, b) := (time.parse_rfc3339_ns(b) - time.parse_rfc3339_ns(a)) / 3600000000000

# instant_passed(t): an hour deadline has passed when the as-of instant is later than it.
instant_passed(t) if time.parse_rfc3339_ns(run.as_of) > time.parse_rfc3339_ns(t)

# add_hours(t, h): the instant h hours after t, in +08:00.
add_hours(t, h) := time.format([time.parse_rfc3339_ns(t) + (h * 3600000000000), "Asia/Shanghai", "2006-01-02T15:04:05-07:00"])

# month_end(year, month): the last day of the month ("X月底前").
month_end(year, month) := add_days(sprintf("%d-%02d-01", [year, month + 1]), -1) if {
	month < 12
}

month_end(year, 12) := sprintf("%d-12-31", [year])

# quarter(d): 1..4, the calendar quarter of d.
quarter(d) := ceil(to_number(substring(d, 5, 2)) / 3)

# half(d): 1 or 2.
half(d) := 1 if to_number(substring(d, 5, 2)) <= 6

half(d) := 2 if to_number(substring(d, 5, 2)) > 6

# year_of(d): the year of a date as a number.
year_of(d) := to_number(substring(d, 0, 4))

# date_of(t): the +08:00 calendar date of an instant.
date_of(t) := time.format([time.parse_rfc3339_ns(t), "Asia/Shanghai", "2006-01-02"])

# holiday(d): the holiday a day belongs to (rest or 调休), "" for an ordinary day.
holiday(d) := object.get(cal.days[d], "h", "")

# ---------------------------------------------------------------------------
# Small helpers

# ratio(n, d): n / d, undefined for a zero denominator (a rate with no denominator is no finding).
ratio(n, d) := n / d if d > 0

# pct(r): a rate as a percentage rounded to two decimals ("5%", "66.67%").
pct(r) := sprintf("%v%%", [round(r * 10000) / 100])

# Calling a function many times with fractional numbers is slow: OPA caches a function's results by
# its arguments and hashes a number by its integer part, so the calls on 0.45, 0.5, 0.62, ... all
# collide. Per-record helpers take whole numbers (rate_pct) or the rule computes inline.

# pct2(r): a rate as a percentage always with two decimals ("5.00%", "66.67%"), as the rate rules'
# messages print their rates and minimums; rate_pct(n, d) is pct2(n / d) for a rate per record.
pct2(r) := s if {
	x := r * 100
	x == floor(x)
	s := sprintf("%d.00%%", [x])
} else := sprintf("%.2f%%", [r * 100])

rate_pct(n, d) := s if {
	x := (n / d) * 100
	x == floor(x)
	s := sprintf("%d.00%%", [x])
} else := sprintf("%.2f%%", [(n / d) * 100])

# needed_count(n, d, minimum): the least k in n..d with k / d >= minimum (how many of d a rate n / d below
# minimum needs), undefined when there is none. Only the integers next to minimum * d can be it, so the
# rate is tested on those few, as on every k of n..d, and on the whole range only if none of them passes.
needed_count(n, d, minimum) := k if {
	first := max({n, floor(minimum * d) - 1})
	last := min({d, first + 3})
	first <= last
	k := min({k | some k in numbers.range(first, last); k / d >= minimum})
} else := min({k | some k in numbers.range(n, d); k / d >= minimum})

# clause(src): the "<document> <clause>" a parameter's source starts with, for messages.
clause(src) := concat(" ", array.slice(split(src, " "), 0, 2))

# clauses(src): every "<document> <article>" a parameter's source cites, for a finding's sources: the
# first part's document and article, and each further part after "；" that starts with an article
# ("行政处罚法(2021年修订) 第四十八条第二款 …；第八十五条 …" cites 第四十八条第二款 and 第八十五条 of that text).
clauses(src) := array.concat([clause(src)], [sprintf("%s %s", [doc, split(trim_space(part), " ")[0]]) |
	doc := split(src, " ")[0]
	some i, part in split(src, "；")
	i > 0
	startswith(trim_space(part), "第")
])

# ---------------------------------------------------------------------------
# Records

# act_date(c): the date of a case's act: the decision date, else the date the case was opened.
act_date(c) := c.decision.date if {
	is_string(c.decision.date)
} else := c.opened

# check_date: the day annual officer checks look at: the earlier of the as-of date and the last day of
# the profile's year.
check_date := min({run.as_of_date, period_end})

# valid_certificate(o, d): the officer's certificate has status valid and issued <= d <= expires
# (RULES.md, Readings).
valid_certificate(o, d) if {
	cert := object.get(o, "certificate", null)
	object.get(cert, "status", null) == "valid"
	is_string(cert.issued)
	is_string(cert.expires)
	cert.issued <= d
	d <= cert.expires
}

# officer_label(o), officer_label_en(o): "id（name）" / "id (name)", the id alone when no name is recorded.
officer_label(o) := sprintf("%s（%s）", [o.id, o.name]) if {
	is_string(o.name)
} else := o.id

officer_label_en(o) := sprintf("%s (%s)", [o.id, o.name]) if {
	is_string(o.name)
} else := o.id

# unit_name(u): the name of the partition's record of unit u, when it has one.
unit_name(u) := names[0] if {
	names := [x.name | some x in input.units; x.id == u; is_string(x.name)]
	count(names) > 0
}

# unit_label(u), unit_label_en(u): "id（name）" / "id (name)", the id alone when no record names the unit.
unit_label(u) := sprintf("%s（%s）", [u, unit_name(u)]) if unit_name(u)

unit_label(u) := u if not unit_name(u)

unit_label_en(u) := sprintf("%s (%s)", [u, unit_name(u)]) if unit_name(u)

unit_label_en(u) := u if not unit_name(u)

# counted_training(o, excluded): the officer's training entries of the profile's year with hours, outside
# the excluded (pre-certification) categories, as TRN-01 counts them (none when o has no training).
counted_training(o, excluded) := [t |
	y := year_prefix
	some t in o.training
	is_string(t.date)
	startswith(t.date, y)
	is_number(t.hours)
	not object.get(t, "category", null) in excluded
]

# exam_registrations(kind): the partition's exams entries of that kind dated in the profile's year
# (EXAM-01, EXAM-02: each entry one registration).
exam_registrations(kind) := [e |
	y := year_prefix
	some o in input.officers
	some e in object.get(o, "exams", [])
	object.get(e, "kind", null) == kind
	is_string(e.date)
	startswith(e.date, y)
]

# METADATA
# title: jiandu explanation steps
# description: |
#   Builds the legal reasoning a finding carries in detail.steps (`jiandu explain`, the HTML report):
#   each step an object {type, zh, en} where type is fact (a value read from a record, with the record's
#   kind and id and the JSON path inside it, so the runner adds its location), param (a profile value
#   with the date it took effect and its clause), step (a computation) or conclusion. The texts are made
#   here, from the same lib functions the rules decide with, so the explanation and the finding cannot
#   disagree: a helper is given the figures the rule computed (the deadline, the sum, the counts) and
#   shows how the calendar, the parameters and the records lead to them.
package jiandu.lib.explain

import data.jiandu.lib

cal := data.calendar

# ---------------------------------------------------------------------------
# Step objects

# step(zh, en): one computation step.
step(zh, en) := {"type": "step", "zh": zh, "en": en}

# conclusion(zh, en): what the rule concludes.
conclusion(zh, en) := {"type": "conclusion", "zh": zh, "en": en}

# fact(kind, id, path, label, label_en, value): a value read from a record: kind and id name the record,
# path is the JSON pointer inside it ("/decision/date"), label names the value in each language. The
# runner adds the location; `jiandu explain` prints "<id> <label>：<value>".
fact(kind, id, path, label, label_en, value) := {
	"type": "fact",
	"record": {"kind": kind, "id": id},
	"path": path,
	"value": value,
	"label": {"zh": label, "en": label_en},
}

# note(zh, en): a fact that is not one record's value (the as-of date, an absence).
note(zh, en) := {"type": "fact", "zh": zh, "en": en}

# param(rule, name, d): the value of a parameter in force on date d, the dates it is in force (from
# inclusive, to exclusive; "" and 9999-12-31 for always) and its clause, as the rule read it.
param(rule, name, d) := {
	"type": "param",
	"rule": rule,
	"name": name,
	"value": e.value,
	"from": e.from,
	"to": e.to,
	"source": e.source,
	"on": d,
} if {
	e := lib.entry_at(rule, name, d)
}

# annual_param(rule, name): an annual rule's parameter: the value in force on the last day of the year it
# judges (ERRATA #10).
annual_param(rule, name) := param(rule, name, lib.period_end)

# ---------------------------------------------------------------------------
# Days in the official calendar
#
# These run for every finding with a deadline, so they read the calendar's day table rather than
# compute: a day's weekday from its index (the days are consecutive), its holiday only when the table
# names one (h), the rest days between two dates in one pass over them.

weekday_names := ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

weekday_names_zh := ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

# first_weekday: the place in weekday_names of the calendar's first day (dates[0]).
first_weekday := k if {
	w := time.weekday(time.parse_ns("2006-01-02", cal.dates[0]))
	some k, x in weekday_names
	x == w
}

# weekday_index(d): 0 (Monday) .. 6 (Sunday).
weekday_index(d) := (i + first_weekday) % 7 if {
	i := cal.days[d].i
} else := k if {
	w := time.weekday(time.parse_ns("2006-01-02", d))
	some k, x in weekday_names
	x == w
}

# weekday(d): "Monday".."Sunday".
weekday(d) := weekday_names[weekday_index(d)]

weekday_zh(d) := weekday_names_zh[weekday_index(d)]

weekend(d) if weekday_index(d) >= 5

# holiday_of(d): the holiday arrangement d belongs to (a rest day or a 调休 working day), with the State
# Council notice that sets it: the notice of d's year, or of the next year for a New Year's Day that
# starts in December. Only a day whose row names a holiday (h) belongs to one, and only to one of that
# name (test_holiday_of_reads_the_day_table); a day outside the table is looked up in every notice.
holiday_of(d) := hs[0] if {
	name := cal.days[d].h
	hs := [{"name": h.name, "name_en": h.name_en, "number": cal.years[y].number, "notice": cal.years[y].notice} |
		some y in [substring(d, 0, 4), format_int(lib.year_of(d) + 1, 10)]
		some h in object.get(cal.years, [y, "holidays"], [])
		h.name == name
		in_arrangement(h, d)
	]
	count(hs) > 0
} else := holiday_scan(d) if not cal.days[d]

# holiday_scan(d): holiday_of by looking at every holiday of d's year and the next.
holiday_scan(d) := hs[0] if {
	hs := [{"name": h.name, "name_en": h.name_en, "number": cal.years[y].number, "notice": cal.years[y].notice} |
		some y in [substring(d, 0, 4), format_int(lib.year_of(d) + 1, 10)]
		some h in object.get(cal.years, [y, "holidays"], [])
		in_arrangement(h, d)
	]
	count(hs) > 0
}

in_arrangement(h, d) if {
	h.from <= d
	d <= h.to
}

in_arrangement(h, d) if d in h.work

# rest_zh(d), rest_en(d): why a day is no working day: a holiday (with its notice) or a weekend.
rest_zh(d) := sprintf("%s假期（%s）", [h.name, h.number]) if {
	h := holiday_of(d)
} else := sprintf("%s休息日", [weekday_zh(d)])

rest_en(d) := sprintf("a %s rest day (%s)", [h.name_en, h.number]) if {
	h := holiday_of(d)
} else := sprintf("a %s rest day", [weekday(d)])

# workday_zh(d), workday_en(d): what kind of working day d is: a 调休 weekend day, or a weekday.
workday_zh(d) := "调休上班日" if weekend(d)

else := weekday_zh(d)

workday_en(d) := sprintf("a make-up working %s", [weekday(d)]) if weekend(d)

else := weekday(d)

# calendar_deadline(d, n, due): "N日内" after d in calendar days (the day of d not counted), the last day
# rolled forward to the next official working day when it is a 法定休假日 (RULES.md; 民法典 第二百零三条):
# `2024-02-02 + 15 日 = 2024-02-17，春节假期（国办发明电〔2023〕7号）顺延至 2024-02-18（调休上班日）`.
# due is the deadline the rule computed (lib.add_days_rolled).
calendar_deadline(d, n, due) := step(
	sprintf("%s + %d 日 = %s（%s，工作日），即期限 %s", [d, n, raw, workday_zh(raw), due]),
	sprintf("%s + %d days = %s (%s, a working day): the deadline is %s", [d, n, raw, workday_en(raw), due]),
) if {
	raw := lib.add_days(d, n)
	raw == due
} else := step(
	sprintf("%s + %d 日 = %s，%s顺延至 %s（%s）", [d, n, raw, rest_zh(raw), due, workday_zh(due)]),
	sprintf("%s + %d days = %s, %s, rolled forward to %s (%s)", [d, n, raw, rest_en(raw), due, workday_en(due)]),
) if {
	raw := lib.add_days(d, n)
	raw != due
}

# working_deadline(d, n, due): the Nth official working day after d (d not counted): each working day
# counted with its number, 调休 weekend days named, and the rest days between skipped with their
# holiday and notice. due is the deadline the rule computed (lib.add_working_days).
working_deadline(d, n, due) := step(
	sprintf("%s 之后第 %d 个工作日（当日不计，只数官方工作日）：%s%s → 期限 %s", [d, n, concat("、", counted_zh), skipped_zh, due]),
	sprintf("official working day %d after %s (that day not counted): %s%s → deadline %s", [n, d, concat(", ", counted_en), skipped_en, due]),
) if {
	start := cal.days[d].c

	# days: each counted working day and its index in dates.
	days := [[x, cal.days[x].i] | some k in numbers.range(0, n - 1); x := cal.workdays[start + k]]
	counted_zh := [sprintf("%s（%d%s）", [substring(x, 5, 5), k + 1, makeup_zh[(i + first_weekday) % 7]]) | some k, [x, i] in days]
	counted_en := [sprintf("%s (%d%s)", [substring(x, 5, 5), k + 1, makeup_en[(i + first_weekday) % 7]]) | some k, [x, i] in days]
	runs := counted_rest_runs(d, n, due, days)
	skipped_zh := skipped_text_zh(runs)
	skipped_en := skipped_text_en(runs)
}

# makeup_zh, makeup_en: the mark of a counted working day by its weekday (weekday_names): 调休 on a weekend.
makeup_zh := ["", "", "", "", "", "，调休上班日", "，调休上班日"]

makeup_en := ["", "", "", "", "", ", make-up working Saturday", ", make-up working Sunday"]

# counted_rest_runs(d, n, due, days): rest_runs(d, due) from the working days counted up to due: when the
# last of them is due they are every working day after d up to due, and the runs are the gaps between them.
counted_rest_runs(d, n, due, days) := rest_gaps(cal.days[d].i, [i | some [_, i] in days]) if {
	n > 0
	days[count(days) - 1][0] == due
} else := rest_runs(d, due)

# rest_runs(d, due): the runs of consecutive non-working days after d and before due, as [first, last]:
# the gaps before each working day after d up to due (a run still going on at due is left out).
rest_runs(d, due) := [r |
	a := cal.days[d].i
	cal.days[due].i > a + 1
	some r in rest_gaps(a, [cal.days[x].i | some x in array.slice(cal.workdays, cal.days[d].c, cal.days[due].c)])
]

# rest_gaps(a, is): the runs of days between day a and the first of the days is (indexes in dates,
# ascending), and between each of them and the next, as [first, last].
rest_gaps(a, is) := [[cal.dates[p + 1], cal.dates[q - 1]] |
	bounds := array.concat([a], is)
	some k, q in bounds
	k > 0
	p := bounds[k - 1]
	q > p + 1
]

skipped_text_zh(runs) := "" if {
	count(runs) == 0
} else := sprintf("；其间 %s不计", [concat("、", [run_zh(r) | some r in runs])])

skipped_text_en(runs) := "" if {
	count(runs) == 0
} else := sprintf("; not counted: %s", [concat(", ", [run_en(r) | some r in runs])])

run_zh([a, b]) := sprintf("%s 至 %s（%s）", [substring(a, 5, 5), substring(b, 5, 5), run_reason_zh(a, b)]) if {
	a != b
} else := sprintf("%s（%s）", [substring(a, 5, 5), run_reason_zh(a, b)])

run_en([a, b]) := sprintf("%s to %s (%s)", [substring(a, 5, 5), substring(b, 5, 5), run_reason_en(a, b)]) if {
	a != b
} else := sprintf("%s (%s)", [substring(a, 5, 5), run_reason_en(a, b)])

# run_reason: the holidays a run of rest days belongs to, with their notices; "周末" when none. Only the
# days whose row names a holiday are looked up.
run_holidays(a, b) := {[h.name, h.name_en, h.number] |
	some i in numbers.range(cal.days[a].i, cal.days[b].i)
	x := cal.dates[i]
	cal.days[x].h
	h := holiday_of(x)
}

run_reason_zh(a, b) := "周末" if {
	count(run_holidays(a, b)) == 0
} else := concat("、", [sprintf("%s假期，%s", [h[0], h[2]]) | some h in run_holidays(a, b)])

run_reason_en(a, b) := "weekend" if {
	count(run_holidays(a, b)) == 0
} else := concat(", ", [sprintf("%s, %s", [h[1], h[2]]) | some h in run_holidays(a, b)])

# period_deadline(d, n, due): an "N日内" period as lib.period_deadline counts it: in working days where
# the profile's province counts short periods so (浙江省行政程序办法 第九十八条), else in calendar days.
period_deadline(d, n, due) := [
	step(
		sprintf("%d 日 ≤ %v 日，按工作日计算（%s）", [n, lib.param("calendar", "short_period_working_max"), lib.param_source("calendar", "short_period_working_max")]),
		sprintf("%d days ≤ %v: counted in working days (%s)", [n, lib.param("calendar", "short_period_working_max"), lib.param_source("calendar", "short_period_working_max")]),
	),
	working_deadline(d, n, due),
] if {
	lib.period_is_working(n)
} else := [calendar_deadline(d, n, due)]

# days_late(due, on, what_zh, what_en): the comparison of a date with its deadline.
days_late(due, on, what_zh, what_en) := conclusion(
	sprintf("%s %s 晚于期限 %s，逾期 %d 日", [what_zh, on, due, lib.days_between(due, on)]),
	sprintf("%s on %s, after the deadline %s: %d days late", [what_en, on, due, lib.days_between(due, on)]),
)

# overdue(due, what_zh, what_en): nothing done by the as-of date, later than the deadline.
overdue(due, what_zh, what_en) := conclusion(
	sprintf("截至检查基准日 %s 仍无%s，已过期限 %s %d 日", [lib.run.as_of_date, what_zh, due, lib.days_between(due, lib.run.as_of_date)]),
	sprintf("no %s by the as-of date %s, %d days after the deadline %s", [what_en, lib.run.as_of_date, lib.days_between(due, lib.run.as_of_date), due]),
)

# ---------------------------------------------------------------------------
# Hours

# hour_deadline(t, h, deadline): an hour deadline counted between instants (+08:00 when no offset).
hour_deadline(t, h, deadline) := step(
	sprintf("%s + %v 小时 = %s（按时刻计算，恰好第 %v 小时整仍在期限内）", [t, h, deadline, h]),
	sprintf("%s + %v hours = %s (counted between instants; exactly %v hours is on time)", [t, h, deadline, h]),
)

# hours_sum(o, entries, total): training hours summed entry by entry with a running total: entries are the
# entries of o.training the rule counted (as the rule selected them), total is the rule's sum.
hours_sum(o, entries, total) := array.concat(
	[fact("officer", o.id, sprintf("/training/%d", [i]), sprintf("培训 %s（%s）学时", [t.date, category(t)]), sprintf("training %s (%s) hours", [t.date, category(t)]), t.hours) |
		some i, t in object.get(o, "training", [])
		t in entries
	],
	[step(
		sprintf("逐条相加：%s = %v 学时", [expr, round_2(total)]),
		sprintf("summed entry by entry: %s = %v hours", [expr, round_2(total)]),
	) |
		expr := sum_expr([t.hours | some t in object.get(o, "training", []); t in entries])
	],
)

category(t) := t.category if is_string(t.category)

category(t) := "未分类 / uncategorised" if not is_string(object.get(t, "category", null))

# sum_expr(xs): "8 + 12 + 16" ("0" for an empty list).
sum_expr(xs) := "0" if count(xs) == 0

sum_expr(xs) := concat(" + ", [sprintf("%v", [x]) | some x in xs]) if count(xs) > 0

round_2(x) := round(x * 100) / 100

# excluded_entries(o, entries, why_zh, why_en): a step naming the officer's training entries the rule
# did not count (another category or year), when there are any.
excluded_entries(o, entries, why_zh, why_en) := [step(
	sprintf("未计入 %d 条：%s（%s）", [count(xs), concat("、", xs), why_zh]),
	sprintf("%d entries not counted: %s (%s)", [count(xs), concat(", ", xs), why_en]),
) |
	xs := [sprintf("%v %v %v", [object.get(t, "date", "?"), object.get(t, "category", "?"), object.get(t, "hours", "?")]) |
		some t in object.get(o, "training", [])
		not t in entries
	]
	count(xs) > 0
]

# ---------------------------------------------------------------------------
# Rates

# rate(num, num_items, den, den_items, minimum): a rate's numerator and denominator listed item by item
# (each item a string naming one record; num and den are [zh, en] labels), and the comparison with the
# minimum.
rate(num, num_items, den, den_items, minimum) := [
	step(
		sprintf("分子（%s）%d：%s", [num[0], count(num_items), list_zh(num_items)]),
		sprintf("numerator (%s) %d: %s", [num[1], count(num_items), list_en(num_items)]),
	),
	step(
		sprintf("分母（%s）%d：%s", [den[0], count(den_items), list_zh(den_items)]),
		sprintf("denominator (%s) %d: %s", [den[1], count(den_items), list_en(den_items)]),
	),
	step(
		sprintf("%d ÷ %d = %s %s %s", [count(num_items), count(den_items), lib.rate_pct(count(num_items), count(den_items)), cmp(count(num_items) / count(den_items), minimum), lib.pct2(minimum)]),
		sprintf("%d ÷ %d = %s %s %s", [count(num_items), count(den_items), lib.rate_pct(count(num_items), count(den_items)), cmp(count(num_items) / count(den_items), minimum), lib.pct2(minimum)]),
	),
] if count(den_items) > 0

list_zh(xs) := "（无）" if count(xs) == 0

list_zh(xs) := concat("、", xs) if count(xs) > 0

list_en(xs) := "(none)" if count(xs) == 0

list_en(xs) := concat(", ", xs) if count(xs) > 0

cmp(r, m) := "<" if r < m

cmp(r, m) := "≥" if r >= m

# needed(n, d, minimum): the smallest numerator that meets the minimum, as a step.
needed(n, d, minimum, who_zh, who_en) := step(
	sprintf("达到 %s 至少需 %d %s（%d ÷ %d = %s），差 %d", [lib.pct2(minimum), k, who_zh, k, d, lib.rate_pct(k, d), k - n]),
	sprintf("meeting %s takes at least %d %s (%d ÷ %d = %s): short by %d", [lib.pct2(minimum), k, who_en, k, d, lib.rate_pct(k, d), k - n]),
) if {
	k := lib.needed_count(n, d, minimum)
}

# ---------------------------------------------------------------------------
# Obligations (RPT-01/03)

# obligation(ob, i, u): where an obligation instance comes from: the form of its due date, the period it
# covers and its due date, whom it binds and since when.
obligation(ob, i, u) := [
	step(
		sprintf("报送义务 %s「%s」：%s；适用于 %s（本单位类型 %s）；依据：%s", [ob.id, object.get(ob, "title", ob.id), due_zh(ob.due), concat("、", ob.applies_to), object.get(u, "type", "?"), object.get(ob, "source", "—")]),
		sprintf("obligation %s \"%s\": %s; binds %s (this unit is a %s); per %s", [ob.id, object.get(ob, "title_en", ob.id), due_en(ob.due), concat(", ", ob.applies_to), object.get(u, "type", "?"), object.get(ob, "source", "—")]),
	),
	step(
		sprintf("%d 年的期次 %s：截止 %s（方案规定的固定日期，不顺延）%s", [lib.profile_year, i.period, i.due, binds_zh(ob)]),
		sprintf("the %d instance for period %s: due %s (a fixed date of the plan, not rolled forward)%s", [lib.profile_year, i.period, i.due, binds_en(ob)]),
	),
]

binds_zh(ob) := sprintf("；方案自 %s 起约束，此后到期的期次计入", [ob.binds_from]) if is_string(object.get(ob, "binds_from", null))

binds_zh(ob) := "；国家义务每年约束" if not is_string(object.get(ob, "binds_from", null))

binds_en(ob) := sprintf("; the plan binds from %s, counting instances due from then on", [ob.binds_from]) if is_string(object.get(ob, "binds_from", null))

binds_en(ob) := "; a national obligation binds every year" if not is_string(object.get(ob, "binds_from", null))

form_zh(due) := sprintf("于 %s 前报送", [due.date]) if is_string(object.get(due, "date", null))

form_zh(due) := sprintf("每年 %d 月 %d 日前报送上一年度", [due.yearly.month, due.yearly.day]) if is_object(object.get(due, "yearly", null))

form_zh(due) := sprintf("每月 %d 日前报送上月", [due.monthly.day]) if is_object(object.get(due, "monthly", null))

form_zh(due) := sprintf("每季度（%v 月）%d 日前报送上一季度", [concat("、", [format_int(m, 10) | some m in due.quarterly.months]), due.quarterly.day]) if is_object(object.get(due, "quarterly", null))

form_zh(due) := sprintf("分期报送：%s", [concat("、", [sprintf("%s 前（%s）", [e.date, e.period]) | some e in due.dates])]) if is_array(object.get(due, "dates", null))

# due_zh(due), due_en(due): an obligation's due form in words (form_zh/form_en: one form, by_type: one per
# unit type).
due_zh(due) := form_zh(due) if not is_object(object.get(due, "by_type", null))

due_en(due) := form_en(due) if not is_object(object.get(due, "by_type", null))

due_zh(due) := sprintf("按单位类型：%s", [concat("；", [sprintf("%s %s", [t, form_zh(f)]) | some t, f in due.by_type])]) if is_object(object.get(due, "by_type", null))

form_en(due) := sprintf("due %s", [due.date]) if is_string(object.get(due, "date", null))

form_en(due) := sprintf("due every year by %d-%02d for the year before", [due.yearly.month, due.yearly.day]) if is_object(object.get(due, "yearly", null))

form_en(due) := sprintf("due by day %d of every month for the month before", [due.monthly.day]) if is_object(object.get(due, "monthly", null))

form_en(due) := sprintf("due by day %d of months %v for the quarter before", [due.quarterly.day, concat(", ", [format_int(m, 10) | some m in due.quarterly.months])]) if is_object(object.get(due, "quarterly", null))

form_en(due) := sprintf("due in instalments: %s", [concat(", ", [sprintf("%s (%s)", [e.date, e.period]) | some e in due.dates])]) if is_array(object.get(due, "dates", null))

due_en(due) := sprintf("by unit type: %s", [concat("; ", [sprintf("%s %s", [t, form_en(f)]) | some t, f in due.by_type])]) if is_object(object.get(due, "by_type", null))

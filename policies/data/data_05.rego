# METADATA
# title: 期限计算超出内置法定节假日历范围
# description: |
#   A deadline of this record needs a calendar year the shipped official calendar does not cover
#   (国务院办公厅 notices 2016–2026): the decision date of a case (filing, publication, delivery and
#   withdrawal deadlines run from it), the opening date under CASE-09, an incident officer measure's
#   date. The deadline rules skip such a record rather than guess with weekends only; this rule says so.
#   A date outside the calendar that no arithmetic touches (an old certificate date) is fine. The
#   calendar must reach `margin_days` beyond the date (the longest short period plus holidays).
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: DATA-05
#   title_en: Deadline needs a year the shipped calendar does not cover
#   severity: error
#   partition: unit
#   sources:
#     - RULES.md 期限计算规则（官方日历覆盖 2016–2026 年）
#   params: [margin_days]
package jiandu.rules.data_05

import data.jiandu.lib

covered_text := sprintf("%d–%d", [lib.cal.covered_years[0], lib.cal.covered_years[count(lib.cal.covered_years) - 1]])

uncovered(d, _) if not lib.covered(d)

uncovered(d, margin) if not lib.add_days(d, margin)

bases contains [c.id, c.unit, "case", "decision.date", c.decision.date] if {
	some c in input.cases
	is_string(c.decision.date)
}

# CASE-09 counts 90 days from the opening of every penalty case, decided or still open.
bases contains [c.id, c.unit, "case", "opened", c.opened] if {
	lib.profile.rules["CASE-09"].on
	some c in input.cases
	c.category == "penalty"
}

bases contains [i.id, i.unit, "incident", sprintf("officer_measures/%d/taken", [n]), m.taken] if {
	some i in input.incidents
	some n, m in i.officer_measures
	is_string(m.taken)
}

# uncovered_dates: the dates of bases whose deadlines need a day the calendar lacks. Each date is looked
# up once; only one outside safe_span is checked against the margin in force on it. On the usual unit
# there is none and no base is looked at.
uncovered_dates := {d |
	some d in (base_dates - safe_dates)
	margin := lib.param_at("DATA-05", "margin_days", d)
	uncovered(d, margin)
}

# base_dates: the dates of bases, each once: decision dates, and under CASE-09 the opening date of every
# penalty case, decided or still open.
base_dates := (decision_dates | opened_dates) | measure_dates

decision_dates := {d | some c in input.cases; d := c.decision.date; is_string(d)}

opened_dates := {c.opened |
	lib.profile.rules["CASE-09"].on
	some c in input.cases
	c.category == "penalty"
}

measure_dates := {m.taken | some i in input.incidents; some m in i.officer_measures; is_string(m.taken)}

# safe_span: [first, last] calendar index of the dates from which every margin_days value (on any date)
# lands in the calendar both ways; safe_dates: the base dates in it, covered whatever the margin.
safe_span := [first, last] if {
	margins := {e.value | some e in lib.profile.params["DATA-05"].margin_days}
	first := max({0, 0 - min(margins)})
	last := (count(lib.cal.dates) - 1) - max({0, max(margins)})
}

safe_dates := {d |
	[first, last] := safe_span
	days := lib.cal.days
	some d in base_dates
	i := days[d].i
	i >= first
	i <= last
}

findings contains f if {
	bad := uncovered_dates
	count(bad) > 0
	some [id, unit, kind, field, d] in bases
	bad[d]
	f := lib.finding(rego.metadata.chain(), {
		"kind": kind,
		"record": id,
		"unit": unit,
		"key": field,
		"message": sprintf("%s 的 %s（%s）所涉期限超出内置法定节假日历范围（%s 年），无法按法定休假日顺延计算，已跳过相关期限检查；请升级 jiandu 的官方日历或核对日期", [id, field, d, covered_text]),
		"message_en": sprintf("%s: a deadline from %s (%s) needs a year the shipped calendar does not cover (%s); its deadline checks were skipped", [id, field, d, covered_text]),
		"detail": {"field": field, "date": d, "covered_years": lib.cal.covered_years},
	})
}

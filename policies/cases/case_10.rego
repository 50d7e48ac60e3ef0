# METADATA
# title: 行政处罚决定书未在7个工作日内送达
# description: |
#   行政处罚（category 为 penalty）决定书（documents 中 type 为 decision 的文书）须在决定作出后
#   delivery_working_days 个工作日内送达（行政处罚法 第六十一条“七日内”，第八十五条：工作日；决定当日不计，
#   只数官方工作日，含调休上班的周末，不含假日）。
#   各文本的差异（按决定日期适用当日施行的文本）：2009年修正文本和2017年修正文本（至 2021-07-14）第四十条
#   同样规定“七日内”送达，但没有第八十五条，七日按日历日计算，期间届满的最后一日是节假日的顺延
#   （count_working_days 为 false；浙江省等把短期间一律按工作日计的画像按 calendar.short_period_working_max）；
#   2021年修订文本（2021-07-15 起）第六十一条＋第八十五条按工作日计算（count_working_days 为 true）。
#   finding 引用决定日施行的条款（sources）。同类多份取最早送达日期。已送达但晚于期限的立即报；无送达日期
#   的在期限届满（as-of 日期晚于期限）后报。参数取决定日期时有效的值；年度方案只判断本年度作出的决定。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-10
#   title_en: Penalty decision not served within 7 working days
#   severity: error
#   partition: unit
#   sources:
#     - 行政处罚法 第六十一条
#     - 行政处罚法 第八十五条
#   params: [delivery_working_days, count_working_days]
package jiandu.rules.case_10

import data.jiandu.lib
import data.jiandu.lib.explain

# delivered(c): the earliest delivery date of the case's decision document.
delivered(c) := min({x.delivered | some x in c.documents; x.type == "decision"; is_string(x.delivered)})

# working(d): the text in force on d counts the days in working days (2021 revision 第八十五条).
working(d) if lib.param_at("CASE-10", "count_working_days", d) == true

# due_of(d): the delivery deadline of a decision dated d: working days under the 2021 revision, an
# "N日内" period (calendar days rolled forward, or a province's working days) under the earlier texts.
due_of(d) := lib.add_working_days(d, lib.param_at("CASE-10", "delivery_working_days", d)) if working(d)

due_of(d) := lib.period_deadline(d, lib.param_at("CASE-10", "delivery_working_days", d)) if not working(d)

# days_zh(d), days_en(d): how the days are counted, for messages.
days_zh(d) := "个工作日" if working(d)

days_zh(d) := "日" if not working(d)

days_en(d) := "working days" if working(d)

days_en(d) := "days" if not working(d)

# sources(d): the clauses in force on d: the delivery period and how its days are counted.
sources(d) := array.concat(lib.clauses(lib.param_source_at("CASE-10", "delivery_working_days", d)), lib.clauses(lib.param_source_at("CASE-10", "count_working_days", d)))

# steps(c, d, n, due): how the deadline of a decision dated d was reached (jiandu explain).
steps(c, d, n, due) := array.concat(
	array.concat(
		[explain.fact("case", c.id, "/decision/date", "决定日期", "decision date", d)],
		[explain.fact("case", c.id, sprintf("/documents/%d/delivered", [i]), "决定书送达日期", "decision served on", x.delivered) |
			some i, x in c.documents
			x.type == "decision"
		],
	),
	array.concat(
		[
			explain.param("CASE-10", "delivery_working_days", d),
			explain.param("CASE-10", "count_working_days", d),
		],
		deadline_steps(d, n, due),
	),
)

deadline_steps(d, n, due) := [explain.working_deadline(d, n, due)] if working(d)

deadline_steps(d, n, due) := explain.period_deadline(d, n, due) if not working(d)

# decision_date(c): the date of a penalty decision the rule judges.
decision_date(c) := d if {
	c.category == "penalty"
	d := c.decision.date
	is_string(d)
	lib.judges("CASE-10", d)
}

# METADATA
# description: |
#   The delivery deadline of a decision made on each day the rule judges. It reads only the profile
#   and the calendar, so jiandu folds it once per run (see policies/lib/lib.rego, Folded tables) instead
#   of computing it again in every unit.
# custom:
#   fold: true
due_by_date := {d: due_of(d) | some d in lib.judged_days("CASE-10")}

# due_at(d): due_of(d), looked up in the folded due_by_date when the runner provides it.
due_at(d) := due if {
	due := data.jiandu.folded.rules.case_10.due_by_date[d]
} else := due_of(d)

# suspects: the penalty cases decided on a date the rule judges whose decision was not served by its
# due date — served late, or not (yet) at all — with that date and the due date. One pass over the cases.
suspects := [[c, d, due] |
	y := lib.judged_prefix("CASE-10")
	some c in input.cases
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	c.category == "penalty"
	due := due_at(d)
	not served_by(c, due)
]

# served_by(c, due): some decision document of the case was served on or before due — true for almost
# every case, so a case is looked at further only when it fails.
served_by(c, due) if {
	some x in c.documents
	x.type == "decision"
	is_string(x.delivered)
	x.delivered <= due
}

findings contains f if {
	some [c, d, due] in suspects
	served := delivered(c)
	n := lib.param_at("CASE-10", "delivery_working_days", d)
	late := lib.days_between(due, served)
	src := lib.clause(lib.param_source_at("CASE-10", "delivery_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定书未在%d%s内送达（决定 %s，期限 %s，送达 %s，逾期 %d 日；%s）", [c.id, n, days_zh(d), d, due, served, late, src]),
		"message_en": sprintf("Case %s: the penalty decision of %s was served on %s, due %s (%d %s), %d days late (%s)", [c.id, d, served, due, n, days_en(d), late, src]),
		"detail": {"decision": d, "due": due, "delivered": served, "days_late": late, "working_days": n, "steps": array.concat(
			steps(c, d, n, due),
			[explain.days_late(due, served, "决定书最早送达", "the decision was first served")],
		)},
		"sources": sources(d),
	})
}

# Not served and the deadline has passed.
findings contains f if {
	some [c, d, due] in suspects
	lib.passed(due)
	not delivered(c)
	n := lib.param_at("CASE-10", "delivery_working_days", d)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-10", "delivery_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定书未在%d%s内送达（决定 %s，期限 %s，截至 %s 无送达记录，已逾期 %d 日；%s）", [c.id, n, days_zh(d), d, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: no record of serving the penalty decision of %s, due %s (%d %s); %d days overdue on %s (%s)", [c.id, d, due, n, days_en(d), late, lib.run.as_of_date, src]),
		"detail": {"decision": d, "due": due, "delivered": null, "days_late": late, "working_days": n, "as_of": lib.run.as_of_date, "steps": array.concat(
			steps(c, d, n, due),
			[explain.overdue(due, "决定书送达记录", "record of serving the decision")],
		)},
		"sources": sources(d),
	})
}

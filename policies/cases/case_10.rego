# METADATA
# title: 行政处罚决定书未在7个工作日内送达
# description: |
#   行政处罚（category 为 penalty）决定书（documents 中 type 为 decision 的文书）须在决定作出后
#   delivery_working_days 个工作日内送达（行政处罚法 第六十一条“七日内”，第八十五条：工作日；决定当日不计，
#   只数官方工作日，含调休上班的周末，不含假日）。同类多份取最早送达日期。已送达但晚于期限的立即报；无送达日期
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
#   params: [delivery_working_days]
package jiandu.rules.case_10

import data.jiandu.lib

# delivered(c): the earliest delivery date of the case's decision document.
delivered(c) := min({x.delivered | some x in c.documents; x.type == "decision"; is_string(x.delivered)})

# due_of(d): the delivery deadline of a decision dated d, in working days.
due_of(d) := lib.add_working_days(d, lib.param_at("CASE-10", "delivery_working_days", d))

# decision_date(c): the date of a penalty decision the rule judges.
decision_date(c) := d if {
	c.category == "penalty"
	d := c.decision.date
	is_string(d)
	lib.judges("CASE-10", d)
}

# candidates: [case, decision date, delivery dates of its decision documents] of each case whose decision
# document was served only after the decision day, or never: an array sorts after every string, so the
# least of the dates and [] is after the decision day exactly then. The deadline is after the decision
# day, so no other case can be late; one pass over the cases serves both findings below.
candidates := [[c, d, served] |
	some c in input.cases
	d := c.decision.date
	served := [x.delivered | some x in c.documents; x.type == "decision"; is_string(x.delivered)]
	min(array.concat(served, [[]])) > d
]

# Served after the deadline: a finding at once.
findings contains f if {
	y := lib.judged_prefix("CASE-10")
	some [c, d, served_on] in candidates
	count(served_on) > 0
	c.category == "penalty"
	is_string(d)
	startswith(d, y)
	served := delivered(c)
	due := due_of(d)
	served > due
	n := lib.param_at("CASE-10", "delivery_working_days", d)
	late := lib.days_between(due, served)
	src := lib.clause(lib.param_source_at("CASE-10", "delivery_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定书未在%d个工作日内送达（决定 %s，期限 %s，送达 %s，逾期 %d 日；%s）", [c.id, n, d, due, served, late, src]),
		"message_en": sprintf("Case %s: the penalty decision of %s was served on %s, due %s (%d working days), %d days late (%s)", [c.id, d, served, due, n, late, src]),
		"detail": {"decision": d, "due": due, "delivered": served, "days_late": late, "working_days": n},
	})
}

# Not served and the deadline has passed.
findings contains f if {
	y := lib.judged_prefix("CASE-10")
	some [c, d, served_on] in candidates
	count(served_on) == 0
	c.category == "penalty"
	is_string(d)
	startswith(d, y)
	due := due_of(d)
	lib.passed(due)
	n := lib.param_at("CASE-10", "delivery_working_days", d)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-10", "delivery_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定书未在%d个工作日内送达（决定 %s，期限 %s，截至 %s 无送达记录，已逾期 %d 日；%s）", [c.id, n, d, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: no record of serving the penalty decision of %s, due %s (%d working days); %d days overdue on %s (%s)", [c.id, d, due, n, late, lib.run.as_of_date, src]),
		"detail": {"decision": d, "due": due, "delivered": null, "days_late": late, "working_days": n, "as_of": lib.run.as_of_date},
	})
}

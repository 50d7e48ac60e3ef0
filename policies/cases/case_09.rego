# METADATA
# title: 行政处罚未在立案后90日内作出决定
# description: |
#   行政处罚（category 为 penalty）案件应自立案（opened）之日起 decision_days 日内作出决定（自然日，立案当日
#   不计，末日遇法定休假日顺延至下一个官方工作日）。已作决定但晚于期限的立即报；未作决定、未结案且期限已届满
#   （as-of 日期晚于期限）的报；未作决定即已结案（closed，如撤销立案）的不报。decision_days 取立案日期时有效
#   的值（期限自立案起算；2021-07-15 前立案的案件不受该条约束，由参数的生效日期表达）。法律、法规、规章另有
#   规定或依法延长的期限无法从记录得知，故为 warning。判断日期为决定日期，未决时为立案日期。
#   各文本的差异：第六十条（九十日内作出决定）是行政处罚法2021年修订新增的条文，2009年修正文本和2017年修正文本
#   （至 2021-07-14）没有办案期限；decision_days 自 2021-07-15 起才有取值，期限自立案起算，故 2021-07-15 前立案的
#   案件不判断。finding 引用立案日施行的条款（sources）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-09
#   title_en: Penalty decision not made within 90 days of opening the case
#   severity: warning
#   partition: unit
#   sources:
#     - 行政处罚法 第六十条
#     - 民法典 第二百零三条
#   params: [decision_days]
package jiandu.rules.case_09

import data.jiandu.lib

# due_of(opened): the decision deadline of a case opened that day.
due_of(opened) := lib.add_days_rolled(opened, lib.param_at("CASE-09", "decision_days", opened))

# METADATA
# description: |
#   The decision deadline of a case opened on each day of the calendar (a case decided in the year a
#   profile judges may have been opened years before). It reads only the profile and the calendar, so
#   jiandu folds it once per run (see policies/lib/lib.rego, Folded tables) instead of computing it again
#   for the opening dates of every unit.
# custom:
#   fold: true
due_by_opened := {o: due_of(o) | some o in data.calendar.dates}

# due_at(opened): due_of(opened), looked up in the folded due_by_opened when the runner provides it.
due_at(opened) := due if {
	due := data.jiandu.folded.rules.case_09.due_by_opened[opened]
} else := due_of(opened)

# Decided after the deadline: a finding at once (the deadline tested first: most decisions meet it).
findings contains f if {
	y := lib.judged_prefix("CASE-09")
	some c in input.cases
	d := c.decision.date
	due := due_at(c.opened)
	d > due
	c.category == "penalty"
	is_string(d)
	startswith(d, y)
	n := lib.param_at("CASE-09", "decision_days", c.opened)
	late := lib.days_between(due, d)
	src := lib.clause(lib.param_source_at("CASE-09", "decision_days", c.opened))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("行政处罚案件 %s 未在立案后%d日内作出决定（立案 %s，期限 %s，决定 %s，逾期 %d 日；%s）", [c.id, n, c.opened, due, d, late, src]),
		"message_en": sprintf("Penalty case %s: opened %s, decided %s, due %s (%d days), %d days late (%s)", [c.id, c.opened, d, due, n, late, src]),
		"detail": {"opened": c.opened, "due": due, "decision": d, "days_late": late, "decision_days": n},
		"sources": lib.clauses(lib.param_source_at("CASE-09", "decision_days", c.opened)),
	})
}

# Still undecided and open after the deadline.
findings contains f if {
	y := lib.judged_prefix("CASE-09")
	some c in input.cases
	not is_string(object.get(c, ["decision", "date"], null))
	c.category == "penalty"
	not is_string(object.get(c, "closed", null))
	is_string(c.opened)
	startswith(c.opened, y)
	due := due_at(c.opened)
	lib.passed(due)
	n := lib.param_at("CASE-09", "decision_days", c.opened)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-09", "decision_days", c.opened))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("行政处罚案件 %s 未在立案后%d日内作出决定（立案 %s，期限 %s，截至 %s 未作决定，已逾期 %d 日；%s）", [c.id, n, c.opened, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Penalty case %s: opened %s, still undecided on %s, due %s (%d days), %d days overdue (%s)", [c.id, c.opened, lib.run.as_of_date, due, n, late, src]),
		"detail": {"opened": c.opened, "due": due, "decision": null, "days_late": late, "decision_days": n, "as_of": lib.run.as_of_date},
		"sources": lib.clauses(lib.param_source_at("CASE-09", "decision_days", c.opened)),
	})
}

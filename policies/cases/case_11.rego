# METADATA
# title: 被变更或撤销的处罚决定未在3个工作日内撤回公开
# description: |
#   已公开（publication.published）的行政处罚（category 为 penalty）决定被变更、撤销或确认违法（decision.revoked）
#   后，须在 withdraw_working_days 个工作日内撤回公开信息（publication.withdrawn；行政处罚法 第四十八条“三日内”，
#   第八十五条：工作日；撤销当日不计，只数官方工作日，含调休上班的周末，不含假日）。已撤回但晚于期限的立即报；
#   未撤回的在期限届满（as-of 日期晚于期限）后报。期限自撤销日期起算，即使公开晚于撤销。读法：限于行政处罚
#   决定（该条属行政处罚法）；参数取撤销日期时有效的值，年度方案只判断撤销日期在本年度的案件。
#   各文本的差异：第四十八条第二款（变更、撤销后三日内撤回）和第八十五条（“三日”为工作日）是行政处罚法2021年修订
#   新增的条文，2009年修正文本和2017年修正文本没有撤回公开的规定；withdraw_working_days 自 2021-07-15 起才有取值，
#   此前撤销的决定不判断。finding 引用撤销日施行的条款（sources）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-11
#   title_en: Publication of a changed or revoked decision not withdrawn within 3 working days
#   severity: error
#   partition: unit
#   sources:
#     - 行政处罚法 第四十八条
#     - 行政处罚法 第八十五条
#   params: [withdraw_working_days]
package jiandu.rules.case_11

import data.jiandu.lib

# due_of(r): the deadline, in working days.
due_of(r) := lib.add_working_days(r, lib.param_at("CASE-11", "withdraw_working_days", r))

# withdrawn(c): the withdrawal date, undefined when the publication is still up.
withdrawn(c) := c.publication.withdrawn if is_string(c.publication.withdrawn)

# revocations: [case, revocation date] of each published penalty decision revoked on a date the rule
# judges (the revocation tested first: few decisions are revoked).
revocations := [[c, r] |
	y := lib.judged_prefix("CASE-11")
	some c in input.cases
	r := c.decision.revoked
	is_string(r)
	startswith(r, y)
	c.category == "penalty"
	is_string(c.publication.published)
]

# Withdrawn after the deadline: a finding at once.
findings contains f if {
	some [c, r] in revocations
	n := lib.param_at("CASE-11", "withdraw_working_days", r)
	due := due_of(r)
	w := withdrawn(c)
	w > due
	late := lib.days_between(due, w)
	src := lib.clause(lib.param_source_at("CASE-11", "withdraw_working_days", r))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定被变更或撤销后未在%d个工作日内撤回公开信息（撤销 %s，期限 %s，撤回 %s，逾期 %d 日；%s）", [c.id, n, r, due, w, late, src]),
		"message_en": sprintf("Case %s: the publication of the decision revoked on %s was withdrawn on %s, due %s (%d working days), %d days late (%s)", [c.id, r, w, due, n, late, src]),
		"detail": {"revoked": r, "published": c.publication.published, "due": due, "withdrawn": w, "days_late": late, "working_days": n},
		"sources": lib.clauses(lib.param_source_at("CASE-11", "withdraw_working_days", r)),
	})
}

# Not withdrawn and the deadline has passed.
findings contains f if {
	some [c, r] in revocations
	n := lib.param_at("CASE-11", "withdraw_working_days", r)
	due := due_of(r)
	not withdrawn(c)
	lib.passed(due)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-11", "withdraw_working_days", r))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定被变更或撤销后未在%d个工作日内撤回公开信息（撤销 %s，期限 %s，截至 %s 仍未撤回，已逾期 %d 日；%s）", [c.id, n, r, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: the publication of the decision revoked on %s is still up on %s, due %s (%d working days), %d days overdue (%s)", [c.id, r, lib.run.as_of_date, due, n, late, src]),
		"detail": {"revoked": r, "published": c.publication.published, "due": due, "withdrawn": null, "days_late": late, "working_days": n, "as_of": lib.run.as_of_date},
		"sources": lib.clauses(lib.param_source_at("CASE-11", "withdraw_working_days", r)),
	})
}

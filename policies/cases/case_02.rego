# METADATA
# title: 重大行政执法决定未在15日内备案
# description: |
#   重大行政执法决定（decision.major 为 true）作出后 filing_days 日内（自然日，决定当日不计，末日遇法定休假日
#   顺延至下一个官方工作日，含调休上班的周末）须在监督平台备案（platform_filing.date）。已备案但晚于期限的，
#   立即为 finding（不论 as-of）；未备案的，期限届满（as-of 日期晚于期限）后为 finding，期限当日及之前不报。
#   filing_days 取决定日期时有效的值；年度方案只判断本年度作出的决定。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-02
#   title_en: Major decision not filed on the supervision platform in time
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第11项第2点
#     - 民法典 第二百零一条
#     - 民法典 第二百零三条
#   params: [filing_days]
package jiandu.rules.case_02

import data.jiandu.lib
import data.jiandu.lib.explain

# due_of(d): the filing deadline of a decision dated d (N日内, rolled forward).
due_of(d) := lib.add_days_rolled(d, lib.param_at("CASE-02", "filing_days", d))

# filed(c): the platform filing date, undefined when there is none.
filed(c) := c.platform_filing.date if is_string(c.platform_filing.date)

# majors: [case, decision date, filing_days, deadline] of each major decision the rule judges, computed
# once for both findings below.
majors := [[c, d, n, due] |
	some c in input.cases
	c.decision.major == true
	d := c.decision.date
	lib.judges("CASE-02", d)
	n := lib.param_at("CASE-02", "filing_days", d)
	due := due_of(d)
]

# Filed after the deadline: a finding at once.
findings contains f if {
	some [c, d, n, due] in majors
	on := filed(c)
	on > due
	late := lib.days_between(due, on)
	src := lib.clause(lib.param_source_at("CASE-02", "filing_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的重大行政执法决定未在决定作出后%d日内备案（决定 %s，期限 %s，备案 %s，逾期 %d 日；%s）", [c.id, n, d, due, on, late, src]),
		"message_en": sprintf("Case %s: major decision of %s filed on the platform on %s, due %s (%d days after the decision), %d days late (%s)", [c.id, d, on, due, n, late, src]),
		"detail": {"decision": d, "due": due, "filed": on, "days_late": late, "filing_days": n, "steps": array.concat(
			steps(c, d, n, due),
			[explain.days_late(due, on, "平台备案", "filed on the platform")],
		)},
		"sources": [lib.clause(lib.param_source_at("CASE-02", "filing_days", d))],
	})
}

# Not filed and the deadline has passed on the as-of date.
findings contains f if {
	some [c, d, n, due] in majors
	not filed(c)
	lib.passed(due)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-02", "filing_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的重大行政执法决定未在决定作出后%d日内备案（决定 %s，期限 %s，截至 %s 未备案，已逾期 %d 日；%s）", [c.id, n, d, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: major decision of %s not filed on the platform, due %s (%d days after the decision); %d days overdue on %s (%s)", [c.id, d, due, n, late, lib.run.as_of_date, src]),
		"detail": {"decision": d, "due": due, "filed": null, "days_late": late, "filing_days": n, "as_of": lib.run.as_of_date, "steps": array.concat(
			steps(c, d, n, due),
			[explain.overdue(due, "平台备案", "platform filing")],
		)},
		"sources": [lib.clause(lib.param_source_at("CASE-02", "filing_days", d))],
	})
}

# steps(c, d, n, due): how the deadline of a major decision dated d was reached (jiandu explain).
steps(c, d, n, due) := [
	explain.fact("case", c.id, "/decision/date", "决定日期", "decision date", d),
	explain.fact("case", c.id, "/decision/major", "重大执法决定", "major decision", true),
	explain.fact("case", c.id, "/platform_filing/date", "平台备案日期", "filed on the platform", object.get(c, ["platform_filing", "date"], null)),
	explain.param("CASE-02", "filing_days", d),
	explain.calendar_deadline(d, n, due),
]

# METADATA
# title: 行政处罚决定未按时公开、公开要素不全或简易程序决定被公开
# description: |
#   一般程序（procedure 为 general）的行政处罚决定须在决定作出后 publish_working_days 个工作日内公开
#   （publication.published；决定当日不计，只数官方工作日，含调休上班的周末，不含假日）。已公开但晚于期限的
#   立即报（key late）；未公开的在期限届满（as-of 日期晚于期限）后报（key missing），但决定在期限届满前
#   （含当日）已被撤销（decision.revoked）的不再要求公开。required_elements 非空时，已公开的一般程序处罚决定
#   须包含其中每个要素，缺少的合并为一条（key elements）；national 为空列表，不检查要素。simple_not_published
#   为 true 时，简易程序（simple）处罚决定被公开即为 finding（key simple），即使其后已撤下。参数取决定日期时
#   有效的值；年度方案只判断本年度作出的决定。
#   各文本的差异：行政处罚法 2009年修正文本和2017年修正文本没有公开处罚决定的规定；2021年修订文本第四十八条第一款
#   规定具有一定社会影响的行政处罚决定应当依法公开，但未规定期限。7 个工作日的期限来自国办发〔2018〕118号 (六)
#   （2018-12-05 起），publish_working_days 自该日起才有取值，此前作出的决定不判断。finding 引用决定日施行的条款。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-08
#   title_en: Penalty decision not published in time, published without required elements, or simple-procedure decision published
#   severity: error
#   partition: unit
#   sources:
#     - 国办发〔2018〕118号 (六)
#     - 000_290ff12546d35da7.txt 第4项(1)
#   params: [publish_working_days, required_elements, simple_not_published]
package jiandu.rules.case_08

import data.jiandu.lib

element_names := {
	"number": "文书号",
	"party": "当事人",
	"violation": "违法行为类型",
	"penalty": "处罚内容",
	"authority": "作出机关",
	"date": "作出日期",
	"basis": "依据",
	"other": "其他",
}

element_name(e) := object.get(element_names, e, e)

# decision_of(c, procedure): the date of a penalty decision under that procedure, if the rule judges it.
decision_of(c, procedure) := d if {
	c.category == "penalty"
	c.procedure == procedure
	d := c.decision.date
	is_string(d)
	lib.judges("CASE-08", d)
}

# due_of(d): the deadline, in working days.
due_of(d) := lib.add_working_days(d, lib.param_at("CASE-08", "publish_working_days", d))

# METADATA
# description: |
#   The publication deadline of a decision made on each day the rule judges. It reads only the profile
#   and the calendar, so jiandu folds it once per run (see policies/lib/lib.rego, Folded tables) instead
#   of computing it again in every unit.
# custom:
#   fold: true
due_by_date := {d: due_of(d) | some d in lib.judged_days("CASE-08")}

# due_at(d): due_of(d), looked up in the folded due_by_date when the runner provides it.
due_at(d) := due if {
	due := data.jiandu.folded.rules.case_08.due_by_date[d]
} else := due_of(d)

# published(c): the publication date, undefined when the decision was not published.
published(c) := c.publication.published if is_string(c.publication.published)

# revoked_by(c, due): the decision was revoked on or before the publication deadline.
revoked_by(c, due) if {
	is_string(c.decision.revoked)
	c.decision.revoked <= due
}

# Published after the deadline: a finding at once. The publication date is compared with the deadline
# first (the deadline of a decision date is computed once, whatever the number of cases): most decisions
# are published in time, and those are looked at no further.
findings contains f if {
	y := lib.judged_prefix("CASE-08")
	some c in input.cases
	pub := c.publication.published
	c.category == "penalty"
	d := c.decision.date
	due := due_at(d)
	pub > due
	is_string(pub)
	c.procedure == "general"
	is_string(d)
	startswith(d, y)
	n := lib.param_at("CASE-08", "publish_working_days", d)
	late := lib.days_between(due, pub)
	src := lib.clause(lib.param_source_at("CASE-08", "publish_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": "late",
		"message": sprintf("案件 %s 的行政处罚决定未在%d个工作日内公开（决定 %s，期限 %s，公开 %s，逾期 %d 日；%s）", [c.id, n, d, due, pub, late, src]),
		"message_en": sprintf("Case %s: penalty decision of %s published on %s, due %s (%d working days), %d days late (%s)", [c.id, d, pub, due, n, late, src]),
		"detail": {"decision": d, "due": due, "published": pub, "days_late": late, "working_days": n},
		"sources": [src],
	})
}

# Not published and the deadline has passed.
findings contains f if {
	y := lib.judged_prefix("CASE-08")
	some c in input.cases
	not is_string(object.get(c, ["publication", "published"], null))
	c.procedure == "general"
	c.category == "penalty"
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	due := due_at(d)
	lib.passed(due)
	not revoked_by(c, due)
	n := lib.param_at("CASE-08", "publish_working_days", d)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-08", "publish_working_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": "missing",
		"message": sprintf("案件 %s 的行政处罚决定未在%d个工作日内公开（决定 %s，期限 %s，截至 %s 未公开，已逾期 %d 日；%s）", [c.id, n, d, due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: penalty decision of %s not published, due %s (%d working days); %d days overdue on %s (%s)", [c.id, d, due, n, late, lib.run.as_of_date, src]),
		"detail": {"decision": d, "due": due, "published": null, "days_late": late, "working_days": n, "as_of": lib.run.as_of_date},
		"sources": [src],
	})
}

# elements_checked: required_elements names some element on some date (the national list is empty).
elements_checked if {
	some e in lib.profile.params["CASE-08"].required_elements
	count(e.value) > 0
}

# Published without every required element.
findings contains f if {
	elements_checked
	y := lib.judged_prefix("CASE-08")
	some c in input.cases
	is_string(c.publication.published)
	c.category == "penalty"
	c.procedure == "general"
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	required := lib.param_at("CASE-08", "required_elements", d)
	count(required) > 0

	# The elements usually list the required ones in order: then none is missing and no list is built.
	shown := object.get(c.publication, "elements", [])
	not object.subset(shown, required)
	missing := [e | some e in required; not e in shown]
	count(missing) > 0
	src := lib.clause(lib.param_source_at("CASE-08", "required_elements", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": "elements",
		"message": sprintf("案件 %s 的行政处罚决定公开要素不全：缺少%s（决定 %s，公开 %s；%s）", [c.id, concat("、", [element_name(e) | some e in missing]), d, c.publication.published, src]),
		"message_en": sprintf("Case %s: the publication of the penalty decision of %s lacks the element(s) %s (%s)", [c.id, d, concat(", ", missing), src]),
		"detail": {"decision": d, "published": c.publication.published, "missing": missing, "required": required},
		"sources": [src],
	})
}

# simple_checked: simple_not_published is true on some date (false nationally).
simple_checked if {
	some e in lib.profile.params["CASE-08"].simple_not_published
	e.value == true
}

# A simple-procedure decision published where the profile says it must not be.
findings contains f if {
	simple_checked
	y := lib.judged_prefix("CASE-08")
	some c in input.cases
	c.procedure == "simple"
	pub := c.publication.published
	is_string(pub)
	c.category == "penalty"
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	lib.param_at("CASE-08", "simple_not_published", d) == true
	src := lib.clause(lib.param_source_at("CASE-08", "simple_not_published", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": "simple",
		"message": sprintf("案件 %s 的简易程序行政处罚决定不应公开，却于 %s 公开（决定 %s；%s）", [c.id, pub, d, src]),
		"message_en": sprintf("Case %s: the simple-procedure penalty decision of %s was published on %s, which the profile forbids (%s)", [c.id, d, pub, src]),
		"detail": {"decision": d, "published": pub, "withdrawn": object.get(c, ["publication", "withdrawn"], null)},
		"sources": [src],
	})
}

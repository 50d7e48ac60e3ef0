# METADATA
# title: 涉企行政处罚未落实“三书同达”
# description: |
#   对企业（party.type 为 enterprise）作出、决定日期不早于 effective 的行政处罚决定，须一并送达
#   required_documents 所列文书（行政处罚决定书、行政合规建议书、信用修复告知书），且最早与最晚送达日期之差
#   不超过 max_gap_days 日（0 = 同日）。读法：某类文书有一份记载了送达日期（documents.delivered）才算已送达，
#   有记录但无送达日期视同未送达；同类多份取最早送达日期。缺少（或未送达）的文书每类一条 finding（key 为文书
#   类型），但只有在该决定的行政处罚决定书送达期限（CASE-10：决定后 CASE-10.delivery_working_days 个工作日，
#   取决定日期时有效的值）届满后才报；方案未声明 CASE-10 参数时，期限即决定当日（000 第6项“同时”送达）。
#   间隔按已送达的所需文书计算（至少两类已送达即可计算，缺一类时照算），超过 max_gap_days 立即报一条
#   （key 为 gap），不从决定日期起算。参数取决定日期时有效的值；年度方案只判断本年度的决定。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-03
#   title_en: Enterprise penalty decision not served together with the compliance advice and credit-repair notice
#   severity: error
#   partition: unit
#   sources:
#     - 000_290ff12546d35da7.txt 第6项
#     - 行政处罚法 第六十一条
#   params: [effective, max_gap_days, required_documents]
package jiandu.rules.case_03

import data.jiandu.lib

doc_names := {
	"decision": "《行政执法决定书》",
	"compliance_advice": "《行政合规建议书》",
	"credit_repair_notice": "《信用修复告知书》",
	"notice": "告知书",
	"other": "其他文书",
}

doc_name(t) := object.get(doc_names, t, t)

# scope_date(c): the decision date of an enterprise penalty decision on or after the effective date that
# the rule judges.
scope_date(c) := d if {
	c.category == "penalty"
	c.party.type == "enterprise"
	d := c.decision.date
	is_string(d)
	lib.judges("CASE-03", d)
	d >= lib.param_at("CASE-03", "effective", d)
}

# delivered(c, t): the earliest delivery date of a document of type t.
delivered(c, t) := min({x.delivered | some x in c.documents; x.type == t; is_string(x.delivered)})

# delivery_due(d): CASE-10's deadline for delivering the decision; the decision date itself where the
# profile declares no CASE-10 parameter.
delivery_due(d) := lib.add_working_days(d, lib.param_at("CASE-10", "delivery_working_days", d))

delivery_due(d) := d if not lib.param_at("CASE-10", "delivery_working_days", d)

# judged: [case, decision date, the delivery date of each required document delivered] of every decision
# in the rule's scope, computed once for both findings below.
judged := [[c, d, dates] |
	y := lib.judged_prefix("CASE-03")
	some c in input.cases
	c.category == "penalty"
	c.party.type == "enterprise"
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	d >= lib.param_at("CASE-03", "effective", d)
	dates := {t: x | some t in lib.param_at("CASE-03", "required_documents", d); x := delivered(c, t)}
]

# A required document never delivered, once the decision's delivery deadline has passed.
findings contains f if {
	some [c, d, dates] in judged
	some t in lib.param_at("CASE-03", "required_documents", d)
	not dates[t]
	due := delivery_due(d)
	lib.passed(due)
	late := lib.days_between(due, lib.run.as_of_date)
	src := lib.clause(lib.param_source_at("CASE-03", "required_documents", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": t,
		"message": sprintf("案件 %s 对企业作出的行政处罚决定（决定 %s）未送达%s，未落实“三书同达”（送达期限 %s，截至 %s 仍未送达，已逾期 %d 日；%s）", [c.id, d, doc_name(t), due, lib.run.as_of_date, late, src]),
		"message_en": sprintf("Case %s: the penalty decision of %s to an enterprise was served without the %s document, due %s; %d days overdue on %s (%s)", [c.id, d, t, due, late, lib.run.as_of_date, src]),
		"detail": {"decision": d, "document": t, "due": due, "days_late": late, "as_of": lib.run.as_of_date},
	})
}

# The delivered required documents were served more than max_gap_days apart.
findings contains f if {
	some [c, d, dates] in judged
	count(dates) >= 2
	first := min({x | some x in dates})
	last := max({x | some x in dates})
	gap := lib.days_between(first, last)
	max_gap := lib.param_at("CASE-03", "max_gap_days", d)
	gap > max_gap
	src := lib.clause(lib.param_source_at("CASE-03", "max_gap_days", d))
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": "gap",
		"message": sprintf("案件 %s 对企业作出的行政处罚决定（决定 %s）“三书”未同时送达：最早 %s，最晚 %s，相隔 %d 日，允许 %d 日（%s）", [c.id, d, first, last, gap, max_gap, src]),
		"message_en": sprintf("Case %s: the documents of the penalty decision of %s to an enterprise were served %d days apart (first %s, last %s; at most %d allowed; %s)", [c.id, d, gap, first, last, max_gap, src]),
		"detail": {"decision": d, "delivered": dates, "first": first, "last": last, "gap_days": gap, "max_gap_days": max_gap},
	})
}

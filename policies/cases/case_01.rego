# METADATA
# title: 重大执法决定未经法制审核或审核未通过
# description: |
#   重大行政执法决定（decision.major 为 true、有决定日期）作出前须经法制审核：legal_review.done 与
#   legal_review.passed 均为 true，且审核日期不晚于决定日期（同日可）。读法：任何类别的重大决定都适用；
#   无 legal_review、done 不为 true、passed 不为 true、审核无日期（无法证明审核在决定之前）或审核晚于
#   决定，均为问题；同一案件的问题合并为一条 finding（key 为空），detail.problems 逐项列出
#   （not_done、not_passed、undated、after_decision）。无决定日期的案件不判断。
#   各文本的差异（按决定日期适用当日施行的文本，参数 review_required、pass_required）：
#   行政处罚法 2009年修正文本没有法制审核要求（2017-12-31 前的决定不判断）；2017年修正文本
#   第三十八条第三款（2018-01-01 起）要求负责人作出决定前由审核人员审核，但未规定审核未通过不得决定；
#   国办发〔2018〕118号（2018-12-05 起）规定未经法制审核或者审核未通过的不得作出决定（not_passed 自此
#   判断）；2021年修订文本第五十八条第一款（2021-07-15 起）在法律中规定同样的要求。finding 引用决定日施行
#   的条款（sources）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-01
#   title_en: Major decision made without a passed legal review before it
#   severity: error
#   partition: unit
#   sources:
#     - 行政处罚法 第五十八条
#     - 003_706ab2c6f407d180.txt 一(二)5
#     - 003_706ab2c6f407d180.txt 附件第6项第1点
#     - 001_8cc9de9d925df07c.txt 附件分解清单 行政执法“三项制度”落实
#     - 002_9b0a4fc8e477fbdb.txt 二(二)3
#     - 004_9f0e2cb3a48f2f27.txt 二(二)3(2)
#   params: [review_required, pass_required]
package jiandu.rules.case_01

import data.jiandu.lib
import data.jiandu.lib.explain

# The problems of one case's legal review, each with its Chinese and English wording; not_passed only
# where a text in force on the decision date d forbids deciding after a failed review.
problems(c, d) := [p |
	some p in [
		problem_not_done(c),
		problem_not_passed(c, d),
		problem_undated(c),
		problem_after(c),
	]
	p != null
]

# review_date(c): the date of the legal review, undefined when it has none.
review_date(c) := c.legal_review.date if is_string(c.legal_review.date)

# requires_review(d): a text in force on d requires a legal review before the decision (the 2017
# amendment's 第三十八条第三款 from 2018-01-01, the 2021 revision's 第五十八条): the decisions CASE-01 judges.
requires_review(d) if lib.param_at("CASE-01", "review_required", d) == true

# pass_required(d): a text in force on d says a failed review bars the decision.
pass_required(d) if lib.param_at("CASE-01", "pass_required", d) == true

problem_not_done(c) := {"code": "not_done", "zh": "未经法制审核", "en": "no legal review"} if {
	not c.legal_review.done == true
} else := null

problem_not_passed(c, d) := {"code": "not_passed", "zh": "法制审核未通过", "en": "the review did not pass"} if {
	c.legal_review.done == true
	not c.legal_review.passed == true
	pass_required(d)
} else := null

problem_undated(c) := {"code": "undated", "zh": "法制审核无日期", "en": "the review has no date"} if {
	c.legal_review.done == true
	not review_date(c)
} else := null

problem_after(c) := p if {
	c.legal_review.done == true
	r := review_date(c)
	r > c.decision.date
	p := {
		"code": "after_decision",
		"zh": sprintf("法制审核日期 %s 晚于决定日期", [r]),
		"en": sprintf("the review is dated %s, after the decision", [r]),
	}
} else := null

# clauses(d, ps): the clauses in force on d that the problems break: the review duty, and the bar on
# deciding after a failed review when that is among them.
clauses(d, ps) := array.concat(
	[lib.param_source_at("CASE-01", "review_required", d)],
	[lib.param_source_at("CASE-01", "pass_required", d) | some p in ps; p.code == "not_passed"],
)

findings contains f if {
	some c in input.cases
	c.decision.major == true
	d := c.decision.date
	lib.judges("CASE-01", d)
	requires_review(d)
	ps := problems(c, d)
	count(ps) > 0
	srcs := clauses(d, ps)
	cited := concat("；", [lib.clause(x) | some x in srcs])
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的重大执法决定（决定 %s）%s；作出决定前须经法制审核（%s）", [c.id, d, concat("，", [p.zh | some p in ps]), cited]),
		"message_en": sprintf("Case %s: major decision of %s made with %s; the decision needs a legal review first (%s)", [c.id, d, concat(", ", [p.en | some p in ps]), cited]),
		"detail": {
			"decision": d,
			"review_date": object.get(c, ["legal_review", "date"], null),
			"problems": [p.code | some p in ps],
			"steps": array.concat(
				[
					explain.fact("case", c.id, "/decision/date", "决定日期", "decision date", d),
					explain.fact("case", c.id, "/decision/major", "重大执法决定", "major decision", true),
					explain.fact("case", c.id, "/legal_review/done", "法制审核已进行", "legal review done", object.get(c, ["legal_review", "done"], null)),
					explain.fact("case", c.id, "/legal_review/passed", "法制审核通过", "legal review passed", object.get(c, ["legal_review", "passed"], null)),
					explain.fact("case", c.id, "/legal_review/date", "法制审核日期", "legal review date", object.get(c, ["legal_review", "date"], null)),
					explain.param("CASE-01", "review_required", d),
				],
				array.concat(
					[explain.param("CASE-01", "pass_required", d) | pass_required(d)],
					[explain.conclusion(
						sprintf("决定 %s 时施行的文本要求作出决定前经法制审核%s：%s", [d, pass_zh(d), concat("，", [p.zh | some p in ps])]),
						sprintf("the text in force on %s requires a legal review before the decision%s: %s", [d, pass_en(d), concat(", ", [p.en | some p in ps])]),
					)],
				),
			),
		},
		"sources": [y | some x in srcs; some y in lib.clauses(x)],
	})
}

pass_zh(d) := "且审核通过" if pass_required(d)

pass_zh(d) := "（未要求审核通过）" if not pass_required(d)

pass_en(d) := " that passes" if pass_required(d)

pass_en(d) := " (not that it pass)" if not pass_required(d)

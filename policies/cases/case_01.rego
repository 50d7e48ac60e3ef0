# METADATA
# title: 重大执法决定未经法制审核或审核未通过
# description: |
#   重大行政执法决定（decision.major 为 true、有决定日期）作出前须经法制审核：legal_review.done 与
#   legal_review.passed 均为 true，且审核日期不晚于决定日期（同日可）。读法：任何类别的重大决定都适用；
#   无 legal_review、done 不为 true、passed 不为 true、审核无日期（无法证明审核在决定之前）或审核晚于
#   决定，均为问题；同一案件的问题合并为一条 finding（key 为空），detail.problems 逐项列出
#   （not_done、not_passed、undated、after_decision）。无决定日期的案件不判断。
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
#   params: []
package jiandu.rules.case_01

import data.jiandu.lib

# The problems of one case's legal review, each with its Chinese and English wording.
problems(c) := [p |
	some p in [
		problem_not_done(c),
		problem_not_passed(c),
		problem_undated(c),
		problem_after(c),
	]
	p != null
]

# review_date(c): the date of the legal review, undefined when it has none.
review_date(c) := c.legal_review.date if is_string(c.legal_review.date)

problem_not_done(c) := {"code": "not_done", "zh": "未经法制审核", "en": "no legal review"} if {
	not c.legal_review.done == true
} else := null

problem_not_passed(c) := {"code": "not_passed", "zh": "法制审核未通过", "en": "the review did not pass"} if {
	c.legal_review.done == true
	not c.legal_review.passed == true
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

findings contains f if {
	some c in input.cases
	c.decision.major == true
	d := c.decision.date
	lib.judges("CASE-01", d)
	ps := problems(c)
	count(ps) > 0
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的重大执法决定（决定 %s）%s；未经法制审核或者审核未通过的，不得作出决定（行政处罚法 第五十八条）", [c.id, d, concat("，", [p.zh | some p in ps])]),
		"message_en": sprintf("Case %s: major decision of %s made with %s; a major decision needs a passed legal review first (Administrative Penalty Law art. 58)", [c.id, d, concat(", ", [p.en | some p in ps])]),
		"detail": {
			"decision": d,
			"review_date": object.get(c, ["legal_review", "date"], null),
			"problems": [p.code | some p in ps],
		},
	})
}

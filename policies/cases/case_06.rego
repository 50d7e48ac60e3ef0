# METADATA
# title: 行政处罚决定书未载明裁量权基准适用情况
# description: |
#   行政处罚（category 为 penalty）决定须在决定书中载明所适用的行政裁量权基准（decision.discretion_basis）。
#   读法：有决定日期的处罚决定才检查；discretion_basis 缺失、为 null 或去掉空白后为空串，均为“未载明”。
#   年度方案只判断本年度作出的决定。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-06
#   title_en: Penalty decision does not state the discretion benchmark applied
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第1项 常态化落实
#   params: []
package jiandu.rules.case_06

import data.jiandu.lib

# stated(basis): the decision's discretion_basis names the benchmark clause it applied (a function of the
# value: the decisions citing the same clause share one evaluation).
stated(basis) if {
	is_string(basis)
	trim_space(basis) != ""
}

findings contains f if {
	y := lib.judged_prefix("CASE-06")
	some c in input.cases
	not stated(object.get(c, ["decision", "discretion_basis"], null))
	c.category == "penalty"
	d := c.decision.date
	is_string(d)
	startswith(d, y)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的行政处罚决定（决定 %s）未载明行政裁量权基准的适用情况（应在行政执法决定书中对裁量权基准的适用情况予以明确，003_706ab2c6f407d180.txt 附件第1项）", [c.id, d]),
		"message_en": sprintf("Case %s: the penalty decision of %s does not state which discretion benchmark it applied (003_706ab2c6f407d180.txt annex row 1)", [c.id, d]),
		"detail": {"decision": d, "discretion_basis": object.get(c, ["decision", "discretion_basis"], null)},
	})
}

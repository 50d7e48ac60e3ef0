# METADATA
# title: 应公示的报送事项未公示
# description: |
#   profile 标记为须公示（published: true）的报送义务，单位已报送（submission.date 不为空）但该报送
#   记录的 published 为 false，每份报送一条。published 缺失（null）不作判断：规则只认导出明确写明
#   未公示的记录。同一 id 的义务以最具体的 profile 的声明为准。
#   每项义务自己的条款（profile 中的 source）随 finding 的 sources 一并给出。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: RPT-02
#   title_en: Obligation that must be published delivered but not published
#   severity: error
#   partition: unit
#   sources:
#     - 国办发〔2018〕118号 (六)
#     - 000_290ff12546d35da7.txt 第1项、第4项(2)(3)
#     - 003_706ab2c6f407d180.txt 附件第1项、第2项
#     - 004_9f0e2cb3a48f2f27.txt 二(二)3(2)
#   params: []
package jiandu.rules.rpt_02

import data.jiandu.lib
import data.jiandu.lib.obligations

findings contains f if {
	some s in input.submissions
	is_string(s.date)
	s.published == false
	lib.judges("RPT-02", s.date)
	some ob in obligations.declared
	ob.id == s.obligation
	ob.published == true
	f := lib.finding(rego.metadata.chain(), {
		"kind": "submission",
		"record": s.id,
		"unit": s.unit,
		"message": sprintf("报送 %s：单位 %s 于 %s 报送“%s”（%s，期次 %s），该事项须公示，但记录为未公示（%s）", [s.id, s.unit, s.date, obligations.title(ob), ob.id, s.period, concat("；", obligations.sources(ob))]),
		"message_en": sprintf("Submission %s: unit %s delivered \"%s\" (%s, period %s) on %s; it must be published but is recorded as not published", [s.id, s.unit, obligations.title_en(ob), ob.id, s.period, s.date]),
		"detail": {
			"obligation": ob.id,
			"period": s.period,
			"filed": s.date,
			"published": false,
		},
		"sources": obligations.sources(ob),
	})
}

# METADATA
# title: 四类执法信息未在省执法监督平台网上录入
# description: |
#   行政许可（license）、行政处罚（penalty）、行政强制（coercion）、行政检查（inspection）四类案件
#   （categories）须在江苏省行政执法管理和监督综合平台网上录入：online.handled 为 true。online 缺失、
#   handled 为 null 或 false 均为 finding。读法：判断日期为立案日期（录入在立案时即应开始）；年度方案只判断
#   立案日期在本年度的案件。与 CASE-04（瓯海2022，按程序区分网上办理与归档）不同，本规则不分程序，按类别判断。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QDX-01
#   title_en: Enforcement case of the four categories not entered on the provincial supervision platform
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第11项第1点
#   params: [categories]
package jiandu.rules.qdx_01

import data.jiandu.lib

names := {"license": "行政许可", "penalty": "行政处罚", "coercion": "行政强制", "inspection": "行政检查"}

findings contains f if {
	categories := lib.param("QDX-01", "categories")
	src := lib.param_source("QDX-01", "categories")
	some c in input.cases
	c.category in categories
	lib.judges("QDX-01", c.opened)
	handled := object.get(c, ["online", "handled"], null)
	not handled == true
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("%s案件 %s（%s 立案）未在江苏省行政执法管理和监督综合平台网上录入（网上录入：%s；依据：%s）", [object.get(names, c.category, c.category), c.id, c.opened, flag(handled), src]),
		"message_en": sprintf("%s case %s (opened %s) was not entered on the Jiangsu enforcement supervision platform (online.handled is %v; per %s)", [c.category, c.id, c.opened, handled, src]),
		"detail": {"category": c.category, "opened": c.opened, "field": "online.handled", "value": handled},
	})
}

# flag(x): how the platform flag reads in a message.
flag(false) := "否"

flag(null) := "未记录"

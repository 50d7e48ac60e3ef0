# METADATA
# title: 案件未网上办理或未网上归档
# description: |
#   一般程序（procedure 为 general）案件须网上办理（online.handled 为 true），简易程序（simple）案件须网上归档
#   （online.archived 为 true）。读法：凡有 procedure 的案件都检查，不论是否已作决定；online 或相应标志缺失、
#   为 null 或 false 均为 finding。判断日期为决定日期，无决定时为立案日期；年度方案只判断该日期在本年度的案件。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-04
#   title_en: General-procedure case not handled online, or simple-procedure case not archived online
#   severity: error
#   partition: unit
#   sources:
#     - 001_8cc9de9d925df07c.txt 一(一)3
#   params: []
package jiandu.rules.case_04

import data.jiandu.lib

# flag(x): how a flag reads in a message.
flag(x) := "否" if x == false

flag(x) := "未记录" if x == null

flag(x) := "是" if x == true

findings contains f if {
	y := lib.judged_prefix("CASE-04")
	some c in input.cases
	c.procedure == "general"
	not c.online.handled == true
	d := lib.act_date(c)
	startswith(d, y)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("一般程序案件 %s 未网上办理（网上办理：%s；一般程序案件须100%%网上办理，001_8cc9de9d925df07c.txt 一(一)3）", [c.id, flag(object.get(c, ["online", "handled"], null))]),
		"message_en": sprintf("General-procedure case %s was not handled in the online case system (online.handled is %v; every general-procedure case must be, 001_8cc9de9d925df07c.txt 一(一)3)", [c.id, object.get(c, ["online", "handled"], null)]),
		"detail": {"procedure": "general", "field": "online.handled", "value": object.get(c, ["online", "handled"], null), "date": d},
	})
}

findings contains f if {
	y := lib.judged_prefix("CASE-04")
	some c in input.cases
	c.procedure == "simple"
	not c.online.archived == true
	d := lib.act_date(c)
	startswith(d, y)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("简易程序案件 %s 未网上归档（网上归档：%s；简易程序案件须100%%网上归档，001_8cc9de9d925df07c.txt 一(一)3）", [c.id, flag(object.get(c, ["online", "archived"], null))]),
		"message_en": sprintf("Simple-procedure case %s was not archived in the online case system (online.archived is %v; every simple-procedure case must be, 001_8cc9de9d925df07c.txt 一(一)3)", [c.id, object.get(c, ["online", "archived"], null)]),
		"detail": {"procedure": "simple", "field": "online.archived", "value": object.get(c, ["online", "archived"], null), "date": d},
	})
}

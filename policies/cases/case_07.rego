# METADATA
# title: 罚款超过法定上限或顶格罚款
# description: |
#   罚款金额（decision.fine）超过该违法行为的法定最高罚款额（decision.fine_max）为 error；等于最高额（顶格
#   罚款）为 warning，需人工复核。读法：两项均为数字的决定才比较，不限案件类别；罚款为 0（未罚款）时不按顶格
#   报告；需有决定日期，年度方案只判断本年度作出的决定。一个案件至多一条 finding（key 为空）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: CASE-07
#   title_en: Fine above the statutory maximum, or at the maximum
#   severity: error
#   partition: unit
#   sources:
#     - 000_290ff12546d35da7.txt 第8项
#     - 002_9b0a4fc8e477fbdb.txt 二(四)1
#   params: []
package jiandu.rules.case_07

import data.jiandu.lib

# fined: [case, decision date, fine, maximum] of each decision the rule judges whose fine, both amounts
# recorded, is at or above the maximum (compared first: most fines are below it).
fined := [[c, d, fine, fine_max] |
	y := lib.judged_prefix("CASE-07")
	some c in input.cases
	fine := c.decision.fine
	fine_max := c.decision.fine_max
	is_number(fine)
	is_number(fine_max)
	fine >= fine_max
	d := c.decision.date
	is_string(d)
	startswith(d, y)
]

findings contains f if {
	some [c, d, fine, fine_max] in fined
	fine > fine_max
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 的罚款 %v 元超过法定最高罚款额 %v 元，超出 %v 元（决定 %s；000_290ff12546d35da7.txt 第8项、002_9b0a4fc8e477fbdb.txt 二(四)1）", [c.id, fine, fine_max, fine - fine_max, d]),
		"message_en": sprintf("Case %s: fine of %v yuan exceeds the statutory maximum of %v yuan by %v yuan (decision %s; 000_290ff12546d35da7.txt item 8, 002_9b0a4fc8e477fbdb.txt 二(四)1)", [c.id, fine, fine_max, fine - fine_max, d]),
		"detail": {"decision": d, "fine": fine, "fine_max": fine_max, "excess": fine - fine_max},
	})
}

findings contains f if {
	some [c, d, fine, fine_max] in fined
	fine == fine_max
	fine > 0
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"severity": "warning",
		"message": sprintf("案件 %s 顶格罚款：罚款 %v 元等于法定最高罚款额，请人工复核是否随意顶格（决定 %s；000_290ff12546d35da7.txt 第8项）", [c.id, fine, d]),
		"message_en": sprintf("Case %s: fine of %v yuan is the statutory maximum; check that the maximum was not imposed arbitrarily (decision %s; 000_290ff12546d35da7.txt item 8)", [c.id, fine, d]),
		"detail": {"decision": d, "fine": fine, "fine_max": fine_max},
	})
}

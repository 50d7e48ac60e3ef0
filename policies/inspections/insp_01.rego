# METADATA
# title: 单一单位对同一企业重复检查
# description: |
#   一个单位对同一企业（按 enterprise.credit_code）在一个 window（quarter = 日历季度：1-3、4-6、7-9、
#   10-12 月）内的涉企行政检查不得超过 max_per_window 次，excluded_types（投诉举报类）不计。
#   按日期（同日按检查 id）排序，超出允许次数的每一次检查各一条 finding；detail.within_limit 列出
#   上限内的检查。计划只点名“单部门重复检查”，
#   未规定次数：次数与窗口是 profile 自己的选择，profile 须写明出处。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: INSP-01
#   title_en: One unit inspected one enterprise too often in a window
#   severity: warning
#   partition: unit
#   sources:
#     - 000_290ff12546d35da7.txt 第7项 每季度监督 单部门重复检查、涉企重复检查频次过高
#     - 002_9b0a4fc8e477fbdb.txt 二(四)2 检查频次过高、随意检查、重复检查
#     - 次数（max_per_window）、窗口（window）与不计的检查类型（excluded_types）是 profile 自己的选择：计划未规定数字
#   params: [max_per_window, window, excluded_types]
package jiandu.rules.insp_01

import data.jiandu.lib
import data.jiandu.lib.inspections

# rows: the unit's counted inspections as [credit_code, window, date, id, index], sorted, so that each
# (enterprise, window) group is a run of rows in date order.
rows := sort([[i.enterprise.credit_code, w, i.date, i.id, n] |
	excluded := lib.param("INSP-01", "excluded_types")
	window := lib.param("INSP-01", "window")
	some n, i in input.inspections
	not i.type in excluded
	lib.judges("INSP-01", i.date)
	w := window_label(i.date, window)
])

# starts: the row index of each (enterprise, window) group's first inspection.
starts := {[r[0], r[1]]: k |
	some k, r in rows
	group_start(k)
}

group_start(0)

group_start(k) if {
	k > 0
	[rows[k - 1][0], rows[k - 1][1]] != [rows[k][0], rows[k][1]]
}

findings contains f if {
	allowed := lib.param("INSP-01", "max_per_window")
	window := lib.param("INSP-01", "window")
	some k, r in rows
	first := starts[[r[0], r[1]]]
	k - first >= allowed
	i := input.inspections[r[4]]
	within := [x[3] | some x in array.slice(rows, first, first + allowed)]
	f := lib.finding(rego.metadata.chain(), {
		"kind": "inspection",
		"record": i.id,
		"unit": i.unit,
		"message": sprintf("检查 %s：单位 %s 于 %s 检查企业 %s，是 %s 内对该企业的第 %d 次检查%s，超过%s %d 次的上限（多 %d 次）；上限内的检查：%s（%s）", [i.id, i.unit, i.date, inspections.enterprise_label(i), r[1], (k - first) + 1, inspections.excluded_note(lib.param("INSP-01", "excluded_types"), ""), window_zh[window], allowed, ((k - first) + 1) - allowed, concat("、", within), lib.param_source("INSP-01", "max_per_window")]),
		"message_en": sprintf("Inspection %s: unit %s inspected enterprise %s on %s, its inspection no. %d of that enterprise in %s, %d over the limit of %d per %s; within the limit: %s", [i.id, i.unit, i.enterprise.credit_code, i.date, (k - first) + 1, r[1], ((k - first) + 1) - allowed, allowed, window, concat(", ", within)]),
		"detail": {
			"enterprise": i.enterprise.credit_code,
			"window": r[1],
			"ordinal": (k - first) + 1,
			"max": allowed,
			"within_limit": within,
		},
	})
}

# window_label(d, window): the window an inspection date falls in.
window_label(d, "quarter") := sprintf("%s-Q%d", [substring(d, 0, 4), lib.quarter(d)])

window_label(d, "month") := substring(d, 0, 7)

window_label(d, "half") := sprintf("%s-H%d", [substring(d, 0, 4), lib.half(d)])

window_label(d, "year") := substring(d, 0, 4)

window_zh := {"quarter": "每季度", "month": "每月", "half": "每半年", "year": "每年"}

# METADATA
# title: 涉企检查频次过高
# description: |
#   各单位合计对同一企业（按 enterprise.credit_code）在 profile 年度内的涉企行政检查不得超过
#   max_per_year 次，excluded_types（投诉举报类）不计；两个单位各自登记的同一次联合检查（同一日期、
#   互相在 joint_with 中列明对方）只计一次，计在单位 id 较小的那条记录上。按日期（同日按检查 id）排序，
#   超出允许次数的每一次检查各一条 finding；detail.within_limit 列出上限内的检查。计划只点名
#   “涉企重复检查频次过高”，未规定次数：次数是 profile 自己的选择，profile 须写明出处。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: INSP-03
#   title_en: All units together inspected one enterprise too often in the year
#   severity: warning
#   partition: enterprise
#   sources:
#     - 000_290ff12546d35da7.txt 第7项 涉企重复检查频次过高
#     - 002_9b0a4fc8e477fbdb.txt 二(四)2 检查频次过高
#     - 次数（max_per_year）与不计的检查类型（excluded_types）是 profile 自己的选择：计划未规定数字
#   params: [max_per_year, excluded_types]
package jiandu.rules.insp_03

import data.jiandu.lib
import data.jiandu.lib.inspections

# candidates: the enterprise's inspections in the profile's year that count.
candidates := [i |
	excluded := lib.param("INSP-03", "excluded_types")
	some i in input.enterprise.inspections
	not i.type in excluded
	lib.in_year(i.date)
	lib.judges("INSP-03", i.date)
]

# rows: [date, id, index] of the counted inspections, in date order. Of the records several units keep of
# one joint inspection (the same date, each naming the other in joint_with) only the one of the smallest
# unit id is counted.
rows := sort([[i.date, i.id, n] |
	some n, i in candidates
	not merged(i)
])

# marks: [date, unit, named unit] for every joint_with entry of a counted-type record.
marks := {[j.date, j.unit, u] |
	some j in candidates
	some u in inspections.joint_with(j)
}

merged(i) if {
	some u in inspections.joint_with(i)
	u < i.unit
	[i.date, u, i.unit] in marks
}

findings contains f if {
	allowed := lib.param("INSP-03", "max_per_year")
	some k, r in rows
	k >= allowed
	i := candidates[r[2]]
	within := [x[1] | some x in array.slice(rows, 0, allowed)]
	f := lib.finding(rego.metadata.chain(), {
		"kind": "inspection",
		"record": i.id,
		"unit": i.unit,
		"message": sprintf("检查 %s：单位 %s 于 %s 检查企业 %s，是 %d 年各单位对该企业的第 %d 次检查%s，超过每年 %d 次的上限（多 %d 次）；上限内的检查：%s（%s）", [i.id, i.unit, i.date, inspections.enterprise_label(i), lib.profile_year, k + 1, inspections.excluded_note(lib.param("INSP-03", "excluded_types"), "联合检查计一次"), allowed, (k + 1) - allowed, concat("、", within), lib.param_source("INSP-03", "max_per_year")]),
		"message_en": sprintf("Inspection %s: unit %s inspected enterprise %s on %s, the enterprise's inspection no. %d by all units in %d, %d over the limit of %d a year; within the limit: %s", [i.id, i.unit, i.enterprise.credit_code, i.date, k + 1, lib.profile_year, (k + 1) - allowed, allowed, concat(", ", within)]),
		"detail": {
			"enterprise": i.enterprise.credit_code,
			"year": lib.profile_year,
			"ordinal": k + 1,
			"max": allowed,
			"within_limit": within,
		},
	})
}

# METADATA
# title: 多部门未同步联合检查
# description: |
#   两个不同单位在 joint_window_days 日内（两次检查日期相差的自然日数 |Δ| ≤ joint_window_days）
#   检查同一企业（按 enterprise.credit_code），而双方都没有在 joint_with 中列明对方，应当同步联合检查
#   而未联合。excluded_types（投诉举报类）不计。finding 落在一对检查中较晚的一次（日期相同时按检查 id
#   排后者）；一次检查与多个较早检查成对时合并为一条，detail.partners 逐一列出。计划只点名“多部门未同步
#   联合检查”，未规定天数：天数是 profile 自己的选择，profile 须写明出处。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: INSP-02
#   title_en: Two units inspected one enterprise close together without a joint inspection
#   severity: warning
#   partition: enterprise
#   sources:
#     - 000_290ff12546d35da7.txt 第7项 多部门未同步联合检查
#     - 天数（joint_window_days）与不计的检查类型（excluded_types）是 profile 自己的选择：计划未规定数字
#   params: [joint_window_days, excluded_types]
package jiandu.rules.insp_02

import data.jiandu.lib
import data.jiandu.lib.inspections

window := lib.param("INSP-02", "joint_window_days")

# rows: the enterprise's counted inspections as [day index, date, id, index], in date order (ties by id).
rows := sort([[lib.cal.days[i.date].i, i.date, i.id, n] |
	excluded := lib.param("INSP-02", "excluded_types")
	some n, i in input.enterprise.inspections
	not i.type in excluded
	lib.covered(i.date)
])

# Rows fall in buckets of window + 1 days: two inspections at most `window` days apart lie in the same
# bucket or in adjacent ones, so each inspection is compared only with the earlier rows of its bucket and
# the bucket before (no quadratic scan of a busy enterprise).
bucket(r) := floor(r[0] / (window + 1))

first_of := {bucket(r): k |
	some k, r in rows
	bucket_start(k)
}

bucket_start(0)

bucket_start(k) if {
	k > 0
	bucket(rows[k - 1]) != bucket(rows[k])
}

# low(b): the first row an inspection in bucket b can pair with.
low(b) := first_of[b - 1]

low(b) := first_of[b] if not first_of[b - 1]

findings contains f if {
	some k, r in rows
	b := input.enterprise.inspections[r[3]]
	lib.judges("INSP-02", b.date)
	partners := [[x[1], a.id, a.unit, d] |
		some x in array.slice(rows, low(bucket(r)), k)
		a := input.enterprise.inspections[x[3]]
		a.unit != b.unit
		x[2] != r[2]
		d := r[0] - x[0]
		d <= window
		not inspections.names_either(a, b)
	]
	count(partners) > 0
	f := lib.finding(rego.metadata.chain(), {
		"kind": "inspection",
		"record": b.id,
		"unit": b.unit,
		"message": sprintf("检查 %s：单位 %s 于 %s 检查企业 %s，与 %s 相隔不超过 %d 天，双方均未在联合检查单位（joint_with）中列明对方，未同步联合检查（%s）", [b.id, b.unit, b.date, inspections.enterprise_label(b), concat("、", [sprintf("单位 %s 于 %s 的检查 %s（相隔 %d 天）", [p[2], p[0], p[1], p[3]]) | some p in partners]), window, lib.param_source("INSP-02", "joint_window_days")]),
		"message_en": sprintf("Inspection %s: unit %s inspected enterprise %s on %s, within %d days of %s, and neither names the other in joint_with", [b.id, b.unit, b.enterprise.credit_code, b.date, window, concat(", ", [sprintf("unit %s's inspection %s of %s (%d days apart)", [p[2], p[1], p[0], p[3]]) | some p in partners])]),
		"detail": {
			"enterprise": b.enterprise.credit_code,
			"window_days": window,
			"partners": [{"inspection": p[1], "unit": p[2], "date": p[0], "days": p[3]} | some p in partners],
		},
	})
}

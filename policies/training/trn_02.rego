# METADATA
# title: 业务知识、执法技能培训学时占比不足
# description: |
#   role 属于 TRN-01 的 roles 的人员，方案年度内 business_categories（业务知识、执法技能）培训学时 ÷ 年度培训
#   总学时 ≥ business_share_min。总学时与 TRN-01 口径相同：不计 TRN-01 的 excluded_categories（central、
#   practical），无日期或学时的条目不计。总学时为 0 不评判（由 TRN-01 报告）；恰好达到为合格。
#   年度规则：as-of 日期晚于方案年度最后一日才评判。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: TRN-02
#   title_en: Share of business and skills training hours below the minimum
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 正文第9项
#     - 003_706ab2c6f407d180.txt 附件第10项第2点
#   params: [business_share_min, business_categories]
package jiandu.rules.trn_02

import data.jiandu.lib

findings contains f if {
	lib.year_closed
	roles := lib.param("TRN-01", "roles")
	excluded := lib.param("TRN-01", "excluded_categories")
	cats := lib.param("TRN-02", "business_categories")
	minimum := lib.param("TRN-02", "business_share_min")
	src := lib.param_source("TRN-02", "business_share_min")
	some o in input.officers
	o.role in roles
	ts := counted(o, excluded)
	total := sum([t.hours | some t in ts])
	business := sum([t.hours | some t in ts; object.get(t, "category", null) in cats])
	r := lib.ratio(business, total)
	r < minimum
	needed := num(minimum * total)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s %d 年%s培训 %v 学时，占培训总学时 %v 学时的 %s，低于 %s（应不少于 %v 学时，差 %v 学时；依据：%s）", [who(o), lib.profile_year, labels(cats), num(business), num(total), pct(r), pct(minimum), needed, num(needed - business), src]),
		"message_en": sprintf("%s: %v of %v training hours in %d are %s (%s), below %s (needs %v, short by %v; per %s)", [who_en(o), num(business), num(total), lib.profile_year, concat("/", cats), pct(r), pct(minimum), needed, num(needed - business), src]),
		"detail": {
			"year": lib.profile_year, "numerator": num(business), "denominator": num(total), "rate": r,
			"min": minimum, "needed": needed, "short": num(needed - business), "categories": cats, "source": src,
		},
	})
}

# counted(o, excluded): the officer's training entries of the profile's year with hours, outside the
# excluded (pre-certification) categories, as TRN-01 counts them.
counted(o, excluded) := [t |
	some t in object.get(o, "training", [])
	is_string(t.date)
	lib.in_year(t.date)
	is_number(t.hours)
	not object.get(t, "category", null) in excluded
]

category_zh := {
	"business": "业务知识", "skills": "执法技能", "law": "法律法规", "prudent": "包容审慎执法",
	"discretion": "行政裁量权基准运用", "exempt_list": "免罚轻罚清单实施", "central": "初次申领集中学习",
	"practical": "岗位实训", "political": "政治理论", "other": "其他",
}

labels(cats) := concat("、", [object.get(category_zh, c, c) | some c in cats])

# num(x): hours rounded to two decimals for display.
num(x) := round(x * 100) / 100

# pct(r): a rate as a percentage with two decimals (lib.pct fails on a whole percentage such as 60%).
pct(r) := s if {
	x := r * 100
	x == floor(x)
	s := sprintf("%d.00%%", [x])
} else := sprintf("%.2f%%", [r * 100])

name(o) := object.get(o, "name", null)

who(o) := sprintf("%s（%s）", [o.id, name(o)]) if is_string(name(o))

who(o) := o.id if not is_string(name(o))

who_en(o) := sprintf("%s (%s)", [o.id, name(o)]) if is_string(name(o))

who_en(o) := o.id if not is_string(name(o))

# METADATA
# title: 包容审慎执法等专题培训学时不足
# description: |
#   role 属于 TRN-01 的 roles 的人员，方案年度内 prudent_categories（包容审慎执法、行政裁量权基准运用、
#   免罚轻罚清单实施）培训学时合计 ≥ prudent_min_hours。口径与 TRN-01 相同（不计 excluded_categories，
#   无日期或学时的条目不计）；没有任何培训的人员也评判（0 学时）。恰好达到为合格。
#   年度规则：as-of 日期晚于方案年度最后一日才评判。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: TRN-03
#   title_en: Prudent-enforcement, discretion and exemption-list training hours below the minimum
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 正文第9项
#     - 003_706ab2c6f407d180.txt 附件第10项第3点
#   params: [prudent_min_hours, prudent_categories]
package jiandu.rules.trn_03

import data.jiandu.lib

findings contains f if {
	lib.year_closed
	roles := lib.param("TRN-01", "roles")
	excluded := lib.param("TRN-01", "excluded_categories")
	cats := lib.param("TRN-03", "prudent_categories")
	minimum := lib.param("TRN-03", "prudent_min_hours")
	counted := {c: true | some c in cats; not c in excluded}
	null_cat := null in cats
	y := lib.year_prefix
	some o in input.officers
	o.role in roles
	h := prudent_hours(o, cats, excluded, counted, null_cat, y)
	h < minimum
	src := lib.param_source("TRN-03", "prudent_min_hours")
	hours := round(h * 100) / 100
	short := round((minimum - h) * 100) / 100
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s %d 年%s培训 %v 学时，少于 %v 学时，差 %v 学时（依据：%s）", [lib.officer_label(o), lib.profile_year, labels(cats), hours, minimum, short, src]),
		"message_en": sprintf("%s: %v hours of %s training in %d, below %v, short by %v (per %s)", [lib.officer_label_en(o), hours, concat("/", cats), lib.profile_year, minimum, short, src]),
		"detail": {"year": lib.profile_year, "hours": hours, "min": minimum, "short": short, "categories": cats, "source": src},
	})
}

# prudent_hours(o, cats, excluded, counted, null_cat, y): the sum of the hours of prudent_training(o,
# cats, excluded), in the same order. The category is looked up first in counted (the categories of cats
# not excluded, so each entry's category is tested once); an entry without a category is null, so that
# needs null not among cats (null_cat false).
prudent_hours(o, cats, excluded, counted, null_cat, y) := sum([t.hours |
	some t in o.training
	counted[t.category]
	is_string(t.date)
	startswith(t.date, y)
	is_number(t.hours)
]) if {
	not null_cat
} else := sum([t.hours | some t in prudent_training(o, cats, excluded)])

# prudent_training(o, cats, excluded): the entries of lib.counted_training(o, excluded) in the categories
# cats, in the same order (the category tested first: most entries are in none of them).
prudent_training(o, cats, excluded) := [t |
	y := lib.year_prefix
	some t in object.get(o, "training", [])
	object.get(t, "category", null) in cats
	is_string(t.date)
	startswith(t.date, y)
	is_number(t.hours)
	not object.get(t, "category", null) in excluded
]

category_zh := {
	"business": "业务知识", "skills": "执法技能", "law": "法律法规", "prudent": "包容审慎执法",
	"discretion": "行政裁量权基准运用", "exempt_list": "免罚轻罚清单实施", "central": "初次申领集中学习",
	"practical": "岗位实训", "political": "政治理论", "other": "其他",
}

labels(cats) := concat("、", [object.get(category_zh, c, c) | some c in cats])

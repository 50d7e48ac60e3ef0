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
import data.jiandu.lib.training

# The total comes from training.annual (computed once per evaluation, shared with TRN-01).
findings contains f if {
	lib.year_closed
	cats := lib.param("TRN-02", "business_categories")
	minimum := lib.param("TRN-02", "business_share_min")
	found := training.lookup(cats)
	null_cat := null in cats
	some i, [total, plain] in training.annual
	o := input.officers[i]
	business := business_hours(o, plain, cats, found, null_cat)
	r := lib.ratio(business, total)
	r < minimum
	src := lib.param_source("TRN-02", "business_share_min")
	[numerator, denominator, needed, short, rate] := figures(business, total, minimum)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s %d 年%s培训 %v 学时，占培训总学时 %v 学时的 %s，低于 %s（应不少于 %v 学时，差 %v 学时；依据：%s）", [lib.officer_label(o), lib.profile_year, labels(cats), numerator, denominator, rate, lib.pct2(minimum), needed, short, src]),
		"message_en": sprintf("%s: %v of %v training hours in %d are %s (%s), below %s (needs %v, short by %v; per %s)", [lib.officer_label_en(o), numerator, denominator, lib.profile_year, concat("/", cats), rate, lib.pct2(minimum), needed, short, src]),
		"detail": {
			"year": lib.profile_year, "numerator": numerator, "denominator": denominator, "rate": r,
			"min": minimum, "needed": needed, "short": short, "categories": cats, "source": src,
		},
	})
}

# business_hours(o, plain, cats, found, null_cat): the hours of the entries of lib.counted_training(o,
# TRN-01's excluded categories) in the categories cats, in their order. When every entry counts (plain)
# only the category is looked up (found: training.lookup(cats)); an entry without a category is null,
# so that shortcut needs null not among cats (null_cat false).
business_hours(o, plain, cats, found, null_cat) := sum([t.hours | some t in o.training; found[t.category]]) if {
	plain
	not null_cat
} else := sum([t.hours |
	some t in lib.counted_training(o, training.excluded)
	object.get(t, "category", null) in cats
])

# figures(business, total, minimum): the hours shown (two decimals), the hours needed and short, and the
# rate as a percentage. A function of the hours: officers with the same hours share one evaluation.
figures(business, total, minimum) := [
	round(business * 100) / 100,
	round(total * 100) / 100,
	needed,
	round((needed - business) * 100) / 100,
	lib.rate_pct(business, total),
] if {
	needed := round((minimum * total) * 100) / 100
}

category_zh := {
	"business": "业务知识", "skills": "执法技能", "law": "法律法规", "prudent": "包容审慎执法",
	"discretion": "行政裁量权基准运用", "exempt_list": "免罚轻罚清单实施", "central": "初次申领集中学习",
	"practical": "岗位实训", "political": "政治理论", "other": "其他",
}

labels(cats) := concat("、", [object.get(category_zh, c, c) | some c in cats])

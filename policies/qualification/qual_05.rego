# METADATA
# title: 法制审核人员不足本单位执法人员的5%
# description: |
#   每个单位 legal_reviewer 为 true 的人员数 ÷ 本单位执法人员数 ≥ reviewer_share_min。分子、分母都只计
#   role 为 officer 的人员。年度规则：as-of 日期晚于方案年度最后一日才评判；执法人员为 0 的单位不评判。
#   summary 给出每个单位的 reviewers、officers（KPI 汇总用，年度未结束时也给出）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QUAL-05
#   title_en: Legal reviewers below 5% of the unit's enforcement officers
#   severity: warning
#   partition: unit
#   sources:
#     - 国办发〔2018〕118号 (十三)
#   params: [reviewer_share_min]
package jiandu.rules.qual_05

import data.jiandu.lib
import data.jiandu.lib.explain

officers := [o | some o in input.officers; o.role == "officer"]

reviewers := [o | some o in officers; object.get(o, "legal_reviewer", null) == true]

summary := {"reviewers": count(reviewers), "officers": count(officers)} if input.scope == "unit"

findings contains f if {
	input.scope == "unit"
	lib.year_closed
	minimum := lib.param("QUAL-05", "reviewer_share_min")
	src := lib.param_source("QUAL-05", "reviewer_share_min")
	n := count(reviewers)
	d := count(officers)
	r := lib.ratio(n, d)
	r < minimum
	needed := lib.needed_count(n, d, minimum)
	u := input.unit_id
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u,
		"unit": u,
		"message": sprintf("单位 %s 法制审核人员 %d 名，占执法人员 %d 名的 %s，低于 %s（至少需 %d 名，差 %d 名；依据：%s）", [lib.unit_label(u), n, d, lib.pct2(r), lib.pct2(minimum), needed, needed - n, src]),
		"message_en": sprintf("Unit %s has %d legal reviewer(s) among %d officers (%s), below %s (needs %d, short by %d; per %s)", [lib.unit_label_en(u), n, d, lib.pct2(r), lib.pct2(minimum), needed, needed - n, src]),
		"detail": {"numerator": n, "denominator": d, "rate": r, "min": minimum, "needed": needed, "short": needed - n, "source": src, "steps": array.concat(
			array.concat(
				[explain.annual_param("QUAL-05", "reviewer_share_min")],
				explain.rate(
					["法制审核人员：legal_reviewer 为 true 的执法人员", "legal reviewers: officers with legal_reviewer true"], [lib.officer_label(o) | some o in reviewers],
					["执法人员：role 为 officer", "officers: role officer"], [lib.officer_label(o) | some o in officers],
					minimum,
				),
			),
			[
				explain.needed(n, d, minimum, "名", "reviewers"),
				explain.conclusion(
					sprintf("单位 %s 法制审核人员占比 %s，低于 %s", [lib.unit_label(u), lib.pct2(r), lib.pct2(minimum)]),
					sprintf("unit %s: legal reviewers are %s of its officers, below %s", [lib.unit_label_en(u), lib.pct2(r), lib.pct2(minimum)]),
				),
			],
		)},
	})
}

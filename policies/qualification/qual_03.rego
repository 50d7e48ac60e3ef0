# METADATA
# title: 向未在执法岗位的人员发放执法证件
# description: |
#   持有有效执法证件的人员（任何 role）岗位须为 enforcement_post；post 缺失视为不在执法岗位。
#   有效证件：状态 valid 且 签发日 ≤ D ≤ 有效期至，D = as-of 日期与方案年度最后一日中较早者。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QUAL-03
#   title_en: Enforcement certificate held by staff not in an enforcement post
#   severity: warning
#   partition: unit
#   sources:
#     - 002_9b0a4fc8e477fbdb.txt 二(二)2
#   params: [enforcement_post]
package jiandu.rules.qual_03

import data.jiandu.lib

findings contains f if {
	d := lib.check_date
	post := lib.param("QUAL-03", "enforcement_post")
	src := lib.param_source("QUAL-03", "enforcement_post")
	some o in input.officers
	actual := object.get(o, "post", null)
	actual != post
	lib.valid_certificate(o, d)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "officer",
		"record": o.id,
		"unit": o.unit,
		"message": sprintf("执法人员 %s 于 %s 持有效执法证件（有效期至 %s），但%s，不在执法岗位（依据：%s）", [lib.officer_label(o), d, o.certificate.expires, post_zh(actual), src]),
		"message_en": sprintf("%s holds a valid enforcement certificate on %s (expires %s) but %s, not an enforcement post (per %s)", [lib.officer_label_en(o), d, o.certificate.expires, post_en(actual), src]),
		"detail": {
			"date": d,
			"post": actual,
			"required_post": post,
			"certificate": object.get(o.certificate, "number", null),
			"issued": o.certificate.issued,
			"expires": o.certificate.expires,
			"source": src,
		},
	})
}

post_zh(null) := "未登记岗位"

post_zh(p) := sprintf("岗位为 %s", [p]) if p != null

post_en(null) := "has no post recorded"

post_en(p) := sprintf("the post is %s", [p]) if p != null

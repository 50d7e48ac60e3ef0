# METADATA
# title: 司法局案卷抽查数量不足
# description: |
#   司法局（单位类型 judicial_bureau）年度抽查案卷数（其 obligation 参数所名报送义务、期次属于
#   profile 年度的报送记录的 count 之和，count 为空的记录计 0）须不少于 min_sampled（003 附件第8项：
#   行政执法案卷全年抽查不少于100件）。年度规则：as-of 日期晚于 profile 年度最后一日才报告。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: REV-02
#   title_en: Judicial bureau sampled too few case files in the year
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第8项 行政执法案卷全年抽查不少于100件
#   params: [min_sampled, obligation]
package jiandu.rules.rev_02

import data.jiandu.lib
import data.jiandu.lib.obligations

findings contains f if {
	lib.year_closed
	some u in obligations.unit_records
	u.type == "judicial_bureau"
	ob_id := lib.param("REV-02", "obligation")
	need := lib.param("REV-02", "min_sampled")
	sampled := obligations.year_count(ob_id)
	sampled < need
	f := lib.finding(rego.metadata.chain(), {
		"kind": "unit",
		"record": u.id,
		"unit": u.id,
		"message": sprintf("司法局 %s %d 年度抽查行政执法案卷 %v 件，少于 %v 件，差 %v 件（%s）", [obligations.unit_label(u), lib.profile_year, sampled, need, need - sampled, lib.param_source("REV-02", "min_sampled")]),
		"message_en": sprintf("Judicial bureau %s sampled %v case files in %d, fewer than the %v required (%v short)", [u.id, sampled, lib.profile_year, need, need - sampled]),
		"detail": {
			"sampled": sampled,
			"min": need,
			"obligation": ob_id,
			"period": obligations.year_label,
		},
	})
}

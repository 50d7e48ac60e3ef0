# METADATA
# title: 辅助人员或第三方服务机构人员办理执法案件
# description: |
#   案件的执法人员中不得有 role 属于 forbidden_roles（辅助人员、第三方服务机构人员）的人员。
#   执法人员按 input.handlers 中的 id 查找，不论所属单位；导出中不存在的 id 归 DATA-02。每个案件一条，
#   列出全部违规人员。年度方案开启时只评判执法行为日（决定日期，无决定时为立案日期）在方案年度内的案件。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QUAL-02
#   title_en: Auxiliary or third-party staff handling an enforcement case
#   severity: error
#   partition: unit
#   sources:
#     - 003_706ab2c6f407d180.txt 附件第10项第1点
#   params: [forbidden_roles]
package jiandu.rules.qual_02

import data.jiandu.lib

# Only the cases naming a suspect are checked in full; on the usual unit there is none.
findings contains f if {
	ss := suspects
	count(ss) > 0
	some c in {x | some x in input.cases; some h in x.handlers; ss[h]}
	d := lib.act_date(c)
	lib.judges("QUAL-02", d)
	forbidden := lib.param_at("QUAL-02", "forbidden_roles", d)
	src := lib.param_source_at("QUAL-02", "forbidden_roles", d)
	bad := sort({h | some h in c.handlers; input.handlers[h].role in forbidden})
	count(bad) > 0
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"message": sprintf("案件 %s 有 %d 名非行政执法人员参与办理：%s（依据：%s）", [c.id, count(bad), concat("、", [who(input.handlers[h]) | some h in bad]), src]),
		"message_en": sprintf("Case %s is handled by %d non-officer staff: %s (per %s)", [c.id, count(bad), concat(", ", [who_en(input.handlers[h]) | some h in bad]), src]),
		"detail": {
			"act_date": d,
			"handlers": bad,
			"roles": {h: input.handlers[h].role | some h in bad},
			"forbidden_roles": forbidden,
			"source": src,
		},
	})
}

# suspects: the handlers whose role forbidden_roles lists on some date.
suspects := {h |
	some h, o in input.handlers
	some e in lib.profile.params["QUAL-02"].forbidden_roles
	o.role in e.value
}

role_zh := {"officer": "行政执法人员", "auxiliary": "辅助人员", "third_party": "第三方服务机构人员"}

role_en := {"officer": "officer", "auxiliary": "auxiliary staff", "third_party": "third-party staff"}

name(o) := object.get(o, "name", null)

who(o) := sprintf("%s（%s，%s）", [o.id, name(o), object.get(role_zh, o.role, o.role)]) if is_string(name(o))

who(o) := sprintf("%s（%s）", [o.id, object.get(role_zh, o.role, o.role)]) if not is_string(name(o))

who_en(o) := sprintf("%s (%s, %s)", [o.id, name(o), object.get(role_en, o.role, o.role)]) if is_string(name(o))

who_en(o) := sprintf("%s (%s)", [o.id, object.get(role_en, o.role, o.role)]) if not is_string(name(o))

# METADATA
# title: 办案执法人员未持有效执法证件
# description: |
#   案件的每名执法人员（input.handlers 中按 id 找到的人员，不论所属单位）在执法行为日须持有状态为
#   valid_status 的执法证件，且 签发日 ≤ 执法行为日 ≤ 有效期至。执法行为日 = 决定日期，无决定时为立案日期；
#   证件状态按导出时的值读取。缺少签发日或有效期至的证件无法证明有效，亦为问题。每个（案件，执法人员）一条，
#   key 为执法人员 id；导出中不存在的执法人员 id 归 DATA-02，不在此报告。
#   各文本的差异（按执法行为日适用当日施行的文本，见 valid_status 各期取值）：行政处罚法2009年修正文本和2017年修正
#   文本第三十七条第一款（调查、检查时出示证件）、第三十四条（当场处罚出示执法身份证件）以出示执法证件为要求；
#   2021年修订文本第四十二条第一款（2021-07-15 起）明确行政处罚应当由具有行政执法资格的执法人员实施。要求同为
#   持有效执法证件，条文号不同；finding 引用执法行为日施行的条款（sources）。
# scope: package
# schemas:
#   - input: schema.input
# custom:
#   id: QUAL-01
#   title_en: Case handler without a valid enforcement certificate
#   severity: error
#   partition: unit
#   sources:
#     - 行政处罚法 第四十二条
#     - 000_290ff12546d35da7.txt 第2项(2)
#     - 002_9b0a4fc8e477fbdb.txt 二(二)2
#     - 003_706ab2c6f407d180.txt 附件第10项第1点
#   params: [valid_status]
package jiandu.rules.qual_01

import data.jiandu.lib

# A (case, handler) pair is checked in full only for a suspect handler; on the usual unit, where every
# handler's certificate covers the whole span of the cases, there is none and no case is looked at.
findings contains f if {
	ss := suspects
	count(ss) > 0
	some c in input.cases
	some h in c.handlers
	ss[h]
	o := input.handlers[h]
	d := lib.act_date(c)
	lib.judges("QUAL-01", d)
	valid := lib.param_at("QUAL-01", "valid_status", d)
	cert := object.get(o, "certificate", null)
	rs := reasons(cert, d, valid)
	count(rs) > 0
	src := lib.param_source_at("QUAL-01", "valid_status", d)
	f := lib.finding(rego.metadata.chain(), {
		"kind": "case",
		"record": c.id,
		"unit": c.unit,
		"key": h,
		"message": sprintf("案件 %s 的执法人员 %s 在%s %s 未持有效执法证件：%s（依据：%s）", [c.id, lib.officer_label(o), act_label_zh(c), d, concat("；", [r.zh | some r in rs]), src]),
		"message_en": sprintf("Case %s: handler %s held no valid enforcement certificate on the %s %s: %s (per %s)", [c.id, lib.officer_label_en(o), act_label_en(c), d, concat("; ", [r.en | some r in rs]), src]),
		"detail": {
			"handler": h,
			"act_date": d,
			"act": act_kind(c),
			"status": cert_field(cert, "status"),
			"issued": cert_field(cert, "issued"),
			"expires": cert_field(cert, "expires"),
			"required_status": valid,
			"reasons": [r.code | some r in rs],
			"source": src,
		},
		"sources": lib.clauses(src),
	})
}

# valid_values: the values valid_status takes on any date.
valid_values := {e.value | some e in lib.profile.params["QUAL-01"].valid_status}

# act_span: [earliest, latest] of every date a case of the partition may be judged on (its opening and
# its decision dates), which includes every act date.
act_span := [min(ds), max(ds)] if {
	ds := array.concat([c.opened | some c in input.cases], [d | some c in input.cases; d := c.decision.date; is_string(d)])
	count(ds) > 0
}

# always_valid: the handlers whose certificate passes every check on every act date: valid_status has one
# value on every date and the certificate has it, and it was issued by the earliest date of act_span and
# expires no earlier than the latest. reasons is empty for such a handler on any act date.
always_valid := {h |
	count(valid_values) == 1
	some valid in valid_values
	[first, last] := act_span
	some h, o in input.handlers
	cert := o.certificate
	cert.status == valid
	is_string(cert.issued)
	is_string(cert.expires)
	cert.issued <= first
	last <= cert.expires
}

# suspects: the handlers not known to be always valid.
suspects := {h | some h, _ in input.handlers; not always_valid[h]}

decided(c) if is_string(c.decision.date)

act_kind(c) := "decision" if decided(c)

act_kind(c) := "opened" if not decided(c)

act_label_zh(c) := "决定日" if decided(c)

act_label_zh(c) := "立案日" if not decided(c)

act_label_en(c) := "decision date" if decided(c)

act_label_en(c) := "opening date" if not decided(c)

cert_field(cert, k) := object.get(cert, k, null) if is_object(cert)

cert_field(cert, _) := null if not is_object(cert)

# The checks in the order a message lists them.
codes := ["no_certificate", "status", "no_issued", "not_yet_issued", "no_expires", "expired"]

reasons(cert, d, valid) := [r | some code in codes; r := reason(code, cert, d, valid)]

reason("no_certificate", cert, _, _) := {"code": "no_certificate", "zh": "无执法证件", "en": "no certificate"} if {
	not is_object(cert)
}

reason("status", cert, _, valid) := r if {
	is_object(cert)
	s := object.get(cert, "status", null)
	s != valid
	r := {
		"code": "status",
		"zh": sprintf("证件状态为 %v，应为 %s", [s, valid]),
		"en": sprintf("certificate status is %v, not %s", [s, valid]),
	}
}

reason("no_issued", cert, _, _) := {"code": "no_issued", "zh": "证件无签发日期", "en": "the certificate has no issue date"} if {
	is_object(cert)
	not is_string(object.get(cert, "issued", null))
}

reason("not_yet_issued", cert, d, _) := r if {
	is_object(cert)
	is_string(cert.issued)
	cert.issued > d
	r := {
		"code": "not_yet_issued",
		"zh": sprintf("证件 %s 才签发，晚于该日", [cert.issued]),
		"en": sprintf("the certificate was only issued on %s", [cert.issued]),
	}
}

reason("no_expires", cert, _, _) := {"code": "no_expires", "zh": "证件无有效期", "en": "the certificate has no expiry date"} if {
	is_object(cert)
	not is_string(object.get(cert, "expires", null))
}

reason("expired", cert, d, _) := r if {
	is_object(cert)
	is_string(cert.expires)
	cert.expires < d
	r := {
		"code": "expired",
		"zh": sprintf("证件有效期至 %s，已过期", [cert.expires]),
		"en": sprintf("the certificate expired on %s", [cert.expires]),
	}
}

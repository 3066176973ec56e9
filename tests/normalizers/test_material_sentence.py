"""A list entry naming a case, then the documents to hand in for it (real entries from
tests/fixtures/realworld/heldout)."""

from __future__ import annotations

from normalizers.material_sentence import case_and_documents


def test_a_case_then_documents_cut_at_semicolons() -> None:
    # 泉州: alternatives joined by 或 and a list summed up by 等… stay one document each.
    entry = (
        "1.因死亡一次性支取:提供死亡证明,或火化证,或注明死亡日期的户口注销材料,或由单位出具的死亡证明等任一材料;"
        "继承人与被继承人的关系证明材料;申请人医保电子凭证、社保卡、居民身份证等有效身份证件。"
    )
    assert case_and_documents(entry) == (
        "因死亡一次性支取",
        [
            "死亡证明,或火化证,或注明死亡日期的户口注销材料,或由单位出具的死亡证明等任一材料",
            "继承人与被继承人的关系证明材料",
            "申请人医保电子凭证、社保卡、居民身份证等有效身份证件",
        ],
    )


def test_a_case_then_documents_cut_at_commas_outside_brackets() -> None:
    entry = "(四)生育费用:有效身份证明材料(医保电子凭证、有效身份证件或社会保障卡)、生育或产前检查医药费票据、医疗费明细清单、出院小结等。"
    case, docs = case_and_documents(entry) or ("", [])
    assert case == "生育费用"
    assert docs == ["有效身份证明材料(医保电子凭证、有效身份证件或社会保障卡)", "生育或产前检查医药费票据", "医疗费明细清单", "出院小结"]


def test_a_label_naming_a_document_or_a_field_is_no_case() -> None:
    assert case_and_documents("1.身份证明:居民身份证或社会保障卡") is None
    assert case_and_documents("办理地点:各区医保中心、街道便民服务中心") is None
    assert case_and_documents("办理时限:5个工作日") is None


def test_a_quoted_form_filled_in_a_step_is_a_document() -> None:
    from normalizers.material_sentence import documents_shown

    step = "对符合条件且材料齐全的,由申请人填写《基本医疗保险关系转移接续申请表》;"
    assert documents_shown(step, given=True) == ["《基本医疗保险关系转移接续申请表》"]


def test_an_entry_running_on_into_the_act_is_no_case_list() -> None:
    entry = "(三)线下办理:需携带参保人有效身份证件原件、复印件或社会保障卡及转出地《基本医疗保险参保凭证》,到转入地医疗保障经办机构服务窗口现场进行办理。"
    assert case_and_documents(entry) is None

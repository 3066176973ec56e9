from normalizers.script import to_simplified


def test_traditional_guide_words_become_simplified() -> None:
    assert to_simplified("泉州市生育津貼申報") == "泉州市生育津贴申报"
    assert to_simplified("申請材料：有效身份證、社會保障卡或醫保電子憑證(碼)") == (
        "申请材料：有效身份证、社会保障卡或医保电子凭证(码)"
    )
    assert to_simplified("異地安置人員特殊門診費用報銷") == "异地安置人员特殊门诊费用报销"


def test_simplified_and_ascii_text_is_unchanged() -> None:
    for text in ("单位参保登记", "5个工作日", "", "abc 123"):
        assert to_simplified(text) == text

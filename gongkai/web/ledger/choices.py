"""The fixed lists of the ledger: publishing channels and the items of 条例第二十条.

Plain data, no Django: the importer, the forms, the figures and the builder read them.
"""

from __future__ import annotations

from gongkai.text.chinese import chinese_numeral

CHANNELS: dict[str, str] = {
    "portal": "门户网站",
    "wechat": "微信公众号",
    "weibo": "微博",
    "notice_board": "公开栏",
    "screen": "电子屏",
    "other": "其他",
}

# What people write in a CMS export for each channel (the official label comes first).
CHANNEL_ALIASES: dict[str, str] = {
    "门户网站": "portal",
    "政府网站": "portal",
    "网站": "portal",
    "政府门户网站": "portal",
    "微信公众号": "wechat",
    "微信": "wechat",
    "公众号": "wechat",
    "微博": "weibo",
    "政务微博": "weibo",
    "公开栏": "notice_board",
    "公示栏": "notice_board",
    "电子屏": "screen",
    "电子显示屏": "screen",
    "其他": "other",
}

# 《中华人民共和国政府信息公开条例》第二十条, items （一） to （十五）.
ARTICLE_ITEMS: dict[int, str] = {
    1: "行政法规、规章和规范性文件",
    2: "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    3: "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    4: "国民经济和社会发展统计信息",
    5: "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    6: "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    7: "财政预算、决算信息",
    8: "行政事业性收费项目及其依据、标准",
    9: "政府集中采购项目的目录、标准及实施情况",
    10: "重大建设项目的批准和实施情况",
    11: "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    12: "突发公共事件的应急预案、预警信息及应对情况",
    13: "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    14: "公务员招考的职位、名额、报考条件等事项以及录用结果",
    15: "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
}


def article_item_label(n: int) -> str:
    """第二十条第（五）项 办理行政许可…"""
    return f"第二十条第（{chinese_numeral(n)}）项 {ARTICLE_ITEMS[n]}"


ARTICLE_ITEM_CHOICES: list[tuple[int, str]] = [(n, article_item_label(n)) for n in ARTICLE_ITEMS]


def article_item_from_text(text: str) -> int | None:
    """Recognise "第二十条第（五）项", "（五）", "第五项" or the item's own words."""
    t = text.strip().replace("(", "（").replace(")", "）").replace(" ", "")
    for n in sorted(ARTICLE_ITEMS, reverse=True):  # 十五 before 五
        num = chinese_numeral(n)
        if t in (f"第二十条第（{num}）项", f"（{num}）", f"第{num}项", f"第二十条第{num}项"):
            return n
        if t.startswith(f"第二十条第（{num}）项"):
            return n
        if t == ARTICLE_ITEMS[n]:
            return n
    return None

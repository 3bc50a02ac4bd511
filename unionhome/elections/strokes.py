"""Surname stroke counts (姓氏笔画) for ordering candidate lists, offline.

Candidate lists are ordered by the stroke count of the surname (regulations §1.4). No stroke table ships
with the platform's dependencies (pypinyin has none), so this is a small table of simplified-character
stroke counts (《现代汉语通用字笔顺规范》) for the common surnames in use; add a surname here when a
candidate's is missing. Unknown surnames sort after the known ones. Ties keep pinyin order.
"""
from __future__ import annotations

UNKNOWN = 99

_TABLE = {
    2: "丁卜",
    3: "于马卫万弓门",
    4: "王方尹毛孔邓文牛仇巴",
    5: "叶田史白冯卢石左龙包艾甘司",
    6: "刘孙朱许吕任江汤安庄祁伍向米阮邢华",
    7: "李张陈杨吴何宋肖余杜苏沈汪邱陆严辛应冷劳芦花岑谷邹",
    8: "周林罗郑金孟范易季岳武庞房单欧竺卓",
    9: "赵胡姚贺侯段俞洪施柳祝姜费骆郝钟",
    10: "徐郭高唐袁钱夏陶殷顾聂贾倪晏秦柴耿凌翁诸",
    11: "黄梁曹萧崔常章康盛龚阎隋麻",
    12: "谢韩彭曾董蒋程傅焦鲁舒童温游覃",
    13: "褚雷蒲赖简詹虞楚鲍",
    14: "蔡谭廖管裴熊",
    15: "潘黎颜樊滕",
    16: "薛霍穆",
    17: "魏戴鞠",
}
STROKES = {ch: n for n, chars in _TABLE.items() for ch in chars}
COMPOUND = {"欧阳": 8 + 6, "司马": 5 + 3, "诸葛": 10 + 12, "上官": 3 + 8, "东方": 5 + 4}


def surname_strokes(name: str) -> int:
    """Strokes of the surname (two-character surnames counted whole)."""
    name = (name or "").strip()
    if name[:2] in COMPOUND:
        return COMPOUND[name[:2]]
    return STROKES.get(name[:1], UNKNOWN)

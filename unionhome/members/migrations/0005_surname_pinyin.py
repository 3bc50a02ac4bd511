"""Stored pinyin keys of names beginning with a polyphonic surname (单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou,
朴 piao …) are recomputed with the surname reading of core.pinyin, so search and sorting find them."""
from django.db import migrations
from django.db.models import Q
from pypinyin import Style, lazy_pinyin

# core.pinyin's tables as of this migration, frozen here as migrations must be
COMPOUND_SURNAMES = {"尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu")}
SURNAMES = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha", "盖": "ge",
    "缪": "miao", "覃": "qin", "翟": "zhai", "秘": "bi", "种": "chong", "繁": "po", "召": "shao", "折": "she",
    "员": "yun", "句": "gou", "隗": "wei", "都": "du", "薄": "bo", "藏": "zang", "洗": "xian", "粘": "nian",
    "乜": "nie", "祭": "zhai", "宓": "fu", "能": "nai", "长": "zhang", "乐": "yue", "尉": "wei", "柏": "bai",
}


def _keys(name: str) -> tuple[str, str]:
    if name[:2] in COMPOUND_SURNAMES:
        head, rest = list(COMPOUND_SURNAMES[name[:2]]), name[2:]
    else:
        head, rest = [SURNAMES[name[0]]], name[1:]
    full = head + (lazy_pinyin(rest, style=Style.NORMAL, errors="default") if rest else [])
    first = head + (lazy_pinyin(rest, style=Style.FIRST_LETTER, errors="default") if rest else [])
    return "".join(full).lower().replace(" ", ""), "".join(p[0] for p in first if p).lower()


def forwards(apps, schema_editor):
    Worker = apps.get_model("members", "Worker")
    starts = Q()
    for prefix in [*SURNAMES, *COMPOUND_SURNAMES]:
        starts |= Q(name__startswith=prefix)
    for worker in Worker.objects.filter(starts).only("pk", "name", "name_pinyin", "name_initials").iterator(2000):
        full, initials = _keys(worker.name)
        if (full, initials) != (worker.name_pinyin, worker.name_initials):
            Worker.objects.filter(pk=worker.pk).update(name_pinyin=full, name_initials=initials)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_id_numbers_in_ascii_digits")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""P8, the page part (docs/performance-targets.md): 300 one-page ballots, certificates and activation slips.

Each document is built by the real builder (``elections.documents.ballot``, ``awards.documents.certificates_docx``,
``accounts.documents.slips``; their database reads are replaced by the same in-memory rows, so only the document
is timed) and, as the baseline, by python-docx writing the same content directly, page by page (add a heading,
paragraphs, a table, set each cell's text, a page break), then saved. Median of 5 runs each.

    DB=sqlite scripts/bench.sh bench/p8_pages.py [--pages 300]

Prints the figures; the last line holds the worst ratio; exits 1 when a ratio is above 2× or a document takes
more than 1.5 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace as NS
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")

NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
UNION = "测试机关工会"


def _median(build, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        build()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    import django

    django.setup()
    from django.utils import timezone
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    from bench._common import machine
    from unionhome.accounts import documents as account_docs
    from unionhome.awards import documents as award_docs
    from unionhome.core.docx import cn_date, cn_date_upper
    from unionhome.elections import documents as election_docs

    n = args.pages
    listed = [NS(worker=NS(name=name)) for name in NAMES]
    election = NS(union=NS(name=UNION), title="2026年工会委员会换届选举", seats=5, entitled=n)
    issued_on = dt.date(2026, 12, 15)
    round_ = NS(union=NS(name=UNION), finalised_on=issued_on)
    awards = [NS(worker=NS(name=NAMES[i % 8] + str(i)), year=2026, kind=NS(name="优秀工会会员"),
                 certificate_no=f"2026-{i:04d}") for i in range(n)]
    expires = timezone.now()
    slips = [NS(group=f"第{g}小组", name=f"{NAMES[i]}{g}", card_number=f"C{g:04d}{i}", username=f"u{g}_{i}",
                code="ABCD-EFGH", expires_at=expires) for g in range(n) for i in range(8)]
    intro = "应选5名。候选人按姓氏笔画为序。在候选人姓名下方的“赞成”“反对”“弃权”栏内画“○”。"

    def real_ballots():
        with mock.patch.object(election_docs, "ballot_candidates", lambda e: listed):
            return election_docs.ballot(election, n)

    def direct_ballots():
        doc = Document()
        for i in range(n):
            if i:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            doc.add_heading(f"{UNION}{election.title}选票", level=1)
            doc.add_paragraph(intro)
            rows = [[name, "", "", ""] for name in NAMES] + [["另选他人：", "", "—", "—"]] * 5
            table = doc.add_table(rows=len(rows) + 1, cols=4)
            table.style = "Table Grid"
            for row, values in zip(table.rows, [["候选人", "赞成", "反对", "弃权"]] + rows):
                for cell, value in zip(row.cells, values):
                    cell.text = value
        return _save(doc)

    def real_certificates():
        with mock.patch("unionhome.awards.queries.awards_of", lambda r, standing_only: awards):
            return award_docs.certificates_docx(round_)

    def direct_certificates():
        doc = Document()
        for i, award in enumerate(awards):
            if i:
                doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            title = doc.add_paragraph()
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = title.add_run("荣 誉 证 书")
            run.bold, run.font.size = True, Pt(36)
            doc.add_paragraph().add_run(f"{award.worker.name}同志：").font.size = Pt(18)
            doc.add_paragraph().add_run(f"在2026年度工作中表现突出，被评为{UNION}2026年度“优秀工会会员”。特发此证，以资鼓励。").font.size = Pt(18)
            sign = doc.add_paragraph()
            sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            sign.add_run(f"{UNION}\n{cn_date_upper(issued_on)}").font.size = Pt(16)
            doc.add_paragraph().add_run(f"证书编号：{award.certificate_no}").font.size = Pt(10)
        return _save(doc)

    def real_slips():
        return account_docs.slips(union=NS(name=UNION), issued=slips, activate_url="https://union.example/activate")

    def direct_slips():
        doc = Document()
        for g in range(n):
            if g:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            doc.add_paragraph().add_run(f"{UNION}第{g}小组会员账号激活通知单").bold = True
            doc.add_paragraph("请在有效期内用手机打开 https://union.example/activate ，输入手机号或会员证号和本人的激活码。")
            rows = slips[g * 8:(g + 1) * 8]
            table = doc.add_table(rows=len(rows) + 1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ["姓名", "会员证号", "用户名", "激活码", "有效期至"]):
                cell.text = text
            for row, slip in zip(table.rows[1:], rows):
                for cell, text in zip(row.cells, [slip.name, slip.card_number, slip.username, slip.code,
                                                  cn_date(timezone.localtime(slip.expires_at).date())]):
                    cell.text = text
            doc.add_paragraph(f"{UNION}　{cn_date(issued_on)}")
        return _save(doc)

    def _save(doc):
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    print(f"machine: {machine()}; load {os.getloadavg()[0]:.1f}; {n} pages each, median of 5")
    worst, ok = 0.0, True
    for label, real, direct in (("ballots", real_ballots, direct_ballots),
                                ("certificates", real_certificates, direct_certificates),
                                ("activation slips", real_slips, direct_slips)):
        pages = len(Document(io.BytesIO(real())).element.body.xpath('.//w:br[@w:type="page"]')) + 1
        t_real, t_direct = _median(real), _median(direct)
        ratio = t_real / t_direct
        worst = max(worst, ratio)
        ok = ok and ratio <= 2 and t_real <= 1.5 and pages == n
        print(f"{label}: {pages} pages, builder {t_real * 1000:.0f} ms, python-docx direct {t_direct * 1000:.0f} ms, "
              f"ratio {ratio:.2f}×")
    print(f"P8 pages {'PASS' if ok else 'MISS'} (target ≤ 2× and about a second for {n} pages): worst ratio {worst:.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

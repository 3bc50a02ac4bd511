"""Competitions: a format, its entries (a person or a union-group team), matches and results, prizes.

The standings, pairings and brackets are computed by the pure engines in ``formats/`` from
these rows; nothing derived is stored except what officers decide (results, drawn lots, prizes).
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.models import UnionOwned


class Sport(models.TextChoices):
    CYCLING = "cycling", _("骑行")
    CHESS = "chess", _("中国象棋")
    TABLE_TENNIS = "table_tennis", _("乒乓球")
    VOLLEYBALL = "volleyball", _("排球")
    OTHER = "other", _("其他")


class Format(models.TextChoices):
    TIMED = "timed", _("计时赛")
    ROUND_ROBIN = "round_robin", _("单循环赛")
    SWISS = "swiss", _("积分编排（瑞士制）")
    KNOCKOUT = "knockout", _("单败淘汰赛")
    TEAM_ROUND_ROBIN = "team_round_robin", _("团体循环赛（局分）")


class Competition(UnionOwned):
    class EntryKind(models.TextChoices):
        PERSON = "person", _("个人")
        TEAM = "team", _("小组团体")

    class Status(models.TextChoices):
        DRAFT = "draft", _("报名中")
        RUNNING = "running", _("比赛中")
        FINISHED = "finished", _("已结束")

    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="competitions", verbose_name=_("所属活动"))
    title = models.CharField(_("名称"), max_length=120)
    sport = models.CharField(_("项目"), max_length=20, choices=Sport.choices)
    format = models.CharField(_("赛制"), max_length=20, choices=Format.choices)
    entry_kind = models.CharField(_("参赛方式"), max_length=10, choices=EntryKind.choices, default=EntryKind.PERSON)
    held_on = models.DateField(_("比赛日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # round robin / Swiss: points for a win, a draw, a loss (chess default 1 / ½ / 0)
    win_points = models.DecimalField(_("胜局得分"), max_digits=4, decimal_places=1, default=Decimal(1))
    draw_points = models.DecimalField(_("和局得分"), max_digits=4, decimal_places=1, default=Decimal("0.5"))
    loss_points = models.DecimalField(_("负局得分"), max_digits=4, decimal_places=1, default=Decimal(0))
    swiss_rounds = models.PositiveSmallIntegerField(_("编排轮数"), default=0)
    # games in sets (volleyball, table tennis)
    best_of = models.PositiveSmallIntegerField(_("局数（几局几胜）"), default=0)
    set_points = models.PositiveSmallIntegerField(_("每局分数"), default=0)
    deciding_set_points = models.PositiveSmallIntegerField(_("决胜局分数"), default=0)
    match_points = models.CharField(_("场分（3-0/3-1胜、3-2胜、2-3负、0-3/1-3负）"), max_length=20, default="3,2,1,0")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("比赛")
        constraints = [
            models.CheckConstraint(condition=Q(format__in=[f.value for f in Format]), name="competition_format_valid"),
            models.CheckConstraint(condition=Q(status__in=["draft", "running", "finished"]),
                                   name="competition_status_valid"),
            models.CheckConstraint(condition=Q(best_of=0) | Q(best_of__in=[3, 5, 7]), name="competition_best_of_odd"),
        ]
        indexes = [models.Index(fields=["union", "-held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def uses_sets(self) -> bool:
        return self.best_of > 0

    @property
    def sets_label(self) -> str:
        return gettext("%(best_of)s局%(value)s胜") % {"best_of": self.best_of, "value": self.best_of // 2 + 1} if self.best_of else ""


class Entry(UnionOwned):
    """One participant: a person (``worker``) or a union group's team (``worker`` empty)."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    worker = models.ForeignKey("members.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("org.UnionGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("工会小组"))
    name = models.CharField(_("参赛名称"), max_length=120)
    seed = models.PositiveSmallIntegerField(_("种子序号"), default=0)
    lot = models.PositiveSmallIntegerField(_("抽签号"), null=True, blank=True)
    seconds = models.DecimalField(_("成绩（秒）"), max_digits=9, decimal_places=2, null=True, blank=True)
    did_not_finish = models.BooleanField(_("未完成"), default=False)

    class Meta:
        ordering = ["seed", "id"]
        verbose_name = _("参赛者")
        constraints = [
            models.UniqueConstraint(fields=["competition", "worker"], condition=Q(worker__isnull=False),
                                    name="entry_one_per_worker"),
            models.UniqueConstraint(fields=["competition", "group"], condition=Q(worker__isnull=True),
                                    name="entry_one_team_per_group"),
            models.CheckConstraint(condition=Q(worker__isnull=False) | Q(group__isnull=False),
                                   name="entry_person_or_team"),
            models.CheckConstraint(condition=Q(seconds__isnull=True) | Q(did_not_finish=False),
                                   name="entry_time_or_dnf"),
        ]

    def __str__(self) -> str:
        return self.name


class Match(UnionOwned):
    """A game between two entries (``b`` empty: a bye), placed by round and position.

    Round robin and Swiss matches are created when the round is scheduled or paired; bracket
    matches when both players are known. ``score_a`` is 1 / ½ / 0 for chess-like games;
    ``sets`` holds the set scores [[a, b], …] for games in sets.
    """

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="matches")
    round = models.PositiveSmallIntegerField(_("轮次"))
    index = models.PositiveSmallIntegerField(_("场序"))
    a = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="+")
    b = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    score_a = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    sets = models.JSONField(null=True, blank=True)
    winner = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    played_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["round", "index", "id"]
        verbose_name = _("对局")
        constraints = [
            models.UniqueConstraint(fields=["competition", "round", "index"], name="match_slot_once"),
            models.CheckConstraint(condition=Q(score_a__isnull=True) | Q(score_a__in=[0, Decimal("0.5"), 1]),
                                   name="match_score_win_draw_loss"),
            models.CheckConstraint(condition=~Q(a=models.F("b")), name="match_two_different_entries"),
        ]

    def __str__(self) -> str:
        return f"{self.a} - {self.b or '轮空'}"

    @property
    def played(self) -> bool:
        return self.score_a is not None or self.sets is not None

    @property
    def is_bye(self) -> bool:
        return self.b_id is None


class Prize(UnionOwned):
    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="prizes")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="prizes")
    rank = models.PositiveSmallIntegerField(_("名次"))
    title = models.CharField(_("奖项"), max_length=40)
    amount = models.DecimalField(_("奖品价值"), max_digits=12, decimal_places=2)
    awarded_on = models.DateField(_("颁奖日期"))

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("奖项")
        constraints = [
            models.UniqueConstraint(fields=["competition", "entry"], name="prize_one_per_entry"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="prize_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.competition} {self.title} {self.entry}"

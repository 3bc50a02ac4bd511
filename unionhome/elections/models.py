"""Elections (换届选举 / 增补选举), their candidates, electorate, participation and secret ballots.

The ``Ballot`` table is deliberately not a ``UnionOwned`` model: that base adds ``created_at`` /
``updated_at``, and a ballot must carry no time. It holds no voter key, has a random UUID key, and
its rows are pre-allocated when the vote opens (one blank slot per elector, in random order);
casting fills a randomly chosen blank slot, so neither the key nor the physical row order tells
who voted or when (see ``services_voting.ballot_cast``). At closing the box is re-stored: blank
slots dropped, filled ballots re-inserted in a fresh random order under fresh keys by the closing
transaction, old row versions purged (``services_voting.ballot_box_restore``; guarantee and limits
in that module's docstring).
"""
from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhome.core import uploads
from unionhome.core.models import UnionOwned


class Election(UnionOwned):
    class Kind(models.TextChoices):
        GENERAL = "general", _("换届选举")
        BY = "by", _("增补选举")

    class Purpose(models.TextChoices):
        COMMITTEE = "committee", _("委员")
        CHAIR = "chair", _("主席（主任）")
        VICE_CHAIR = "vice_chair", _("副主席")

    class Mode(models.TextChoices):
        PAPER = "paper", _("纸质选票")
        ONLINE = "online", _("网上无记名投票")

    class Body(models.TextChoices):
        MEMBERS = "members", _("会员大会")
        REPRESENTATIVES = "representatives", _("会员代表大会")
        COMMITTEE = "committee", _("新一届委员会全体会议")

    class Status(models.TextChoices):
        DRAFT = "draft", _("筹备中")
        OPEN = "open", _("投票中")
        # Online: voting has stopped and the box is counted, but the traces the votes left in the database files
        # are not yet verified gone (a reader blocks the purge); not reported closed until they are.
        CLOSING = "closing", _("已截止，等待清除投票痕迹")
        CLOSED = "closed", _("已闭票计票")
        RELEASED = "released", _("结果已公布（待批复）")
        APPROVED = "approved", _("上级已批复")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        ELECTED = "elected", _("选举有效，名额已选满")
        NO_QUORUM = "no_quorum", _("到会人数不足三分之二，不得进行选举")
        VOID_ROUND = "void_round", _("收回选票多于发出选票，本轮选举无效")
        RUNOFF = "runoff", _("末位得票相同，须在票数相等的候选人中再次投票")
        SHORTFALL_ROUND = "shortfall_round", _("当选人数不足，须在未当选候选人中另行选举")
        SHORTFALL_VACANT = "shortfall_vacant", _("当选人数不足，缺额不再补选")

    committee_kind = models.CharField(_("委员会"), max_length=10)  # committees.Committee.Kind
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(_("选举职务"), max_length=12, choices=Purpose.choices, default=Purpose.COMMITTEE)
    mode = models.CharField(_("投票方式"), max_length=10, choices=Mode.choices)
    body = models.CharField(_("选举机构"), max_length=20, choices=Body.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("所属选举"))
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    term = models.ForeignKey("committees.Term", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="elections", verbose_name=_("对应届次"))
    title = models.CharField(_("名称"), max_length=120)
    seats = models.PositiveSmallIntegerField(_("应选名额"))
    term_years = models.PositiveSmallIntegerField(_("任期（年）"), null=True, blank=True)
    held_on = models.DateField(_("选举日期"))
    opens_at = models.DateTimeField(_("投票开始"), null=True, blank=True)
    closes_at = models.DateTimeField(_("投票截止"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    scrutineers = models.ManyToManyField("members.Worker", related_name="+", blank=True, verbose_name=_("监票人"))
    tellers = models.ManyToManyField("members.Worker", related_name="+", blank=True, verbose_name=_("计票人"))
    # Counts: entered by the tellers (paper) or derived at closing (online).
    entitled = models.PositiveIntegerField(_("应到会人数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到会人数"), null=True, blank=True)
    ballots_issued = models.PositiveIntegerField(_("发出选票"), null=True, blank=True)
    ballots_returned = models.PositiveIntegerField(_("收回选票"), null=True, blank=True)
    ballots_invalid = models.PositiveIntegerField(_("无效票"), null=True, blank=True)
    outcome = models.CharField(_("选举结果"), max_length=20, choices=Outcome.choices, blank=True, default="")
    released_on = models.DateField(_("公布日期"), null=True, blank=True)
    approved_on = models.DateField(_("批复日期"), null=True, blank=True)
    approval_document = models.CharField(_("批复文号"), max_length=100, blank=True)
    approved_by = models.CharField(_("批复单位/人"), max_length=100, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("选举")

    def __str__(self) -> str:
        return self.title

    @property
    def root(self) -> Election:
        node = self
        while node.parent_id is not None:
            node = node.parent
        return node

    @property
    def results_visible(self) -> bool:
        return self.status in (self.Status.RELEASED, self.Status.APPROVED)


class Elector(UnionOwned):
    """One entitled voter (应到会) of an election, fixed when the vote opens."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="electors")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "worker"], name="elector_unique")]


def candidate_photo_path(instance, filename: str) -> str:
    """A generated name: the uploader's file name never reaches the disk (ASVS 5.3.2)."""
    return f"elections/candidates/{instance.union_id}/{uploads.generated_name(filename)}"


class Candidate(UnionOwned):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+", verbose_name=_("候选人"))
    nominated_by = models.CharField(_("推荐方式"), max_length=100, blank=True)
    confirmed = models.BooleanField(_("已确定为正式候选人"), default=False)
    write_in = models.BooleanField(_("另选他人"), default=False)
    strokes = models.PositiveSmallIntegerField(_("姓氏笔画"), default=0)
    for_votes = models.PositiveIntegerField(_("赞成"), default=0)
    against_votes = models.PositiveIntegerField(_("反对"), default=0)
    abstain_votes = models.PositiveIntegerField(_("弃权"), default=0)
    elected = models.BooleanField(_("当选"), default=False)
    tied = models.BooleanField(_("末位票数相同"), default=False)
    # Shown beside the name on the online ballot, so voters know whom they choose.
    photo = models.FileField(_("照片"), upload_to=candidate_photo_path, max_length=200, blank=True)
    photo_type = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["write_in", "strokes", "worker__name_pinyin", "id"]
        verbose_name = _("候选人")
        constraints = [models.UniqueConstraint(fields=["election", "worker"], name="candidate_unique_in_election")]

    def __str__(self) -> str:
        return self.worker.name


class Participation(UnionOwned):
    """Who has voted online (not how): unique per election and voter, written with the ballot."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="participations")
    worker = models.ForeignKey("members.Worker", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "worker"], name="participation_once_per_voter")]


class Ballot(models.Model):
    """A secret online ballot. No voter, no time, a random key; see the module docstring.

    ``marks`` has one character per confirmed candidate in list order: ``F`` for, ``A`` against,
    ``X`` abstain; ``write_ins`` the sorted ids of members written in (另选他人), comma-separated.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    union = models.ForeignKey("core.Union", on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    receipt = models.CharField(_("回执码"), max_length=16, unique=True)
    filled = models.BooleanField(default=False)  # a blank slot until a voter fills it
    marks = models.CharField(max_length=200, blank=True, default="")
    write_ins = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("选票")
        # Finding a random blank slot stays an index probe however many are filled.
        indexes = [models.Index(fields=["election", "id"], condition=models.Q(filled=False), name="ballot_blank_slots")]

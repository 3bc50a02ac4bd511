"""Writes of the suggestions (issue 10 §2): submit, assign, answer (with the assessment), implementation steps,
the author's rating. Each is atomic, audited, and tells the author."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from unionhome.accounts.queries import holds_role
from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value
from unionhome.suggestions.events import tell_author
from unionhome.suggestions.models import Category, Suggestion, SuggestionPhoto, SuggestionStep

MANAGER_ROLES = ("committee", "chair", "admin")


def _step(suggestion: Suggestion, kind: str, note: str = "") -> None:
    SuggestionStep.objects.create(union=suggestion.union, suggestion=suggestion, kind=kind, note=note)


def _locked(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def _author_of(actor, union):
    profile = getattr(actor, "profile", None)
    worker = getattr(profile, "worker", None) if profile is not None else None
    if worker is None or worker.union_id != union.pk:
        raise RuleViolation("no_member_record", gettext("您的账号没有关联会员档案，无法提出建议"))
    return worker


def _photos_checked(union, already: int, photos) -> list:
    """At most ``suggestions.photos_max`` photos, each a real image under the size limit (core.uploads)."""
    most = int(rule_value("suggestions.photos_max", union=union))
    if already + len(photos) > most:
        raise RuleViolation("too_many_photos", gettext("每条建议最多 %(most)s 张照片") % {"most": most}, field="photos")
    max_bytes = int(rule_value("suggestions.photo_max_bytes", union=union))
    return [uploads.upload_check(upload, accept=uploads.PHOTO, max_bytes=max_bytes, field="photos") for upload in photos]


def _photo_store(suggestion: Suggestion, upload, kind) -> SuggestionPhoto:
    photo = SuggestionPhoto(union=suggestion.union, suggestion=suggestion, content_type=kind.content_type,
                            size=upload.size)
    uploads.upload_store(photo.file, upload, kind)
    photo.save()
    return photo


@transaction.atomic
def suggestion_submit(*, actor, union, title: str, text: str, category: str, anonymous: bool = False,
                      group=None, photos=(), on: dt.date | None = None) -> Suggestion:
    """A member (or a group leader for the group they lead) submits a suggestion; the answer is due within
    ``suggestions.answer_days``. Anonymous hides the name from the committee, never from the author's own pages."""
    on = on or timezone.localdate()
    author = _author_of(actor, union)
    if category not in Category.values:
        raise RuleViolation("category_unknown", gettext("请选择建议类别"), field="category")
    if not title.strip() or not text.strip():
        raise RuleViolation("suggestion_empty", gettext("请填写标题和建议内容"), field="text")
    if group is not None and not holds_role(actor, union, "group_leader", group=group):
        raise RuleViolation("not_group_leader", gettext("只能代表自己担任组长的工会小组提出建议"), field="group")
    kinds = _photos_checked(union, 0, photos)
    number = (Suggestion.objects.filter(union=union, year=on.year).aggregate(n=Max("number"))["n"] or 0) + 1
    days = int(rule_value("suggestions.answer_days", union=union, on=on))
    suggestion = Suggestion.objects.create(
        union=union, year=on.year, number=number, title=title.strip(), text=text.strip(), category=category,
        author=author, submitted_by=actor, group=group, anonymous=anonymous, answer_due=on + dt.timedelta(days=days))
    for upload, kind in zip(photos, kinds, strict=True):
        _photo_store(suggestion, upload, kind)
    _step(suggestion, SuggestionStep.Kind.SUBMITTED)
    audit_log(actor=actor, action="suggestions.suggestion.submitted", target=suggestion,
              after={"title": suggestion.title, "category": category, "anonymous": anonymous,
                     "group": group.pk if group else None, "photos": len(photos)})
    return suggestion


@transaction.atomic
def suggestion_photo_add(*, actor, suggestion: Suggestion, upload) -> SuggestionPhoto:
    """The author adds a photo to their suggestion while it waits for its answer."""
    suggestion = _locked(suggestion)
    if suggestion.submitted_by_id != getattr(actor, "pk", None):
        raise RuleViolation("not_author", gettext("只有建议提出人可以补充照片"))
    if suggestion.is_answered:
        raise Conflict("suggestion_answered", gettext("建议已答复，不能再补充照片"))
    [kind] = _photos_checked(suggestion.union, suggestion.photos.count(), [upload])
    photo = _photo_store(suggestion, upload, kind)
    audit_log(actor=actor, action="suggestions.photo.added", target=suggestion,
              after={"file": photo.file.name, "size": photo.size, "type": photo.content_type})
    return photo


@transaction.atomic
def suggestion_assign(*, actor, suggestion: Suggestion, assignee) -> Suggestion:
    """The committee hands the suggestion to one of its officers to handle and answer."""
    suggestion = _locked(suggestion)
    if suggestion.is_answered:
        raise Conflict("suggestion_answered", gettext("建议已答复，不能再分办"))
    if not holds_role(assignee, suggestion.union, MANAGER_ROLES):
        raise RuleViolation("assignee_not_officer", gettext("承办人须是本工会的委员或主席"), field="assignee")
    before = {"assignee": suggestion.assignee_id, "status": suggestion.status}
    suggestion.assignee = assignee
    suggestion.status = Suggestion.Status.ASSIGNED
    suggestion.save(update_fields=["assignee", "status", "updated_at"])
    _step(suggestion, SuggestionStep.Kind.ASSIGNED)
    audit_log(actor=actor, action="suggestions.suggestion.assigned", target=suggestion, before=before,
              after={"assignee": assignee.pk, "status": suggestion.status})
    tell_author(suggestion, "suggestions.assigned")
    return suggestion


@transaction.atomic
def suggestion_answer(*, actor, suggestion: Suggestion, outcome: str, answer: str, reason: str = "") -> Suggestion:
    """The assessment and the answer, once. Not adopting needs its reason (the author is owed it)."""
    suggestion = _locked(suggestion)
    if suggestion.is_answered:
        raise Conflict("suggestion_answered", gettext("建议已答复"))
    if outcome not in Suggestion.Outcome.values:
        raise RuleViolation("outcome_unknown", gettext("请选择评估结论"), field="outcome")
    if outcome == Suggestion.Outcome.NOT_ADOPTED and not reason.strip():
        raise RuleViolation("reason_required", gettext("不予采纳须写明理由"), field="reason")
    if not answer.strip():
        raise RuleViolation("answer_required", gettext("请填写答复内容"), field="answer")
    before = {"status": suggestion.status}
    suggestion.outcome, suggestion.answer, suggestion.reason = outcome, answer.strip(), reason.strip()
    suggestion.status = Suggestion.Status.ANSWERED
    suggestion.answered_at = timezone.now()
    suggestion.save(update_fields=["outcome", "answer", "reason", "status", "answered_at", "updated_at"])
    _step(suggestion, SuggestionStep.Kind.ANSWERED, suggestion.answer)
    audit_log(actor=actor, action="suggestions.suggestion.answered", target=suggestion, before=before,
              after={"status": suggestion.status, "outcome": outcome, "reason": suggestion.reason})
    tell_author(suggestion, "suggestions.answered")
    return suggestion


@transaction.atomic
def suggestion_progress(*, actor, suggestion: Suggestion, note: str, done: bool = False,
                        on: dt.date | None = None) -> Suggestion:
    """Implementation of an adopted suggestion (or a proposal), step by step until done."""
    suggestion = _locked(suggestion)
    if suggestion.outcome not in (Suggestion.Outcome.ADOPTED, Suggestion.Outcome.PROPOSAL):
        raise Conflict("not_to_implement", gettext("只有采纳或立案的建议需要跟踪落实"))
    if suggestion.status == Suggestion.Status.DONE:
        raise Conflict("suggestion_done", gettext("建议已落实完毕"))
    if not note.strip():
        raise RuleViolation("note_required", gettext("请填写落实情况"), field="note")
    before = {"status": suggestion.status}
    suggestion.status = Suggestion.Status.DONE if done else Suggestion.Status.IMPLEMENTING
    suggestion.done_on = (on or timezone.localdate()) if done else None
    suggestion.save(update_fields=["status", "done_on", "updated_at"])
    _step(suggestion, SuggestionStep.Kind.DONE if done else SuggestionStep.Kind.PROGRESS, note.strip())
    audit_log(actor=actor, action="suggestions.suggestion.progress", target=suggestion, before=before,
              after={"status": suggestion.status, "note": note.strip()})
    tell_author(suggestion, "suggestions.done" if done else "suggestions.progress")
    return suggestion


@transaction.atomic
def suggestion_rate(*, actor, suggestion: Suggestion, rating: int, note: str = "") -> Suggestion:
    """Only the author rates the answer, once, and only once there is an answer."""
    suggestion = _locked(suggestion)
    if suggestion.submitted_by_id != getattr(actor, "pk", None):
        raise RuleViolation("not_author", gettext("只有建议提出人可以评价答复"))
    if not suggestion.is_answered:
        raise Conflict("not_answered", gettext("建议答复后才能评价"))
    if suggestion.rating is not None:
        raise Conflict("already_rated", gettext("已经评价过了"))
    if rating not in range(1, 6):
        raise RuleViolation("rating_range", gettext("评价为1至5星"), field="rating")
    suggestion.rating, suggestion.rating_note = rating, note.strip()[:300]
    suggestion.save(update_fields=["rating", "rating_note", "updated_at"])
    _step(suggestion, SuggestionStep.Kind.RATED, "★" * rating)
    audit_log(actor=actor, action="suggestions.suggestion.rated", target=suggestion,
              after={"rating": rating, "note": suggestion.rating_note})
    return suggestion

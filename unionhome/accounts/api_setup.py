"""A federation officer sets up a union below their federation: the page's service, for scripts."""
import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from unionhome.accounts.services_setup import union_set_up_below
from unionhome.core.models import Union
from unionhome.core.permissions import api_require
from unionhome.core.text import CleanTextSchema

router = Router(tags=[gettext_lazy("设立工会")])


class UnionSetUpIn(CleanTextSchema):
    parent_id: int | None = None
    name: str = Field(max_length=100)
    credit_code: str = Field(min_length=18, max_length=18)
    province: str = Field(max_length=20)
    founded_on: dt.date
    chair_username: str = Field(pattern=r"^[A-Za-z0-9_.@-]{3,150}$")
    chair_name: str = Field("", max_length=50)


class UnionSetUpOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None
    chair_username: str
    one_time_password: str


@router.post("/unions", response={201: UnionSetUpOut}, url_name="setup_unions")
def union_set_up(request, payload: UnionSetUpIn):
    """The chair's one-time password is in this answer only; the chair changes it at the first login."""
    ctx = api_require(request, "org.union_create")
    data = payload.dict()
    parent_id = data.pop("parent_id")
    # A parent that does not exist and one outside the federation get the same answer from the service.
    parent = (Union.objects.filter(pk=parent_id).first() or Union(pk=parent_id)) if parent_id else None
    done = union_set_up_below(actor=request.user, federation=ctx.union, parent=parent, **data)
    return Status(201, {"id": done.union.pk, "code": done.union.code, "name": done.union.name,
                        "parent_id": done.union.parent_id, "chair_username": done.chair.username,
                        "one_time_password": done.one_time_password})

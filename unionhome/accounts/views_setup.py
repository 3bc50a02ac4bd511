"""Setting up a union: the first-run page of an empty install, and a federation officer's page."""
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from unionhome.accounts.forms_setup import FirstRunForm, UnionBelowForm
from unionhome.accounts.services_setup import first_run_set_up, parent_choices, union_set_up_below
from unionhome.core.models import Union
from unionhome.core.permissions import require
from unionhome.core.views import form_page

FIELDS = ("name", "credit_code", "province", "founded_on", "chair_username", "chair_name")


def first_run(request):
    """Open to anyone, but only while the install has no union: whoever installs the platform sets it up."""
    if Union.objects.exists():
        raise Http404
    form = FirstRunForm(request.POST or None)
    return form_page(request, form, lambda d: first_run_set_up(
        **{k: d[k] for k in FIELDS}, chair_password=d["password"], federation_name=d["federation_name"],
        federation_code=d["federation_code"]),
        ok=lambda done: _("工会“%(name)s”已设立，请用主席账号 %(user)s 登录")
        % {"name": done.union.name, "user": done.chair.username}, to="accounts:login",
        template="core/form_page.html", context={
            "title": _("设立工会"),
            "intro": _("本系统还没有工会。请填写工会的基本信息和工会主席的登录账号；上级总工会可以一并建立，也可以不填。")})


@require("org.union_create")
def union_new(request):
    federation = request.ctx.union
    form = UnionBelowForm(request.POST or None, parents=parent_choices(federation), initial={"parent": federation})
    return form_page(request, form, lambda d: union_set_up_below(
        actor=request.user, federation=federation, parent=d["parent"], **{k: d[k] for k in FIELDS}),
        to=lambda done: render(request, "accounts/union_set_up.html", {"done": done}),
        template="core/form_page.html", context={
            "title": _("设立下级工会"), "intro": _("为主席生成一次性密码，首次登录须修改。")})

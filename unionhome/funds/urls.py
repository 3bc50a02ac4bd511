from django.urls import path

from unionhome.funds import views, views_policy

app_name = "funds"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("entries/new/", views.entry_new, name="entry_new"),
    path("entries/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("entries/<int:pk>/comment/", views.entry_comment, name="entry_comment"),
    path("entries/<int:pk>/attach/", views.entry_attach, name="entry_attach"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("export/", views.export, name="export"),
    path("budget/", views.budget, name="budget"),
    path("budget/set/", views.budget_set, name="budget_set"),
    path("periods/", views.periods, name="periods"),
    path("periods/signoff/", views.period_signoff, name="period_signoff"),
    path("periods/opening/", views.books_open, name="books_open"),
    path("dues/", views.dues, name="dues"),
    path("dues/pay/", views.dues_pay, name="dues_pay"),
    path("dues/rate/", views.dues_rate, name="dues_rate"),
    path("dues/import/", views.dues_import, name="dues_import"),
    path("dues/arrears/", views.dues_arrears, name="dues_arrears"),
    path("dues/review/", views.dues_review, name="dues_review"),
    path("policy/", views.policy, name="policy"),
    path("policies/", views_policy.policies, name="policies"),
    path("policies/new/", views_policy.policy_edit, name="policy_new"),
    path("policies/<int:pk>/edit/", views_policy.policy_edit, name="policy_edit"),
    path("policies/<int:pk>/publish/", views_policy.policy_publish, name="policy_publish"),
    path("payouts/unconfirmed/", views_policy.payouts_unconfirmed, name="payouts_unconfirmed"),
    path("payouts/<int:pk>/confirm/", views_policy.payout_confirm, name="payout_confirm"),
    path("overrides/", views.overrides, name="overrides"),
    path("payouts/new/", views.payout_new, name="payout_new"),
    path("payouts/requests/<int:pk>/decide/", views.payout_request_decide, name="payout_request_decide"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from unionhome.accounts import views, views_activation, views_issue, views_manage, views_two_factor

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/verify/", views_two_factor.login_verify_view, name="login_verify"),
    path("login/enrol/", views_two_factor.login_enrol_view, name="login_enrol"),
    path("login/unlock/", views_two_factor.login_unlock_view, name="login_unlock"),
    path("two-factor/", views_two_factor.two_factor_view, name="two_factor"),
    path("two-factor/recovery-codes/", views_two_factor.recovery_codes_renew_view, name="recovery_codes_renew"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("profile/", views.profile_view, name="profile"),
    path("switch-union/", views.switch_union_view, name="switch_union"),
    path("manage/", views_manage.account_list, name="manage"),
    path("manage/new/", views_manage.account_create_view, name="create"),
    path("manage/<int:pk>/", views_manage.account_detail, name="account"),
    path("manage/<int:pk>/roles/", views_manage.role_grant_view, name="role_grant"),
    path("manage/roles/<int:pk>/revoke/", views_manage.role_revoke_view, name="role_revoke"),
    path("manage/grants/<int:pk>/confirm/", views_manage.role_grant_confirm_view, name="role_grant_confirm"),
    path("manage/grants/<int:pk>/reject/", views_manage.role_grant_reject_view, name="role_grant_reject"),
    path("manage/<int:pk>/disable/", views_manage.account_disable_view, name="disable"),
    path("manage/<int:pk>/unlock/", views_manage.account_unlock_view, name="unlock"),
    path("manage/<int:pk>/two-factor/reset/", views_manage.two_factor_reset_view, name="two_factor_reset"),
    path("tokens/", views.token_list_view, name="tokens"),
    path("tokens/new/", views.token_create_view, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("manage/tokens/<int:pk>/revoke/", views_manage.token_revoke_view, name="account_token_revoke"),
    path("manage/<int:pk>/reset/", views_issue.account_reset_view, name="reset"),
    path("manage/roles-sync/", views_issue.roles_sync_view, name="roles_sync"),
    path("issue/", views_issue.issue_view, name="issue"),
    path("issue/slips/", views_issue.issue_slips_view, name="issue_slips"),
    path("issue/codes/", views_issue.issue_codes_view, name="issue_codes"),
    path("federation/viewers/", views_issue.federation_viewers_view, name="federation_viewers"),
    path("activate/", views_activation.activate_view, name="activate"),
    path("activate/self/", views_activation.activate_self_view, name="activate_self"),
]

import datetime as dt

from django.db import migrations, models
from django.utils import timezone

import unionhome.accounts.models


def expire_and_revoke_foreign_tokens(apps, schema_editor):
    """Tokens from before expiry get one (90 days after issue). A token that someone issued for another
    account (the impersonation hole) is revoked: its issue was audited with the issuer as actor."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    AuditEntry = apps.get_model("core", "AuditEntry")
    issuers = dict(AuditEntry.objects.filter(action="accounts.token.issued", target_type="accounts.apitoken")
                   .values_list("target_id", "actor_id"))
    now = timezone.now()
    for token in ApiToken.objects.filter(expires_at__isnull=True):
        token.expires_at = token.created_at + dt.timedelta(days=90)
        issuer = issuers.get(str(token.pk))
        if issuer is not None and issuer != token.user_id and token.revoked_at is None:
            token.revoked_at = now
        token.save(update_fields=["expires_at", "revoked_at"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_relations_and_constraints"),
        ("core", "0002_relations_and_constraints"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="有效期至"),
        ),
        migrations.RunPython(expire_and_revoke_foreign_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(blank=True, null=True, default=unionhome.accounts.models.default_token_expiry,
                                       verbose_name="有效期至"),
        ),
    ]

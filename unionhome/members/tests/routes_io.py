from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [
    Route("members:import", expect=by_perm("members.import")),
    # A POST without a file re-renders the form with its Chinese message.
    Route("members:import", method="post", expect=by_perm("members.import")),
    # A confirmation without a valid token goes back to the upload page.
    Route("members:import_confirm", method="post", data={"token": "0" * 32}, expect=by_perm("members.import", ok=302)),
    # Cancelling a preview deletes its stored file and goes back to the upload page.
    Route("members:import_cancel", method="post", data={"token": "0" * 32}, expect=by_perm("members.import", ok=302)),
    Route("members:import_template", expect=by_perm("members.import")),
    Route("members:export", expect=by_perm("members.export")),
    Route("members:export", data={"unmasked": "1"}, note="unmasked export: to the confirmation page, needs members.reveal",
          expect=by_perm("members.export", **dict.fromkeys(("committee", "women_committee", "group_leader"), 403),
                         **dict.fromkeys(("chair", "admin", "outsider"), 302))),
    Route("members:export_full", expect=by_perm("members.reveal")),
    Route("members:export_full", method="post", data={"reason": "报送上级工会"}, expect=by_perm("members.reveal")),
    Route("api:roster_import", method="post", expect=by_perm("members.import", ok=422)),
    Route("api:roster_export", expect=by_perm("members.export")),
    Route("api:roster_template", expect=by_perm("members.import")),
]
